/**
 * What belongs to an event, not to one claim: every claim of an event gives the same title and
 * names the same whole (part_of), or none does; and at most one claim carries the editors' reason
 * for printing its summary (headline). The reference itself (part_of names an event) and loops (an
 * event part of itself, through any chain) are checked with the table's hierarchy.
 */
import { append, diagnose, type Diagnostic } from '../diagnostics.js';
import type { Table } from './table.js';

/** The columns every claim of an event must agree on, and the code for a claim that does not. */
const SHARED: { column: string; code: 'event/part-of-differs' | 'event/title-differs' }[] = [
  { column: 'part_of', code: 'event/part-of-differs' },
  { column: 'title', code: 'event/title-differs' },
];

export function checkEventShared(table: Table): Diagnostic[] {
  const diagnostics: Diagnostic[] = [];
  for (const { column: name, code } of SHARED) {
    const column = table.spec.columns.findIndex((c) => c.name === name);
    if (column === -1) continue;
    const first = new Map<string, { value: string; line: number }>();
    table.rows.forEach((row, i) => {
      if (typeof row.event !== 'string') return;
      const value = typeof row[name] === 'string' ? row[name] : '';
      const seen = first.get(row.event);
      if (!seen) first.set(row.event, { value, line: table.lines[i]! });
      else if (seen.value !== value) diagnostics.push(diagnose(code, { file: table.spec.file, line: table.lines[i]!, column: table.positions[column] ?? 0, field: name, value }, { event: row.event, first: seen.value, firstLine: seen.line }));
    });
  }
  append(diagnostics, checkOneHeadline(table));
  return diagnostics;
}

/** The editors choose one claim's summary to print for an event: a second choice would leave the outputs to pick between them. */
function checkOneHeadline(table: Table): Diagnostic[] {
  const column = table.spec.columns.findIndex((c) => c.name === 'headline');
  if (column === -1) return [];
  const diagnostics: Diagnostic[] = [];
  const chosen = new Map<string, { claim: string; line: number }>();
  table.rows.forEach((row, i) => {
    if (typeof row.event !== 'string' || typeof row.headline !== 'string') return;
    const first = chosen.get(row.event);
    if (!first) chosen.set(row.event, { claim: String(row.id), line: table.lines[i]! });
    else diagnostics.push(diagnose('event/two-headlines', { file: table.spec.file, line: table.lines[i]!, column: table.positions[column] ?? 0, field: 'headline', value: row.headline }, { event: row.event, first: first.claim, firstLine: first.line }));
  });
  return diagnostics;
}
