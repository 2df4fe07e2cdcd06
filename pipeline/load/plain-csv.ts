/**
 * A plain CSV file read without csv-parse. csv-parse handles every irregular file (and says where
 * it breaks), and its generality costs as much a record as all the checks the validator makes on
 * it; a register of a million rows is read twice in a build (validate, then publish). A file that
 * is plainly well formed gives the same records read here at a fraction of that cost.
 *
 * Plainly well formed, as csv-parse reads it with the reader's options (read-csv.ts): a UTF-8
 * BOM or none, and valid UTF-8 with no U+FFFD; records ended by LF, or all by CRLF (the first line
 * end decides, as csv-parse's does); a quote only opening a cell, "" inside a quoted cell, and a
 * closing quote followed by a comma, a line end or the end of the file. `isPlain` scans a file
 * for that without making a cell; only then does `readPlain` read it, and every other file goes
 * to csv-parse. Both passes run the same scanner, and tests/plain-csv.test.ts checks it against
 * csv-parse on random bytes.
 */
import { createReadStream } from 'node:fs';

const COMMA = 0x2c;
const QUOTE = 0x22;
const LF = 0x0a;
const CR = 0x0d;

const enum State {
  /** At the start of a record. */
  RecordStart,
  /** At the start of a cell after a comma. */
  CellStart,
  Unquoted,
  Quoted,
  /** A quote inside a quoted cell: it closes the cell, or starts "". */
  QuoteInQuoted,
  /** After a CR, which must be followed by LF. */
  AfterCr,
}

const PIECE = 1 << 16;
const UTF8_BOM = [0xef, 0xbb, 0xbf];
/** csv-parse reads a file that starts so as UTF-16: not plain. */
const UTF16_BOM = [0xff, 0xfe];
const startsWith = (bytes: Uint8Array, prefix: number[]) => prefix.every((b, i) => bytes[i] === b);

/**
 * The scanner, fed the file's text piece by piece. With `cells`, it also makes the records
 * (collected in `records` until taken); without, it only checks.
 */
class Scanner {
  state = State.RecordStart;
  private ending: 'lf' | 'crlf' | undefined;
  /** The text of the cell still open at the end of the last piece, from its start. */
  private carry = '';
  private pendingCr = false;
  private quoted = false;
  private escaped = false;
  private row: string[] = [];
  records: string[][] = [];

  constructor(private readonly cells: boolean) {}

  /** Scans the next piece of text; false when the file is not plain. */
  feed(piece: string, last = false): boolean {
    // A CR that ends a piece is scanned with the next, where its LF is: a line end never spans two pieces.
    let text = this.pendingCr ? `\r${piece}` : piece;
    this.pendingCr = !last && text.endsWith('\r');
    if (this.pendingCr) text = text.slice(0, -1);
    const n = text.length;
    let i = 0;
    /** Where the open cell starts in this piece; -1 while it starts in the carried text. */
    let cellStart = this.carry.length > 0 ? -1 : 0;
    let state = this.state;
    const cells = this.cells;
    // Ends the cell at `end`; the next starts at `next`.
    const endCell = (end: number, next: number) => {
      if (cells) this.row.push(this.cellText(cellStart === -1 ? this.carry + text.substring(0, end) : text.substring(cellStart, end)));
      this.carry = '';
      this.quoted = false;
      this.escaped = false;
      cellStart = next;
    };
    const endRecord = () => {
      if (cells) this.records.push(this.row);
      this.row = [];
    };
    while (i < n) {
      let c = text.charCodeAt(i);
      switch (state) {
        case State.Quoted: {
          const q = text.indexOf('"', i);
          if (q === -1) {
            i = n;
          } else {
            state = State.QuoteInQuoted;
            i = q + 1;
          }
          continue;
        }
        case State.AfterCr:
          if (c !== LF) return false;
          endCell(i - 1, i + 1);
          endRecord();
          state = State.RecordStart;
          i++;
          continue;
        case State.QuoteInQuoted:
          if (c === QUOTE) {
            this.escaped = true;
            state = State.Quoted;
            i++;
            continue;
          }
          if (c !== COMMA && c !== LF && c !== CR) return false;
          break;
        case State.RecordStart:
        case State.CellStart:
          if (c === QUOTE) {
            this.quoted = true;
            state = State.Quoted;
            i++;
            continue;
          }
          if (c === COMMA || c === LF || c === CR) break;
          state = State.Unquoted;
          continue;
        case State.Unquoted:
          // The common cell, read up to its end in one loop.
          
          while (c !== COMMA && c !== LF && c !== CR && c !== QUOTE && ++i < n) c = text.charCodeAt(i);
          if (i === n) continue;
          if (c === QUOTE) return false;
          break;
      }
      // A comma or a line end outside quotes, at i.
      if (c === COMMA) {
        endCell(i, i + 1);
        state = State.CellStart;
        i++;
      } else if (c === LF) {
        if (this.ending === 'crlf') return false;
        this.ending = 'lf';
        endCell(i, i + 1);
        endRecord();
        state = State.RecordStart;
        i++;
      } else {
        // A CR: the first line end decides whether records end CRLF; a lone CR (old Mac files) is not plain.
        if (this.ending === 'lf' || (i + 1 < n && text.charCodeAt(i + 1) !== LF)) return false;
        this.ending = 'crlf';
        state = State.AfterCr;
        i++;
      }
    }
    this.state = state;
    if (cells) this.carry = cellStart === -1 ? this.carry + text : text.slice(cellStart);
    return true;
  }

