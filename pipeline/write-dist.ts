/**
 * Writes dist/ from a checked, reconciled record: the data tables, the Data Package, the data's
 * README, changelog and citation, the zip, database and workbook, the report, the chronology and
 * its handouts, the landing page and the checksums, all swapped in at once (publish.ts). Kept
 * apart from build.ts so that what only a build needs loads only for a build.
 */
import { mkdir, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { ChronologyConfig } from './chronology/config.js';
import { writeChronologies } from './chronology/emit.js';
import { buildDate, citation, type DatasetMeta } from './dataset.js';
import { BUNDLE_FILE, bundleFiles, citationCff, dataReadme } from './emit/bundle.js';
import { zipKeptIn } from './emit/kept-members.js';
import { datapackage } from './emit/datapackage.js';
import { publishedTables } from './emit/published-tables.js';
import { statFiles, writeChecksums } from './emit/files.js';
import { writeSite } from './emit/site.js';
import { DATABASE_FILE, DATASETTE_FILE, databaseBytes, datasetteMetadata } from './emit/sqlite.js';
import { OFF_THREAD_TABLE_BYTES, publishSourceTable } from './emit/stream-table.js';
import { WORKBOOK_FILE, workbookBytes, workbookBytesOffThread } from './emit/workbook.js';
import { writeTable, type OutTable } from './emit/write-table.js';
import { step } from './errors.js';
import type { ChronicleRecord } from './model.js';
import { inputsKey, memoOutput } from './output-memo.js';
import { PdfCache } from './pdf/cache.js';
import { publish, WORK_DIR } from './publish.js';
import type { Reconciled } from './reconcile/index.js';
import type { Settings } from './reconcile/settings.js';
import { changelogMarkdown, changesSinceReleases } from './release/changelog.js';
import { writeReport } from './report/emit.js';
import type { Table } from './validate/table.js';

export interface DistInput {
  tables: Map<string, Table>;
  record: ChronicleRecord;
  reconciled: Reconciled;
  meta: DatasetMeta;
  settings: Settings;
  chronology: ChronologyConfig;
}

export interface DistWritten {
  /** The tables published. */
  published: OutTable[];
  /** The sha256 of every file written in dist/, by path. */
  written: Record<string, string>;
  /** The PDF cache entries used, relative to the root. */
  cacheEntries: string[];
}

export async function writeDist(root: string, input: DistInput, options: { workbookOffThread?: boolean } = {}): Promise<DistWritten> {
  const { tables, record, reconciled, meta, settings, chronology } = input;
  const published = publishedTables(tables, record, reconciled, settings);
  const date = buildDate(meta);
  const pdfCache = new PdfCache(path.join(root, WORK_DIR, 'pdf-cache'));
  let written: Record<string, string> = {};
  await publish(root, async (dir) => {
    // The workbook needs only the published tables: a large one is made on the second core while the rest is written.
    const cite = citation(meta, date);
    const makeWorkbook = options.workbookOffThread ? workbookBytesOffThread : workbookBytes;
    // The published tables are hashed once for both the workbook and the database (only in watch mode: see output-memo.ts).
    let publishedKey: string | undefined;
    const keyOfPublished = () => (publishedKey ??= inputsKey([published]));
    // Its deflated entries are kept in a folder of their own (emit/kept-members.ts), as the zip's are.
    const members = path.join(root, WORK_DIR, 'workbook-members');
    const workbook = memoOutput(WORKBOOK_FILE, () => [meta, date, cite, keyOfPublished()], () => makeWorkbook(meta, date, cite, published, members));
    // Awaited below; a step that fails before then ends the build without waiting for it.
    workbook.catch(() => undefined);
    // The step that awaits it shows only the wait: say when the second core was done with it.
    if (process.env.CHRONICLE_TIMINGS) workbook.then(() => process.stderr.write(`  the workbook ready (at ${performance.now().toFixed(0)} ms)\n`), () => undefined);
    await mkdir(path.join(dir, 'data'));
    // Every table is written from the rows held for the workbook and the database, as they were
    // validated, but a register (a source of OFF_THREAD_TABLE_BYTES or more), which streams from its
    // CSV so that its text is never held whole. Parsing the shipped sources again took 0.2 s.
    const streamed = new Set<string>();
    for (const table of tables.values()) if ((await stat(path.join(root, table.spec.file))).size >= OFF_THREAD_TABLE_BYTES) streamed.add(table.spec.name);
    for (const table of tables.values()) if (streamed.has(table.spec.name)) await step(`writing dist/data/${table.spec.name}`, () => publishSourceTable(path.join(root, table.spec.file), table.spec, path.join(dir, 'data')));
    for (const table of published.filter((t) => !streamed.has(t.name))) await step(`writing dist/data/${table.name}`, () => writeTable(path.join(dir, 'data'), table.name, table.columns, table.rows));
    const dataStats = await statFiles(dir);
    await step('writing dist/datapackage.json', () => writeFile(path.join(dir, 'datapackage.json'), `${JSON.stringify(datapackage(meta, date, record.sources, published, dataStats), null, 2)}\n`));
    const changes = await changesSinceReleases(root, meta, published);
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
      await writeFile(path.join(dir, BUNDLE_FILE), await memoOutput(BUNDLE_FILE, () => [files.map(([name]) => name), ...files.map(([, bytes]) => bytes), date], () => zipKeptIn(path.join(root, WORK_DIR, 'zip-members'), files, date)));
    });
    await step(`writing dist/${DATABASE_FILE}`, async () => {
      await writeFile(path.join(dir, DATABASE_FILE), await memoOutput(DATABASE_FILE, () => [keyOfPublished()], () => databaseBytes(published)));
      await writeFile(path.join(dir, DATASETTE_FILE), `${JSON.stringify(datasetteMetadata(meta, published), null, 2)}\n`);
    });
    await step('writing dist/report.pdf', () => writeReport(dir, { meta, date, record, reconciled, settings: settings, tables: published }, pdfCache));
    const chronologyFiles = await step('writing the chronology (templates/chronology.hbs and PDF handouts)', () => writeChronologies({ root, dir, config: chronology, record, reconciled, settings: settings, meta, date, pdf: true, cache: pdfCache }));
    await step(`writing dist/${WORKBOOK_FILE}`, async () => writeFile(path.join(dir, WORKBOOK_FILE), await workbook));
    const stats = await statFiles(dir);
    const extraDocuments = chronologyFiles.filter((w) => w.territory !== 'all').map(({ path, title, format }) => ({ path, title, format }));
    await step('rendering templates/index.hbs', () => writeSite({ root, dir, meta, date, record, events: reconciled.events, figures: reconciled.figures, settings: settings, tables: published, stats, findings: reconciled.findings.length, changes, extraDocuments, cache: pdfCache }));
    // After every output that uses the cache, the landing page's charts included.
    await pdfCache.keepWords();
    await pdfCache.prune();
    written = await step('writing dist/SHA256SUMS', () => writeChecksums(dir));
  });
  return { published, written, cacheEntries: pdfCache.files().map((f) => path.relative(root, f).split(path.sep).join('/')) };
}
