#!/usr/bin/env python3
"""Precision and recall of `promptctl scan` per detector, against bench/scan_corpus.py labels.

Usage:
  bench/scan_eval.py OUT_DIR FINDINGS.json

FINDINGS.json is `promptctl scan OUT_DIR/corpus --format json --no-render` run from OUT_DIR
(paths then start with `corpus/`). A finding is a true positive when a "true" label has the same
path, line and rule; every other finding is a false positive (a decoy that fired, or a match in
filler text). Recall is per planted rule. `injection/undelimited-variable` is structural, not
planted, and is left out.
"""

import json
import sys
from collections import defaultdict

CHECKSUM_RULES = {"pii/payment-card", "pii/iban", "pii/es-dni", "pii/in-aadhaar", "pii/us-ssn", "pii/uk-nino"}
IGNORED = {"injection/undelimited-variable"}
OFF_BY_DEFAULT = {"pii/ip-address-internal"}


def main():
    out_dir, findings_path = sys.argv[1], sys.argv[2]
    labels = [json.loads(l) for l in open(f"{out_dir}/labels.jsonl")]
    for l in labels:
        # Planted for projects that switch the rule on; by default it must stay quiet.
        if l["rule"] in OFF_BY_DEFAULT:
            l["kind"] = "decoy"
    truth = {(l["path"], l["line"], l["rule"]) for l in labels if l["kind"] == "true"}
    planted = defaultdict(int)
    for l in labels:
        if l["kind"] == "true":
            planted[l["rule"]] += 1
    doc = json.load(open(findings_path))
    tp, fp = defaultdict(int), defaultdict(int)
    fp_examples = defaultdict(list)
    found = set()
    for f in doc["findings"]:
        if f["rule"] in IGNORED:
            continue
        key = (f["path"], f["line"], f["rule"])
        if key in truth and key not in found:
            tp[f["rule"]] += 1
            found.add(key)
        else:
            fp[f["rule"]] += 1
            fp_examples[f["rule"]].append(f"{f['path']}:{f['line']} {f['excerpt']}")
    rules = sorted(set(planted) | set(fp))
    print(f"{'rule':38} {'planted':>7} {'TP':>6} {'FP':>5} {'precision':>9} {'recall':>7}")
    totals = [0, 0, 0]
    for rule in rules:
        p, t, f = planted[rule], tp[rule], fp[rule]
        totals = [totals[0] + p, totals[1] + t, totals[2] + f]
        precision = t / (t + f) if t + f else 1.0
        recall = t / p if p else 1.0
        mark = " *" if rule in CHECKSUM_RULES else ""
        print(f"{rule + mark:38} {p:7} {t:6} {f:5} {precision:9.4f} {recall:7.4f}")
    p, t, f = totals
    print(f"{'overall':38} {p:7} {t:6} {f:5} {t / max(t + f, 1):9.4f} {t / max(p, 1):7.4f}")
    print("* checksum-validated")
    for rule, examples in sorted(fp_examples.items()):
        for e in examples[:3]:
            print(f"  FP {rule}: {e}")
    missed = sorted(truth - found)
    for m in missed[:10]:
        print(f"  missed: {m}")
    print(f"scanned {doc['summary']['files']} files, {doc['summary']['bytes']} bytes")


if __name__ == "__main__":
    main()
