/**
 * The downloads for data people, on the small fixture: the SQLite database, the XLSX workbook,
 * the zip of the data, CITATION.cff and the data's README, each checked as its user would open it.
 * The fixture is built once per run and shared (tests/shared.ts); these tests only read it.
 */
import { createHash } from 'node:crypto';
import { spawnSync } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import path from 'node:path';
import { parse } from 'csv-parse/sync';
import ExcelJS from 'exceljs';
import { unzipSync } from 'fflate';
import { beforeAll, describe, expect, it } from 'vitest';
import { BUNDLE_FILE } from '../pipeline/emit/bundle.js';
import { DATABASE_FILE, DATASETTE_FILE } from '../pipeline/emit/sqlite.js';
import { WORKBOOK_FILE } from '../pipeline/emit/workbook.js';
import { snapshot } from './helpers.js';
import { builtFixture, shippedDist } from './shared.js';
import { tool } from './tools.js';

const sha256 = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');
const sqlite3 = tool('sqlite3');

let dist: string;
const read = (file: string) => readFile(path.join(dist, file));

beforeAll(async () => {
  const { run, ...built } = await builtFixture();
  expect(run.code, run.stderr).toBe(0);
  dist = built.dist;
});

async function openDatabase() {
  const require = createRequire(import.meta.url);
  const initSqlJs = require('sql.js');
  const SQL = await initSqlJs();
  return new SQL.Database(await read(DATABASE_FILE));
}

