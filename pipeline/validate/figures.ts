/**
 * Rules that tie a figure's columns together, checked on each row as it is read: its bounds
 * are ordered, its qualifier agrees with the range columns, and its unit is its measure's unit.
 */
import { diagnose } from '../diagnostics.js';
import type { TableSpec } from '../tables.js';
import type { Row, RowCheck, Table } from './table.js';

const num = (v: unknown) => (typeof v === 'number' ? v : undefined);

/** low <= value <= high, over the bounds that are given. */
function outOfOrder(low: number | undefined, value: number | undefined, high: number | undefined): boolean {
  let previous: number | undefined;
  for (const v of [low, value, high]) {
    if (v === undefined) continue;
    if (previous !== undefined && v < previous) return true;
    previous = v;
  }
  return false;
}

export function figureCheck(spec: TableSpec, measures: Table | undefined): RowCheck {
  const unitOf = new Map<string, string>();
  for (const m of measures?.rows ?? []) if (typeof m.id === 'string' && typeof m.unit === 'string') unitOf.set(m.id, m.unit);
  // A unit outside the column's list is reported by the enum check; comparing it again would say the same twice.
  const units = spec.columns.find((c) => c.name === 'unit')?.enum ?? [];
  const index = new Map(spec.columns.map((c, i) => [c.name, i]));

  const place = (row: Row, line: number, positions: number[], field: string) => ({ file: spec.file, line, column: positions[index.get(field)!] ?? 0, field, value: row[field] == null ? '' : String(row[field]) });

  return (row, line, positions, report) => {
    const [low, value, high] = [num(row.low), num(row.value), num(row.high)];
    const isRange = row.qualifier === 'range';
    if (typeof row.qualifier === 'string') {
      // Presence, not type: a cell that is not a number is reported once, by the type check.
      const coherent = isRange ? row.low != null && row.high != null : row.value != null && row.low == null && row.high == null;
      if (!coherent) report(diagnose('figure/qualifier-range', place(row, line, positions, 'qualifier'), { qualifier: row.qualifier, range: isRange }));
    }
    if (outOfOrder(low, value, high)) report(diagnose('figure/bounds', place(row, line, positions, low !== undefined && value !== undefined && low > value ? 'low' : 'high'), { low, value, high }));
    const expected = typeof row.measure === 'string' ? unitOf.get(row.measure) : undefined;
    if (expected && typeof row.unit === 'string' && row.unit !== expected && units.includes(row.unit)) report(diagnose('figure/unit', place(row, line, positions, 'unit'), { measure: row.measure as string, expected }));
  };
}
