/**
 * Checks across tables: every reference (list items included) names an existing row, with a
 * "did you mean"; and no hierarchy loops back on itself.
 */
import { diagnose, type Diagnostic } from '../diagnostics.js';
import { nearest } from '../util/nearest.js';
import type { Table } from './table.js';

function valuesOf(table: Table, field: string): Set<string> {
  const values = new Set<string>();
  for (const row of table.rows) {
    const v = row[field];
    if (typeof v === 'string') values.add(v);
  }
  return values;
}

export function checkReferences(tables: Map<string, Table>): Diagnostic[] {
  const diagnostics: Diagnostic[] = [];
  const targets = new Map<string, Set<string>>();
  for (const table of tables.values()) {
    table.spec.columns.forEach((column) => {
      const fk = column.foreignKey;
      if (!fk) return;
      const target = tables.get(fk.resource);
      // A table that could not be read whole is reported already; checking against it would only add noise.
      if (!target?.complete) return;
      const key = `${fk.resource}.${fk.field}`;
      if (!targets.has(key)) targets.set(key, valuesOf(target, fk.field));
      const known = targets.get(key)!;
      table.rows.forEach((row, r) => {
        const cell = row[column.name];
        const items = Array.isArray(cell) ? cell : typeof cell === 'string' ? [cell] : [];
        for (const item of items) {
          if (item === '' || known.has(item)) continue;
          diagnostics.push(
            diagnose(
              'key/foreign',
              { file: table.spec.file, line: table.lines[r]!, column: columnPosition(table, column.name), field: column.name, value: item },
              { table: fk.resource, suggestion: nearest(item, known) },
            ),
          );
        }
      });
    });
  }
  return diagnostics.concat(checkCycles(tables));
}

const columnPosition = (table: Table, name: string) => table.positions[table.spec.columns.findIndex((c) => c.name === name)] ?? 0;

/** A hierarchy is a column that refers to its own table's primary key. */
function checkCycles(tables: Map<string, Table>): Diagnostic[] {
  const diagnostics: Diagnostic[] = [];
  for (const table of tables.values()) {
    for (const column of table.spec.columns) {
      if (column.foreignKey?.resource !== table.spec.name) continue;
      const field = column.foreignKey.field;
      const parent = new Map<string, string>();
      const lineOf = new Map<string, number>();
      table.rows.forEach((row, r) => {
        const id = row[field];
        const up = row[column.name];
        if (typeof id === 'string' && typeof up === 'string') parent.set(id, up);
        if (typeof id === 'string') lineOf.set(id, table.lines[r]!);
      });
      const reported = new Set<string>();
      for (const start of parent.keys()) {
        const path = [start];
        let node = parent.get(start);
        while (node !== undefined && !path.includes(node)) {
          path.push(node);
          node = parent.get(node);
        }
        if (node !== start) continue;
        const loop = [...path].sort().join();
        if (reported.has(loop)) continue;
        reported.add(loop);
        diagnostics.push(diagnose('key/cycle', { file: table.spec.file, line: lineOf.get(start) ?? 0, column: columnPosition(table, column.name), field: column.name, value: parent.get(start)! }, { path: [...path, start].join(' → ') }));
      }
    }
  }
  return diagnostics;
}
