/**
 * The one CSV reader: the validator and the writer of dist/data both read a table through it,
 * so that a file is read by the same rules (same csv-parse options, same blank lines skipped,
 * same rows dropped) wherever it is read. It streams record by record, keeping each record's
 * physical line number, and turns every syntax problem into a diagnostic. Records are arrays
 * (much cheaper than csv-parse's `columns: true`); the caller maps them to columns. A plainly
 * well-formed file is read by plain-csv.ts to the same records, at a third of csv-parse's cost;
 * every other file by csv-parse, which says where it breaks.
 */
import { createReadStream } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { parse, type CsvError } from 'csv-parse';
import { diagnose, type Diagnostic } from '../diagnostics.js';
import { locateBrokenQuote } from './broken-quote.js';
import { isPlain, readPlain } from './plain-csv.js';

/** A record handler; a returned promise pauses reading until it settles (a writer waiting for its output to drain). */
export type OnRecord = (cells: string[], line: number) => void | Promise<void>;

/** The csv-parse options every reading of a source table uses. */
export const PARSE_OPTIONS = { bom: true, relax_column_count: true, skip_records_with_error: true, skip_empty_lines: false } as const;

/** A cell that opens with a quote stays open across lines: csv-parse reports where it gave up, not where it opened. */
const BROKEN_QUOTED_CELL = new Set(['CSV_QUOTE_NOT_CLOSED', 'CSV_INVALID_CLOSING_QUOTE']);

/** A quote inside an unquoted cell: csv-parse knows its line and cell. */
const STRAY_OPENING_QUOTE = new Set(['INVALID_OPENING_QUOTE', 'CSV_INVALID_OPENING_QUOTE']);

/** A line of white space only (or nothing): one empty cell, as csv-parse reads it. */
const isBlank = (cells: string[]) => cells.length === 1 && cells[0]!.trim() === '';

/** Line breaks inside quoted cells: each moves the next record one physical line further. */
function innerBreaks(cells: string[]): number {
  let breaks = 0;
  for (const cell of cells) {
    for (let at = cell.indexOf('\n'); at !== -1; at = cell.indexOf('\n', at + 1)) breaks++;
  }
  return breaks;
}

/**
 * Reads `absolute` (reported as `file`), calling `onHeader` for the first non-blank record and
 * `onRecord` for every later record whose cell count matches the header. Blank lines (white
 * space only), before the header too, are skipped with a warning. Never rejects for bad data; a
 * file that cannot be opened is a diagnostic too. Rejects only when a handler fails.
 */
export async function readCsv(absolute: string, file: string, onHeader: OnRecord, onRecord: OnRecord): Promise<Diagnostic[]> {
  const reader = recordReader(file, onHeader, onRecord);
  // A plainly well-formed file (the common case) is read without csv-parse, to the same records.
  if (!(await isPlain(absolute))) return readWithCsvParse(absolute, file, reader);
  for await (const records of readPlain(absolute)) {
    for (const cells of records) {
      const handled = reader.record(cells);
      if (handled) await handled;
    }
  }
  return reader.end();
}

/** What both readings do with each record: count its physical lines, skip blank lines, hand the header and the rows on. */
function recordReader(file: string, onHeader: OnRecord, onRecord: OnRecord) {
  const diagnostics: Diagnostic[] = [];
  let width = -1;
  // csv-parse's `info` records would give line numbers, at a sixth of the parse's cost; counting
  // the line breaks inside cells gives the same physical lines.
  let next = 1;
  /** Blank lines before the header: reported once a header shows that the file is not empty. */
  const leadingBlanks: number[] = [];
  return {
    diagnostics,
    get next() {
      return next;
    },
    /** A record csv-parse skipped moves the line count on to the line after it. */
    skipTo(line: number) {
      next = Math.max(next, line);
    },
    record(cells: string[]): void | Promise<void> {
      const line = next;
      next = line + 1 + innerBreaks(cells);
      if (isBlank(cells) && width !== 1) {
        if (width === -1) leadingBlanks.push(line);
        else diagnostics.push(diagnose('csv/blank-row', { file, line }, {}));
      } else if (width === -1) {
        width = cells.length;
        for (const blank of leadingBlanks) diagnostics.push(diagnose('csv/blank-row', { file, line: blank }, {}));
        return onHeader(cells, line);
      } else if (cells.length !== width) {
        diagnostics.push(diagnose('csv/field-count', { file, line, column: Math.min(cells.length, width) + 1 }, { expected: width, found: cells.length }));
      } else {
        return onRecord(cells, line);
      }
    },
    end(): Diagnostic[] {
      if (width === -1) diagnostics.push(diagnose('csv/empty-file', { file }, {}));
      return diagnostics;
    },
  };
}

