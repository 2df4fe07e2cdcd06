/**
 * The one CSV reader: the validator and the writer of dist/data both read a table through it,
 * so that a file is read by the same rules (same csv-parse options, same blank lines skipped,
 * same rows dropped) wherever it is read. It streams record by record, keeping each record's
 * physical line number, and turns every syntax problem into a diagnostic. Records are arrays
 * (much cheaper than csv-parse's `columns: true`); the caller maps them to columns.
 */
import { createReadStream } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { parse, type CsvError } from 'csv-parse';
import { diagnose, type Diagnostic } from '../diagnostics.js';
import { locateBrokenQuote } from './broken-quote.js';

/** A record handler; a returned promise pauses reading until it settles (a writer waiting for its output to drain). */
export type OnRecord = (cells: string[], line: number) => void | Promise<void>;

/**
 * A part of the file read on its own: the bytes from `start` (a record's first byte, on physical
 * line `line`; load/record-boundary.ts finds one) up to `end`. A part that starts after the header
 * is given the header's cells (and onHeader is not called): every record it reads is a row.
 */
export interface Part {
  start: number;
  end?: number;
  line: number;
  header?: string[];
  /** How the file's records end, for a part that starts after the first line break (csv-parse would take its own first). */
  recordDelimiter?: '\n' | '\r\n';
}

export interface ReadOptions {
  part?: Part;
  /**
   * Bytes read at a time. A megabyte makes validation of a register of 10^6 rows 2 s faster
   * than the stream default (64 KiB: csv-parse pays per chunk); a writer, which waits on its
   * output anyway, gains nothing from it and holds less memory with the default.
   */
  chunkBytes?: number;
}

/** The csv-parse options every reading of a source table uses. */
const PARSE_OPTIONS = { bom: true, relax_column_count: true, skip_records_with_error: true, skip_empty_lines: false } as const;

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
export function readCsv(absolute: string, file: string, onHeader: OnRecord, onRecord: OnRecord, options: ReadOptions = {}): Promise<Diagnostic[]> {
  const part = options.part ?? { start: 0, line: 1 };
  const diagnostics: Diagnostic[] = [];
  let width = part.header ? part.header.length : -1;
  // csv-parse's `info` records would give line numbers, at a sixth of the parse's cost; counting
  // the line breaks inside cells gives the same physical lines.
  let next = part.line;
  // csv-parse counts lines from the start of what it reads.
  const lineBefore = part.line - 1;
  // After a broken quoted cell the parser's later errors are consequences of the first; where
  // that cell opened is found once the file is read.
  let quoteBroken = false;
  /** Blank lines before the header: reported once a header shows that the file is not empty. */
  const leadingBlanks: number[] = [];
  // csv-parse reports a skipped record while it parses, before the records read ahead of it are
  // handled: each skip is kept with the count of records before it, and moves the line count on
  // only when the reader gets there.
  const skipped: { records: number; next: number }[] = [];
  let consumed = 0;

  return new Promise((resolve, reject) => {
    const parser = parse(part.recordDelimiter ? { ...PARSE_OPTIONS, record_delimiter: part.recordDelimiter } : PARSE_OPTIONS);
    // `end` is inclusive in createReadStream.
    const input = createReadStream(absolute, { highWaterMark: options.chunkBytes ?? 1 << 20, start: part.start, end: part.end === undefined ? undefined : part.end - 1 });
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
        while (skipped.length > 0 && skipped[0]!.records <= consumed) next = Math.max(next, skipped.shift()!.next);
        consumed++;
        const line = next;
        next = line + 1 + innerBreaks(cells);
        let handled: void | Promise<void> = undefined;
        if (isBlank(cells) && width !== 1) {
          if (width === -1) leadingBlanks.push(line);
          else diagnostics.push(diagnose('csv/blank-row', { file, line }, {}));
        } else if (width === -1) {
          width = cells.length;
          for (const blank of leadingBlanks) diagnostics.push(diagnose('csv/blank-row', { file, line: blank }, {}));
          handled = onHeader(cells, line);
        } else if (cells.length !== width) {
          diagnostics.push(diagnose('csv/field-count', { file, line, column: Math.min(cells.length, width) + 1 }, { expected: width, found: cells.length }));
        } else {
          handled = onRecord(cells, line);
        }
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
      const line = error.lines === undefined ? next : lineBefore + error.lines;
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
      diagnostics.push(diagnose('csv/stray-quote', { file, line: error.lines === undefined ? next : lineBefore + error.lines }, {}));
      resolve(diagnostics);
    });
    parser.on('end', () => {
      // A part of the file without a header is not an empty file: the whole may have one after it.
      if (width === -1 && part.start === 0 && part.end === undefined) diagnostics.push(diagnose('csv/empty-file', { file }, {}));
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
