/**
 * The source tables as published datasets: every schema column in schema order, and for each
 * EDTF column two derived columns, <column>_start and <column>_end, with the first and last
 * day it covers (sortable ISO dates; empty where the interval is open).
 */
import type { Column } from '../tables.js';
import { dateBounds } from '../validate/dates.js';
import type { Table } from '../validate/table.js';
import type { OutColumn, OutRow, OutType } from './write-table.js';

const OUT_TYPES: Record<Column['type'], OutType> = { string: 'string', integer: 'integer', boolean: 'boolean', array: 'array' };

export function datasetColumns(columns: Column[]): OutColumn[] {
  return columns.flatMap((c): OutColumn[] => {
    const own: OutColumn = { name: c.name, type: OUT_TYPES[c.type] };
    return c.format === 'edtf' ? [own, { name: `${c.name}_start`, type: 'date' }, { name: `${c.name}_end`, type: 'date' }] : [own];
  });
}

export function datasetRows(table: Table): OutRow[] {
  const edtf = table.spec.columns.filter((c) => c.format === 'edtf').map((c) => c.name);
  return table.rows.map((row) => {
    const out: OutRow = { ...row };
    for (const name of edtf) {
      const text = row[name];
      const bounds = typeof text === 'string' ? dateBounds(text) : undefined;
      out[`${name}_start`] = bounds?.start || null;
      out[`${name}_end`] = bounds?.end || null;
    }
    return out;
  });
}
