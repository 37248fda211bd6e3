#!/usr/bin/env python3
"""Generate a synthetic promptctl library for benchmarks.

Usage: gen_library.py COUNT OUT_DIR [--seed N] [--distinct-shapes]

Writes OUT_DIR/promptctl.yaml and COUNT prompt files under OUT_DIR/prompts/, spread over nested
folders (team/area/topic), with realistic front matter (description, model, config, tags,
category, status, owners, input schema with defaults, links) and a Handlebars body that uses
roles, variables, conditionals, a partial and loops. A handful of partials and one base prompt
are written too. Deterministic for a given seed.

Every prompt's body has the same tags, so once its text is set aside every template has one
shape. With --distinct-shapes the customer variable is named after the prompt (`customer_17`) in
its schema, defaults and body: no two templates or input schemas are alike, which is how a
library of hand-written prompts looks to anything that reuses work per distinct template.
"""
import os
import random
import sys

WORDS = (
    "customer order refund invoice shipping delay account password reset billing plan upgrade "
    "summary article meeting notes action items risk code review diff security bug test coverage "
    "latency question answer context document retrieval citation policy tone friendly concise "
    "classification label sentiment intent entity extraction schema json agent tool planner step"
).split()
TEAMS = ["support", "engineering", "research", "sales", "legal", "marketing", "ops", "data"]
AREAS = ["chat", "email", "review", "summarize", "extract", "classify", "rag", "agents"]
STATUSES = ["draft", "review", "active", "active", "active", "deprecated"]
MODELS = ["openai/gpt-4o-mini", "anthropic/claude-3-5-haiku", "gemini/gemini-2.0-flash"]


def sentence(rng, n):
    return " ".join(rng.choice(WORDS) for _ in range(n))


def main():
    args = sys.argv[1:]
    if len(args) < 2:
        sys.exit(__doc__)
    count = int(args[0])
    out = args[1]
    seed = int(args[args.index("--seed") + 1]) if "--seed" in args else 7
    distinct = "--distinct-shapes" in args
    rng = random.Random(seed)
    prompts = os.path.join(out, "prompts")
    os.makedirs(prompts, exist_ok=True)
    with open(os.path.join(out, "promptctl.yaml"), "w") as f:
        f.write("prompts: prompts\ndefaults:\n  model: openai/gpt-4o-mini\n")
    os.makedirs(os.path.join(prompts, "shared"), exist_ok=True)
    for name in ("tone", "safety", "format"):
        with open(os.path.join(prompts, "shared", f"_{name}.prompt"), "w") as f:
            f.write(f"Keep a {name} that is {sentence(rng, 4)}.\n")
    names = []
    for i in range(count):
        team = TEAMS[i % len(TEAMS)]
        area = AREAS[(i // len(TEAMS)) % len(AREAS)]
        bucket = f"b{(i // 64) % 200:03d}"
        rel = f"{team}/{area}/{bucket}/p{i:06d}"
        names.append(rel)
    for i, rel in enumerate(names):
        path = os.path.join(prompts, rel + ".prompt")
        os.makedirs(os.path.dirname(path), exist_ok=True)
        tags = sorted(set(rng.sample(WORDS, 3)))
        link = names[rng.randrange(len(names))]
        customer = f"customer_{i}" if distinct else "customer"
        body = (
            '{{role "system"}}\n'
            f"You are an assistant for {sentence(rng, 6)}.\n"
            "{{> shared/tone}}\n"
            '{{role "user"}}\n'
            f"{sentence(rng, 20)}\n"
            f"Customer: {{{{{customer}}}}}\n"
            "{{#if details}}Details: {{details}}{{/if}}\n"
            "{{#each items}}- {{this}}\n{{/each}}"
            f"{sentence(rng, 30)}\n"
        )
        with open(path, "w") as f:
            f.write(
                "---\n"
                f"description: {sentence(rng, 10)}\n"
                f"model: {MODELS[i % len(MODELS)]}\n"
                "config:\n  temperature: 0.2\n  maxOutputTokens: 512\n"
                f"tags: [{', '.join(tags)}]\n"
                f"category: {rel.split('/')[1]}\n"
                f"status: {STATUSES[i % len(STATUSES)]}\n"
                f"owners: [{rel.split('/')[0]}-team]\n"
                f"links: [{link}]\n"
                f"input:\n  schema:\n    {customer}: string, who is asking\n    details?: string\n"
                "    items(array): string\n"
                f"  default:\n    {customer}: Ada\n    items: [one, two]\n"
                "---\n" + body
            )


if __name__ == "__main__":
    main()
