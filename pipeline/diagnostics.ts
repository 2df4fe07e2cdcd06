/**
 * Diagnostics are data: every stage returns them beside its result, and only the CLI turns
 * them into an exit code. Each code lives in the catalogue (catalogue.ts), which also
 * documents it.
 */
import { CATALOGUE, type Code } from './catalogue.js';

export type Severity = 'error' | 'warning';

export interface Diagnostic {
  code: Code;
  severity: Severity;
  /** Path relative to the project root, with forward slashes. */
  file: string;
  /** Physical line in the file, 1-based (quoted newlines counted); 0 when the problem is the whole file. */
  line: number;
  /** 1-based field position; 0 when the problem is not in one field. */
  column: number;
  field: string;
  value: string;
  message: string;
  hint: string;
}

export interface Place {
  file: string;
  line?: number;
  column?: number;
  field?: string;
  value?: string;
}

/** Builds a diagnostic from its catalogue entry, so that message and hint wording live in one place. */
export function diagnose<C extends Code>(code: C, place: Place, params: Parameters<(typeof CATALOGUE)[C]['message']>[0]): Diagnostic {
  const entry = CATALOGUE[code];
  const p = params as never;
  return {
    code,
    severity: entry.severity,
    file: place.file,
    line: place.line ?? 0,
    column: place.column ?? 0,
    field: place.field ?? '',
    value: place.value ?? '',
    message: entry.message(p),
    hint: entry.hint(p),
  };
}

/**
 * Appends each list of `more` to `diagnostics`, one diagnostic at a time. A spread
 * (`push(...more)`) passes every item as an argument on the stack, and a register with a bad value
 * in each of some hundred thousand rows overflowed it: the editor got an internal error instead of
 * the diagnostics.
 */
export function append(diagnostics: Diagnostic[], ...more: (readonly Diagnostic[])[]): void {
  for (const list of more) for (const d of list) diagnostics.push(d);
}

export const hasErrors = (diagnostics: readonly Diagnostic[]): boolean => diagnostics.some((d) => d.severity === 'error');

/** Orders diagnostics by file, line and column, so that every report reads top to bottom. */
export function sortDiagnostics(diagnostics: Diagnostic[]): Diagnostic[] {
  return diagnostics.sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : a.line - b.line || a.column - b.column || (a.code < b.code ? -1 : a.code > b.code ? 1 : 0)));
}
