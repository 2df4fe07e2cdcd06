/**
 * EDTF level 1 dates, parsed with the `edtf` package, and their bounds as calendar days. The
 * package maps seasons (21-24) to calendar quarters; we give them the months of the northern
 * seasons instead (spring = March-May), which is what "spring 1941" means in our sources.
 */
import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import type { Parsed } from 'edtf';
import { readCheckedSync, writeCheckedSync } from '../util/checked-file.js';
import { installCache, packageVersion } from '../util/install-cache.js';

export interface DateBounds {
  /** First day covered, YYYY-MM-DD (or '' when open). */
  start: string;
  /** Last day covered, YYYY-MM-DD (or '' when open). */
  end: string;
  /** Bounds in days since 1970-01-01, for comparisons; infinite when open. */
  min: number;
  max: number;
  approximate: boolean;
  uncertain: boolean;
}

export type DateProblem = { code: 'date/invalid'; cause: string } | { code: 'date/impossible'; part: string } | { code: 'date/reversed'; start: string; end: string } | { code: 'date/out-of-range'; from: number; to: number };

/** The years a date column may hold (the `years` annotation of its schema). */
export interface YearRange {
  from: number;
  to: number;
}

const DAY = 86_400_000;
const SEASON_MONTHS: Record<string, [number, number]> = { '21': [3, 5], '22': [6, 8], '23': [9, 11], '24': [12, 14] };

const iso = (ms: number) => new Date(ms).toISOString().slice(0, 10);
const daysIn = (year: number, month: number) => new Date(Date.UTC(year, month, 0)).getUTCDate();

/** Looks for a day or month that does not exist in a part shaped like a calendar date. */
function impossiblePart(text: string): string | undefined {
  for (const part of text.split('/')) {
    const m = /^(\d{4})-(\d{2})(?:-(\d{2}))?[~?%]?$/.exec(part);
    if (!m) continue;
    const [year, month, day] = [Number(m[1]), Number(m[2]), m[3] === undefined ? undefined : Number(m[3])];
    if ((month < 1 || month > 12) && !(month >= 21 && month <= 24 && day === undefined)) return part;
    if (day !== undefined && (day < 1 || day > daysIn(year, month))) return part;
  }
  return undefined;
}

function seasonBounds(text: string): [number, number] | undefined {
  const m = /^(\d{4})-(2[1-4])[~?%]?$/.exec(text);
  if (!m) return undefined;
  const [first, last] = SEASON_MONTHS[m[2]!]!;
  const year = Number(m[1]);
  return [Date.UTC(year, first - 1, 1), Date.UTC(year, last, 1) - 1];
}

function bounds(text: string): [number, number] {
  const season = seasonBounds(text);
  if (season) return season;
  const parts = text.split('/');
  if (parts.length === 2) {
    const [a, b] = parts.map((p) => (p === '' || p === '..' ? undefined : bounds(p)));
    return [a ? a[0] : -Infinity, b ? b[1] : Infinity];
  }
  const read = reading(text);
  if (!Array.isArray(read)) throw new Error(`not a single EDTF date: ${text}`);
  return read;
}

/**
 * What the grammar makes of a text at EDTF level 1: a single date's bounds in milliseconds, 0 for
 * an interval (whose bounds are its ends'), or why it is not EDTF. A date that passed the check is
 * level 1, as is each end of it, and the grammar's reading of it is the one `edtf(text)` would
 * make (the lowest level wins).
 */
type Reading = [number, number] | 0 | { error: string; reversed: boolean; syntax: boolean };

const require = createRequire(import.meta.url);
/** The edtf package, loaded at the first text that no kept reading answers (below): loading it was 30 ms of every command. */
let edtfPackage: typeof import('edtf') | undefined;

function read(text: string): Reading {
  const { default: edtf, parse } = (edtfPackage ??= require('edtf') as typeof import('edtf'));
  let parsed: Parsed;
  try {
    parsed = parse(text, { level: 1 });
  } catch (error) {
    const { message } = error as Error;
    return { error: message.split('\n')[0]!, reversed: /invalid upper bound/.test(message), syntax: /No possible parsings|Syntax error/.test(message) };
  }
  if (text.includes('/')) return 0;
  const d = edtf(parsed);
  return [d.min, d.max];
}

/**
 * The grammar's readings, kept between processes. Its parser builds its grammar anew for every
 * text it reads: even with each text read once per process, reading the shipped record's dates
 * was 0.35 s of every build and validation. A reading depends only on the text, the `edtf` package
 * and this file, so it is kept under the install's cache (node_modules/.cache) keyed by both, read
 * at the first date, and written again after a validation that met new texts (keepDateReadings),
 * up to LIMIT of them. The key holds the versions of edtf and of the grammar parser it loads.
 */
const KEPT_DATES = path.join(installCache('dates'), `${createHash('sha256').update(`edtf ${packageVersion('edtf')}\0nearley ${packageVersion('nearley', 'edtf')}\0${readFileSync(new URL(import.meta.url), 'utf8')}`).digest('hex').slice(0, 32)}.json`);
const LIMIT = 50_000;
let keptIn = KEPT_DATES;
let readings: Map<string, Reading> | undefined;
let unkept = 0;