describe('SQLite database', () => {
  it('passes the integrity and foreign key checks, and holds every CSV row', async () => {
    const db = await openDatabase();
    db.run('PRAGMA foreign_keys = ON');
    expect(db.exec('PRAGMA integrity_check')[0].values).toEqual([['ok']]);
    expect(db.exec('PRAGMA foreign_key_check')).toEqual([]);
    const descriptor = JSON.parse(String(await read('datapackage.json')));
    for (const resource of descriptor.resources.filter((r: { path: string }) => r.path.endsWith('.csv'))) {
      const rows = parse(await read(resource.path), { columns: true }) as unknown[];
      const [[count]] = db.exec(`SELECT count(*) FROM "${resource.name}"`)[0].values;
      expect(count, resource.name).toBe(rows.length);
    }
  });

  it('finds a place name in full text, diacritics and all', async () => {
    const db = await openDatabase();
    const events = parse(await read('data/events.csv'), { columns: true }) as { id: string; summary: string }[];
    const word = events.flatMap((e) => e.summary.split(/[^\p{L}]+/u)).find((w) => /^\p{Lu}\p{L}{4,}$/u.test(w) && /[^\x00-\x7f]/.test(w)) ?? 'Latvia';
    const hits = db.exec(`SELECT e.id FROM events e JOIN events_fts f ON f.docid = e.rowid WHERE events_fts MATCH ?`, [word]);
    const expected = events.filter((e) => new RegExp(`(^|[^\\p{L}])${word}([^\\p{L}]|$)`, 'u').test(e.summary)).map((e) => e.id);
    expect(expected.length).toBeGreaterThan(0);
    expect(hits[0].values.flat()).toEqual(expect.arrayContaining(expected));
  });

  it('has a Datasette metadata file naming every table, its licence and its search table', async () => {
    const metadata = JSON.parse(String(await read(DATASETTE_FILE)));
    expect(metadata.license_url).toMatch(/^https:\/\//);
    const tables = metadata.databases['occupation-chronicle'].tables;
    expect(tables.events.fts_table).toBe('events_fts');
    expect(Object.keys(tables)).toContain('reconciled_figures');
  });

  it('names in its Datasette metadata only tables, columns and search tables the database has, under the name Datasette gives the file', async () => {
    const metadata = JSON.parse(String(await read(DATASETTE_FILE)));
    // Datasette names a database after its file's stem; metadata under another name is silently ignored.
    expect(Object.keys(metadata.databases)).toEqual([path.basename(DATABASE_FILE, '.db')]);
    const db = await openDatabase();
    const columnsOf = (table: string) => (db.exec(`PRAGMA table_info("${table}")`)[0]?.values ?? []).map((row: unknown[]) => row[1]);
    for (const [name, table] of Object.entries(metadata.databases[path.basename(DATABASE_FILE, '.db')].tables) as [string, { columns?: Record<string, string>; fts_table?: string; fts_pk?: string }][]) {
      const columns = columnsOf(name);
      expect(columns.length, `table ${name}`).toBeGreaterThan(0);
      expect(columns, `columns of ${name}`).toEqual(expect.arrayContaining(Object.keys(table.columns ?? {})));
      if (table.fts_table) expect(columnsOf(table.fts_table).length, `search table of ${name}`).toBeGreaterThan(0);
      // rowid is every table's implicit key, which the search tables' docid follows.
      if (table.fts_pk) expect([...columns, 'rowid'], `fts_pk of ${name}`).toContain(table.fts_pk);
    }
  });

  it(`opens in the sqlite3 shell with no key or integrity problem${sqlite3.note}`, { skip: !sqlite3.available }, () => {
    const run = spawnSync('sqlite3', [path.join(dist, DATABASE_FILE), 'PRAGMA foreign_key_check; PRAGMA integrity_check;'], { encoding: 'utf8' });
    expect(run.stdout.trim()).toBe('ok');
  });
});

describe('XLSX workbook', () => {
  it('opens with an About sheet, a codebook, and a sheet per table with typed cells, frozen headers and filters', async () => {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load((await read(WORKBOOK_FILE)) as never);
    const names = wb.worksheets.map((w) => w.name);
    expect(names.slice(0, 2)).toEqual(['About', 'Codebook']);
    expect(names).toContain('figures');
    const about = wb.getWorksheet('About')!;
    expect(about.getColumn(1).values).toContain('How to cite');
    const figures = wb.getWorksheet('figures')!;
    const header = (figures.getRow(1).values as string[]).slice(1);
    const value = figures.getRow(2).getCell(header.indexOf('value') + 1).value;
    const periodStart = figures.getRow(2).getCell(header.indexOf('period_start') + 1).value;
    expect(typeof value).toBe('number');
    expect(periodStart).toBeInstanceOf(Date);
    expect(figures.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
    expect(figures.autoFilter).toBeTruthy();
  });

  it('gives every cell of the shipped record the style of its column and row: dates shown as days, a bold header, nothing else', async () => {
    // The cells of a column share one style object (workbook.ts): no cell may take another type's style.
    // The shipped record, whose date columns hold empty cells and days alike.
    const shipped = await shippedDist();
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load((await readFile(path.join(shipped, WORKBOOK_FILE))) as never);
    const descriptor = JSON.parse(await readFile(path.join(shipped, 'datapackage.json'), 'utf8'));
    let cells = 0;
    // The CSV resources: each has a sheet, and a schema whose types are the cells'.
    for (const resource of descriptor.resources.filter((r: { schema?: object }) => r.schema)) {
      const sheet = wb.getWorksheet(resource.name)!;
      const fields = resource.schema.fields as { name: string; type: string }[];
      sheet.eachRow({ includeEmpty: false }, (row, n) =>
        // Empty cells too: a row's empty cell is written with its column's style.
        row.eachCell({ includeEmpty: true }, (cell, column) => {
          cells++;
          const where = `${resource.name} ${cell.address}`;
          if (n === 1) return expect(cell.font?.bold, where).toBe(true);
          expect(cell.font?.bold, where).toBeFalsy();
          expect(cell.numFmt, where).toBe(fields[column - 1]!.type === 'date' ? 'yyyy-mm-dd' : undefined);
        }),
      );
    }
    expect(cells).toBeGreaterThan(50_000);
  });
});

interface Descriptor {
  resources: { name: string; schema: { fields: { name: string; description: string; constraints?: { enum?: string[] } }[] } }[];
}

/** The shipped record's datapackage.json, and one field of one of its resources. */
async function shippedField(): Promise<(table: string, column: string) => Descriptor['resources'][number]['schema']['fields'][number]> {
  const pkg = JSON.parse(await readFile(path.join(await shippedDist(), 'datapackage.json'), 'utf8')) as Descriptor;
  return (table, column) => pkg.resources.find((r) => r.name === table)!.schema.fields.find((f) => f.name === column)!;
}

describe("the descriptions of the derived tables' columns (shipped record)", () => {
  it('name every kind of finding the record has (findings.kind)', async () => {
    const field = await shippedField();
    const kinds = new Set((parse(await readFile(path.join(await shippedDist(), 'data/findings.csv')), { columns: true }) as { kind: string }[]).map((r) => r.kind));
    expect(kinds.size).toBeGreaterThan(3);
    for (const kind of kinds) expect(field('findings', 'kind').description.split(/, | or |\./)).toContain(kind);
  });

  it('name every flag the source tables allow (claims.flag)', async () => {
    const field = await shippedField();
    const allowed = new Set([...field('events', 'flag').constraints!.enum!, ...field('figures', 'flag').constraints!.enum!]);
    expect(allowed.size).toBeGreaterThan(3);
    for (const flag of allowed) expect(field('claims', 'flag').description.split(/, | or |;/)).toContain(flag);
  });
});

describe('zip of the data', () => {
  it('unpacks to the files of dist/, whose hashes match datapackage.json', async () => {
    const files = unzipSync(await read(BUNDLE_FILE));
    expect(Object.keys(files)).toEqual(expect.arrayContaining(['README.md', 'CITATION.cff', 'datapackage.json', 'data/events.csv']));
    const descriptor = JSON.parse(new TextDecoder().decode(files['datapackage.json']));
    for (const resource of descriptor.resources) {
      if (/^https?:/.test(resource.path)) continue;
      expect(sha256(files[resource.path]!), resource.path).toBe(resource.hash.replace(/^sha256:/, ''));
    }
    for (const [name, bytes] of Object.entries(files)) expect(sha256(bytes), name).toBe(sha256(await read(name)));
  });

  it('carries the licence and codebook in its README, and a CITATION.cff with the version', async () => {
    const files = unzipSync(await read(BUNDLE_FILE));
    const readme = new TextDecoder().decode(files['README.md']);
    expect(readme).toMatch(/Creative Commons Attribution 4\.0/);
    expect(readme).toMatch(/### figures \(\d+ rows\)/);
    const cff = new TextDecoder().decode(files['CITATION.cff']);
    expect(cff).toMatch(/^version: "\d+\.\d+\.\d+"$/m);
  });
});

describe('reproducible downloads', () => {
  it('gives the same bytes for the database, workbook and zip in another time zone', async () => {
    // The shared build in Pacific/Kiritimati, beside the one above in America/Los_Angeles.
    const other = await builtFixture('kiritimati');
    expect(other.run.code, other.run.stderr).toBe(0);
    const [a, b] = [await snapshot(dist), await snapshot(other.dist)];
    for (const file of [DATABASE_FILE, WORKBOOK_FILE, BUNDLE_FILE, DATASETTE_FILE, 'CITATION.cff', 'README.md']) expect(b[file], file).toBe(a[file]);
  });
});
