/**
 * Checks across tables: every reference (list items included) names an existing row, with a
 * "did you mean"; and no hierarchy loops back on itself. References into tables read earlier
 * are checked row by row as the referring table streams by; references within a table (its
 * hierarchy) once the table is whole.
 */
import { append, diagnose, type Diagnostic } from '../diagnostics.js';
import type { Column } from '../tables.js';
import { nearest } from '../util/nearest.js';
import type { Row, RowCheck, Table } from './table.js';

function checkCell(file: string, column: Column, index: number, row: Row, line: number, positions: number[], known: Set<string>, report: (d: Diagnostic) => void): void {
  const cell = row[column.name];
  // The common case, one known id, allocates nothing.
  if (typeof cell === 'string' && known.has(cell)) return;
  const items = Array.isArray(cell) ? cell : typeof cell === 'string' ? [cell] : [];
  for (const item of items) {
    if (item === '' || known.has(item)) continue;
    report(diagnose('key/foreign', { file, line, column: positions[index] ?? 0, field: column.name, value: item }, { table: column.foreignKey!.resource, suggestion: nearest(item, known) }));
  }
}

/** Row checks for the references of `table` into tables already read (complete ones only: an incomplete one is reported already). */
export function referenceChecks(spec: Table['spec'], loaded: Map<string, Table>): RowCheck[] {
  return spec.columns.flatMap((column, index): RowCheck[] => {
    const fk = column.foreignKey;
    if (!fk || fk.resource === spec.name) return [];
    const target = loaded.get(fk.resource);
    const known = target?.complete ? target.values.get(fk.field) : undefined;
    if (!known) return [];
    return [(row, line, positions, report) => checkCell(spec.file, column, index, row, line, positions, known, report)];
  });
}

/** References of a table into itself (its hierarchy), once it is whole; and loops in that hierarchy. */
export function checkSelfReferences(table: Table): Diagnostic[] {
  const diagnostics: Diagnostic[] = [];
  const report = (d: Diagnostic) => diagnostics.push(d);
  table.spec.columns.forEach((column, index) => {
    const fk = column.foreignKey;
    if (fk?.resource !== table.spec.name || !table.complete) return;
    const known = table.values.get(fk.field)!;
    table.rows.forEach((row, r) => checkCell(table.spec.file, column, index, row, table.lines[r]!, table.positions, known, report));
    append(diagnostics, checkCycle(table, column.name, fk.field, index));
  });
  return diagnostics;
}

function checkCycle(table: Table, up: string, field: string, index: number): Diagnostic[] {
  const diagnostics: Diagnostic[] = [];
  const parent = new Map<string, string>();
  const lineOf = new Map<string, number>();
  table.rows.forEach((row, r) => {
    const id = row[field];
    const next = row[up];
    if (typeof id === 'string' && typeof next === 'string') parent.set(id, next);
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
    diagnostics.push(diagnose('key/cycle', { file: table.spec.file, line: lineOf.get(start) ?? 0, column: table.positions[index] ?? 0, field: up, value: parent.get(start)! }, { path: [...path, start].join(' → ') }));
  }
  return diagnostics;
}
