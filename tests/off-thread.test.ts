/**
 * Work on the worker thread (pipeline/util/off-thread.ts): a large workbook, and the second half
 * of a large source table, are made there in a build, so each must give the same bytes as on the
 * main thread, report a failure to its caller, and never keep a finished process alive.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { buildDate, citation, loadDataset } from '../pipeline/dataset.js';
import { publishSourceTable } from '../pipeline/emit/stream-table.js';
import { recordBoundary } from '../pipeline/load/record-boundary.js';
import { workbookBytes, workbookBytesOffThread } from '../pipeline/emit/workbook.js';
import type { OutTable } from '../pipeline/emit/write-table.js';
import { loadSpec } from '../pipeline/tables.js';
import { offThread } from '../pipeline/util/off-thread.js';
import { ROOT } from './helpers.js';

const module = (file: string) => pathToFileURL(path.join(ROOT, file)).href;

describe('work on the worker thread', () => {
  it('makes a workbook with the same bytes as the main thread', async () => {
    const meta = (await loadDataset(ROOT)).value!;
    const date = buildDate(meta, {});
    const rows = Array.from({ length: 300 }, (_, i) => ({ id: `row-${i}`, day: `1949-03-${String((i % 28) + 1).padStart(2, '0')}`, count: i * 7, parts: ['a', `b${i % 3}`] }));
    const table: OutTable = {
      name: 'rows',
      title: 'Rows',
      description: 'Synthetic rows, one of each column type the workbook writes.',
      columns: [
        { name: 'id', type: 'string', title: 'Id', description: 'An id.' },
        { name: 'day', type: 'date', title: 'Day', description: 'A day.' },
        { name: 'count', type: 'integer', title: 'Count', description: 'A count.' },
        { name: 'parts', type: 'array', title: 'Parts', description: 'A list.' },
      ],
      rows,
      primaryKey: ['id'],
      foreignKeys: [],
    } as unknown as OutTable;
    const args: Parameters<typeof workbookBytes> = [meta, date, citation(meta, date), [table]];
    const [beside, here] = await Promise.all([workbookBytesOffThread(...args), workbookBytes(...args)]);
    expect(beside.length).toBeGreaterThan(5_000);
    expect(Buffer.from(beside).equals(Buffer.from(here))).toBe(true);
  });

  describe('a large table written in two halves, one on the worker, has the same bytes as one piece', async () => {
    const { spec } = await loadSpec(ROOT, 'figures');
    const [header = '', ...rows] = readFileSync(path.join(ROOT, spec!.file), 'utf8').trimEnd().split(/\r?\n/);
    const cells = rows[0]!.split(',');
    const long = `"${Array.from({ length: 400 }, (_, i) => `line ${i}, with ""quotes""`).join('\n')}"`;
    const middle = (from: number, to: number) => (_: string, i: number) => i > from && i < to;
    const files: Record<string, { text: string; rows: number; cutBefore?: string }> = {
      // The cut falls inside a quoted cell of many lines, holding quotes and commas: the halves meet at the record after it.
      'a quoted cell of many lines across the middle': {
        text: [header, ...rows.slice(1, 40), [`${cells[0]}-long`, ...cells.slice(1, -1), long].join(','), ...rows.slice(40, 80), ''].join('\r\n'),
        rows: 80,
        cutBefore: rows[40],
      },
      // csv-parse ends every record as the first one ends (\n here): the second half must not take \r\n from the record at the cut.
      'rows ending in \\r\\n in a file of \\n': { text: [header, ...rows.slice(0, 80)].map((r, i) => (middle(35, 45)(r, i) ? `${r}\r\n` : `${r}\n`)).join(''), rows: 80 },
      // Blank lines before the header reach past the middle: no header before the cut, so the file is written in one piece.
      'blank lines before the header, past the middle': { text: `${'\n'.repeat(2 * rows.slice(0, 81).join('\n').length)}${[header, ...rows.slice(0, 80)].join('\n')}\n`, rows: 80 },
    };
    for (const [name, file] of Object.entries(files)) {
      it(name, async () => {
        const dir = mkdtempSync(path.join(tmpdir(), 'publish-'));
        const source = path.join(dir, 'figures.csv');
        writeFileSync(source, file.text);
        if (file.cutBefore) {
          const cut = (await recordBoundary(source, Math.floor(statSync(source).size / 2)))!;
          expect(readFileSync(source, 'utf8').slice(0, cut.offset).split('\n')).toHaveLength(cut.line);
          expect(readFileSync(source).subarray(cut.offset, cut.offset + Buffer.byteLength(file.cutBefore)).toString()).toBe(file.cutBefore);
        }
        const [beside, here] = [path.join(dir, 'beside'), path.join(dir, 'here')];
        for (const out of [beside, here]) mkdirSync(out);
        const [rowsBeside, rowsHere] = await Promise.all([publishSourceTable(source, spec!, beside, { offThread: true }), publishSourceTable(source, spec!, here, { offThread: false })]);
        expect([rowsBeside, rowsHere]).toEqual([file.rows, file.rows]);
        for (const f of ['figures.csv', 'figures.json']) expect(readFileSync(path.join(beside, f)).equals(readFileSync(path.join(here, f))), f).toBe(true);
        expect(JSON.parse(readFileSync(path.join(beside, 'figures.json'), 'utf8'))).toHaveLength(file.rows);
        // The halves' working files are gone.
        expect(readdirSync(beside).sort()).toEqual(['figures.csv', 'figures.json']);
        rmSync(dir, { recursive: true, force: true });
      });
    }
  });

  it("gives the caller the worker's error, and goes on working after it", async () => {
    await expect(offThread(module('pipeline/emit/zip.ts'), 'noSuchExport', [])).rejects.toThrow(/noSuchExport|not a function/);
    await expect(offThread(module('pipeline/emit/zip.ts'), 'zipFiles', [() => undefined])).rejects.toThrow(/could not be cloned/);
    await expect(offThread(module('pipeline/emit/zip.ts'), 'restampZip', [new Uint8Array([1, 2, 3]), new Date(0)])).rejects.toThrow(/zip|invalid/i);
    const bytes = await offThread<Uint8Array>(module('pipeline/emit/zip.ts'), 'zipFiles', [[['a.txt', new TextEncoder().encode('a')]], new Date(Date.UTC(2000, 0, 1))]);
    expect(Buffer.from(bytes.subarray(0, 4)).toString('latin1')).toBe('PK\x03\x04');
  });

  it('lets a process exit once its work on the worker is done', () => {
    // A call whose arguments cannot be sent must not keep it alive either.
    const script = `import { offThread } from ${JSON.stringify(module('pipeline/util/off-thread.ts'))};
await offThread(${JSON.stringify(module('pipeline/emit/zip.ts'))}, 'zipFiles', [() => undefined]).catch(() => console.log('refused'));
const bytes = await offThread(${JSON.stringify(module('pipeline/emit/zip.ts'))}, 'zipFiles', [[['a.txt', new Uint8Array([97])]], new Date(Date.UTC(2000, 0, 1))]);
console.log('made', bytes.length);`;
    const dir = mkdtempSync(path.join(tmpdir(), 'off-thread-'));
    writeFileSync(path.join(dir, 'run.mts'), script);
    const run = spawnSync(process.execPath, ['--import', 'tsx', path.join(dir, 'run.mts')], { cwd: ROOT, encoding: 'utf8', timeout: 30_000 });
    rmSync(dir, { recursive: true, force: true });
    expect(run.stderr).toBe('');
    expect(run.stdout).toMatch(/^refused\nmade \d+\n$/);
    // Not killed by the timeout: it ended on its own.
    expect(run.signal).toBeNull();
    expect(run.status).toBe(0);
  });
});