function reading(text: string): Reading {
  readings ??= keptReadings();
  let result = readings.get(text);
  if (result === undefined) {
    result = read(text);
    // JSON would keep an open bound (Infinity) as null.
    if (!Array.isArray(result) || result.every(Number.isFinite)) {
      // Bounded, as every answer kept here is: a register may hold many distinct dates.
      if (readings.size >= LIMIT) readings.clear();
      readings.set(text, result);
      unkept++;
    }
  }
  return result;
}

function keptReadings(): Map<string, Reading> {
  try {
    const bytes = readCheckedSync(keptIn);
    if (bytes) return new Map(Object.entries(JSON.parse(bytes.toString('utf8')) as Record<string, Reading>));
  } catch {
    // A kept file that cannot be read is worked out again.
  }
  return new Map();
}

/** Keeps the readings met since they were last kept (see KEPT_DATES); a cache that cannot be written is simply not used. */
export function keepDateReadings(): void {
  if (!readings || unkept === 0) return;
  try {
    mkdirSync(path.dirname(keptIn), { recursive: true });
    writeCheckedSync(keptIn, Buffer.from(JSON.stringify(Object.fromEntries(readings)), 'utf8'));
    unkept = 0;
  } catch {
    // Nothing to undo: writeCheckedSync removes its temporary file when it fails.
  }
}

const checked = new Map<string, DateProblem | undefined>();

/** For tests: forgets every answer of this process, and keeps the readings in `file` from now on (the install's cache unless told). */
export function forgetDateReadings(file = KEPT_DATES): void {
  keptIn = file;
  readings = undefined;
  unkept = 0;
  checked.clear();
  boundsCache.clear();
}

/** Checks an EDTF date; the grammar parser is slow, and a register repeats the same dates, so answers are kept. */
export function checkEdtf(text: string): DateProblem | undefined {
  if (checked.has(text)) return checked.get(text);
  const problem = findProblem(text);
  if (checked.size > 50_000) checked.clear();
  checked.set(text, problem);
  return problem;
}

/**
 * Forms that EDTF allows but the record does not: the parser accepts them, and they would be
 * published wrongly (a time of day dropped, a year of five digits as +012000 in the _start and
 * _end columns).
 */
const NOT_IN_RECORD: [RegExp, string][] = [
  [/\dT\d/, 'a date and time; write the day only, as YYYY-MM-DD'],
  [/(^|\/)Y/, 'a year of more than four digits; write years as four digits'],
];

function findProblem(text: string): DateProblem | undefined {
  // Before the parser, which takes 29 February of any year for 1 March.
  const part = impossiblePart(text);
  if (part) return { code: 'date/impossible', part };
  for (const [form, cause] of NOT_IN_RECORD) if (form.test(text)) return { code: 'date/invalid', cause };
  const read = reading(text);
  if (typeof read === 'object' && !Array.isArray(read)) {
    const parts = text.split('/');
    if (parts.length === 2 && read.reversed) return { code: 'date/reversed', start: parts[0]!, end: parts[1]! };
    return { code: 'date/invalid', cause: read.syntax ? 'not EDTF syntax' : read.error };
  }
  // Kept (dateBounds), so that publishing the date's days does not parse it a third time; in whole
  // days, a start after the end is still one, as dates are given to the day at the finest.
  const { min, max } = dateBounds(text);
  if (min > max) {
    const parts = text.split('/');
    return { code: 'date/reversed', start: parts[0] ?? text, end: parts[1] ?? text };
  }
  return undefined;
}

/** A date that passed checkEdtf, outside the years its column holds (open ends are not checked). */
export function checkYears(text: string, years: YearRange): DateProblem | undefined {
  const { min, max } = dateBounds(text);
  const first = Number.isFinite(min) ? new Date(min * DAY).getUTCFullYear() : years.from;
  const last = Number.isFinite(max) ? new Date(max * DAY).getUTCFullYear() : years.to;
  return first < years.from || last > years.to ? { code: 'date/out-of-range', from: years.from, to: years.to } : undefined;
}

/**
 * The checks of one EDTF column (checkEdtf, then its years), each date's answer kept: a register
 * repeats the same few hundred periods in a million rows.
 */
export function dateColumnCheck(years: YearRange | undefined): (text: string) => DateProblem | undefined {
  const answers = new Map<string, DateProblem | undefined>();
  return (text) => {
    if (answers.has(text)) return answers.get(text);
    const problem = checkEdtf(text) ?? (years && checkYears(text, years));
    // Bounded, as the caches below are: a register may hold many distinct dates.
    if (answers.size > 50_000) answers.clear();
    answers.set(text, problem);
    return problem;
  };
}

const boundsCache = new Map<string, DateBounds>();

/** Bounds of a date that passed checkEdtf; the same few hundred dates are asked for again and again. */
export function dateBounds(text: string): DateBounds {
  let cached = boundsCache.get(text);
  if (!cached) {
    cached = computeBounds(text);
    // A register of a million rows may hold many distinct dates; the cache must not grow with it.
    if (boundsCache.size > 50_000) boundsCache.clear();
    boundsCache.set(text, cached);
  }
  return cached;
}

function computeBounds(text: string): DateBounds {
  const [min, max] = bounds(text);
  return {
    start: Number.isFinite(min) ? iso(min) : '',
    end: Number.isFinite(max) ? iso(max) : '',
    min: Number.isFinite(min) ? Math.floor(min / DAY) : -Infinity,
    max: Number.isFinite(max) ? Math.floor(max / DAY) : Infinity,
    approximate: /[~%]/.test(text),
    uncertain: /[?%]/.test(text),
  };
}
