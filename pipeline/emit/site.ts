/**
 * dist/index.html, the landing page: every download with its format, size, rows and sha256,
 * links to the report and chronology, how to cite, the licence, and schema.org Dataset
 * JSON-LD. Plain HTML and CSS (templates/), no script to run.
 */
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import Handlebars from 'handlebars';
import { citation, type DatasetMeta } from '../dataset.js';
import type { ChronicleRecord } from '../model.js';
import { formatDate } from '../util/format.js';
import type { FileStat } from './datapackage.js';
import type { OutTable } from './write-table.js';

/** Documents other than the data, in the order a reader wants them; listed only when the build wrote them. */
const DOCUMENTS = [
  { path: 'report.pdf', title: 'Report: the record, its figures, and where its sources disagree', format: 'PDF' },
  { path: 'chronology.html', title: 'Chronology, 1939–1991 (printable)', format: 'HTML' },
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
  tables: OutTable[];
  stats: Map<string, FileStat>;
  findings: number;
  /** Extra documents (handouts per territory), listed after the main ones. */
  extraDocuments?: { path: string; title: string; format: string }[];
}

export async function writeSite(input: SiteInput): Promise<void> {
  const { root, dir, meta, date, record, tables, stats } = input;
  const [template, css] = await Promise.all([readFile(path.join(root, 'templates/index.hbs'), 'utf8'), readFile(path.join(root, 'templates/site.css'), 'utf8')]);
  const isoDate = date.toISOString().slice(0, 10);
  const file = (p: string, format: string) => {
    const s = stats.get(p)!;
    return { path: p, format, size: humanSize(s.bytes), sha256: s.sha256 };
  };
  const documents = [...DOCUMENTS, ...(input.extraDocuments ?? [])].filter((d) => stats.has(d.path)).map((d) => ({ ...d, size: humanSize(stats.get(d.path)!.bytes) }));
  const cite = citation(meta, date);
  const jsonLd = {
    '@context': 'https://schema.org/',
    '@type': 'Dataset',
    name: meta.title,
    description: meta.description,
    version: meta.version,
    datePublished: isoDate,
    license: meta.licenses[0]?.path,
    keywords: meta.keywords,
    creator: meta.contributors.map((c) => ({ '@type': 'Organization', name: c.title })),
    temporalCoverage: meta.temporalCoverage,
    spatialCoverage: meta.spatialCoverage.map((name) => ({ '@type': 'Place', name })),
    variableMeasured: record.measures.map((m) => ({ '@type': 'PropertyValue', name: m.label, description: m.definition, unitText: m.unit })),
    distribution: tables.flatMap((t) => [
      { '@type': 'DataDownload', name: `${t.title} (CSV)`, encodingFormat: 'text/csv', contentUrl: `data/${t.name}.csv`, contentSize: `${stats.get(`data/${t.name}.csv`)!.bytes} B` },
      { '@type': 'DataDownload', name: `${t.title} (JSON)`, encodingFormat: 'application/json', contentUrl: `data/${t.name}.json`, contentSize: `${stats.get(`data/${t.name}.json`)!.bytes} B` },
    ]),
  };
  const html = Handlebars.compile(template, { strict: true })({
    meta,
    css,
    jsonLd: scriptJson(jsonLd),
    isoDate,
    humanDate: formatDate(isoDate),
    counts: { events: new Set(record.events.map((e) => e.event)).size, figures: record.figures.length, sources: record.sources.length, findings: input.findings },
    documents,
    tables: tables.map((t) => ({ title: t.title, description: t.description, rows: t.rows.length, files: [file(`data/${t.name}.csv`, 'CSV'), file(`data/${t.name}.json`, 'JSON')] })),
    citation: cite,
  });
  await writeFile(path.join(dir, 'index.html'), html);
}
