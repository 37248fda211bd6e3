#!/usr/bin/env python3
"""Writes a synthetic paired experiment with N result records for `ab analyze` benchmarks.

Usage: bench/gen_results.py DIR [RECORDS] [OUTPUT_BYTES]   (default 1,000,000 records)

OUTPUT_BYTES pads every record's output text to that many bytes (default: a short sentence),
to tell memory that grows with the records from memory that grows with the bytes.

DIR becomes a promptctl project with experiments/bench.yaml (3 variants, 3 metrics: pass,
similarity, latency_ms) and results/bench/r1.jsonl holding RECORDS records in the full
result-record format. Deterministic: the same arguments give the same bytes.
"""
import json
import os
import random
import sys


def main() -> None:
    out = sys.argv[1]
    records = int(sys.argv[2]) if len(sys.argv) > 2 else 1_000_000
    pad = int(sys.argv[3]) if len(sys.argv) > 3 else 0
    arms = ["control", "concise", "large"]
    pass_rate = {"control": 0.70, "concise": 0.72, "large": 0.78}
    sim_mean = {"control": 0.62, "concise": 0.63, "large": 0.70}
    os.makedirs(os.path.join(out, "experiments"), exist_ok=True)
    os.makedirs(os.path.join(out, "results", "bench"), exist_ok=True)
    with open(os.path.join(out, "promptctl.yaml"), "w") as f:
        f.write("prompts: prompts\n")
    with open(os.path.join(out, "experiments", "bench.yaml"), "w") as f:
        f.write(
            "dataset: datasets/cases.jsonl\n"
            "variants:\n"
            "  - id: control\n    prompt: support/reply\n    control: true\n"
            "  - id: concise\n    prompt: support/reply.concise\n"
            "  - id: large\n    prompt: support/reply\n    model: openai/gpt-4o\n"
            "assertions:\n  - type: icontains\n    value: refund\n"
            "  - type: similarity\n    threshold: 0.5\n"
            "metrics:\n  - pass\n  - similarity\n  - latency_ms\n"
        )
    rng = random.Random(7)
    cases = records // len(arms) + 1
    written = 0
    path = os.path.join(out, "results", "bench", "r1.jsonl")
    with open(path, "w") as f:
        for c in range(cases):
            for arm in arms:
                if written == records:
                    break
                passed = rng.random() < pass_rate[arm]
                sim = min(1.0, max(0.0, rng.gauss(sim_mean[arm], 0.1)))
                latency = round(rng.lognormvariate(6.5, 0.3), 1)
                # Formatted directly (json.dumps per record made 4M records take minutes); the
                # same fields, values and order as the record format.
                output = "Your refund is on its way." if passed else "Please wait."
                output = output.ljust(pad, ".")
                ok = "true" if passed else "false"
                similar = "true" if sim >= 0.5 else "false"
                f.write(
                    f'{{"record_version":1,"run_id":"r1","experiment":"bench","arm":"{arm}",'
                    f'"prompt":{{"name":"support/reply","version":"worktree","blob":"sha256:{c:064x}"}},'
                    f'"provider":"openai","model":"gpt-4o-mini","params":{{"temperature":0}},'
                    f'"case_id":"case-{c:07d}","repeat":0,"seed":0,'
                    f'"request_hash":"sha256:{c * 3 + arms.index(arm):064x}","output":"{output}",'
                    f'"output_hash":"sha256:{c * 7:064x}","finish_reason":"stop","pass":{ok},'
                    f'"assertions":[{{"metric":"icontains","pass":{ok}}},'
                    f'{{"metric":"similarity","pass":{similar},"score":{round(sim, 4)}}}],'
                    f'"latency_ms":{latency},"tokens_in":120,"tokens_out":24,"cost_usd":3.24e-05,'
                    f'"cached":false,"error":null,"started_at":"2026-01-01T00:00:00Z",'
                    f'"finished_at":"2026-01-01T00:00:01Z","promptctl_version":"0.1.0"}}\n'
                )
                written += 1
    size = os.path.getsize(path)
    print(f"{written} records, {size / 1e6:.0f} MB in {path}")


if __name__ == "__main__":
    main()
