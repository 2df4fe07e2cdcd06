/**
 * Publishes a validated source table by streaming it from its CSV to dist/data as CSV and
 * JSON, without holding its rows: a register of a million rows costs the same memory as ten.
 * A build streams only a register (a source of OFF_THREAD_TABLE_BYTES or more); it writes a smaller
 * table from the rows it holds already (write-dist.ts), to the same bytes.
 * Cells are typed as the validator types them; EDTF columns gain their _start and _end days.
 * A large table is cut in two at a record: the worker thread writes the second half while the
 * main thread writes the first, and the second half's text is then appended to the first's.
 */
import { createReadStream, createWriteStream, type WriteStream } from 'node:fs';
import { once } from 'node:events';
import { rm, stat } from 'node:fs/promises';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import { hasErrors } from '../diagnostics.js';
import { recordBoundary } from '../load/record-boundary.js';
import { readCsv, type Part } from '../load/read-csv.js';
import type { Column, TableSpec } from '../tables.js';
import { offThread } from '../util/off-thread.js';
import { recordMaker } from '../util/record-maker.js';
import { typeCell } from '../validate/table.js';
import { publishedColumns, valuesFiller } from './datasets.js';
import { csvCell, csvRecord, type OutValue } from './write-table.js';

/** Rows per write: their text stays well under V8's size for large objects (128 KiB), which are slow to make. */
const BATCH = 200;

/**
 * Bytes a stream may hold unwritten before the reader waits. At the default (16 KiB) every batch
 * waited for its write to reach the disk before the next rows were read (in a profile of 300,000
 * rows, 0.83 s of 5.3 s idle); with room for a few batches, reading and writing overlap (0.27 s).
 */
const PENDING = 1 << 20;

/** Bytes read at a time: the stream default. Chunks of a megabyte (as validation reads) saved no time here and, with both halves of a large table read at once, held 80 MB more. */
const READ_CHUNK = 1 << 16;

/**
 * A source table of at least this many bytes is written in two halves, one on the worker thread.
 * Below it, starting the thread (a thread of its own, its modules loaded again) costs more than it
 * saves; the shipped tables are all far below it.
 */
export const OFF_THREAD_TABLE_BYTES = 8_000_000;

async function write(stream: WriteStream, text: string): Promise<void> {
  if (!stream.write(text)) await once(stream, 'drain');
}

const open = (file: string) => createWriteStream(file, { highWaterMark: PENDING });

async function close(...streams: WriteStream[]): Promise<void> {
  for (const s of streams) s.end();
  await Promise.all(streams.map((s) => once(s, 'finish')));
}

/** The end of the JSON array of `rows` rows: its last row is followed by a line break. */
const jsonEnd = (rows: number) => (rows === 0 ? ']\n' : '\n]\n');

/** `use` writing into the CSV and JSON files, both closed when it is done, and after a failure too. */
async function writingTo<T>(files: { csv: string; json: string }, use: (csv: WriteStream, json: WriteStream) => Promise<T>): Promise<T> {
  const [csv, json] = [open(files.csv), open(files.json)];
  try {
    const value = await use(csv, json);
    await close(csv, json);
    return value;
  } finally {
    csv.destroy();
    json.destroy();
  }
}

/** Writes the table as CSV and JSON into outDir, in two halves side by side when it is large (or when `offThread` says so). */
export async function publishSourceTable(source: string, spec: TableSpec, outDir: string, options: { offThread?: boolean } = {}): Promise<number> {
  const size = (await stat(source)).size;
  const cut = (options.offThread ?? size >= OFF_THREAD_TABLE_BYTES) ? await recordBoundary(source, Math.floor(size / 2)) : undefined;
  if (!cut) return streamSourceTable(source, spec, outDir);

  const files = { csv: path.join(outDir, `${spec.name}.csv`), json: path.join(outDir, `${spec.name}.json`) };
  const rest = { csv: path.join(outDir, `.${spec.name}.rest.csv`), json: path.join(outDir, `.${spec.name}.rest.json`) };
  const [csv, json] = [open(files.csv), open(files.json)];
  let second: Promise<number> | undefined;
  try {
    // The second half starts on the worker once the first half's header is read: its cells say where each column is.
    const first = await writeRows(source, spec, csv, json, { start: 0, end: cut.offset, line: 1 }, (header) => {
      second = offThread<number>(import.meta.url, 'writeRest', [source, spec, rest, { start: cut.offset, line: cut.line, header, recordDelimiter: cut.recordDelimiter }], 'tables');
      // Awaited below; a failure of the first half must not leave the second's unhandled.
      second.catch(() => undefined);
    });
    // No header before the cut (a file of blank lines up to there): the whole file, on this thread.
    if (!second) {
      await close(csv, json);
      return await streamSourceTable(source, spec, outDir);
    }
    const rows = await second;
    if (rows > 0) {
      await pipeline(createReadStream(rest.csv), csv, { end: false });
      // The second half's rows each begin ",\n"; the very first row of the array begins "\n".
      await pipeline(createReadStream(rest.json, { start: first === 0 ? 1 : 0 }), json, { end: false });
    }
    await write(json, jsonEnd(first + rows));
    await close(csv, json);
    return first + rows;
  } finally {
    // After a failure too: the files stay open no longer, and the worker may still be writing the second half.
    csv.destroy();
    json.destroy();
    await second?.catch(() => undefined);
    await Promise.all([rm(rest.csv, { force: true }), rm(rest.json, { force: true })]);
  }
}

