/**
 * The whole pipeline: validate, reconcile, and (for a build) write every output into a
 * staging directory that is swapped in for dist/ only when all of it succeeded.
 */
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { hasErrors, sortDiagnostics, type Diagnostic } from './diagnostics.js';
import { datasetColumns, datasetRows } from './emit/datasets.js';
import { reconciledTables } from './emit/reconciled-tables.js';
import { writeTable, type WrittenTable } from './emit/write-table.js';
import { step } from './errors.js';
import { toRecord, type ChronicleRecord } from './model.js';
import { publish } from './publish.js';
import { reconcile, type Reconciled } from './reconcile/index.js';
import { loadSettings } from './reconcile/settings.js';
import { validate } from './validate/index.js';

export interface PipelineResult {
  diagnostics: Diagnostic[];
  /** Present when validation passed. */
  record?: ChronicleRecord;
  reconciled?: Reconciled;
  /** Present when dist/ was written. */
  written?: WrittenTable[];
}

export async function runPipeline(root: string, options: { write: boolean }): Promise<PipelineResult> {
  const { tables, diagnostics } = await step('validating sources/', () => validate(root));
  const qualifiers = tables.get('figures')?.spec.columns.find((c) => c.name === 'qualifier')?.enum ?? [];
  const settings = await loadSettings(root, qualifiers);
  diagnostics.push(...settings.diagnostics);
  if (hasErrors(diagnostics) || !settings.settings) return { diagnostics: sortDiagnostics(diagnostics) };

  const record = toRecord(tables);
  const reviews = tables.get('reviews');
  const reviewLines = new Map(reviews?.rows.map((r, i) => [String(r.finding), reviews.lines[i]!]));
  const reconciled = await step('reconciling the claims', () => reconcile(record, settings.settings!, reviewLines));
  diagnostics.push(...reconciled.diagnostics);
  const result: PipelineResult = { diagnostics: sortDiagnostics(diagnostics), record, reconciled };
  if (!options.write) return result;

  const written: WrittenTable[] = [];
  await publish(root, async (dir) => {
    const data = path.join(dir, 'data');
    await mkdir(data);
    for (const table of tables.values()) {
      written.push(await step(`writing dist/data/${table.spec.name}`, () => writeTable(data, table.spec.name, datasetColumns(table.spec.columns), datasetRows(table))));
    }
    for (const table of reconciledTables(reconciled)) {
      written.push(await step(`writing dist/data/${table.name}`, () => writeTable(data, table.name, table.columns, table.rows)));
    }
  });
  return { ...result, written };
}