  /** At the end of the file: false when it ends inside a quoted cell or after a lone CR. */
  end(): boolean {
    if (this.pendingCr && !this.feed('', true)) return false;
    if (this.state === State.Quoted || this.state === State.AfterCr) return false;
    // The last record, when the file does not end with a line end.
    if (this.cells && this.state !== State.RecordStart) {
      this.row.push(this.cellText(this.carry));
      this.records.push(this.row);
    }
    return true;
  }

  /** A cell's text: the quotes around a quoted cell dropped and "" made ". */
  private cellText(raw: string): string {
    if (!this.quoted) return raw;
    const inner = raw.substring(1, raw.length - 1);
    return this.escaped ? inner.replaceAll('""', '"') : inner;
  }
}

/** Where a UTF-8 sequence cut off by the end of `bytes` starts (bytes.length when none is). */
function completeEnd(bytes: Uint8Array): number {
  for (let k = 1; k <= 3 && k <= bytes.length; k++) {
    const b = bytes[bytes.length - k]!;
    if (b < 0x80) break;
    // A lead byte: the sequence is whole when the bytes after it are as many as it announces.
    if (b >= 0xc0) return k < (b >= 0xf0 ? 4 : b >= 0xe0 ? 3 : 2) ? bytes.length - k : bytes.length;
  }
  return bytes.length;
}

/**
 * The file's text in pieces, after a UTF-8 BOM; undefined for a piece that makes the file not
 * plain. Each piece is decoded whole (V8's decoder, as csv-parse's cells are), a character cut off
 * by the end of a chunk carried to the next. Pieces of 64 KiB: a string of a megabyte is made in
 * V8's space for large objects, which made decoding thirty times slower a byte.
 */
async function* pieces(source: string | Buffer[]): AsyncGenerator<string | undefined> {
  let first = true;
  let held: Buffer | undefined;
  for await (let chunk of (typeof source === 'string' ? createReadStream(source, { highWaterMark: PIECE }) : source) as AsyncIterable<Buffer>) {
    if (first) {
      first = false;
      // A BOM split over chunks would be a file of a byte or two: left to csv-parse.
      if (chunk.length < UTF8_BOM.length || startsWith(chunk, UTF16_BOM)) return yield undefined;
      if (startsWith(chunk, UTF8_BOM)) chunk = chunk.subarray(UTF8_BOM.length);
    }
    if (held) chunk = Buffer.concat([held, chunk]);
    const end = completeEnd(chunk);
    held = end < chunk.length ? Buffer.from(chunk.subarray(end)) : undefined;
    const text = chunk.toString('utf8', 0, end);
    // Bytes that are not UTF-8 (or a U+FFFD written out): csv-parse's decoding of each cell, and its diagnostic, decide.
    yield text.includes('\uFFFD') ? undefined : text;
  }
  // An empty file, or one that ends inside a character.
  if (first || held) yield undefined;
}

/** Whether `source` (a file, or chunks of bytes for tests) is plainly well formed; false also when it is empty or cannot be read (csv-parse's reading says why). */
export async function isPlain(source: string | Buffer[]): Promise<boolean> {
  const scanner = new Scanner(false);
  let empty = true;
  try {
    for await (const piece of pieces(source)) {
      if (piece === undefined || !scanner.feed(piece)) return false;
      if (piece.length > 0) empty = false;
    }
  } catch {
    return false;
  }
  return !empty && scanner.end();
}

const changed = () => new Error('the file changed while it was being read');

/**
 * The records of a file that `isPlain` accepted, as csv-parse gives them (an empty line is a
 * record of one empty cell), in batches (those of a piece of the file). Throws if the file turns
 * out not to be plain: it changed since.
 */
export async function* readPlain(source: string | Buffer[]): AsyncGenerator<string[][]> {
  const scanner = new Scanner(true);
  for await (const piece of pieces(source)) {
    if (piece === undefined || !scanner.feed(piece)) throw changed();
    const records = scanner.records;
    scanner.records = [];
    yield records;
  }
  if (!scanner.end()) throw changed();
  yield scanner.records;
}

/**
 * A cell's text held apart from the piece of the file it was cut from. V8 makes a substring of 13
 * characters or more a view into its parent: a key kept for the whole table (a register's million
 * ids) would keep every 64 KiB piece of the file alive with it. Joining makes a new string, and
 * slicing that keeps only it.
 */
export const detached = (text: string): string => (text.length < 13 ? text : `${text} `.slice(0, -1));
