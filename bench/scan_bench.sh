#!/usr/bin/env bash
# Precision/recall and throughput of `promptctl scan` on a generated, labelled corpus.
#
#   bench/scan_bench.sh [FILES] [LINES_PER_FILE]      # defaults: 10000 files, 24 lines
#   bench/scan_bench.sh project [PROMPTS] [distinct]   # default: 10000 prompts; `distinct`
#                                                      # gives every template its own shape
#
# The lead's three figures (run on an otherwise idle machine, release build):
#   bench/scan_bench.sh 2000 1000   # 100 MB of large files: MB/s and peak memory, no render
#   bench/scan_bench.sh project     # 10k-prompt project: wall time with render on (cold, then
#                                   # warm with the render cache), `check --all`, peak memory
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

best_of_3() {
  local best="" t start end
  for _ in 1 2 3; do
    start=$(date +%s.%N)
    "$@" > /dev/null 2>&1 || true
    end=$(date +%s.%N)
    t=$(echo "$end - $start" | bc -l)
    if [ -z "$best" ] || (( $(echo "$t < $best" | bc -l) )); then best=$t; fi
  done
  echo "$best"
}

peak_mb() {
  /usr/bin/time -v "$@" 2>&1 >/dev/null | awk -F': ' '/Maximum resident set size/ { printf "%.0f", $2 / 1024 }'
}

if [ "$files" = project ]; then
  prompts=${2:-10000}
  shapes=${3:-}
  out="bench/out/scan-project-$prompts${shapes:+-$shapes}"
  if [ ! -d "$out/prompts" ]; then
    python3 bench/gen_library.py "$prompts" "$out" ${shapes:+--distinct-shapes}
    git -C "$out" init -q && git -C "$out" add -A && git -C "$out" -c user.name=bench -c user.email=bench@example.com commit -qm library
  fi
  cd "$out"
  cold() {
    rm -f .git/promptctl/scan-renders-v1.json
    "$bin" scan --format json
  }
  printf 'prompts: %s  scan with render, cold (best of 3): %.3f s\n' "$prompts" "$(best_of_3 cold)"
  printf 'scan with render, warm (best of 3): %.3f s\n' "$(best_of_3 "$bin" scan --format json)"
  printf 'scan --no-render (best of 3): %.3f s\n' "$(best_of_3 "$bin" scan --format json --no-render)"
  printf 'check --all (best of 3): %.3f s\n' "$(best_of_3 "$bin" check --all --format json)"
  if [ -x /usr/bin/time ]; then
    printf 'peak memory: scan %s MB, check --all %s MB\n' \
      "$(peak_mb "$bin" scan --format json)" "$(peak_mb "$bin" check --all --format json)"
  fi
  exit 0
fi
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
