/**
 * Property: whatever an editor or a spreadsheet does to the files, the validator returns
 * diagnostics and never throws; and valid sources always pass.
 */
import { readdir, readFile, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { runPipeline } from '../pipeline/build.js';
import { validate } from '../pipeline/validate/index.js';
import { copyProject } from './helpers.js';

const FIXTURE = 'tests/fixtures/minimal/sources';

type Mutation = (text: string) => string;

const lines = (t: string) => t.split('\n');
const mutations = {
  dropCell: fc.nat().map((n): Mutation => (t) => lines(t).map((l, i) => (i === n % lines(t).length ? l.replace(/,[^,]*$/, '') : l)).join('\n')),
  addCell: fc.nat().map((n): Mutation => (t) => lines(t).map((l, i) => (i === n % lines(t).length ? `${l},extra` : l)).join('\n')),
  insertQuote: fc.nat().map((n): Mutation => (t) => t.slice(0, n % (t.length + 1)) + '"' + t.slice(n % (t.length + 1))),
  insertBytes: fc.tuple(fc.nat(), fc.uint8Array({ minLength: 1, maxLength: 4 })).map(([n, bytes]): Mutation => (t) => {
    const at = n % (t.length + 1);
    return t.slice(0, at) + String.fromCharCode(...bytes) + t.slice(at);
  }),
  swapColumns: fc.tuple(fc.nat(), fc.nat()).map(([a, b]): Mutation => (t) =>
    lines(t)
      .map((l) => {
        const cells = l.split(',');
        const [i, j] = [a % cells.length, b % cells.length];
        [cells[i], cells[j]] = [cells[j]!, cells[i]!];
        return cells.join(',');
      })
      .join('\n'),
  ),
  truncate: fc.nat().map((n): Mutation => (t) => t.slice(0, n % (t.length + 1))),
};

describe('validator under random damage', () => {
  it('always returns diagnostics and never throws', async () => {
    const dir = await copyProject({ sources: FIXTURE });
    const files = (await readdir(path.join(dir, 'sources'))).filter((f) => f.endsWith('.csv'));
    // Files are handled as latin1 strings, one character per byte, so that inserted bytes stay raw bytes.
    const originals = new Map(await Promise.all(files.map(async (f) => [f, await readFile(path.join(dir, 'sources', f), 'latin1')] as const)));
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...files), fc.array(fc.oneof(...Object.values(mutations)), { minLength: 1, maxLength: 3 }), async (file, steps) => {
        for (const [f, text] of originals) await writeFile(path.join(dir, 'sources', f), text, 'latin1');
        const broken = steps.reduce((t, m) => m(t), originals.get(file)!);
        await writeFile(path.join(dir, 'sources', file), broken, 'latin1');
        const { diagnostics } = await validate(dir);
        expect(Array.isArray(diagnostics)).toBe(true);
        for (const d of diagnostics) expect(d.message.length).toBeGreaterThan(0);
      }),
      { numRuns: 150 },
    );
    await rm(dir, { recursive: true, force: true });
  });

  it('reports a bad value in each of 150,000 rows, more diagnostics than a call can take as arguments', async () => {
    const dir = await copyProject({ sources: FIXTURE });
    const rows = Array.from({ length: 150_000 }, (_, i) => `syn-${i},no-such-measure,lv,all,1941-06,${100 + i},exact,,,persons,,src-a,p. ${i},"row ${i}",,,\n`);
    await writeFile(path.join(dir, 'sources/figures.csv'), `id,measure,territory,group,period,value,qualifier,low,high,unit,event,source,locator,quote,flag,note,evidence\n${rows.join('')}`);
    const { diagnostics } = await validate(dir);
    expect(diagnostics.filter((d) => d.code === 'key/foreign' && d.field === 'measure')).toHaveLength(150_000);
    await rm(dir, { recursive: true, force: true });
  });

  it('reports each of 150,000 rulings whose finding no longer exists', async () => {
    const dir = await copyProject({ sources: FIXTURE });
    const rows = Array.from({ length: 150_000 }, (_, i) => `figure-disagreement-gone${i},accepted,The sources were read again.,\n`);
    await writeFile(path.join(dir, 'sources/reviews.csv'), `finding,status,note,preferred\n${rows.join('')}`);
    const { diagnostics } = await runPipeline(dir, { write: false });
    expect(diagnostics.filter((d) => d.code === 'review/orphan')).toHaveLength(150_000);
    await rm(dir, { recursive: true, force: true });
  });

  it('passes valid sources: the shipped ones and the minimal fixture', async () => {
    for (const sources of [undefined, FIXTURE]) {
      const dir = await copyProject(sources ? { sources } : {});
      expect((await validate(dir)).diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    }
  });
});
