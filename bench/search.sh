#!/usr/bin/env bash
# Search latency over a large generated library, with a release build.
#
# Usage: bench/search.sh [COUNT] [OUT_DIR]      (defaults: 100000, bench/out/search-COUNT)
#
# Generates COUNT prompts with bench/gen_library.py (once; reused when OUT_DIR exists), then
# measures the wall time of whole `promptctl search` processes:
#   cold         first search: every file parsed, index cache written
#   warm         cache valid: stat every file, load the cache, query (median of RUNS)
#   incremental  after rewriting 100 files: only those re-read
#   no-cache     --no-cache: parse everything, write nothing
# Timing is by date +%s%N around each process, so it includes process start and output.
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

ms() { # run a command, print its wall time in ms
  local start end
  start=$(date +%s%N)
  "$@" >/dev/null
  end=$(date +%s%N)
  echo $(( (end - start) / 1000000 ))
}

median() { sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)] " ms (min " a[1] ", max " a[NR] ")"}'; }

echo "== $(nproc) cores, $COUNT prompts, $BIN $("$BIN" --version)"
echo "cold (parse all, write cache): $(ms "$BIN" -C "$OUT" search refund) ms"
echo "cache file: $(du -h "$OUT/.promptctl/cache/search-index.bin" | cut -f1)"
for query in "refund" "refund policy" "sumary meeting" "rag --status active" "--tag billing --owner support-team" "citation agent tool"; do
  # shellcheck disable=SC2086
  result=$(for _ in $(seq "$RUNS"); do ms "$BIN" -C "$OUT" search $query; done | median)
  echo "warm search $query: $result"
done
hits=$("$BIN" -C "$OUT" search refund policy --format json | python3 -c 'import json,sys; print(json.load(sys.stdin)["total"])')
echo "   ('refund policy' matches $hits prompts)"

# Rewrite 100 files (new content, new mtime) and search again.
find "$OUT/prompts" -name 'p0001*.prompt' | head -100 | while read -r f; do
  printf '\nEdited for the incremental benchmark.\n' >> "$f"
done
echo "incremental (100 files changed): $(ms "$BIN" -C "$OUT" search refund) ms"
echo "no-cache: $(ms "$BIN" -C "$OUT" search refund --no-cache) ms"
