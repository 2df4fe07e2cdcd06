/**
 * Rules that tie a figure's columns together: its bounds are ordered, its qualifier agrees with
 * the range columns, and its unit is its measure's unit.
 */
import { diagnose, type Diagnostic } from '../diagnostics.js';
import type { Table } from './table.js';

const num = (v: unknown) => (typeof v === 'number' ? v : undefined);

export function checkFigures(figures: Table, measures: Table | undefined): Diagnostic[] {
  const diagnostics: Diagnostic[] = [];
  const unitOf = new Map<string, string>();
  for (const m of measures?.rows ?? []) if (typeof m.id === 'string' && typeof m.unit === 'string') unitOf.set(m.id, m.unit);
  // A unit outside the column's list is reported by the enum check; comparing it again would say the same twice.
  const units = figures.spec.columns.find((c) => c.name === 'unit')?.enum ?? [];
  const position = (name: string) => figures.positions[figures.spec.columns.findIndex((c) => c.name === name)] ?? 0;

  figures.rows.forEach((row, r) => {
    const line = figures.lines[r]!;
    const place = (field: string) => ({ file: figures.spec.file, line, column: position(field), field, value: row[field] == null ? '' : String(row[field]) });
    const [low, value, high] = [num(row.low), num(row.value), num(row.high)];
    const isRange = row.qualifier === 'range';
    if (typeof row.qualifier === 'string') {
      // Presence, not type: a cell that is not a number is reported once, by the type check.
      const coherent = isRange ? row.low !== null && row.high !== null : row.value !== null && row.low === null && row.high === null;
      if (!coherent) diagnostics.push(diagnose('figure/qualifier-range', place('qualifier'), { qualifier: row.qualifier, range: isRange }));
    }
    const ordered = [low, value, high].filter((v): v is number => v !== undefined);
    if (ordered.some((v, i) => i > 0 && v < ordered[i - 1]!)) diagnostics.push(diagnose('figure/bounds', place(low !== undefined && value !== undefined && low > value ? 'low' : 'high'), { low, value, high }));
    const expected = typeof row.measure === 'string' ? unitOf.get(row.measure) : undefined;
    if (expected && typeof row.unit === 'string' && row.unit !== expected && units.includes(row.unit)) diagnostics.push(diagnose('figure/unit', place('unit'), { measure: row.measure as string, expected }));
  });
  return diagnostics;
}
