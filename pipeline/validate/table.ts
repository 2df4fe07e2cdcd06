/**
 * Loads one table: streams its CSV, checks the header against the schema, converts each cell
 * to its type, and checks each row (text, JSON Schema with ajv compiled once per table, EDTF
 * dates, unique primary key). ajv sees only a row that the cell tests compiled from the same
 * schema do not pass (cell-tests.ts). Every problem is a diagnostic; nothing throws for bad data.
 */
import path from 'node:path';
import type { ErrorObject, ValidateFunction } from 'ajv';
import { append, diagnose, type Diagnostic, type Place } from '../diagnostics.js';
import { readCsv } from '../load/read-csv.js';
import type { Column, TableSpec } from '../tables.js';
import { nearest } from '../util/nearest.js';
import { recordMaker } from '../util/record-maker.js';
import { cellTests } from './cell-tests.js';
import { dateColumnCheck } from './dates.js';
import { checkText, isPlainText, type TextProblem } from './text.js';
import { KeyIndex } from './key-index.js';

export type Cell = string | number | boolean | string[] | null;
export type Row = Record<string, Cell>;

export interface Table {
  spec: TableSpec;
  rows: Row[];
  /** Physical line of each row, parallel to rows. */
  lines: number[];
  /** 1-based position in the file of each schema column (0 when the header lacks it). */
  positions: number[];
  /** False when a syntax error dropped rows: references into the table are then not checked. */
  complete: boolean;
  /** Every value of each referenced field (see LoadOptions.referenced). */
  values: Map<string, Set<string>>;
}

/** Syntax problems after which some rows of the file could not be read. */
const DROPS_ROWS = new Set(['csv/unclosed-quote', 'csv/stray-quote', 'csv/field-count']);

