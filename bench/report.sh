#!/usr/bin/env bash
# `promptctl report` over many result records in many files (default: 10,000,000 records in
# 1,000 files). Reports wall time and peak memory of three runs; run by hand. The generated
# project lives under /tmp (about 4.3 GB at the default size, written in a few minutes by
# bench/gen_report_results.py); delete it when done.
#
#   bench/report.sh                          # 10,000,000 records, 1,000 files, release binary
#   bench/report.sh 1000000 100              # fewer
#   BENCH_PROFILE=debug bench/report.sh 100000 100   # smoke test with the debug binary
#   BENCH_KEEP=1 bench/report.sh ...         # keep the generated project (default: deleted)
set -euo pipefail
cd "$(dirname "$0")/.."
records="${1:-10000000}"
files="${2:-1000}"
profile="${BENCH_PROFILE:-release}"
dir="${BENCH_DIR:-/tmp/promptctl-bench-report-$records-$files}"
case "$profile" in
  release) cargo build --release --locked --quiet; bin=target/release/promptctl ;;
  debug) cargo build --locked --quiet; bin=target/debug/promptctl ;;
  *) echo "BENCH_PROFILE must be release or debug, not $profile" >&2; exit 2 ;;
esac
if [ ! -f "$dir/.complete" ]; then
  rm -rf "$dir"
  start=$(date +%s)
  python3 bench/gen_report_results.py "$dir" "$records" "$files"
  echo "generated in $(( $(date +%s) - start )) s"
  touch "$dir/.complete"
fi
du -sh "$dir/results"
cat "$dir"/results/*/*.jsonl > /dev/null   # warm the page cache: measure parsing, not the disk
for run in 1 2 3; do
  /usr/bin/time -f "run $run ($profile): wall %e s, user %U s, sys %S s, peak RSS %M KiB" \
    "$bin" -C "$dir" report --by prompt,version,model --format json > "$dir/report.json"
done
python3 - "$dir/report.json" "$records" <<'PY'
import json, sys
d = json.load(open(sys.argv[1]))
want = int(sys.argv[2])
groups = d["groups"]
estimated = sum(1 for g in groups if g["latency_ms"] and not g["latency_ms"]["exact"])
print(f"records: {d['records']} | files: {d['files']} | groups: {len(groups)}"
      f" | latency percentiles estimated in {estimated} groups")
calls = sum(g["calls"] for g in groups)
if d["records"] != want or calls != want:
    sys.exit(f"expected {want} records, the report counted {d['records']} ({calls} in groups)")
PY
if [ -z "${BENCH_KEEP:-}" ]; then
  rm -rf "$dir"
fi
