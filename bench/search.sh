#!/usr/bin/env bash
# Search latency over a large generated library, with a release build.
#
# Usage: bench/search.sh [COUNT] [OUT_DIR]      (defaults: 100000, bench/out/search-COUNT)
#
# Generates COUNT prompts with bench/gen_library.py (once; reused when OUT_DIR exists), then
# measures the wall time of whole `promptctl search` processes:
#   cold         first search, no index: one streaming pass over the files answers it, and a
#                detached background process then builds the index (waited for before the rest)
#   warm         cache valid: stat every file, load the cache, query (median of RUNS)
#   --no-refresh load the cache without statting the files, query
#   incremental  after rewriting 100 files: only those re-read
#   no-cache     --no-cache: parse everything, write nothing
# Each figure is the wall time of the whole process (start, index, query, output) and, in
# brackets, its CPU time (user + system) from /usr/bin/time, which is what to compare on a busy
# machine.
set -euo pipefail
cd "$(dirname "$0")/.."

COUNT=${1:-100000}
OUT=${2:-bench/out/search-$COUNT}
RUNS=${RUNS:-7}
BIN=target/release/promptctl

cargo build --release --quiet
if [ ! -d "$OUT/prompts" ]; then
  echo "generating $COUNT prompts in $OUT"
  python3 bench/gen_library.py "$COUNT" "$OUT"
fi
rm -rf "$OUT/.promptctl/cache"

ms() { # run a command, print "WALL_MS CPU_MS"
  /usr/bin/time -f "%e %U %S" -o /tmp/promptctl-bench-time "$@" >/dev/null
  awk '{printf "%d %d\n", $1 * 1000, ($2 + $3) * 1000}' /tmp/promptctl-bench-time
}

one() { ms "$@" | awk '{print $1 " ms (cpu " $2 " ms)"}'; }

median() { sort -n | awk '{w[NR]=$1; c[NR]=$2} END {m=int((NR+1)/2); print w[m] " ms (cpu " c[m] " ms; wall min " w[1] ", max " w[NR] ")"}'; }

echo "== $(nproc) cores, $COUNT prompts, $BIN $("$BIN" --version)"
echo "cold (no index: streaming scan): $(one "$BIN" -C "$OUT" search refund)"
# The index is built in the background after a scan: wait for it (cache written, lock gone).
for _ in $(seq 1200); do
  [ -f "$OUT/.promptctl/cache/search-index.bin" ] && [ ! -f "$OUT/.promptctl/cache/search-index.lock" ] && break
  sleep 0.5
done
rm -rf "$OUT/.promptctl/cache"
echo "index build (--no-background: scan, then build in process): $(one "$BIN" -C "$OUT" search refund --no-background)"
echo "cache file: $(du -h "$OUT/.promptctl/cache/search-index.bin" | cut -f1)"
for query in "refund" "refund policy" "sumary meeting" "rag --status active" "--tag billing --owner support-team" "citation agent tool"; do
  # shellcheck disable=SC2086
  result=$(for _ in $(seq "$RUNS"); do ms "$BIN" -C "$OUT" search $query; done | median)
  echo "warm search $query: $result"
done
result=$(for _ in $(seq "$RUNS"); do ms "$BIN" -C "$OUT" search refund policy --no-refresh; done | median)
echo "warm search refund policy --no-refresh (trust the cache, no stat): $result"
hits=$("$BIN" -C "$OUT" search refund policy --format json | python3 -c 'import json,sys; print(json.load(sys.stdin)["total"])')
echo "   ('refund policy' matches $hits prompts)"

# Rewrite 100 files (new content, new mtime) and search again.
find "$OUT/prompts" -name 'p0001*.prompt' | head -100 | while read -r f; do
  printf '\nEdited for the incremental benchmark.\n' >> "$f"
done
echo "incremental (100 files changed): $(one "$BIN" -C "$OUT" search refund)"
echo "no-cache: $(one "$BIN" -C "$OUT" search refund --no-cache)"
echo "load average: $(cut -d" " -f1-3 /proc/loadavg)"