const INTEGER = /^-?\d+$/;
const NONE: ReadonlySet<string> = new Set();
const SEPARATED = /^-?\d{1,3}([ ,.'\u00A0\u202F]\d{3})+$/;
const ID_PATTERN = '^[a-z0-9]+(-[a-z0-9]+)*$';

/** What a pattern asks for, in words; patterns not named here are shown as they are. */
export const PATTERN_WORDS: Record<string, string> = {
  [ID_PATTERN]: 'an id of lowercase letters, digits and single hyphens (e.g. lv-occupation-1940)',
  '^[a-z][a-z0-9]*(-[a-z0-9]+)*$': 'an event id of lowercase letters, digits and single hyphens that starts with a letter (e.g. lv-occupation-1940; a quantity is keyed by its event or its period, so an id such as 1941 would read as a period)',
  '^[a-z]{2,3}(-[A-Za-z0-9]+)*$': 'a language tag such as en, lv or ro',
  '^https?://': 'an address starting with http:// or https://',
  '^chronology(-[a-z0-9]+)*$': 'a file name chronology or chronology-<letters, digits, hyphens>, without folders, dots or extension',
  '^glance(-[a-z0-9]+)+$': 'a file name glance-<letters, digits, hyphens>, without folders, dots or extension',
};
const TYPE_WORDS: Record<string, string> = { integer: 'an integer', boolean: 'true or false', string: 'text', array: 'a ;-separated list' };

/** An integer as String() writes it, so the cell reads as it is published: tested rather than writing each number again (a million cells of a register). */
const CANONICAL_INTEGER = /^(?:0|-?[1-9]\d*)$/;

/** A cell as its column's type; text that is not of the type stays text, for the schema check to report. */
export function typeCell(column: Column, raw: string): Cell {
  switch (column.type) {
    case 'integer': {
      // Beyond 2^53 a number is rounded (9007199254740993 would become ...992): such a cell stays text, for the schema check to report.
      const n = INTEGER.test(raw) ? Number(raw) : NaN;
      return Number.isSafeInteger(n) ? n : raw;
    }
    case 'boolean':
      return raw === 'true' ? true : raw === 'false' ? false : raw;
    case 'array':
      return raw.split(';').map((item) => item.trim());
    default:
      return raw;
  }
}

function limitWords(column: Column): string {
  if (column.minimum !== undefined && column.maximum !== undefined) return `from ${column.minimum} to ${column.maximum}`;
  return column.minimum !== undefined ? `of at least ${column.minimum}` : `of at most ${column.maximum}`;
}

/** A check across tables that runs on each row as it is read, so that rows need not be kept. */
export type RowCheck = (row: Row, line: number, positions: number[], report: (d: Diagnostic) => void) => void;

export interface LoadOptions {
  /** Keep the typed rows (for later stages, or for checks that need the whole table). */
  keep: boolean;
  checks: RowCheck[];
  /** Fields whose values later tables refer to: their value sets are collected even when rows are not kept. */
  referenced: string[];
}

export async function loadTable(root: string, spec: TableSpec, validateRow: ValidateFunction, options: LoadOptions = { keep: true, checks: [], referenced: [] }): Promise<{ table: Table; diagnostics: Diagnostic[] }> {
  const file = spec.file;
  const diagnostics: Diagnostic[] = [];
  const table: Table = { spec, rows: [], lines: [], positions: [], complete: true, values: new Map(options.referenced.map((f) => [f, new Set<string>()])) };
  const byName = new Map(spec.columns.map((c) => [c.name, c]));
  /** Position in the file of each schema column, -1 when the header lacks it. */
  let positions: number[] = [];
  let headerUsable = false;
  const keys = new KeyIndex();

  const onHeader = (cells: string[], line: number) => {
    const names = cells.map((c) => c.trim());
    if (!names.some((n) => byName.has(n))) {
      diagnostics.push(diagnose('header/missing', { file, line }, { expected: spec.columns.map((c) => c.name).join(',') }));
      return;
    }
    headerUsable = true;
    const seen = new Map<string, number>();
    names.forEach((name, i) => {
      const place = { file, line, column: i + 1, field: name };
      if (seen.has(name)) diagnostics.push(diagnose('header/duplicate-column', place, { column: name, first: seen.get(name)! + 1 }));
      else if (!byName.has(name)) diagnostics.push(diagnose('header/unknown-column', place, { column: name, suggestion: nearest(name, [...byName.keys()].filter((k) => !names.includes(k))) }));
      if (!seen.has(name)) seen.set(name, i);
    });
    positions = spec.columns.map((c) => seen.get(c.name) ?? -1);
    table.positions = positions.map((p) => p + 1);
    spec.columns.forEach((c, i) => {
      if (positions[i] === -1) diagnostics.push(diagnose('header/missing-column', { file, line, field: c.name }, { column: c.name }));
    });
  };

  const columns = spec.columns;
  const report = (d: Diagnostic) => diagnostics.push(d);
  const singleKey = spec.primaryKey.length === 1 ? spec.primaryKey[0]! : undefined;
  const keyPosition = () => positions[columns.findIndex((c) => c.name === spec.primaryKey[0])]!;

  /** The slow path for a cell that is not plain text: say what is wrong with it. */
  const reportText = (raw: string, column: Column, place: Place) => {
    const problems: TextProblem[] = [];
    checkText(raw, problems);
    for (const p of problems) {
      if (p.code === 'csv/control-character' || p.code === 'text/invisible') report(diagnose(p.code, place, { char: p.char }));
      else if (p.code === 'text/formula') {
        if (column.type === 'string' || column.type === 'array') report(diagnose(p.code, place, { first: p.first! }));
      } else if (!(p.code === 'text/whitespace' && column.type === 'integer')) report(diagnose(p.code, place, {}));
    }
  };

  // Called once per row of a register that may hold a million: plain loops, one object per row
  // made in one step, and ajv only for a row that the compiled cell tests do not pass.
  const names = columns.map((c) => c.name);
  const makeRow = recordMaker<Cell>(names);
  const tests = cellTests(spec.schema, names);
  const dateChecks = columns.map((c) => (c.format === 'edtf' ? dateColumnCheck(c.years) : undefined));
  // Kept rows of a register repeat a few hundred measures, sources, periods and qualifiers a
  // million times: each column of ids, codes or dates keeps one string per distinct value.
  const shared = columns.map((c) => (options.keep && c.type === 'string' && (c.enum || c.foreignKey || c.format === 'edtf') ? new Map<string, string>() : undefined));
  const values: Cell[] = new Array(columns.length);
  const onRecord = (cells: string[], line: number) => {
    if (!headerUsable) return;
    let certain = tests !== undefined;
    let separated: Set<string> | undefined;
    for (let i = 0; i < columns.length; i++) {
      const at = positions[i]!;
      const column = columns[i]!;
      const raw = at === -1 ? '' : cells[at]!;
      if (raw === '') {
        values[i] = null;
        if (column.required) certain = false;
        continue;
      }
      const plain = isPlainText(raw);
      if (!plain) reportText(raw, column, { file, line, column: at + 1, field: column.name, value: raw });
      const value = typeCell(column, plain ? raw : raw.trim());
      if (column.type === 'integer') {
        if (typeof value === 'string' && SEPARATED.test(value)) (separated ??= new Set()).add(column.name);
        // 00012 or " 12" is published as 12: say so, so that the editor sees what readers get.
        else if (typeof value === 'number' && !CANONICAL_INTEGER.test(raw)) report(diagnose('cell/integer-form', { file, line, column: at + 1, field: column.name, value: raw }, { published: String(value) }));
      }
      // A date over its length limit is reported as too long, not handed to the date parser.
      const dateCheck = dateChecks[i];
      if (dateCheck && typeof value === 'string' && value.length <= (column.maxLength ?? Infinity)) {
        const problem = dateCheck(value);
        if (problem) report(diagnose(problem.code, { file, line, column: at + 1, field: column.name, value: raw }, problem as never));
      }
      const seen = shared[i];
      values[i] = typeof value !== 'string' || !options.keep || !seen ? value : share(seen, value);
      if (certain && !tests![i]!(value)) certain = false;
    }
    // Kept rows name every column, empty ones as null.
    const row = makeRow(values);
    if (!certain) {
      // Empty cells are left out, as the JSON Schema expects of a missing value.
      const present: Row = {};
      for (let i = 0; i < columns.length; i++) if (values[i] !== null) present[names[i]!] = values[i]!;
      if (!validateRow(present)) {
        for (const error of validateRow.errors ?? []) {
          const d = ajvDiagnostic(error, cells, line, positions, spec, separated ?? NONE);
          if (d) report(d);
        }
      }
    }
    const key = singleKey !== undefined ? String(row[singleKey] ?? '') : spec.primaryKey.map((k) => row[k] ?? '').join('\u0000');
    const first = keys.firstLine(key, line);
    if (first !== undefined) report(diagnose('key/duplicate', { file, line, column: keyPosition() + 1, field: spec.primaryKey.join(','), value: key.replaceAll('\u0000', ',') }, { firstLine: first }));
    for (const check of options.checks) check(row, line, table.positions, report);
    for (const [field, set] of table.values) {
      const v = row[field];
      if (typeof v === 'string' && !set.has(v)) set.add(v);
    }
    // Rows with errors are kept too, so that references to them are not reported twice;
    // no later stage runs while any error stands.
    if (options.keep) {
      table.rows.push(row);
      table.lines.push(line);
    }
  };

  const syntax = await readCsv(path.join(root, file), file, onHeader, onRecord);
  table.complete = !syntax.some((d) => DROPS_ROWS.has(d.code));
  append(diagnostics, syntax);
  return { table, diagnostics };
}

/** The string kept for `value` in its column, bounded so that a column of distinct values does not grow a second copy of itself. */
function share(seen: Map<string, string>, value: string): string {
  const kept = seen.get(value);
  if (kept !== undefined) return kept;
  if (seen.size >= 10_000) return value;
  seen.set(value, value);
  return value;
}

function ajvDiagnostic(error: ErrorObject, cells: string[], line: number, positions: number[], spec: TableSpec, separated: ReadonlySet<string>): Diagnostic | undefined {
  const missing = error.keyword === 'required' ? (error.params as { missingProperty: string }).missingProperty : undefined;
  const name = missing ?? error.instancePath.split('/')[1] ?? '';
  const index = spec.columns.findIndex((c) => c.name === name);
  const column = spec.columns[index];
  if (!column) return undefined;
  const at = positions[index]!;
  // A column missing from the header is reported once, as a header problem.
  if (at === -1) return undefined;
  const place = { file: spec.file, line, column: at + 1, field: name, value: cells[at] ?? '' };
  switch (error.keyword) {
    case 'required':
    case 'minItems':
    case 'minLength':
      return diagnose('cell/required', place, {});
    case 'type':
      if (separated.has(name)) return diagnose('cell/thousands-separator', place, { digits: place.value.replace(/\D/g, '') });
      if (INTEGER.test(place.value.trim())) return diagnose('cell/unsafe-integer', place, { limit: String(Number.MAX_SAFE_INTEGER) });
      return diagnose('cell/type', place, { expected: TYPE_WORDS[(error.params as { type: string }).type] ?? String((error.params as { type: string }).type) });
    case 'enum': {
      const allowed = (error.params as { allowedValues: string[] }).allowedValues;
      const item = error.instancePath.split('/')[2];
      const bad = item === undefined ? place.value : (place.value.split(';')[Number(item)] ?? '').trim();
      return diagnose('cell/enum', place, { allowed, suggestion: nearest(bad, allowed) });
    }
    case 'pattern': {
      const pattern = (error.params as { pattern: string }).pattern;
      return diagnose('cell/pattern', place, { expected: PATTERN_WORDS[pattern] ?? `text matching ${pattern}` });
    }
    case 'format':
      return diagnose('cell/format', place, { expected: (error.params as { format: string }).format === 'date' ? 'a calendar date YYYY-MM-DD' : 'a full URL' });
    case 'minimum':
    case 'maximum':
      return diagnose('cell/range', place, { limit: limitWords(column) });
    case 'maxLength': {
      const item = error.instancePath.split('/')[2];
      const text = item === undefined ? place.value : (place.value.split(';')[Number(item)] ?? '').trim();
      // Characters as ajv counts them: code points, not UTF-16 units.
      return diagnose('cell/too-long', place, { limit: (error.params as { limit: number }).limit, found: [...text].length, unit: 'characters' });
    }
    case 'maxItems':
      return diagnose('cell/too-long', place, { limit: (error.params as { limit: number }).limit, found: place.value.split(';').length, unit: 'items' });
    default:
      return diagnose('cell/type', place, { expected: error.message ?? 'another value' });
  }
}
