/**
 * dist/index.html, the landing page, in the order a visitor needs it: what the record is, the
 * three downloads most people want first, a picture of the record (with its table), the
 * documents to read and print, what changed, then each table with its rows, a preview and its
 * columns, the database, how to cite, the licence, and the checksums last. schema.org Dataset
 * JSON-LD for search engines. Plain HTML and CSS (templates/), no script to run.
 */
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { citation, datasetPeriod, type DatasetMeta } from '../dataset.js';
import { BUNDLE_FILE } from './bundle.js';
import { DATABASE_FILE, DATASETTE_FILE } from './sqlite.js';
import { WORKBOOK_FILE } from './workbook.js';
import type { ChronicleRecord } from '../model.js';
import type { ReconciledEvent, ReconciledFigure } from '../reconcile/reconciled.js';
import { doubtLegend } from '../reconcile/doubt.js';
import type { Settings } from '../reconcile/settings.js';
import type { PdfCache } from '../pdf/cache.js';
import { deportationChart } from '../report/chart.js';
import { keyFigures, type KeyFigure } from '../report/key-figures.js';
import type { Changelog } from '../release/changelog.js';
import { decadeTable, timelineChart, timelineCounts } from '../report/timeline-chart.js';
import { formatDate, formatNumber, formatSpan } from '../util/format.js';
import { compiledTemplate } from '../util/templates.js';
import type { FileStat } from './datapackage.js';
import type { OutTable } from './write-table.js';

/** Documents other than the data, in the order a reader wants them; listed only when the build wrote them. The period is the data's. */
const documentsOf = (period: string) => [
  { path: 'report.pdf', title: 'Report: the record, its figures, and where its sources disagree', format: 'PDF' },
  { path: 'chronology.html', title: `Chronology, ${period} (printable)`, format: 'HTML' },
  { path: 'chronology.pdf', title: 'Chronology handout, all territories', format: 'PDF' },
];

