#!/usr/bin/env bash
# `promptctl report` over many result records in many files (default: 10,000,000 records in
# 1,000 files), with the release binary. Reports wall time and peak memory; run by hand. The
# generated project lives under /tmp (about 4 GB at the default size); delete it when done.
#
#   bench/report.sh                   # 10,000,000 records, 1,000 files
#   bench/report.sh 1000000 100       # fewer
set -euo pipefail
cd "$(dirname "$0")/.."
records="${1:-10000000}"
files="${2:-1000}"
dir="${BENCH_DIR:-/tmp/promptctl-bench-report-$records-$files}"
cargo build --release --quiet
if [ ! -f "$dir/.complete" ]; then
  rm -rf "$dir"
  python3 - "$dir" "$records" "$files" <<'PY'
import json, os, random, sys
out, records, files = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
os.makedirs(out, exist_ok=True)
open(os.path.join(out, "promptctl.yaml"), "w").write("prompts: prompts\n")
os.makedirs(os.path.join(out, "prompts"), exist_ok=True)
rng = random.Random(7)
prompts = [f"team{i}/prompt{j}" for i in range(10) for j in range(5)]
models = [("openai", "gpt-4o-mini", 0.0002), ("openai", "gpt-4o", 0.003), ("anthropic", "claude-haiku", 0.0008)]
per_file = records // files
for f in range(files):
    experiment = f"exp{f % 50}"
    d = os.path.join(out, "results", experiment)
    os.makedirs(d, exist_ok=True)
    run = f"r{f:04d}"
    day = 1 + f % 28
    lines = []
    for i in range(per_file):
        prompt = prompts[(f + i) % len(prompts)]
        provider, model, cost = models[i % len(models)]
        ok = rng.random() > 0.02
        lines.append(json.dumps({
            "record_version": 1, "run_id": run, "experiment": experiment, "arm": model,
            "prompt": {"name": prompt, "version": f"v{1 + f % 4}", "blob": f"b{f % 4}"},
            "provider": provider, "model": model, "params": {}, "case_id": f"c{i // 3}",
            "repeat": 0, "seed": 0, "request_hash": "h", "output_hash": "o",
            "pass": ok and rng.random() < 0.8, "assertions": [],
            "latency_ms": round(rng.lognormvariate(6.5, 0.5), 1), "tokens_in": 200 + i % 50,
            "tokens_out": 40 + i % 30, "cost_usd": cost, "cached": False,
            "error": None if ok else {"kind": "timeout", "message": "t"},
            "started_at": f"2026-11-{day:02d}T10:00:00Z", "finished_at": f"2026-11-{day:02d}T10:00:01Z",
            "promptctl_version": "0"}, separators=(",", ":")))
    open(os.path.join(d, f"{run}.jsonl"), "w").write("\n".join(lines) + "\n")
open(os.path.join(out, ".complete"), "w").write("")
PY
fi
du -sh "$dir/results"
cat "$dir"/results/*/*.jsonl > /dev/null   # warm the page cache: measure parsing, not the disk
for run in 1 2 3; do
  /usr/bin/time -f "run $run: wall %e s, user %U s, sys %S s, peak RSS %M KiB" \
    target/release/promptctl -C "$dir" report --by prompt,version,model --format json > "$dir/report.json"
done
python3 -c "import json; d=json.load(open('$dir/report.json')); print('records:', d['records'], '| files:', d['files'], '| groups:', len(d['groups']))"
