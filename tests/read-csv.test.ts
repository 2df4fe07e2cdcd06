/**
 * The one CSV reader: validate and build read a table by the same rules, and a broken quote is
 * reported where it opened.
 */
import { mkdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { sourceTable } from '../pipeline/emit/datasets.js';
import { publishSourceTable } from '../pipeline/emit/stream-table.js';
import { writeTable } from '../pipeline/emit/write-table.js';
import { locateBrokenQuote } from '../pipeline/load/broken-quote.js';
import { loadSpec } from '../pipeline/tables.js';
import { validate } from '../pipeline/validate/index.js';
import { copyProject, edit, runMain } from './helpers.js';

const FIXTURE = 'tests/fixtures/minimal/sources';

describe('blank lines: validate and build agree', () => {
  it('skips a line of spaces inside a table and as the first line with a warning, and builds the same rows', async () => {
    const dir = await copyProject({ sources: FIXTURE });
    const rows = (await readFile(path.join(dir, 'sources/measures.csv'), 'utf8')).trim().split('\n').length;
    await edit(dir, 'sources/measures.csv', /^/, '   \n');
    await edit(dir, 'sources/measures.csv', /\n(?=[^\n]*\n[^\n]*$)/, '\n \t \n');
    const validate = await runMain(['validate', '--root', dir]);
    expect(validate.code, validate.stdout).toBe(0);
    expect(validate.stdout).toContain('sources/measures.csv:1  warning  csv/blank-row');
    expect(validate.stdout).toMatch(/sources\/measures\.csv:\d+  warning  csv\/blank-row[^\n]*\n[^\n]*\nsources\/measures\.csv:\d+  warning  csv\/blank-row/);
    expect(validate.stdout).toContain('0 errors and 2 warnings in 1 file.');
    // A register streams from its file (emit/stream-table.ts), not from the rows validate read: its writer is checked on the same file.
    const { spec } = await loadSpec(dir, 'measures');
    const out = path.join(dir, 'out');
    await mkdir(out);
    await publishSourceTable(path.join(dir, spec!.file), spec!, out);
    const published = await readFile(path.join(out, 'measures.csv'), 'utf8');
    expect(published.trim().split('\r\n')).toHaveLength(rows);
  });
});

describe('a source table published from the rows validated or streamed from its file', () => {
  it('has the same bytes either way, quotes, line breaks, lists and dates included', async () => {
    const dir = await copyProject({ sources: FIXTURE });
    await edit(dir, 'sources/events.csv', 'Soviet troops entered Latvia.', '"Soviet troops entered ""Latvia"",\nin columns."');
    const { tables, diagnostics } = await validate(dir);
    expect(diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    const [held, streamed] = [path.join(dir, 'held'), path.join(dir, 'streamed')];
    await Promise.all([mkdir(held), mkdir(streamed)]);
    for (const table of tables.values()) {
      const out = sourceTable(table);
      await writeTable(held, out.name, out.columns, out.rows);
      await publishSourceTable(path.join(dir, table.spec.file), table.spec, streamed);
      for (const file of [`${out.name}.csv`, `${out.name}.json`]) expect(await readFile(path.join(held, file), 'utf8'), file).toBe(await readFile(path.join(streamed, file), 'utf8'));
    }
    expect(await readFile(path.join(held, 'events.csv'), 'utf8')).toContain('"Soviet troops entered ""Latvia"",\nin columns."');
  });
});

describe('line numbers after a skipped row', () => {
  it('stay those of the file: a stray quote on line 2 does not shift the rows after it', async () => {
    const dir = await copyProject({ sources: FIXTURE });
    await edit(dir, 'sources/events.csv', 'Soviet troops entered Latvia.', 'Soviet troops entered "Latvia".');
    await edit(dir, 'sources/events.csv', '1941-06-13/1941-06-14', '1941-06-31');
    const run = await runMain(['validate', '--root', dir]);
    expect(run.stdout).toContain('sources/events.csv:2:7  error  csv/stray-quote');
    expect(run.stdout).toContain('sources/events.csv:3:3  error  date/impossible');
  });
});

describe('a quote that never closes', () => {
  it('is placed where it opened, with the line where the reader gave up', async () => {
    const dir = await copyProject({ sources: FIXTURE });
    // An opening quote never closed, inserted before the second row: the next quote in the file is rows later.
    await edit(dir, 'sources/events.csv', /\nsrc-b-deportation/, '\n"unclosed,x,x\nsrc-b-deportation');
    await edit(dir, 'sources/events.csv', 'People were deported.', '"People were deported, said ""the source""."');
    const run = await runMain(['validate', '--root', dir]);
    expect(run.code).toBe(1);
    expect(run.stdout).toContain('sources/events.csv:3:1  error  csv/unclosed-quote  a quoted cell opens here and is never closed: it runs on into line 4, where the next quote is followed by text');
    expect(run.stdout).not.toContain('csv/stray-quote');
  });

  it('locates the opening of the first broken quoted cell, following the reader\'s rules', () => {
    expect(locateBrokenQuote('a,b\n1,"x\ny""z"\n')).toBeUndefined();
    expect(locateBrokenQuote('\uFEFFa,b\n1,"open\n2,3\n')).toEqual({ line: 2, column: 2, unclosed: true });
    expect(locateBrokenQuote('a,b,c\r\n1,"ok\r\nstill",x\r\n"bad,2,3\r\n4,"y"z,5\r\n')).toEqual({ line: 4, column: 1, unclosed: true, runsTo: 5 });
    expect(locateBrokenQuote('a,b\n1,"x"y\n')).toEqual({ line: 2, column: 2, unclosed: false });
    expect(locateBrokenQuote('a,b\n1,x"y\n')).toBeUndefined();
  });
});
