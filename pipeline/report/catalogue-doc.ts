/**
 * The documentation page of the diagnostics catalogue, pipeline/DIAGNOSTICS.md, made from the
 * catalogue itself so that it cannot drift: `npm run docs` writes it, and a test fails when the
 * committed page differs from what the catalogue says.
 */
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { CATALOGUE, CODES } from '../catalogue.js';

export const DOC_FILE = 'pipeline/DIAGNOSTICS.md';

export function catalogueMarkdown(): string {
  const out = [
    '# Diagnostics catalogue',
    '',
    'Every problem that `npm run validate` and `npm run build` report has one of these codes.',
    'Errors stop the build; warnings do not, unless `--strict` is given. A report line reads',
    '`file:line:column  severity  code  field "value": message`, followed by `fix: hint`.',
    '',
    'This page is generated from `pipeline/catalogue.ts` by `npm run docs`; a test checks that it is current.',
    '',
    '| code | severity | title |',
    '|---|---|---|',
    ...CODES.map((code) => `| [\`${code}\`](#${code.replace('/', '')}) | ${CATALOGUE[code].severity} | ${CATALOGUE[code].title} |`),
    '',
  ];
  for (const code of CODES) {
    const e = CATALOGUE[code];
    const params = e.params as never;
    out.push(`## ${code}`, '', `**${e.title}** (${e.severity}). ${e.description}`, '', `- Example: ${e.example}`, `- Reported as: ${e.message(params)}`, `- Fix: ${e.hint(params)}`, '');
  }
  return out.join('\n');
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
  await writeFile(path.join(root, DOC_FILE), catalogueMarkdown());
  process.stdout.write(`wrote ${DOC_FILE}\n`);
}
