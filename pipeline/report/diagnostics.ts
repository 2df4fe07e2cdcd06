/**
 * Reporters: finding problems and printing them are separate. Each reporter takes the capped
 * list and returns text; the CLI decides where it goes.
 */
import type { Diagnostic } from '../diagnostics.js';
import { showInvisible } from '../util/visible.js';
import { clip } from '../util/format.js';

export const FORMATS = ['text', 'json', 'github'] as const;
export type Format = (typeof FORMATS)[number];

export interface Capped {
  shown: Diagnostic[];
  /** How many more of each code were found beyond the cap. */
  omitted: Record<string, number>;
  errors: number;
  warnings: number;
  files: number;
}

/** Keeps the first `perCode` diagnostics of each code (0 keeps all) and counts the rest. */
export function cap(diagnostics: readonly Diagnostic[], perCode: number): Capped {
  const seen = new Map<string, number>();
  const omitted: Record<string, number> = {};
  const shown: Diagnostic[] = [];
  for (const d of diagnostics) {
    const n = (seen.get(d.code) ?? 0) + 1;
    seen.set(d.code, n);
    if (perCode === 0 || n <= perCode) shown.push(d);
    else omitted[d.code] = (omitted[d.code] ?? 0) + 1;
  }
  return {
    shown,
    omitted,
    errors: diagnostics.filter((d) => d.severity === 'error').length,
    warnings: diagnostics.filter((d) => d.severity === 'warning').length,
    files: new Set(diagnostics.map((d) => d.file)).size,
  };
}

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

function location(d: Diagnostic): string {
  return d.line > 0 ? `${d.file}:${d.line}${d.column > 0 ? `:${d.column}` : ''}` : d.file;
}

export function formatText(c: Capped): string {
  const lines: string[] = [];
  for (const d of c.shown) {
    const what = d.field ? `${d.field}${d.value !== '' ? ` "${clip(d.value)}"` : ''}: ` : '';
    // Cells, file names and suggestions come from the data: printed with their control and format characters made visible.
    lines.push(showInvisible(`${location(d)}  ${d.severity}  ${d.code}  ${what}${d.message}`));
    lines.push(showInvisible(`    fix: ${d.hint}`));
  }
  for (const [code, n] of Object.entries(c.omitted)) lines.push(`... and ${plural(n, 'more problem')} of code ${code} (raise --max-per-code to see them)`);
  if (c.errors + c.warnings === 0) lines.push('No problems found.');
  else lines.push(`${plural(c.errors, 'error')} and ${plural(c.warnings, 'warning')} in ${plural(c.files, 'file')}.`);
  return lines.join('\n');
}

export function formatJson(c: Capped): string {
  return JSON.stringify({ errors: c.errors, warnings: c.warnings, diagnostics: c.shown, omitted: c.omitted }, null, 2);
}

/** GitHub workflow commands: one annotation per problem. */
export function formatGithub(c: Capped): string {
  const escape = (s: string) => showInvisible(s.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A'));
  const property = (s: string) => escape(s).replace(/:/g, '%3A').replace(/,/g, '%2C');
  const lines = c.shown.map((d) => {
    const props = [`file=${property(d.file)}`];
    if (d.line > 0) props.push(`line=${d.line}`);
    if (d.column > 0) props.push(`col=${d.column}`);
    props.push(`title=${property(d.code)}`);
    return `::${d.severity === 'error' ? 'error' : 'warning'} ${props.join(',')}::${escape(`${d.field ? `${d.field}: ` : ''}${d.message}. Fix: ${d.hint}`)}`;
  });
  for (const [code, n] of Object.entries(c.omitted)) lines.push(`::notice::${escape(`${plural(n, 'more problem')} of code ${code} not shown`)}`);
  return lines.join('\n');
}

export const REPORTERS: Record<Format, (c: Capped) => string> = { text: formatText, json: formatJson, github: formatGithub };
