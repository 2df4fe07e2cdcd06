/**
 * The whole record as one SQLite database, with the primary and foreign keys of the Data
 * Package, an index on every key column, full-text search over titles, summaries and quotes,
 * and a Datasette metadata file beside it, so that `datasette <db> -m <metadata>` browses it.
 *
 * sql.js (SQLite compiled to WebAssembly) installs from the npm registry alone, with no native
 * build. Its SQLite has FTS4 (not FTS5), which Datasette searches as well. The bytes depend only
 * on the statements run, so the same record gives the same file.
 */
import { createRequire } from 'node:module';
import { setFlagsFromString } from 'node:v8';
import type { DatasetMeta } from '../dataset.js';
import type { OutTable, OutType, OutValue } from './write-table.js';

const SQL_TYPES: Record<OutType, string> = { string: 'TEXT', integer: 'INTEGER', number: 'REAL', boolean: 'INTEGER', array: 'TEXT', date: 'TEXT' };

/** Columns searched in full text, per table: the words people look for. */
export const FULL_TEXT: Record<string, string[]> = {
  events: ['title', 'summary', 'quote', 'note'],
  figures: ['quote', 'note'],
  sources: ['title', 'author', 'publisher', 'note'],
  people: ['name', 'native_name', 'role'],
  territories: ['name', 'native_name'],
};

export const DATABASE_FILE = 'occupation-chronicle.db';
export const DATASETTE_FILE = 'datasette.json';

const quoteName = (name: string) => `"${name.replace(/"/g, '""')}"`;

function sqlValue(value: OutValue, type: OutType): string | number | null {
  if (value === null) return null;
  if (Array.isArray(value)) return value.join(';');
  if (typeof value === 'boolean') return value ? 1 : 0;
  if (type === 'integer' || type === 'number') return typeof value === 'number' ? value : Number(value);
  return value;
}

function createStatement(table: OutTable): string {
  const lines = table.columns.map((c) => `  ${quoteName(c.name)} ${SQL_TYPES[c.type]}${c.required ? ' NOT NULL' : ''}`);
  if (table.primaryKey.length) lines.push(`  PRIMARY KEY (${table.primaryKey.map(quoteName).join(', ')})`);
  for (const fk of table.foreignKeys) {
    const target = fk.reference.resource ?? table.name;
    lines.push(`  FOREIGN KEY (${fk.fields.map(quoteName).join(', ')}) REFERENCES ${quoteName(target)} (${fk.reference.fields.map(quoteName).join(', ')})`);
  }
  return `CREATE TABLE ${quoteName(table.name)} (\n${lines.join(',\n')}\n)`;
}

/** Index names follow the columns they index, so that they are stable and readable. */
function indexStatements(table: OutTable): string[] {
  const keyed = new Set(table.foreignKeys.map((fk) => fk.fields.join(',')));
  return [...keyed].map((fields) => {
    const cols = fields.split(',');
    return `CREATE INDEX ${quoteName(`idx_${table.name}_${cols.join('_')}`)} ON ${quoteName(table.name)} (${cols.map(quoteName).join(', ')})`;
  });
}

function ftsStatements(table: OutTable): string[] {
  const wanted = (FULL_TEXT[table.name] ?? []).filter((c) => table.columns.some((col) => col.name === c));
  if (!wanted.length) return [];
  const fts = quoteName(`${table.name}_fts`);
  const cols = wanted.map(quoteName).join(', ');
  // An external-content FTS4 table keyed by the table's rowid: Datasette's own layout for search.
  return [
    `CREATE VIRTUAL TABLE ${fts} USING fts4(${cols}, content=${quoteName(table.name)}, tokenize=unicode61)`,
    `INSERT INTO ${fts} (docid, ${cols}) SELECT rowid, ${cols} FROM ${quoteName(table.name)}`,
  ];
}

/** The database's bytes. */
export async function databaseBytes(tables: OutTable[]): Promise<Uint8Array> {
  const require = createRequire(import.meta.url);
  const initSqlJs = require('sql.js') as (options?: object) => Promise<{ Database: new () => SqlDatabase }>;
  // V8's optimizing compiler, which it would start on SQLite's hot functions while they run, costs
  // more than it gains in a run this short: 0.9 s against 0.5 s for the shipped record, with it
  // and without; no slower without it for ten times the record's rows, nor in watch mode. The flag
  // is for the process, and no other code of ours is WebAssembly.
  setFlagsFromString('--liftoff-only');
  const SQL = await initSqlJs();
  const db = new SQL.Database();
  try {
    db.run('PRAGMA page_size = 4096');
    // A new database, filled in one transaction and exported whole: a failed build throws it away,
    // so it needs no journal to roll back (keeping one was 70 ms of the commit), and it has no free
    // pages to reclaim: VACUUM (80 to 160 ms) only packed its pages tighter, 16 KB of 3.6 MB.
    db.run('PRAGMA journal_mode = OFF');
    db.run('BEGIN');
    for (const table of tables) {
      db.run(createStatement(table));
      const insert = db.prepare(`INSERT INTO ${quoteName(table.name)} VALUES (${table.columns.map(() => '?').join(', ')})`);
      for (const row of table.rows) insert.run(table.columns.map((c) => sqlValue(row[c.name] ?? null, c.type)));
      insert.free();
      for (const statement of [...indexStatements(table), ...ftsStatements(table)]) db.run(statement);
    }
    db.run('COMMIT');
    return db.export();
  } finally {
    db.close();
  }
}

interface SqlDatabase {
  run(sql: string): void;
  prepare(sql: string): { run(values: (string | number | null)[]): void; free(): void };
  export(): Uint8Array;
  close(): void;
}

/** Datasette's metadata: titles, descriptions, licence and source, per database and table. */
export function datasetteMetadata(meta: DatasetMeta, tables: OutTable[]): object {
  const licence = meta.licenses[0];
  const name = DATABASE_FILE.replace(/\.db$/, '');
  return {
    title: meta.title,
    description: meta.description,
    ...(licence ? { license: licence.title, license_url: licence.path } : {}),
    source: meta.contributors.map((c) => c.title).join(', '),
    ...(meta.homepage ? { source_url: meta.homepage } : {}),
    databases: {
      [name]: {
        tables: Object.fromEntries(
          tables.map((t) => {
            const searchable = (FULL_TEXT[t.name] ?? []).some((c) => t.columns.some((col) => col.name === c));
            return [
              t.name,
              {
                title: t.title,
                description: t.description,
                columns: Object.fromEntries(t.columns.map((c) => [c.name, c.description])),
                ...(searchable ? { fts_table: `${t.name}_fts`, fts_pk: 'rowid' } : {}),
              },
            ];
          }),
        ),
      },
    },
  };
}
