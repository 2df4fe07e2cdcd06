/**
 * Parts and wholes are a property of an event, not of one claim: every claim of an event names
 * the same whole (part_of), or none does. The reference itself (part_of names an event) and
 * loops (an event part of itself, through any chain) are checked with the table's hierarchy.
 */
import { diagnose, type Diagnostic } from '../diagnostics.js';
import type { Table } from './table.js';

export function checkPartOf(table: Table): Diagnostic[] {
  const column = table.spec.columns.findIndex((c) => c.name === 'part_of');
  if (column === -1) return [];
  const first = new Map<string, { whole: string; line: number }>();
  const diagnostics: Diagnostic[] = [];
  table.rows.forEach((row, i) => {
    if (typeof row.event !== 'string') return;
    const whole = typeof row.part_of === 'string' ? row.part_of : '';
    const seen = first.get(row.event);
    if (!seen) first.set(row.event, { whole, line: table.lines[i]! });
    else if (seen.whole !== whole) diagnostics.push(diagnose('event/part-of-differs', { file: table.spec.file, line: table.lines[i]!, column: table.positions[column] ?? 0, field: 'part_of', value: whole }, { event: row.event, first: seen.whole, firstLine: seen.line }));
  });
  return diagnostics;
}
