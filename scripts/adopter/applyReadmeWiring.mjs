// Applies the wiring steps of the READMEs to a stock Backstage app, exactly as
// written: every fenced block preceded by an `<!-- adopter: ... -->` marker is
// one step, so the documentation and the adopter test cannot drift apart.
//
//   node applyReadmeWiring.mjs <app dir> <flavour: new|legacy> <README>...
//
// Markers (the block follows the marker):
//   <!-- adopter: run -->                        shell commands, run in the app root
//   <!-- adopter: insert FILE before "LINE" -->  the block's lines, before the first
//                                                line that reads LINE (trimmed);
//   <!-- adopter: insert FILE after "A" then "B" -->  after the first line B that
//                                                follows a line A (quotes as in JSON)
//   <!-- adopter: prepend FILE -->               the block's lines at the top (imports)
//   <!-- adopter: merge FILE -->                 a YAML or JSON block merged into a YAML
//                                                or JSON file; lists are extended
// A marker may end with `only=new` or `only=legacy` for one frontend system.
import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import YAML from 'yaml';

const [appDir, flavour, ...readmes] = process.argv.slice(2);
if (!appDir || !['new', 'legacy'].includes(flavour) || readmes.length === 0) {
  console.error(
    'usage: applyReadmeWiring.mjs <app dir> <new|legacy> <README>...',
  );
  process.exit(2);
}

const MARKER = /^<!-- adopter: (.+?) -->$/;

/** Every marked step of one README, in document order. */
function readSteps(markdown, source) {
  const lines = markdown.split('\n');
  const steps = [];
  for (let i = 0; i < lines.length; i++) {
    const marker = MARKER.exec(lines[i].trim());
    if (!marker) continue;
    let open = i + 1;
    while (open < lines.length && lines[open].trim() === '') open++;
    if (!lines[open]?.startsWith('```')) {
      throw new Error(
        `${source}:${i + 1}: the marker is not followed by a fenced block`,
      );
    }
    const close = lines.findIndex(
      (line, n) => n > open && line.startsWith('```'),
    );
    if (close < 0)
      throw new Error(`${source}:${open + 1}: the fenced block is not closed`);
    const only = /\s+only=(new|legacy)$/.exec(marker[1]);
    steps.push({
      source: `${source}:${i + 1}`,
      command: only ? marker[1].slice(0, only.index) : marker[1],
      only: only?.[1],
      body: lines.slice(open + 1, close),
    });
    i = close;
  }
  return steps;
}

function mergeYaml(target, patch) {
  if (Array.isArray(target) && Array.isArray(patch))
    return [...target, ...patch];
  if (
    target &&
    patch &&
    typeof target === 'object' &&
    typeof patch === 'object'
  ) {
    const merged = { ...target };
    for (const [key, value] of Object.entries(patch)) {
      merged[key] = key in target ? mergeYaml(target[key], value) : value;
    }
    return merged;
  }
  return patch;
}

function apply(step) {
  const { command, body } = step;
  let match;
  if (command === 'run') {
    const script = body.join('\n');
    console.log(`$ ${script.replace(/\n/g, '\n$ ')}`);
    execFileSync('bash', ['-euo', 'pipefail', '-c', script], {
      cwd: appDir,
      stdio: 'inherit',
    });
  } else if ((match = /^insert (\S+) (before|after) (".*")$/.exec(command))) {
    const file = resolve(appDir, match[1]);
    const anchors = [...match[3].matchAll(/"((?:[^"\\]|\\.)*)"/g)].map(m =>
      JSON.parse(`"${m[1]}"`),
    );
    const lines = readFileSync(file, 'utf8').split('\n');
    let at = -1;
    for (const anchor of anchors) {
      at = lines.findIndex((line, n) => n > at && line.trim() === anchor);
      if (at < 0)
        throw new Error(`${match[1]} has no line "${anchor}" where expected`);
    }
    lines.splice(match[2] === 'before' ? at : at + 1, 0, ...body);
    writeFileSync(file, lines.join('\n'));
  } else if ((match = /^prepend (\S+)$/.exec(command))) {
    const file = resolve(appDir, match[1]);
    writeFileSync(file, `${body.join('\n')}\n${readFileSync(file, 'utf8')}`);
  } else if ((match = /^merge (\S+)$/.exec(command))) {
    const file = resolve(appDir, match[1]);
    // YAML reads JSON too; a JSON file is written back as JSON.
    const current = YAML.parse(readFileSync(file, 'utf8'));
    const merged = mergeYaml(current, YAML.parse(body.join('\n')));
    writeFileSync(
      file,
      file.endsWith('.json')
        ? `${JSON.stringify(merged, null, 2)}\n`
        : YAML.stringify(merged),
    );
  } else {
    throw new Error(`unknown step "${command}"`);
  }
}

let applied = 0;
for (const readme of readmes) {
  for (const step of readSteps(readFileSync(readme, 'utf8'), readme)) {
    if (step.only && step.only !== flavour) continue;
    console.log(`--- ${step.source}: ${step.command}`);
    try {
      apply(step);
    } catch (error) {
      console.error(`${step.source}: ${error.message}`);
      process.exit(1);
    }
    applied += 1;
  }
}
console.log(`${applied} README steps applied`);
