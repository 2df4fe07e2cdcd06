/**
 * The CSV writer gives csv-stringify's bytes (RFC 4180, CRLF), which the published CSV files had
 * before it, and every record reads back as the cells written. Unlike csv-stringify 6.9, it quotes
 * a cell holding a line break (a summary may have one), which csv-stringify left bare, splitting the row.
 */
import { parse } from 'csv-parse/sync';
import { stringify } from 'csv-stringify/sync';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { csvRecord, toCsv } from '../pipeline/emit/write-table.js';

const cell = fc.oneof(fc.string(), fc.stringMatching(/^[a,"\r\n ;-]{0,6}$/), fc.constantFrom('', ' ', '"', ',', '\r\n', 'Bălți, "Moldova"'));

describe('csvRecord', () => {
  it('writes each record as csv-stringify does, where it holds no line break', () => {
    fc.assert(
      fc.property(fc.array(cell.filter((c) => !/[\r\n]/.test(c)), { minLength: 1, maxLength: 6 }), (cells) => {
        expect(csvRecord(cells)).toBe(stringify([cells], { record_delimiter: '\r\n' }));
      }),
      { numRuns: 1000 },
    );
  });

  it('writes records that read back as the cells written, line breaks included', () => {
    fc.assert(
      fc.property(fc.array(fc.array(cell, { minLength: 2, maxLength: 6 }), { minLength: 1, maxLength: 5 }), (rows) => {
        expect(parse(rows.map(csvRecord).join(''), { relax_column_count: true })).toEqual(rows);
      }),
      { numRuns: 1000 },
    );
    expect(csvRecord(['Day 1.\nDay 2.', 'x'])).toBe('"Day 1.\nDay 2.",x\r\n');
  });

  it('writes a table with its header as csv-stringify does', () => {
    const columns = [{ name: 'id', type: 'string' as const }, { name: 'n', type: 'integer' as const }, { name: 'items', type: 'array' as const }];
    const rows = [{ id: 'a,b', n: 12, items: ['x', 'y "z"'] }, { id: 'c', n: null, items: null }];
    expect(toCsv(columns, rows)).toBe('id,n,items\r\n"a,b",12,"x;y ""z"""\r\nc,,\r\n');
    expect(toCsv(columns, [])).toBe(stringify([], { header: true, columns: ['id', 'n', 'items'], record_delimiter: '\r\n' }));
  });
});