/** Any file, broken ones too: csv-parse, its syntax errors made diagnostics. */
function readWithCsvParse(absolute: string, file: string, reader: ReturnType<typeof recordReader>): Promise<Diagnostic[]> {
  const diagnostics = reader.diagnostics;
  // After a broken quoted cell the parser's later errors are consequences of the first; where
  // that cell opened is found once the file is read.
  let quoteBroken = false;
  // csv-parse reports a skipped record while it parses, before the records read ahead of it are
  // handled: each skip is kept with the count of records before it, and moves the line count on
  // only when the reader gets there.
  const skipped: { records: number; next: number }[] = [];
  let consumed = 0;

  return new Promise((resolve, reject) => {
    const parser = parse(PARSE_OPTIONS);
    const input = createReadStream(absolute, { highWaterMark: 1 << 20 });
    let paused = false;
    const fail = (error: unknown) => {
      input.destroy();
      parser.destroy();
      reject(error);
    };
    input.on('error', (error: NodeJS.ErrnoException) => {
      parser.destroy();
      const code = error.code === 'ENOENT' ? 'file/missing' : 'file/unreadable';
      const table = file.replace(/^sources\//, '').replace(/\.csv$/, '');
      resolve([code === 'file/missing' ? diagnose(code, { file }, { table }) : diagnose(code, { file }, { cause: error.code ?? error.message })]);
    });
    const drain = () => {
      let cells: string[] | null;
      while (!paused && (cells = parser.read()) !== null) {
        while (skipped.length > 0 && skipped[0]!.records <= consumed) reader.skipTo(skipped.shift()!.next);
        consumed++;
        const handled = reader.record(cells);
        if (handled) {
          paused = true;
          handled.then(() => {
            paused = false;
            drain();
          }, fail);
        }
      }
    };
    parser.on('readable', drain);
    parser.on('skip', (error: CsvError & { lines?: number; index?: number; records?: number }) => {
      const line = error.lines ?? reader.next;
      skipped.push({ records: error.records ?? consumed, next: line + 1 });
      if (quoteBroken) return;
      if (BROKEN_QUOTED_CELL.has(error.code)) {
        quoteBroken = true;
      } else if (STRAY_OPENING_QUOTE.has(error.code)) {
        const last = diagnostics.at(-1);
        if (last?.code === 'csv/stray-quote' && last.line === line) return;
        diagnostics.push(diagnose('csv/stray-quote', { file, line, column: (error.index ?? -1) + 1 }, {}));
      }
    });
    parser.on('error', (error: CsvError & { lines?: number }) => {
      diagnostics.push(diagnose('csv/stray-quote', { file, line: error.lines ?? reader.next }, {}));
      resolve(diagnostics);
    });
    parser.on('end', () => {
      reader.end();
      if (!quoteBroken) return resolve(diagnostics);
      brokenQuoteDiagnostic(absolute, file).then((d) => resolve([...diagnostics, d]), reject);
    });
    input.pipe(parser);
  });
}

/** Reads the file again (only when it is broken) to find where the quoted cell that never closed opened. */
async function brokenQuoteDiagnostic(absolute: string, file: string): Promise<Diagnostic> {
  const found = locateBrokenQuote(await readFile(absolute, 'utf8'));
  if (!found) return diagnose('csv/stray-quote', { file }, {});
  const place = { file, line: found.line, column: found.column };
  return found.unclosed ? diagnose('csv/unclosed-quote', place, found.runsTo === undefined ? {} : { runsTo: found.runsTo }) : diagnose('csv/stray-quote', place, {});
}
