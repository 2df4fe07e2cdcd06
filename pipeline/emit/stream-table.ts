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
import type { TableSpec } from '../tables.js';
import { typeCell } from '../validate/table.js';
import { publishedColumns, rowBuilder } from './datasets.js';
import { csvCell, csvRecord, type OutValue } from './write-table.js';

const BATCH = 2000;

async function write(stream: WriteStream, text: string): Promise<void> {
  if (!stream.write(text)) await once(stream, 'drain');
}

export async function streamSourceTable(source: string, spec: TableSpec, outDir: string): Promise<number> {
  const out = publishedColumns(spec);
  const names = out.map((c) => c.name);
  const build = rowBuilder(spec);
  const csv = createWriteStream(path.join(outDir, `${spec.name}.csv`));
  const json = createWriteStream(path.join(outDir, `${spec.name}.json`));
  let positions: number[] | undefined;
  let count = 0;
  let csvRows: string[] = [];
  let jsonRows: string[] = [];
  const flush = async () => {
    if (csvRows.length) await write(csv, csvRows.join(''));
    if (jsonRows.length) await write(json, jsonRows.join(''));
    csvRows = [];
    jsonRows = [];
  };

  await write(csv, csvRecord(names));
  await write(json, '[');
  const onHeader = (cells: string[]) => {
    const header = cells.map((c) => c.trim());
    positions = spec.columns.map((c) => header.indexOf(c.name));
  };
  // Read by the validator's own reader, so that the rows written are the rows validated.
  const onRecord = (cells: string[]) => {
    // Typed as the validator typed them; the sources passed validation, so every cell has its type.
    const record = build((c, i) => {
      const raw = (cells[positions![i]!] ?? '').trim();
      return raw === '' ? null : (typeCell(c, raw) as OutValue);
    });
    const line: string[] = new Array(names.length);
    for (let i = 0; i < names.length; i++) line[i] = csvCell(record[names[i]!] ?? null);
    csvRows.push(csvRecord(line));
    jsonRows.push(`${count === 0 ? '\n' : ',\n'}${JSON.stringify(record)}`);
    count++;
    return csvRows.length >= BATCH ? flush() : undefined;
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
