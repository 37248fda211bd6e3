#!/usr/bin/env python3
"""Writes a `git fast-import` stream for the versioning benchmark.

A library of PROMPTS prompt files in 50 folders, then COMMITS commits in all on one branch, each
after the first touching 1-3 prompts (edits to the body and sometimes to the front matter).
Deterministic: a fixed seed, fixed identities and dates one minute apart.

Usage: gen_versioning_repo.py [PROMPTS] [COMMITS] | git fast-import --quiet
"""
import random
import sys

PROMPTS = int(sys.argv[1]) if len(sys.argv) > 1 else 1000
COMMITS = int(sys.argv[2]) if len(sys.argv) > 2 else 10000
START = 1767225600  # 2026-01-01T00:00:00Z
AUTHORS = [("Ada Lovelace", "ada@example.com"), ("Alan Turing", "alan@example.com"),
           ("Grace Hopper", "grace@example.com"), ("Edsger Dijkstra", "edsger@example.com")]
WORDS = "the customer asks about order refund shipping delay tone kind brief clear answer policy".split()

rng = random.Random(42)
out = sys.stdout.buffer


def path(i):
    return f"prompts/team{i % 50:02d}/prompt{i:04d}.prompt"


state = {}


def content(i, revision):
    temperature = round(0.1 * (revision % 10), 1)
    lines = [" ".join(rng.choice(WORDS) for _ in range(12)) for _ in range(6)]
    return (
        f"---\nstatus: active\nconfig:\n  temperature: {temperature}\n"
        f"input:\n  schema:\n    question: string\n---\n"
        f"You answer questions for team {i % 50}.\n" + "\n".join(lines) + "\n{{question}}\n"
    )


def data(payload: bytes):
    out.write(b"data %d\n" % len(payload))
    out.write(payload)
    out.write(b"\n")


def commit(n, message, files):
    name, email = AUTHORS[n % len(AUTHORS)]
    when = START + 60 * n
    out.write(b"commit refs/heads/main\n")
    out.write(b"mark :%d\n" % (n + 1))
    out.write(f"author {name} <{email}> {when} +0000\n".encode())
    out.write(f"committer {name} <{email}> {when} +0000\n".encode())
    data(message.encode())
    if n > 0:
        out.write(b"from :%d\n" % n)
    for p, text in files:
        out.write(f"M 100644 inline {p}\n".encode())
        data(text.encode())


first = [("promptctl.yaml", "prompts: prompts\n")]
for i in range(PROMPTS):
    state[i] = 0
    first.append((path(i), content(i, 0)))
commit(0, "Import the library", first)
for n in range(1, COMMITS):
    touched = rng.sample(range(PROMPTS), rng.randint(1, 3))
    files = []
    for i in touched:
        state[i] += 1
        files.append((path(i), content(i, state[i])))
    commit(n, f"Tune {len(touched)} prompt(s)", files)
out.write(b"done\n")