/** The whole table: header, every row, and the JSON array closed. */
export function streamSourceTable(source: string, spec: TableSpec, outDir: string): Promise<number> {
  return writingTo({ csv: path.join(outDir, `${spec.name}.csv`), json: path.join(outDir, `${spec.name}.json`) }, async (csv, json) => {
    const rows = await writeRows(source, spec, csv, json, { start: 0, line: 1 });
    await write(json, jsonEnd(rows));
    return rows;
  });
}

/** The second half of a table, run on the worker thread: its rows only, every JSON row preceded by ",\n". */
export function writeRest(source: string, spec: TableSpec, files: { csv: string; json: string }, part: Part): Promise<number> {
  return writingTo(files, (csv, json) => writeRows(source, spec, csv, json, part));
}

/**
 * The rows of `part` as CSV records and JSON array items. The part that starts the file also
 * writes the CSV header and opens the JSON array; it calls `onHeader` with the header's cells.
 */
async function writeRows(source: string, spec: TableSpec, csv: WriteStream, json: WriteStream, part: Part, onHeader?: (header: string[]) => void): Promise<number> {
  const names = publishedColumns(spec).map((c) => c.name);
  const fill = valuesFiller(spec);
  const makeRecord = recordMaker<OutValue>(names);
  const first = part.header === undefined;
  const positionsOf = (cells: string[]) => {
    const header = cells.map((c) => c.trim());
    return spec.columns.map((c) => header.indexOf(c.name));
  };
  let positions: number[] | undefined = part.header && positionsOf(part.header);
  let count = 0;
  let csvText = '';
  let jsonText = '';
  let batched = 0;
  const flush = async () => {
    const [c, j] = [csvText, jsonText];
    csvText = jsonText = '';
    batched = 0;
    if (c) await write(csv, c);
    if (j) await write(json, j);
  };

  if (first) {
    await write(csv, csvRecord(names));
    await write(json, '[');
  }
  const values: OutValue[] = new Array(names.length);
  const line: string[] = new Array(names.length);
  let cells: string[] = [];
  // Typed as the validator typed them; the sources passed validation, so every cell has its type.
  const typed = (column: Column, i: number): OutValue => {
    const raw = (cells[positions![i]!] ?? '').trim();
    return raw === '' ? null : (typeCell(column, raw) as OutValue);
  };
  // Read by the validator's own reader, so that the rows written are the rows validated.
  const onRecord = (record: string[]) => {
    cells = record;
    fill(typed, values);
    for (let i = 0; i < values.length; i++) line[i] = csvCell(values[i]!);
    csvText += csvRecord(line);
    jsonText += `${first && count === 0 ? '\n' : ',\n'}${JSON.stringify(makeRecord(values))}`;
    count++;
    return ++batched >= BATCH ? flush() : undefined;
  };
  const readHeader = (cells: string[]) => {
    positions = positionsOf(cells);
    onHeader?.(cells);
  };
  const diagnostics = await readCsv(source, spec.file, readHeader, onRecord, { part, chunkBytes: READ_CHUNK });
  // The file passed validation moments ago; an error now means that it changed during the build.
  if (hasErrors(diagnostics)) throw new Error(`${spec.file} changed while it was being published: ${diagnostics.find((d) => d.severity === 'error')!.message}`);
  await flush();
  return count;
}
