/**
 * The whole pipeline: validate, reconcile, and (for a build) write every output into a
 * staging directory that is swapped in for dist/ only when all of it succeeded.
 */
import { readdir, stat } from 'node:fs/promises';
import path from 'node:path';
import { knownToHandouts, loadChronologyConfig, type ChronologyConfig } from './chronology/config.js';
import { loadDataset, type DatasetMeta } from './dataset.js';
import { append, hasErrors, sortDiagnostics, type Diagnostic } from './diagnostics.js';
import type { OutTable } from './emit/write-table.js';
import { step } from './errors.js';
import { toRecord, type ChronicleRecord } from './model.js';
import { reconcile, type Reconciled } from './reconcile/index.js';
import { loadSettings, type Settings } from './reconcile/settings.js';
import type { Table } from './validate/table.js';
import { validate } from './validate/index.js';

export interface PipelineResult {
  diagnostics: Diagnostic[];
  /** Present when validation passed. */
  record?: ChronicleRecord;
  reconciled?: Reconciled;
  meta?: DatasetMeta;
  settings?: Settings;
  tables?: Map<string, Table>;
  chronology?: ChronologyConfig;
  /** Present when dist/ was written: the tables published. */
  published?: OutTable[];
  /** Present when dist/ was written: the sha256 of every file written there, by path. */
  written?: Record<string, string>;
  /** Present when dist/ was written: the PDF cache entries used, relative to the root. */
  cacheEntries?: string[];
}

export interface PipelineOptions {
  write: boolean;
  /** For a build: make the workbook on a worker thread (emit/workbook.ts); by default, when the sources are large. */
  workbookOffThread?: boolean;
  /** Called with every problem found once the checks are done, before anything is written (on failure too). */
  checked?: (diagnostics: Diagnostic[]) => Promise<void> | void;
}

/** The bytes of the source tables (sources/*.csv); none when there is no such folder, which validation reports. */
async function sourceBytes(root: string): Promise<number> {
  const dir = path.join(root, 'sources');
  const files = (await readdir(dir).catch(() => [] as string[])).filter((f) => f.endsWith('.csv'));
  const sizes = await Promise.all(files.map((f) => stat(path.join(dir, f)).then((s) => s.size, () => 0)));
  return sizes.reduce((sum, n) => sum + n, 0);
}

export async function runPipeline(root: string, options: PipelineOptions): Promise<PipelineResult> {
  const stopped = async (diagnostics: Diagnostic[]): Promise<PipelineResult> => {
    const sorted = sortDiagnostics(diagnostics);
    await options.checked?.(sorted);
    return { diagnostics: sorted };
  };
  // Started first, so that the worker thread loads while the sources are checked. A validation never loads the workbook's module (nor the zip's, which it imports).
  const workbook = options.write ? await import('./emit/workbook.js') : undefined;
  const workbookOffThread = workbook !== undefined && (options.workbookOffThread ?? (await sourceBytes(root)) >= workbook.OFF_THREAD_SOURCE_BYTES);
  if (workbookOffThread) workbook.warmWorkbookThread().catch(() => undefined);
  const { tables, diagnostics } = await step('validating sources/', () => validate(root));
  const qualifiers = tables.get('figures')?.spec.columns.find((c) => c.name === 'qualifier')?.enum ?? [];
  const territories = (tables.get('territories')?.rows ?? []).map((r) => String(r.id));
  const [settings, dataset, chronology] = await Promise.all([loadSettings(root, qualifiers), loadDataset(root), loadChronologyConfig(root, knownToHandouts(tables, territories))]);
  append(diagnostics, settings.diagnostics, dataset.diagnostics, chronology.diagnostics);
  if (hasErrors(diagnostics) || !settings.settings || !dataset.value || !chronology.value) return stopped(diagnostics);

  const record = toRecord(tables);
  const meta = dataset.value;
  const reviews = tables.get('reviews');
  const reviewLines = new Map(reviews?.rows.map((r, i) => [String(r.finding), reviews.lines[i]!]));
  const reconciled = await step('reconciling the claims', () => reconcile(record, settings.settings!, reviewLines));
  append(diagnostics, reconciled.diagnostics);
  // A ruling that cannot apply is an error: nothing is published on a rule the editor did not mean.
  if (hasErrors(reconciled.diagnostics)) return stopped(diagnostics);
  const result: PipelineResult = { diagnostics: sortDiagnostics(diagnostics), record, reconciled, meta, settings: settings.settings, tables, chronology: chronology.value };
  await options.checked?.(result.diagnostics);
  if (!options.write) return result;

  // What writes dist/ (pdfmake, vega, ExcelJS, sql.js) loads only for a build: a validation never waits for it.
  const { writeDist } = await import('./write-dist.js');
  const written = await writeDist(root, { tables, record, reconciled, meta, settings: settings.settings, chronology: chronology.value }, { workbookOffThread });
  return { ...result, ...written };
}
