/**
 * Writes one table as CSV (RFC 4180: UTF-8, header row, CRLF line ends, quotes only where
 * needed) and as JSON (an array of typed records, one per line). Both come from the same rows
 * and columns, so the two files always agree.
 */
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { recordMaker } from '../util/record-maker.js';

export type OutType = 'string' | 'integer' | 'number' | 'boolean' | 'array' | 'date';
export type OutValue = string | number | boolean | string[] | null;
export type OutRow = Record<string, OutValue>;

export interface OutColumn {
  name: string;
  type: OutType;
}

/** A column as published: its type, words for readers, and the constraints the descriptor states. */
export interface PublishedColumn extends OutColumn {
  title: string;
  description: string;
  required?: boolean;
  enum?: string[];
  pattern?: string;
  minimum?: number;
  maximum?: number;
  maxLength?: number;
  format?: 'uri';
}

export interface ForeignKeyOut {
  fields: string[];
  /** Omitted resource: the table refers to itself (Table Schema v2). */
  reference: { resource?: string; fields: string[] };
}

/** A table as published in dist/data, as CSV and JSON, and described in datapackage.json. */
export interface OutTable {
  name: string;
  title: string;
  description: string;
  columns: PublishedColumn[];
  primaryKey: string[];
  foreignKeys: ForeignKeyOut[];
  rows: OutRow[];
}

export interface WrittenTable {
  name: string;
  rows: number;
  files: string[];
}

const FORMULA_START = /^[=+\-@\t\r]/;

/** A typed value as a CSV cell: empty for null, lists joined by ';'. */
export function csvCell(value: OutValue): string {
  if (value === null) return '';
  if (Array.isArray(value)) return value.join(';');
  return String(value);
}

/**
 * Text that a spreadsheet would run as a formula must never reach a CSV: the validator rejects
 * it in sources, and generated text is written so that it never starts that way. Number cells
 * start with "-" only as negative numbers (index.html and the README say exactly this). This guard
 * turns a slip in either into a failed build rather than a dangerous download.
 */
export function assertNoFormula(table: string, columns: OutColumn[], rows: OutRow[]): void {
  for (const row of rows) {
    for (const c of columns) {
      const v = row[c.name];
      // A number cell starts with "-" only as a negative number: never -Infinity or NaN, which a spreadsheet would not read as one.
      if ((c.type === 'integer' || c.type === 'number') && typeof v === 'number' && !Number.isFinite(v)) throw new Error(`table ${table}, column ${c.name}: ${v} is not a finite number`);
      if (c.type !== 'string' && c.type !== 'array') continue;
      const items = Array.isArray(v) ? v : typeof v === 'string' ? [v] : [];
      const bad = items.find((s) => FORMULA_START.test(s));
      if (bad !== undefined) throw new Error(`table ${table}, column ${c.name}: text "${bad.slice(0, 40)}" would run as a spreadsheet formula`);
    }
  }
}

const NEEDS_QUOTES = /[",\r\n]/;

/**
 * One CSV record ended by CRLF (RFC 4180), as csv-stringify writes it: a cell is quoted only when
 * it holds a comma, a quote or a line break, and its quotes are doubled. Written here rather than
 * through csv-stringify, which cost as much as parsing the register again (tests/csv-record.test.ts
 * checks that the bytes are csv-stringify's).
 */
export function csvRecord(cells: string[]): string {
  let line = '';
  for (let i = 0; i < cells.length; i++) {
    const cell = cells[i]!;
    if (i > 0) line += ',';
    line += NEEDS_QUOTES.test(cell) ? `"${cell.replaceAll('"', '""')}"` : cell;
  }
  return `${line}\r\n`;
}

export function toCsv(columns: OutColumn[], rows: OutRow[]): string {
  let csv = csvRecord(columns.map((c) => c.name));
  for (const row of rows) csv += csvRecord(columns.map((c) => csvCell(row[c.name] ?? null)));
  return csv;
}

export function toJson(columns: OutColumn[], rows: OutRow[]): string {
  if (rows.length === 0) return '[]\n';
  // Records of one shape (recordMaker), which JSON.stringify writes on its fast path: half the time of Object.fromEntries.
  const names = columns.map((c) => c.name);
  const makeRecord = recordMaker<OutValue>(names);
  const records = rows.map((row) => JSON.stringify(makeRecord(names.map((n) => row[n] ?? null))));
  return `[\n${records.join(',\n')}\n]\n`;
}

export async function writeTable(dir: string, name: string, columns: OutColumn[], rows: OutRow[]): Promise<WrittenTable> {
  assertNoFormula(name, columns, rows);
  const csv = path.join(dir, `${name}.csv`);
  const json = path.join(dir, `${name}.json`);
  await Promise.all([writeFile(csv, toCsv(columns, rows)), writeFile(json, toJson(columns, rows))]);
  return { name, rows: rows.length, files: [csv, json] };
}
