/**
 * Excel's limits in the workbook: 32,767 characters to a cell and 1,048,576 rows to a sheet. The
 * shipped record is far inside both; a register is not, and a workbook past either is one Excel
 * offers to repair. The CSV and JSON files keep every value whole.
 */
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { buildDate, citation, loadDataset } from '../pipeline/dataset.js';
import { CUT_MARK, EXCEL_CELL_CHARACTERS, fitCell, sheetsOf, workbookBytes } from '../pipeline/emit/workbook.js';
import type { OutTable } from '../pipeline/emit/write-table.js';
import { ROOT } from './helpers.js';

const table = (name: string, rows: Record<string, unknown>[]): OutTable =>
  ({
    name,
    title: 'Rows',
    description: 'Synthetic rows.',
    columns: [
      { name: 'id', type: 'string', title: 'Id', description: 'An id.' },
      { name: 'text', type: 'string', title: 'Text', description: 'A text.' },
      { name: 'ids', type: 'array', title: 'Ids', description: 'A list.' },
    ],
    rows,
    primaryKey: ['id'],
    foreignKeys: [],
  }) as unknown as OutTable;

describe("the workbook within Excel's limits", () => {
  it('cuts a text longer than a cell holds, with a mark, never inside a character', () => {
    expect(fitCell('short')).toBe('short');
    const exact = 'x'.repeat(EXCEL_CELL_CHARACTERS);
    expect(fitCell(exact)).toBe(exact);
    const cut = fitCell('y'.repeat(40_000));
    expect(cut.length).toBeLessThanOrEqual(EXCEL_CELL_CHARACTERS);
    expect(cut.endsWith(CUT_MARK)).toBe(true);
    // "𝄞" is two UTF-16 units: the cut must not keep the first alone.
    const keep = EXCEL_CELL_CHARACTERS - CUT_MARK.length;
    const straddling = fitCell(`${'z'.repeat(keep - 1)}𝄞${'z'.repeat(100)}`);
    expect(straddling).toBe(`${'z'.repeat(keep - 1)}${CUT_MARK}`);
  });

  it('spreads a table over sheets of at most so many rows, each name within 31 characters', () => {
    const rows = Array.from({ length: 7 }, (_, i) => ({ id: `r${i}` }));
    expect(sheetsOf(table('t', rows), 3).map((s) => [s.name, s.rows.map((r) => r.id)])).toEqual([
      ['t', ['r0', 'r1', 'r2']],
      ['t (2)', ['r3', 'r4', 'r5']],
      ['t (3)', ['r6']],
    ]);
    const long = 'a_table_name_of_thirty_one_char';
    expect(sheetsOf(table(long, rows), 3).map((s) => s.name)).toEqual([long, 'a_table_name_of_thirty_one_ (2)', 'a_table_name_of_thirty_one_ (3)']);
    expect(sheetsOf(table('t', []), 3)).toEqual([{ name: 't', rows: [] }]);
  });

  it('never gives two sheets one name, compared as Excel compares them (without case)', () => {
    const rows = Array.from({ length: 4 }, (_, i) => ({ id: `r${i}` }));
    const taken = new Set(['about', 'codebook']);
    const names = [table('x', rows), table('x (2)', []), table('About', []), table(`${'n'.repeat(27)}_one_a`, []), table(`${'n'.repeat(27)}_one_b`, [])].flatMap((t) => sheetsOf(t, 3, taken).map((s) => s.name));
    expect(names).toEqual(['x', 'x (2)', 'x (2) (2)', 'About (2)', `${'n'.repeat(27)}_one`, `${'n'.repeat(27)} (2)`]);
    expect(new Set(names.map((n) => n.toLowerCase())).size).toBe(names.length);
    expect(names.every((n) => n.length <= 31)).toBe(true);
  });

  it('writes a workbook whose tables share the first 31 characters of their names', async () => {
    const meta = (await loadDataset(ROOT)).value!;
    const date = buildDate(meta, {});
    const long = 'n'.repeat(40);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(Buffer.from(await workbookBytes(meta, date, citation(meta, date), [table(`${long}a`, [{ id: 'a' }]), table(`${long}b`, [{ id: 'b' }])])) as never);
    expect(wb.worksheets.map((w) => w.name)).toEqual(['About', 'Codebook', 'n'.repeat(31), `${'n'.repeat(27)} (2)`]);
  });

  it('writes a long text and a long list cut to a cell, the rest of the row as it is', async () => {
    const meta = (await loadDataset(ROOT)).value!;
    const date = buildDate(meta, {});
    const ids = Array.from({ length: 5_000 }, (_, i) => `syn-claim-${i}`);
    const rows = [{ id: 'long', text: 'w'.repeat(50_000), ids }, { id: 'short', text: 'a text', ids: ['one', 'two'] }];
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(Buffer.from(await workbookBytes(meta, date, citation(meta, date), [table('rows', rows)])) as never);
    const sheet = wb.getWorksheet('rows')!;
    const [long, short] = [sheet.getRow(2), sheet.getRow(3)];
    for (const column of [2, 3]) {
      const value = String(long.getCell(column).value);
      expect(value.length).toBeLessThanOrEqual(EXCEL_CELL_CHARACTERS);
      expect(value.endsWith(CUT_MARK)).toBe(true);
    }
    expect(String(long.getCell(3).value).startsWith('syn-claim-0;syn-claim-1;')).toBe(true);
    expect([short.getCell(1).value, short.getCell(2).value, short.getCell(3).value]).toEqual(['short', 'a text', 'one;two']);
    const about = new Map<string, string>();
    wb.getWorksheet('About')!.eachRow((row) => about.set(String(row.getCell(1).value), String(row.getCell(2).value)));
    expect(about.get('Sheets')).toBe('rows (2 rows)');
    expect(about.get('How to read it')).toMatch(/^Each sheet after the codebook is one table of the record\. /);
  });
});
