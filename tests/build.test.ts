import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { TABLE_NAMES } from '../pipeline/tables.js';
import { edit, runCli, snapshot } from './helpers.js';
import { builtFixture, copyBuilt } from './shared.js';

// Whole-pipeline runs use the small fixture: what they check does not depend on the size of the
// record, and the shipped record's own build is checked once, by .ci/run (dist/ equals a fresh build).
// The fixture is built once per run (tests/shared.ts); a test that builds again works on a copy.

describe('npm run build on a copy of the project', () => {
  it('writes a CSV and a JSON file for every table, and a second build changes no byte', async () => {
    const first = await builtFixture();
    expect(first.run.code, first.run.stdout + first.run.stderr).toBe(0);
    const files = await readdir(path.join(first.dist, 'data'));
    for (const name of TABLE_NAMES) expect(files).toEqual(expect.arrayContaining([`${name}.csv`, `${name}.json`]));
    const before = await snapshot(first.dist);
    const dir = await copyBuilt();
    const second = await runCli(['build', '--root', dir]);
    expect(second.code).toBe(0);
    expect(await snapshot(path.join(dir, 'dist'))).toEqual(before);
  });

  it('stops on a broken row, names the file and line, and leaves dist/ as it was', async () => {
    const dir = await copyBuilt();
    const before = await snapshot(path.join(dir, 'dist'));
    // Line 3 of figures.csv: an unquoted thousands separator shifts every later cell.
    await edit(dir, 'sources/figures.csv', /^src-b-lv,(.*)$/m, 'src-b-lv,deported,lv,all,1941-06-13/1941-06-14,14,000,range,14000,15500,persons,june-deportation,src-b,par. 3,x,,,');
    const run = await runCli(['build', '--root', dir]);
    expect(run.code).toBe(1);
    expect(run.stdout).toContain('sources/figures.csv:3');
    expect(run.stdout).toContain('csv/field-count');
    expect(run.stdout).toContain('dist/ was left as it was');
    expect(await snapshot(path.join(dir, 'dist'))).toEqual(before);
  });

  it('keeps CSV and JSON in step: same rows, same cells', async () => {
    const { dist } = await builtFixture();
    const json = JSON.parse(await readFile(path.join(dist, 'data/figures.json'), 'utf8')) as Record<string, unknown>[];
    const csv = await readFile(path.join(dist, 'data/figures.csv'), 'utf8');
    expect(csv.split('\r\n').filter(Boolean)).toHaveLength(json.length + 1);
    expect(json[0]).toMatchObject({ id: 'src-a-lv', value: 15424, low: null });
  });
});
