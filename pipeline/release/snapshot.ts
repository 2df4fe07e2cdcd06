/**
 * What a release contained, kept in sources/releases/<version>.json so that the next build can
 * say what changed since: the columns and keys of every published table (a removed table or
 * column is a major change), and the rows of the tables a changelog speaks of.
 */
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import type { OutTable, OutValue } from '../emit/write-table.js';

export const RELEASES_DIR = 'sources/releases';

/** Tables whose rows a changelog compares, each by its primary key. */
export const TRACKED = ['events', 'figures', 'sources', 'findings', 'reconciled_figures', 'reconciled_events'] as const;

export interface Snapshot {
  version: string;
  released: string;
  tables: Record<string, { columns: string[]; primaryKey: string[] }>;
  rows: Record<string, Record<string, Record<string, OutValue>>>;
}

const rowKey = (table: OutTable, row: Record<string, OutValue>) => table.primaryKey.map((k) => String(row[k])).join('|');

export function snapshot(version: string, released: string, tables: OutTable[]): Snapshot {
  const rows: Snapshot['rows'] = {};
  for (const t of tables) {
    if (!(TRACKED as readonly string[]).includes(t.name)) continue;
    rows[t.name] = Object.fromEntries(t.rows.map((r) => [rowKey(t, r), r]));
  }
  return {
    version,
    released,
    tables: Object.fromEntries(tables.map((t) => [t.name, { columns: t.columns.map((c) => c.name), primaryKey: t.primaryKey }])),
    rows,
  };
}

/** Semantic versions compared part by part. */
export function compareVersions(a: string, b: string): number {
  const pa = a.split('.').map(Number);
  const pb = b.split('.').map(Number);
  for (let i = 0; i < 3; i++) if (pa[i] !== pb[i]) return (pa[i] ?? 0) - (pb[i] ?? 0);
  return 0;
}

/** Every recorded release, oldest first. */
export async function loadReleases(root: string): Promise<Snapshot[]> {
  let files: string[];
  try {
    files = (await readdir(path.join(root, RELEASES_DIR))).filter((f) => f.endsWith('.json'));
  } catch {
    return [];
  }
  const releases = await Promise.all(files.map(async (f) => JSON.parse(await readFile(path.join(root, RELEASES_DIR, f), 'utf8')) as Snapshot));
  return releases.sort((a, b) => compareVersions(a.version, b.version));
}