export function humanSize(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KB`;
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}

/** JSON that is safe inside a <script> element: no "</script>" or "<!--" can close or comment it. */
const scriptJson = (value: unknown) => JSON.stringify(value, null, 2).replace(/</g, '\\u003c');

export interface SiteInput {
  root: string;
  dir: string;
  meta: DatasetMeta;
  date: Date;
  record: ChronicleRecord;
  events: ReconciledEvent[];
  /** The reconciled figures and the settings that mark their settledness, for the key-figures chart. */
  figures: ReconciledFigure[];
  settings: Settings;
  tables: OutTable[];
  stats: Map<string, FileStat>;
  findings: number;
  changes: Changelog;
  /** Extra documents (handouts per territory), listed after the main ones. */
  extraDocuments?: { path: string; title: string; format: string }[];
  /** Where the charts' SVG is kept between builds (vega-svg.ts). */
  cache?: PdfCache;
}

/** The three downloads most visitors want, in this order. */
const START = [
  { path: 'data/claims.csv', title: 'Every claim in one labelled table', format: 'CSV', note: 'One row per claim, readable alone: names beside ids, dates, the value and its bounds, the source, its grade and quote, and whether it is the published value.' },
  { path: WORKBOOK_FILE, title: 'The workbook', format: 'XLSX', note: 'Every table as a sheet, with typed cells and filters, a codebook sheet and how to cite it.' },
  { path: BUNDLE_FILE, title: 'Everything, zipped', format: 'ZIP', note: 'Every table as CSV and JSON, the Data Package descriptor, the data\'s README with its codebook and licence, the changelog and CITATION.cff.' },
];

/** Tables in the order a visitor reads them: the labelled and reconciled tables first. */
const TABLE_ORDER = ['claims', 'reconciled_figures', 'reconciled_events', 'findings'];
const PREVIEW_ROWS = 3;
const PREVIEW_CELL = 60;

function previewCell(value: unknown): string {
  if (value === null || value === undefined) return '';
  const text = Array.isArray(value) ? value.join(';') : String(value);
  return text.length > PREVIEW_CELL ? `${text.slice(0, PREVIEW_CELL - 1)}…` : text;
}

/** What changed since the last release, in one sentence. */
function changeSentence(c: Changelog): string {
  if (!c.since) return `This is version ${c.version}; no earlier release is recorded.`;
  const parts = [
    [c.claims.added.length, 'claims added'],
    [c.claims.changed.length, 'claims changed'],
    [c.claims.removed.length, 'claims retired'],
    [c.sources.added.length, 'sources added'],
    [c.findingsOpened.length, 'findings opened'],
    [c.findingsClosed.length, 'findings closed'],
    [c.values.length, 'published values changed'],
  ].filter(([n]) => (n as number) > 0).map(([n, words]) => `${n} ${words}`);
  const what = parts.length ? parts.join(', ') : 'nothing changed';
  return c.released ? `Version ${c.version} against version ${c.since}: ${what}.` : `Since version ${c.since} (not yet released): ${what}.`;
}

/** The first two sentences of the description: what this is, in two sentences. */
const lead = (description: string) => (description.match(/[^.]+\.(\s|$)/g) ?? [description]).slice(0, 2).join('').trim();

export async function writeSite(input: SiteInput): Promise<void> {
  const { root, dir, meta, date, record, tables, stats } = input;
  const [template, css] = await Promise.all([readFile(path.join(root, 'templates/index.hbs'), 'utf8'), readFile(path.join(root, 'templates/site.css'), 'utf8')]);
  const isoDate = date.toISOString().slice(0, 10);
  const size = (p: string) => humanSize(stats.get(p)!.bytes);
  const file = (p: string, format: string) => ({ path: p, format, size: size(p) });
  const documents = [...documentsOf(datasetPeriod(meta).text), ...(input.extraDocuments ?? [])].filter((d) => stats.has(d.path)).map((d) => ({ ...d, size: size(d.path) }));
  const { rows, counts } = timelineCounts(record, input.events);
  const key = keyFigures(record, input.figures, input.events, input.settings);
  const keyRow = (k: KeyFigure) => ({ operation: k.kind === 'total' ? k.operation : k.event.title, stage: k.kind === 'stage', territory: k.territory, stated: k.figure.stated, mark: k.mark, range: formatSpan(k.figure) });
  const jsonLd = {
    '@context': 'https://schema.org/',
    '@type': 'Dataset',
    name: meta.title,
    description: meta.description,
    version: meta.version,
    datePublished: isoDate,
    ...(meta.homepage ? { url: meta.homepage } : {}),
    license: meta.licenses[0]?.path,
    keywords: meta.keywords,
    creator: meta.contributors.map((c) => ({ '@type': 'Organization', name: c.title })),
    temporalCoverage: meta.temporalCoverage,
    spatialCoverage: meta.spatialCoverage.map((name) => ({ '@type': 'Place', name })),
    variableMeasured: record.measures.map((m) => ({ '@type': 'PropertyValue', name: m.label, description: m.definition, unitText: m.unit })),
    // Absolute addresses when the data has a home; relative to this page until then.
    distribution: tables.flatMap((t) => [
      { '@type': 'DataDownload', name: `${t.title} (CSV)`, encodingFormat: 'text/csv', contentUrl: absolute(meta, `data/${t.name}.csv`), contentSize: `${stats.get(`data/${t.name}.csv`)!.bytes} B` },
      { '@type': 'DataDownload', name: `${t.title} (JSON)`, encodingFormat: 'application/json', contentUrl: absolute(meta, `data/${t.name}.json`), contentSize: `${stats.get(`data/${t.name}.json`)!.bytes} B` },
    ]),
  };
  const ordered = [...tables].sort((a, b) => rank(a.name) - rank(b.name));
  const html = compiledTemplate(template)({
    meta,
    css,
    jsonLd: scriptJson(jsonLd),
    lead: lead(meta.description),
    isoDate,
    humanDate: formatDate(isoDate),
    // Events and figures as published (one figure per quantity), and the claims behind them.
    counts: { events: formatNumber(input.events.length), figures: formatNumber(input.figures.length), claims: formatNumber(record.events.length + record.figures.length), sources: formatNumber(record.sources.length), findings: formatNumber(input.findings) },
    start: START.filter((s) => stats.has(s.path)).map((s) => ({ ...s, size: size(s.path) })),
    timeline: { svg: await timelineChart(rows, counts, 640, input.cache), table: decadeTable(rows, counts) },
    deportations: {
      svg: await deportationChart(key, 640, 'system-ui, -apple-system, "Segoe UI", Roboto, sans-serif', input.cache),
      parts: key.filter((k) => k.kind !== 'total').map(keyRow),
      totals: key.filter((k) => k.kind === 'total').map(keyRow),
      legend: doubtLegend(input.settings),
    },
    documents,
    changes: { sentence: changeSentence(input.changes) },
    tables: ordered.map((t) => ({
      name: t.name,
      title: t.title,
      description: t.description,
      rows: t.rows.length,
      files: [file(`data/${t.name}.csv`, 'CSV'), file(`data/${t.name}.json`, 'JSON')],
      columns: t.columns.map((c) => ({ name: c.name, type: c.type, description: c.description })),
      preview: t.rows.slice(0, PREVIEW_ROWS).map((r) => t.columns.map((c) => previewCell(r[c.name]))),
    })),
    database: file(DATABASE_FILE, 'SQLite'),
    datasette: file(DATASETTE_FILE, 'JSON'),
    citation: citation(meta, date),
    hashes: [...stats.values()].filter((s) => s.path !== 'SHA256SUMS').map((s) => ({ path: s.path, size: humanSize(s.bytes), sha256: s.sha256 })),
  });
  await writeFile(path.join(dir, 'index.html'), html);
}

const rank = (name: string) => (TABLE_ORDER.includes(name) ? TABLE_ORDER.indexOf(name) : TABLE_ORDER.length);

/** A path in dist/ as an absolute address under the homepage, when there is one. */
export function absolute(meta: Pick<DatasetMeta, 'homepage'>, file: string): string {
  return meta.homepage ? new URL(file, meta.homepage.endsWith('/') ? meta.homepage : `${meta.homepage}/`).href : file;
}
