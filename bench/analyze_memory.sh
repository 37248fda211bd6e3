#!/usr/bin/env bash
# Peak memory of `ab analyze` against the size of the results file: 100k, 1M and 4M records
# (3 variants x 3 metrics, paired), then 1M records whose outputs are 2 KB each (about 3x the
# bytes of the same records). Prints one line per case from `/usr/bin/time -v`; run by hand.
# Files are generated under /tmp by bench/gen_results.py (4M records: about 3.5 GB) and deleted
# at the end unless BENCH_KEEP=1.
#
#   bench/analyze_memory.sh                             # release binary
#   BENCH_PROFILE=debug bench/analyze_memory.sh 100000  # smoke test: only the 100k case
set -euo pipefail
cd "$(dirname "$0")/.."
profile="${BENCH_PROFILE:-release}"
case "$profile" in
  release) cargo build --release --locked --quiet; bin=target/release/promptctl ;;
  debug) cargo build --locked --quiet; bin=target/debug/promptctl ;;
  *) echo "BENCH_PROFILE must be release or debug, not $profile" >&2; exit 2 ;;
esac
sizes=("$@")
[ ${#sizes[@]} -gt 0 ] || sizes=(100000 1000000 4000000 1000000:2048)
root="${BENCH_DIR:-/tmp/promptctl-bench-analyze-memory}"
mkdir -p "$root"
printf '%-22s %12s %14s %10s\n' "case" "file MB" "peak RSS KiB" "wall s"
for size in "${sizes[@]}"; do
  records="${size%%:*}"
  pad=0
  [ "$size" = "$records" ] || pad="${size#*:}"
  dir="$root/$records-$pad"
  if [ ! -f "$dir/results/bench/r1.jsonl" ]; then
    python3 bench/gen_results.py "$dir" "$records" "$pad" > /dev/null
  fi
  file="$dir/results/bench/r1.jsonl"
  cat "$file" > /dev/null   # warm the page cache
  /usr/bin/time -v "$bin" -C "$dir" ab analyze bench --format json > "$dir/analysis.json" 2> "$dir/time.txt"
  rss=$(sed -n 's/^\s*Maximum resident set size (kbytes): //p' "$dir/time.txt")
  wall=$(sed -n 's/^\s*Elapsed (wall clock) time (h:mm:ss or m:ss): //p' "$dir/time.txt")
  mb=$(( $(stat -c %s "$file") / 1000000 ))
  printf '%-22s %12s %14s %10s\n' "$records records, pad $pad" "$mb" "$rss" "$wall"
  python3 -c "import json,sys; d=json.load(open('$dir/analysis.json')); assert d['records'] == $records, d['records']"
done
if [ -z "${BENCH_KEEP:-}" ]; then
  rm -rf "$root"
fi
