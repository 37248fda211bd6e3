// Renders prompts with Google's reference Dotprompt implementation (the `dotprompt` npm package).
//
// Usage: node render.mjs DIR < requests.json
//   DIR            a plain Dotprompt directory (from `promptctl export --to dotprompt`)
//   requests.json  [{"file": "support/reply.prompt", "input": {...}, "context"?: {...},
//                    "messages"?: [...]}, ...]
// Prints [{"file", "messages": [{"role", "text", "message"}]} | {"file", "error"}] as JSON on
// stdout; `text` joins the text parts, `message` is the library's message as it is (typed parts).
//
// Every `_name.prompt` file under DIR is registered as the partial `folder/name`, as Dotprompt's
// directory store does; a partial's front matter, if any, is not part of its template.
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { Dotprompt } from 'dotprompt';

const dir = process.argv[2];
const requests = JSON.parse(readFileSync(0, 'utf8'));

function walk(folder) {
  return readdirSync(folder).flatMap((name) => {
    const full = join(folder, name);
    return statSync(full).isDirectory() ? walk(full) : [full];
  });
}

const dp = new Dotprompt();
for (const full of walk(dir)) {
  const rel = relative(dir, full).split(sep).join('/');
  const match = rel.match(/^(.*\/)?_([^/]+)\.prompt$/);
  if (match) {
    const parsed = dp.parse(readFileSync(full, 'utf8'));
    dp.definePartial(`${match[1] ?? ''}${match[2]}`, parsed.template);
  }
}

const results = [];
for (const { file, input, context, messages } of requests) {
  try {
    const source = readFileSync(join(dir, file), 'utf8');
    const rendered = await dp.render(source, { input, context, messages });
    results.push({
      file,
      messages: rendered.messages.map((m) => ({
        role: m.role,
        text: m.content.map((part) => part.text ?? '').join(''),
        message: m,
      })),
    });
  } catch (error) {
    results.push({ file, error: String(error?.message ?? error) });
  }
}
process.stdout.write(JSON.stringify(results, null, 2) + '\n');
