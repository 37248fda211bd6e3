#!/usr/bin/env python3
"""Writes a synthetic project with many result files for `promptctl report` benchmarks, fast.

Usage: bench/gen_report_results.py DIR RECORDS FILES [TEMPLATES]

DIR becomes a promptctl project whose results/exp*/r*.jsonl hold RECORDS records in FILES files
(RECORDS // FILES each) in the full result-record format. Speed: TEMPLATES distinct files (20 by
default) are written once, with placeholders for the run id, the experiment and the day, and
every result file is derived from one of them by `sed` (two at a time), so 10,000,000 records
(about 4 GB) take minutes, not the half hour one `json.dumps` per record took. Each file keeps
its own run id, experiment (50 of them) and day (28 of them); the latencies, outcomes, prompts
and models repeat every TEMPLATES files, which is what aggregation cost depends on.
Deterministic: the same arguments give the same bytes.
"""
import os
import random
import subprocess
import sys

PROMPTS = [f"team{i}/prompt{j}" for i in range(10) for j in range(5)]
MODELS = [
    ("openai", "gpt-4o-mini", 0.0002),
    ("openai", "gpt-4o", 0.003),
    ("anthropic", "claude-haiku", 0.0008),
]


def template(path: str, index: int, per_file: int) -> None:
    """One template: `@RUN@`, `@EXP@` and `@DAY@` are filled in per result file."""
    rng = random.Random(7 + index)
    version, blob = f"v{1 + index % 4}", f"b{index % 4}"
    lines = []
    for i in range(per_file):
        prompt = PROMPTS[(index + i) % len(PROMPTS)]
        provider, model, cost = MODELS[i % len(MODELS)]
        ok = rng.random() > 0.02
        passed = "true" if ok and rng.random() < 0.8 else "false"
        latency = round(rng.lognormvariate(6.5, 0.5), 1)
        error = "null" if ok else '{"kind":"timeout","message":"t"}'
        lines.append(
            f'{{"record_version":1,"run_id":"@RUN@","experiment":"@EXP@","arm":"{model}",'
            f'"prompt":{{"name":"{prompt}","version":"{version}","blob":"{blob}"}},'
            f'"provider":"{provider}","model":"{model}","params":{{}},"case_id":"c{i // 3}",'
            f'"repeat":0,"seed":0,"request_hash":"h","output_hash":"o","pass":{passed},'
            f'"assertions":[],"latency_ms":{latency},"tokens_in":{200 + i % 50},'
            f'"tokens_out":{40 + i % 30},"cost_usd":{cost},"cached":false,"error":{error},'
            f'"started_at":"2026-11-@DAY@T10:00:00Z","finished_at":"2026-11-@DAY@T10:00:01Z",'
            f'"promptctl_version":"0"}}\n'
        )
    with open(path, "w") as f:
        f.write("".join(lines))


def main() -> None:
    out, records, files = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
    templates = int(sys.argv[4]) if len(sys.argv) > 4 else 20
    templates = max(1, min(templates, files))
    per_file = records // files
    os.makedirs(os.path.join(out, "prompts"), exist_ok=True)
    with open(os.path.join(out, "promptctl.yaml"), "w") as f:
        f.write("prompts: prompts\n")
    tdir = os.path.join(out, ".templates")
    os.makedirs(tdir, exist_ok=True)
    for t in range(templates):
        template(os.path.join(tdir, f"t{t}.jsonl"), t, per_file)
    # One `sed` per result file, two at a time: NUL-separated jobs for xargs.
    jobs = []
    for f in range(files):
        experiment, run, day = f"exp{f % 50}", f"r{f:04d}", f"{1 + f % 28:02d}"
        os.makedirs(os.path.join(out, "results", experiment), exist_ok=True)
        src = os.path.join(tdir, f"t{f % templates}.jsonl")
        dst = os.path.join(out, "results", experiment, f"{run}.jsonl")
        jobs.append(f"s/@RUN@/{run}/;s/@EXP@/{experiment}/;s/@DAY@/{day}/g\0{src}\0{dst}\0")
    script = 'sed "$1" "$2" > "$3"'
    subprocess.run(
        ["xargs", "-0", "-n", "3", "-P", "2", "sh", "-c", script, "sh"],
        input="".join(jobs).encode(),
        check=True,
    )
    for t in range(templates):
        os.remove(os.path.join(tdir, f"t{t}.jsonl"))
    os.rmdir(tdir)
    print(f"{per_file * files} records in {files} files under {out}/results")


if __name__ == "__main__":
    main()
