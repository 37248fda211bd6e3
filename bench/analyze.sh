#!/usr/bin/env bash
# `ab analyze` over a million result records (3 variants x 3 metrics, paired), end to end from
# JSONL, with the release binary. Reports wall time and peak memory; run by hand.
#
#   bench/analyze.sh            # 1,000,000 records
#   bench/analyze.sh 200000     # fewer
set -euo pipefail
cd "$(dirname "$0")/.."
records="${1:-1000000}"
dir="target/bench-analyze-$records"
cargo build --release --quiet
if [ ! -f "$dir/results/bench/r1.jsonl" ]; then
  python3 bench/gen_results.py "$dir" "$records"
fi
cat "$dir/results/bench/r1.jsonl" > /dev/null   # warm the page cache: measure parsing, not the disk
for run in 1 2 3; do
  /usr/bin/time -f "run $run: wall %e s, user %U s, sys %S s, peak RSS %M KiB" \
    target/release/promptctl -C "$dir" ab analyze bench --format json > "$dir/analysis.json"
done
python3 -c "import json,sys; d=json.load(open('$dir/analysis.json')); print('records:', d['records'], '| recommendation:', d['recommendation'])"
