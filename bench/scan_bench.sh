#!/usr/bin/env bash
# Precision/recall and throughput of `promptctl scan` on a generated, labelled corpus.
#
#   bench/scan_bench.sh [FILES] [LINES_PER_FILE]      # defaults: 10000 files, 24 lines
#
# Builds the release binary, generates bench/out/scan-FILES/ with bench/scan_corpus.py, times
# `promptctl scan` over it (best of 3, wall clock), and prints per-rule precision and recall with
# bench/scan_eval.py, then the peak resident memory of one scan (`/usr/bin/time -v`). Run by
# hand; nothing here is a test. For per-detector MB/s on one core, see `cargo bench --bench scan`.
set -euo pipefail
cd "$(dirname "$0")/.."
files=${1:-10000}
lines=${2:-24}
out="bench/out/scan-$files-$lines"
cargo build --release --quiet
bin="$PWD/target/release/promptctl"
if [ ! -d "$out/corpus" ]; then
  python3 bench/scan_corpus.py "$out" --files "$files" --lines "$lines"
fi
bytes=$(du -sb "$out/corpus" | cut -f1)
cd "$out"
best=""
for _ in 1 2 3; do
  start=$(date +%s.%N)
  "$bin" scan corpus --format json --no-render > findings.json || true
  end=$(date +%s.%N)
  t=$(echo "$end - $start" | bc -l)
  if [ -z "$best" ] || (( $(echo "$t < $best" | bc -l) )); then best=$t; fi
done
printf 'files: %s  bytes: %s  best wall time: %.3f s  throughput: %.1f MB/s  (%s cores)\n' \
  "$files" "$bytes" "$best" "$(echo "$bytes / $best / 1000000" | bc -l)" "$(nproc)"
if [ -x /usr/bin/time ]; then
  rss=$(/usr/bin/time -v "$bin" scan corpus --format json --no-render 2>&1 >/dev/null |
    awk -F': ' '/Maximum resident set size/ { print $2 }')
  printf 'peak memory: %.0f MB\n' "$(echo "$rss / 1024" | bc -l)"
fi
python3 ../../scan_eval.py . findings.json
