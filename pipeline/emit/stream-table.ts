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
import { dateBounds } from '../validate/dates.js';
import { typeCell } from '../validate/table.js';
import { publishedColumns } from './datasets.js';
import { csvCell, csvRecord, type OutValue } from './write-table.js';

/** Rows per write: their text stays well under V8's size for large objects (128 KiB), which are slow to make. */
const BATCH = 200;

async function write(stream: WriteStream, text: string): Promise<void> {
  if (!stream.write(text)) await once(stream, 'drain');
}

/** For each published column: the source column it comes from, and whether it is that column's value or its first or last day. */
function plan(spec: TableSpec): { column: Column; at: number; part: 'value' | 'start' | 'end' }[] {
  return spec.columns.flatMap((column, at) => (column.format === 'edtf' ? (['value', 'start', 'end'] as const) : (['value'] as const)).map((part) => ({ column, at, part })));
}

export async function streamSourceTable(source: string, spec: TableSpec, outDir: string): Promise<number> {
  const names = publishedColumns(spec).map((c) => c.name);
  const parts = plan(spec);
  // The published columns, as rowBuilder (datasets.ts) orders them for kept rows.
  if (parts.length !== names.length) throw new Error(`${spec.name}: the published columns do not follow the source columns`);
  const makeRecord = recordMaker<OutValue>(names);
  const csv = createWriteStream(path.join(outDir, `${spec.name}.csv`));
  const json = createWriteStream(path.join(outDir, `${spec.name}.json`));
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
  // Read by the validator's own reader, so that the rows written are the rows validated.
  const onRecord = (cells: string[]) => {
    // Typed as the validator typed them; the sources passed validation, so every cell has its type.
    for (let i = 0; i < parts.length; i++) {
      const { column, at, part } = parts[i]!;
      let value: OutValue;
      if (part === 'value') {
        const raw = (cells[positions![at]!] ?? '').trim();
        value = raw === '' ? null : (typeCell(column, raw) as OutValue);
      } else {
        // The first and last day of the EDTF value just before; empty where the interval is open.
        const date = values[i - (part === 'start' ? 1 : 2)];
        const bounds = typeof date === 'string' ? dateBounds(date) : undefined;
        value = (part === 'start' ? bounds?.start : bounds?.end) || null;
      }
      values[i] = value;
      line[i] = csvCell(value);
    }
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
