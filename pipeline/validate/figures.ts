/**
 * Rules that tie a figure's columns together, checked on each row as it is read: its bounds
 * are ordered, its qualifier agrees with the range columns, and its unit is its measure's unit.
 */
import { diagnose } from '../diagnostics.js';
import type { TableSpec } from '../tables.js';
import type { RowCheck, Table } from './table.js';

const num = (v: unknown) => (typeof v === 'number' ? v : undefined);

export function figureCheck(spec: TableSpec, measures: Table | undefined): RowCheck {
  const unitOf = new Map<string, string>();
  for (const m of measures?.rows ?? []) if (typeof m.id === 'string' && typeof m.unit === 'string') unitOf.set(m.id, m.unit);
  // A unit outside the column's list is reported by the enum check; comparing it again would say the same twice.
  const units = spec.columns.find((c) => c.name === 'unit')?.enum ?? [];
  const index = new Map(spec.columns.map((c, i) => [c.name, i]));

  return (row, line, positions, report) => {
    const place = (field: string) => ({ file: spec.file, line, column: positions[index.get(field)!] ?? 0, field, value: row[field] == null ? '' : String(row[field]) });
    const [low, value, high] = [num(row.low), num(row.value), num(row.high)];
    const isRange = row.qualifier === 'range';
    if (typeof row.qualifier === 'string') {
      // Presence, not type: a cell that is not a number is reported once, by the type check.
      const coherent = isRange ? row.low !== null && row.high !== null : row.value !== null && row.low === null && row.high === null;
      if (!coherent) report(diagnose('figure/qualifier-range', place('qualifier'), { qualifier: row.qualifier, range: isRange }));
    }
    const ordered = [low, value, high].filter((v): v is number => v !== undefined);
    if (ordered.some((v, i) => i > 0 && v < ordered[i - 1]!)) report(diagnose('figure/bounds', place(low !== undefined && value !== undefined && low > value ? 'low' : 'high'), { low, value, high }));
    const expected = typeof row.measure === 'string' ? unitOf.get(row.measure) : undefined;
    if (expected && typeof row.unit === 'string' && row.unit !== expected && units.includes(row.unit)) report(diagnose('figure/unit', place('unit'), { measure: row.measure as string, expected }));
  };
}
