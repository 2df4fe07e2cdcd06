/**
 * What travels with the data: CITATION.cff (Citation File Format 1.2), a README of the data with
 * its codebook and licence, and one zip of the data (CSV, JSON, datapackage.json, the README and
 * CITATION.cff) with reproducible bytes.
 */
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { citation, type DatasetMeta } from '../dataset.js';
import type { OutTable } from './write-table.js';

export const BUNDLE_FILE = 'occupation-chronicle-data.zip';

/** A YAML string that any YAML reader takes literally. */
const yamlString = (s: string) => JSON.stringify(s);

export function citationCff(meta: DatasetMeta, date: Date): string {
  const licence = meta.licenses[0];
  return [
    'cff-version: 1.2.0',
    'message: "If you use this dataset, please cite it as below."',
    'type: dataset',
    `title: ${yamlString(meta.title)}`,
    `version: ${yamlString(meta.version)}`,
    `date-released: ${yamlString(date.toISOString().slice(0, 10))}`,
    ...(licence ? [`license: ${licence.name}`] : []),
    ...(meta.homepage ? [`url: ${yamlString(meta.homepage)}`, `repository-artifact: ${yamlString(meta.homepage)}`] : []),
    'authors:',
    ...meta.contributors.map((c) => `  - name: ${yamlString(c.title)}`),
    'keywords:',
    ...meta.keywords.map((k) => `  - ${yamlString(k)}`),
    `abstract: ${yamlString(meta.description)}`,
    '',
  ].join('\n');
}

/** Markdown table cells: no line breaks, no bare pipes. */
const cell = (s: string) => s.replace(/\s+/g, ' ').replace(/\|/g, '\\|');

export function dataReadme(meta: DatasetMeta, date: Date, tables: OutTable[]): string {
  const licence = meta.licenses[0];
  const out = [
    `# ${meta.title}`,
    '',
    meta.description,
    '',
    `Version ${meta.version}, released ${date.toISOString().slice(0, 10)}.${meta.homepage ? ` Published at ${meta.homepage}.` : ''}`,
    '',
    '## Licence',
    '',
    licence
      ? `The data (every file in data/, datapackage.json and this README) is licensed under the ${licence.title} (${licence.name}, ${licence.path}): you may share and adapt it for any purpose, giving credit as below. The code of the pipeline that made it is under the MIT licence.`
      : 'No licence is given.',
    '',
    '## How to cite',
    '',
    citation(meta, date),
    '',
    'CITATION.cff beside this file says the same in the Citation File Format.',
    '',
    '## Where to start',
    '',
    '- `data/reconciled_figures.csv` and `data/reconciled_events.csv`: one row per quantity and per event, with the published value, how settled it is, and the claims behind it.',
    '- `data/events.csv` and `data/figures.csv`: every claim, one row each, with its source, locator and verbatim quote. A claim is known by its table and its id: an event claim and a figure claim read from the same page may share an id, so `data/claims.csv` and `data/finding_claims.csv` name each by `claim_type` (event or figure) and `claim`, and join on both.',
    '- `data/findings.csv`: where the sources disagree, by how much, and the editors\' ruling.',
    '- `data/event_people.csv` and `data/event_territories.csv`: the people and territories each event claim names, one per row, with the claim\'s `event`, so that they join `data/reconciled_events.csv` directly.',
    '- `datapackage.json`: the Frictionless Data Package descriptor (types, keys, hashes of every file).',
    '',
    'CSV files are UTF-8 without a byte order mark; in Excel use Data > From Text/CSV and choose UTF-8.',
    '',
    '## Tables and columns',
    '',
  ];
  for (const t of tables) {
    out.push(`### ${t.name} (${t.rows.length} rows)`, '', t.description, '', '| column | type | description |', '|---|---|---|');
    for (const c of t.columns) out.push(`| ${c.name} | ${c.type} | ${cell(c.description)} |`);
    out.push('');
  }
  return out.join('\n');
}

/**
 * What the zip of the data holds: datapackage.json, README.md, CHANGELOG.md, CITATION.cff and data/, with the
 * same bytes as the files beside it in dist/, so that their hashes match datapackage.json.
 */
export async function bundleFiles(dir: string): Promise<[name: string, bytes: Uint8Array][]> {
  const data = (await readdir(path.join(dir, 'data'))).sort().map((f) => `data/${f}`);
  const names = ['README.md', 'CHANGELOG.md', 'CITATION.cff', 'datapackage.json', ...data];
  const files: [string, Uint8Array][] = [];
  for (const name of names) files.push([name, new Uint8Array(await readFile(path.join(dir, name)))]);
  return files;
}
