/**
 * The whole pipeline: validate, reconcile, and (for a build) write every output into a
 * staging directory that is swapped in for dist/ only when all of it succeeded.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { knownToHandouts, loadChronologyConfig } from './chronology/config.js';
import { writeChronologies } from './chronology/emit.js';
import { buildDate, citation, loadDataset, type DatasetMeta } from './dataset.js';
import { BUNDLE_FILE, bundleFiles, citationCff, dataReadme } from './emit/bundle.js';
import { zipFiles } from './emit/zip.js';
import { memoOutput } from './output-memo.js';
import { DATABASE_FILE, DATASETTE_FILE, databaseBytes, datasetteMetadata } from './emit/sqlite.js';
import { WORKBOOK_FILE, workbookBytes } from './emit/workbook.js';
import { changelog, changelogMarkdown } from './release/changelog.js';
import { loadReleases, snapshot } from './release/snapshot.js';
import { hasErrors, sortDiagnostics, type Diagnostic } from './diagnostics.js';
import { datapackage } from './emit/datapackage.js';
import { claimsTable } from './emit/claims-table.js';
import { linkTables, sourceTable } from './emit/datasets.js';
import { statFiles, writeChecksums } from './emit/files.js';
import { streamSourceTable } from './emit/stream-table.js';
import { reconciledTables } from './emit/reconciled-tables.js';
import { writeSite } from './emit/site.js';
import { writeTable, type OutTable } from './emit/write-table.js';
import { step } from './errors.js';
import { toRecord, type ChronicleRecord } from './model.js';
import { PdfCache } from './pdf/cache.js';
import { publish, WORK_DIR } from './publish.js';
import { reconcile, type Reconciled } from './reconcile/index.js';
import { loadSettings, type Settings } from './reconcile/settings.js';
import type { Table } from './validate/table.js';
import { writeReport } from './report/emit.js';
import { validate } from './validate/index.js';

export interface PipelineResult {
  diagnostics: Diagnostic[];
  /** Present when validation passed. */
  record?: ChronicleRecord;
  reconciled?: Reconciled;
  meta?: DatasetMeta;
  settings?: Settings;
  tables?: Map<string, Table>;
  /** Present when dist/ was written: the tables published. */
  published?: OutTable[];
  /** Present when dist/ was written: the sha256 of every file written there, by path. */
  written?: Record<string, string>;
  /** Present when dist/ was written: the PDF cache entries used, relative to the root. */
  cacheEntries?: string[];
}

/** Every table published in dist/data: the sources, their link tables, and the reconciled tables. */
export function publishedTables(tables: Map<string, Table>, reconciled: Reconciled, settings: Settings): OutTable[] {
  return [...[...tables.values()].flatMap((t) => [sourceTable(t), ...linkTables(t)]), ...reconciledTables(reconciled, settings), claimsTable(toRecord(tables), reconciled, settings)];
}

export interface PipelineOptions {
  write: boolean;
  /** Called with every problem found once the checks are done, before anything is written (on failure too). */
  checked?: (diagnostics: Diagnostic[]) => Promise<void> | void;
}

