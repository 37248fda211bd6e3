// Renders released prompts the way an application does: from an `export --env` bundle, with the
// reference Dotprompt library and nothing of promptctl's (docs/runtime.md shows the same code).
//
// Usage: node runtime.mjs BUNDLE < requests.json
//   requests.json  [{"name": "support/reply", "input": {...}}, ...]
// Prints [{"name", "messages"} | {"name", "error"}] as JSON on stdout.
import { readFileSync } from 'node:fs';
import { Dotprompt } from 'dotprompt';

const bundle = JSON.parse(readFileSync(process.argv[2], 'utf8'));

async function renderReleased(name, data) {
  const prompt = bundle.prompts.find((p) => p.name === name);
  const dotprompt = new Dotprompt({ partials: prompt.partials });
  const render = await dotprompt.compile({ ...prompt.front_matter, template: prompt.template });
  return render(data);
}

const results = [];
for (const { name, input } of JSON.parse(readFileSync(0, 'utf8'))) {
  try {
    results.push({ name, messages: (await renderReleased(name, { input })).messages });
  } catch (error) {
    results.push({ name, error: String(error?.message ?? error) });
  }
}
process.stdout.write(JSON.stringify(results, null, 2) + '\n');
