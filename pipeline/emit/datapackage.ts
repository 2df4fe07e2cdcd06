/**
 * dist/datapackage.json: a Frictionless Data Package v2 descriptor. Each CSV is a tabular
 * resource with a Table Schema derived from the published columns; each JSON file is a plain
 * resource beside it. Bytes and hashes come from the files as written.
 */
import type { DatasetMeta } from '../dataset.js';
import type { SourceRow } from '../model.js';
import type { OutTable, OutType, PublishedColumn } from './write-table.js';

export const PROFILES = {
  package: 'https://datapackage.org/profiles/2.0/datapackage.json',
  resource: 'https://datapackage.org/profiles/2.0/dataresource.json',
  tableSchema: 'https://datapackage.org/profiles/2.0/tableschema.json',
};

export interface FileStat {
  /** Path relative to dist/, with forward slashes. */
  path: string;
  bytes: number;
  sha256: string;
}

// Lists are published as text in CSV: the 2.0 profiles lack the `list` type (datapackage issue 1089).
const FIELD_TYPES: Record<OutType, string> = { string: 'string', integer: 'integer', number: 'number', boolean: 'boolean', array: 'string', date: 'date' };

/** Table Schema patterns match the whole value, without anchors: ^a+$ is a+, a prefix ^https?:// is https?://.*, and a pattern met anywhere in the value, \{place\}, is .*\{place\}.* */
export function tablePattern(pattern: string): string {
  const body = pattern.startsWith('^') ? pattern.slice(1) : `.*${pattern}`;
  return body.endsWith('$') ? body.slice(0, -1) : `${body}.*`;
}

function field(c: PublishedColumn): Record<string, unknown> {
  const constraints: Record<string, unknown> = {};
  if (c.required) constraints.required = true;
  if (c.enum) constraints.enum = c.enum;
  if (c.pattern) constraints.pattern = tablePattern(c.pattern);
  if (c.minimum !== undefined) constraints.minimum = c.minimum;
  if (c.maximum !== undefined) constraints.maximum = c.maximum;
  if (c.maxLength !== undefined) constraints.maxLength = c.maxLength;
  return {
    name: c.name,
    type: FIELD_TYPES[c.type],
    ...(c.format ? { format: c.format } : {}),
    title: c.title,
    description: c.description,
    ...(Object.keys(constraints).length ? { constraints } : {}),
  };
}

export function tableSchema(t: OutTable): Record<string, unknown> {
  return {
    $schema: PROFILES.tableSchema,
    fields: t.columns.map(field),
    missingValues: [''],
    primaryKey: t.primaryKey,
    ...(t.foreignKeys.length ? { foreignKeys: t.foreignKeys } : {}),
  };
}

const rfc3339 = (d: Date) => d.toISOString().replace(/\.\d{3}Z$/, 'Z');

export function datapackage(meta: DatasetMeta, date: Date, sources: SourceRow[], tables: OutTable[], stats: Map<string, FileStat>): Record<string, unknown> {
  const stat = (p: string) => {
    const s = stats.get(p);
    if (!s) throw new Error(`no file written at ${p}`);
    return { bytes: s.bytes, hash: `sha256:${s.sha256}` };
  };
  return {
    $schema: PROFILES.package,
    name: meta.name,
    title: meta.title,
    description: meta.description,
    version: meta.version,
    created: rfc3339(date),
    ...(meta.homepage ? { homepage: meta.homepage } : {}),
    keywords: meta.keywords,
    licenses: meta.licenses,
    contributors: meta.contributors,
    sources: sources.map((s) => (s.url ? { title: s.title, path: s.url } : { title: s.title })),
    resources: tables.flatMap((t) => [
      { name: t.name, type: 'table', path: `data/${t.name}.csv`, format: 'csv', mediatype: 'text/csv', encoding: 'utf-8', ...stat(`data/${t.name}.csv`), title: t.title, description: t.description, schema: tableSchema(t) },
      { name: `${t.name}_json`, path: `data/${t.name}.json`, format: 'json', mediatype: 'application/json', encoding: 'utf-8', ...stat(`data/${t.name}.json`), title: `${t.title} (JSON)`, description: `${t.description} The same rows as the CSV, as an array of typed records: integers as numbers, lists as arrays, empty cells as null.` },
    ]),
  };
}