export async function runPipeline(root: string, options: PipelineOptions): Promise<PipelineResult> {
  const stopped = async (diagnostics: Diagnostic[]): Promise<PipelineResult> => {
    const sorted = sortDiagnostics(diagnostics);
    await options.checked?.(sorted);
    return { diagnostics: sorted };
  };
  const { tables, diagnostics } = await step('validating sources/', () => validate(root));
  const qualifiers = tables.get('figures')?.spec.columns.find((c) => c.name === 'qualifier')?.enum ?? [];
  const territories = (tables.get('territories')?.rows ?? []).map((r) => String(r.id));
  const [settings, dataset, chronology] = await Promise.all([loadSettings(root, qualifiers), loadDataset(root), loadChronologyConfig(root, knownToHandouts(tables, territories))]);
  diagnostics.push(...settings.diagnostics, ...dataset.diagnostics, ...chronology.diagnostics);
  if (hasErrors(diagnostics) || !settings.settings || !dataset.value || !chronology.value) return stopped(diagnostics);

  const record = toRecord(tables);
  const meta = dataset.value;
  const reviews = tables.get('reviews');
  const reviewLines = new Map(reviews?.rows.map((r, i) => [String(r.finding), reviews.lines[i]!]));
  const reconciled = await step('reconciling the claims', () => reconcile(record, settings.settings!, reviewLines));
  diagnostics.push(...reconciled.diagnostics);
  // A ruling that cannot apply is an error: nothing is published on a rule the editor did not mean.
  if (hasErrors(reconciled.diagnostics)) return stopped(diagnostics);
  const result: PipelineResult = { diagnostics: sortDiagnostics(diagnostics), record, reconciled, meta, settings: settings.settings, tables };
  await options.checked?.(result.diagnostics);
  if (!options.write) return result;

  const published = publishedTables(tables, reconciled, settings.settings);
  const date = buildDate(meta);
  const pdfCache = new PdfCache(path.join(root, WORK_DIR, 'pdf-cache'));
  let written: Record<string, string> = {};
  await publish(root, async (dir) => {
    await mkdir(path.join(dir, 'data'));
    // Source tables stream from their CSV, so that a large register is never held twice; derived tables are written from memory.
    for (const table of tables.values()) await step(`writing dist/data/${table.spec.name}`, () => streamSourceTable(path.join(root, table.spec.file), table.spec, path.join(dir, 'data')));
    for (const table of published.filter((t) => !tables.has(t.name))) await step(`writing dist/data/${table.name}`, () => writeTable(path.join(dir, 'data'), table.name, table.columns, table.rows));
    const dataStats = await statFiles(dir);
    await step('writing dist/datapackage.json', () => writeFile(path.join(dir, 'datapackage.json'), `${JSON.stringify(datapackage(meta, date, record.sources, published, dataStats), null, 2)}\n`));
    const changes = changelog(await loadReleases(root), snapshot(meta.version, meta.released, published));
    await step('writing dist/README.md, dist/CHANGELOG.md and dist/CITATION.cff', () =>
      Promise.all([
        writeFile(path.join(dir, 'README.md'), dataReadme(meta, date, published)),
        writeFile(path.join(dir, 'CHANGELOG.md'), changelogMarkdown(changes)),
        writeFile(path.join(dir, 'CITATION.cff'), citationCff(meta, date)),
      ]),
    );
    // The workbook, database and zip are made again only when what they are made from changed (watch mode keeps them; see output-memo.ts).
    await step(`writing dist/${BUNDLE_FILE}`, async () => {
      const files = await bundleFiles(dir);
      await writeFile(path.join(dir, BUNDLE_FILE), await memoOutput(BUNDLE_FILE, [files.map(([name]) => name), ...files.map(([, bytes]) => bytes), date], () => zipFiles(files, date)));
    });
    await step(`writing dist/${DATABASE_FILE}`, async () => {
      await writeFile(path.join(dir, DATABASE_FILE), await memoOutput(DATABASE_FILE, [published], () => databaseBytes(published)));
      await writeFile(path.join(dir, DATASETTE_FILE), `${JSON.stringify(datasetteMetadata(meta, published), null, 2)}\n`);
    });
    await step(`writing dist/${WORKBOOK_FILE}`, async () => {
      const cite = citation(meta, date);
      await writeFile(path.join(dir, WORKBOOK_FILE), await memoOutput(WORKBOOK_FILE, [meta, date, cite, published], () => workbookBytes(meta, date, cite, published)));
    });
    await step('writing dist/report.pdf', () => writeReport(dir, { meta, date, record, reconciled, settings: settings.settings!, tables: published }, pdfCache));
    const chronologyFiles = await step('writing the chronology (templates/chronology.hbs and PDF handouts)', () => writeChronologies({ root, dir, config: chronology.value!, record, reconciled, settings: settings.settings!, meta, date, pdf: true, cache: pdfCache }));
    await pdfCache.prune();
    const stats = await statFiles(dir);
    const extraDocuments = chronologyFiles.filter((w) => w.territory !== 'all').map(({ path, title, format }) => ({ path, title, format }));
    await step('rendering templates/index.hbs', () => writeSite({ root, dir, meta, date, record, events: reconciled.events, figures: reconciled.figures, settings: settings.settings!, tables: published, stats, findings: reconciled.findings.length, changes, extraDocuments }));
    written = await step('writing dist/SHA256SUMS', () => writeChecksums(dir));
  });
  return { ...result, published, written, cacheEntries: pdfCache.files().map((f) => path.relative(root, f).split(path.sep).join('/')) };
}
