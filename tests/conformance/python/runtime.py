"""Renders released prompts the way a Python application does: from an `export --env` bundle,
with Google's `dotpromptz` package and nothing of promptctl's (docs/runtime.md shows the same
code).

Usage: python runtime.py BUNDLE < requests.json
  requests.json  [{"name": "support/reply", "input": {...}}, ...]
Prints [{"name", "messages"} | {"name", "error"}] as JSON on stdout, messages as the library
returns them (typed parts, unset fields left out).
"""

import asyncio
import json
import sys

from dotpromptz import Dotprompt
from dotpromptz.typing import DataArgument, ParsedPrompt

with open(sys.argv[1], encoding="utf-8") as f:
    bundle = json.load(f)


async def render_released(name, data):
    prompt = next(p for p in bundle["prompts"] if p["name"] == name)
    dotprompt = Dotprompt(partials=prompt["partials"])
    metadata = dict(prompt["front_matter"])
    if isinstance(metadata.get("model"), list):  # a failover list: the app calls the first model
        metadata["model"] = metadata["model"][0]
    parsed = ParsedPrompt.model_validate({**metadata, "template": prompt["template"]})
    render = await dotprompt.compile(parsed)
    return await render(DataArgument(**data))


async def main():
    results = []
    for request in json.load(sys.stdin):
        name = request["name"]
        try:
            rendered = await render_released(name, {"input": request["input"]})
            dumped = rendered.model_dump(exclude_none=True, by_alias=True)
            results.append({"name": name, "messages": dumped["messages"]})
        except Exception as error:  # every failure is reported per prompt, as in runtime.mjs
            results.append({"name": name, "error": f"{type(error).__name__}: {error}"})
    sys.stdout.write(json.dumps(results, indent=2) + "\n")


asyncio.run(main())
