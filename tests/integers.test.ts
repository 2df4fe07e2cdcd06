/** Integers are published exactly as they are read, or the editor is told. */
import { describe, expect, it } from 'vitest';
import { runPipeline } from '../pipeline/build.js';
import { typeCell } from '../pipeline/validate/table.js';
import { copyProject, edit } from './helpers.js';

const INTEGER = { name: 'value', title: 'Value', description: '', type: 'integer', required: false, freeText: false } as const;

describe('integer cells', () => {
  it('are typed only while exact: beyond 2^53 - 1 a cell stays text', () => {
    expect(typeCell(INTEGER, '9007199254740991')).toBe(9007199254740991);
    expect(typeCell(INTEGER, '9007199254740993')).toBe('9007199254740993');
    expect(typeCell(INTEGER, '-9007199254740993')).toBe('-9007199254740993');
  });

  it('written with leading zeros or padded with spaces, give one warning saying what is published', async () => {
    const dir = await copyProject({ sources: 'tests/fixtures/minimal/sources' });
    await edit(dir, 'sources/figures.csv', '15424,exact', '00015424,exact');
    await edit(dir, 'sources/figures.csv', '1941-06,3000', '1941-06, 3000 ');
    const { diagnostics } = await runPipeline(dir, { write: false });
    expect(diagnostics.map((d) => [d.line, d.code, d.value, d.message])).toEqual([
      [2, 'cell/integer-form', '00015424', 'the number is published as 15424'],
      [4, 'cell/integer-form', ' 3000 ', 'the number is published as 3000'],
    ]);
  });
});
