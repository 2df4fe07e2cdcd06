/**
 * Publishes a validated source table by streaming it from its CSV to dist/data as CSV and
 * JSON, without holding its rows: a register of a million rows costs the same memory as ten.
 * Cells are typed as the validator types them; EDTF columns gain their _start and _end days.
 */
import { createWriteStream, type WriteStream } from 'node:fs';
import { once } from 'node:events';
import path from 'node:path';
import { hasErrors } from '../diagnostics.js';
import { readCsv } from '../load/read-csv.js';
import type { Column, TableSpec } from '../tables.js';
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

async function write(stream: WriteStream, text: string): Promise<void> {
  if (!stream.write(text)) await once(stream, 'drain');
}

export async function streamSourceTable(source: string, spec: TableSpec, outDir: string): Promise<number> {
  const names = publishedColumns(spec).map((c) => c.name);
  const fill = valuesFiller(spec);
  const makeRecord = recordMaker<OutValue>(names);
  const csv = createWriteStream(path.join(outDir, `${spec.name}.csv`), { highWaterMark: PENDING });
  const json = createWriteStream(path.join(outDir, `${spec.name}.json`), { highWaterMark: PENDING });
  let positions: number[] | undefined;
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

  await write(csv, csvRecord(names));
  await write(json, '[');
  const onHeader = (cells: string[]) => {
    const header = cells.map((c) => c.trim());
    positions = spec.columns.map((c) => header.indexOf(c.name));
  };
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
    jsonText += `${count === 0 ? '\n' : ',\n'}${JSON.stringify(makeRecord(values))}`;
    count++;
    return ++batched >= BATCH ? flush() : undefined;
  };
  const diagnostics = await readCsv(source, spec.file, onHeader, onRecord);
  // The file passed validation moments ago; an error now means that it changed during the build.
  if (hasErrors(diagnostics)) throw new Error(`${spec.file} changed while it was being published: ${diagnostics.find((d) => d.severity === 'error')!.message}`);
  await flush();
  await write(json, count === 0 ? ']\n' : '\n]\n');
  csv.end();
  json.end();
  await Promise.all([once(csv, 'finish'), once(json, 'finish')]);
  return count;
}
