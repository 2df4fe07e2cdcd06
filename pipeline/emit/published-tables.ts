/**
 * Every table published in dist/data: the source tables, their link tables, the reconciled
 * tables and the labelled claims table.
 */
import type { ChronicleRecord } from '../model.js';
import type { Reconciled } from '../reconcile/index.js';
import type { Settings } from '../reconcile/settings.js';
import type { Table } from '../validate/table.js';
import { claimsTable } from './claims-table.js';
import { linkTables, sourceTable } from './datasets.js';
import { reconciledTables } from './reconciled-tables.js';
import type { OutTable } from './write-table.js';

export function publishedTables(tables: Map<string, Table>, record: ChronicleRecord, reconciled: Reconciled, settings: Settings): OutTable[] {
  return [...[...tables.values()].flatMap((t) => [sourceTable(t), ...linkTables(t)]), ...reconciledTables(reconciled, settings), claimsTable(record, reconciled, settings)];
}
