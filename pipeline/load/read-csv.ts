/**
 * Streams a CSV file record by record, keeping each record's physical line number, and turns
 * every syntax problem into a diagnostic. Records are arrays (much cheaper than csv-parse's
 * `columns: true`); the caller maps them to columns.
 */
import { createReadStream } from 'node:fs';
import { parse, type CsvError } from 'csv-parse';
import { diagnose, type Diagnostic } from '../diagnostics.js';

export type OnRecord = (cells: string[], line: number) => void;

/** csv-parse error codes mapped to catalogue codes. */
const SYNTAX_CODES = {
  CSV_QUOTE_NOT_CLOSED: 'csv/unclosed-quote',
  CSV_INVALID_CLOSING_QUOTE: 'csv/stray-quote',
  INVALID_OPENING_QUOTE: 'csv/stray-quote',
  CSV_INVALID_OPENING_QUOTE: 'csv/stray-quote',
} as const;

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
 * `onRecord` for every later record whose cell count matches the header. Never throws for bad
 * data; a file that cannot be opened is a diagnostic too.
 */
export function readCsv(absolute: string, file: string, onHeader: OnRecord, onRecord: OnRecord): Promise<Diagnostic[]> {
  const diagnostics: Diagnostic[] = [];
  let width = -1;
  // csv-parse's `info` records would give line numbers, at a sixth of the parse's cost; counting
  // the line breaks inside cells gives the same physical lines.
  let next = 1;
  // After an unclosed or stray quote the parser's later errors are consequences of the first.
  let quoteBroken = false;

  return new Promise((resolve) => {
    const parser = parse({ bom: true, relax_column_count: true, skip_records_with_error: true, skip_empty_lines: false });
    const input = createReadStream(absolute, { highWaterMark: 1 << 20 });
    input.on('error', (error: NodeJS.ErrnoException) => {
      parser.destroy();
      const code = error.code === 'ENOENT' ? 'file/missing' : 'file/unreadable';
      const table = file.replace(/^sources\//, '').replace(/\.csv$/, '');
      resolve([code === 'file/missing' ? diagnose(code, { file }, { table }) : diagnose(code, { file }, { cause: error.code ?? error.message })]);
    });
    parser.on('readable', () => {
      let cells: string[] | null;
      while ((cells = parser.read()) !== null) {
        const line = next;
        next = line + 1 + innerBreaks(cells);
        if (isBlank(cells) && width !== 1) {
          if (width !== -1) diagnostics.push(diagnose('csv/blank-row', { file, line }, {}));
          continue;
        }
        if (width === -1) {
          width = cells.length;
          onHeader(cells, line);
        } else if (cells.length !== width) {
          diagnostics.push(diagnose('csv/field-count', { file, line, column: Math.min(cells.length, width) + 1 }, { expected: width, found: cells.length }));
        } else {
          onRecord(cells, line);
        }
      }
    });
    parser.on('skip', (error: CsvError & { lines?: number }) => {
      const code = SYNTAX_CODES[error.code as keyof typeof SYNTAX_CODES];
      // An unclosed quote is detected at the end of the file; the record it broke starts after the last good one.
      const line = code === 'csv/unclosed-quote' ? next : (error.lines ?? next);
      next = Math.max(next, (error.lines ?? line) + 1);
      if (!code || quoteBroken) return;
      const last = diagnostics.at(-1);
      if (last?.code === code && last.line === line) return;
      quoteBroken = code === 'csv/unclosed-quote' || error.code === 'CSV_INVALID_CLOSING_QUOTE';
      diagnostics.push(diagnose(code, { file, line }, {}));
    });
    parser.on('error', (error: CsvError & { lines?: number }) => {
      diagnostics.push(diagnose('csv/stray-quote', { file, line: error.lines ?? next }, {}));
      resolve(diagnostics);
    });
    parser.on('end', () => {
      if (width === -1) diagnostics.push(diagnose('csv/empty-file', { file }, {}));
      resolve(diagnostics);
    });
    input.pipe(parser);
  });
}
