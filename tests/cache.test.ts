/** A rebuild with nothing changed is skipped, and a stale or edited dist/ is never served. */
import { execFile } from 'node:child_process';
import { appendFile, cp, readdir, readFile, rename, rm, stat, truncate, utimes, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { hashInputs, recordBuild, upToDate } from '../pipeline/cache.js';
import { edit, ROOT, runCli, snapshot } from './helpers.js';
import { builtFixture, copyBuilt } from './shared.js';
import { tool } from './tools.js';

const exec = promisify(execFile);
const qpdf = tool('qpdf');
const CACHE = '.build/pdf-cache';

/** Every PDF in dist/ passes qpdf --check, and dist/SHA256SUMS holds. */
async function expectWholePdfs(dir: string): Promise<void> {
  const pdfs = (await readdir(path.join(dir, 'dist'))).filter((f) => f.endsWith('.pdf'));
  expect(pdfs.length).toBeGreaterThan(1);
  for (const pdf of pdfs) expect((await exec('qpdf', ['--check', path.join(dir, 'dist', pdf)])).stdout, pdf).toContain('No syntax or stream encoding errors found');
  await exec('sha256sum', ['-c', '--quiet', 'SHA256SUMS'], { cwd: path.join(dir, 'dist') });
}

/** A figure's note is in the report but not in the chronology: the next build takes the handouts from the cache. */
const editNote = (dir: string) => edit(dir, 'sources/figures.csv', 'about 3000 children,weak-source,', 'about 3000 children,weak-source,A note added later.');

// Most tests start from a copy of the fixture as its build left it (tests/shared.ts: dist/, the
// record of the build and the PDF cache), rather than building it first themselves.

describe('rebuilds', () => {
  it('skip a build whose inputs did not change, replaying its report', async () => {
    // The shared build was the first; its record, copied with the tree, serves the second.
    const first = await builtFixture();
    expect(first.run.code).toBe(0);
    const dir = await copyBuilt();
    const before = await snapshot(path.join(dir, 'dist'));
    const second = await runCli(['build', '--root', dir]);
    expect(second.stdout).toBe(`${first.run.stdout}dist/ is up to date: no input changed since the last build.\n`);
    expect(await snapshot(path.join(dir, 'dist'))).toEqual(before);
  });

  it('rebuild when a source, a template or the code changes', async () => {
    const dir = await copyBuilt();
    // As built, the copy would be skipped (the test above); an edited source is built again.
    await edit(dir, 'sources/people.csv', 'Head of the', 'Head of the the');
    const run = await runCli(['build', '--root', dir]);
    expect(run.stdout).not.toContain('up to date');
    expect(run.stdout).toContain('Built dist/');
    // The same decision for every other kind of input, without building each time: the hash of the
    // inputs, which the build compares with its record, moves with each change and comes back when
    // it is undone. It covers the pipeline's code and the lock file too.
    await cp(path.join(ROOT, 'pipeline'), path.join(dir, 'pipeline'), { recursive: true });
    await cp(path.join(ROOT, 'package-lock.json'), path.join(dir, 'package-lock.json'));
    const base = await hashInputs(dir);
    for (const file of ['sources/figures.csv', 'schemas/events.schema.json', 'templates/site.css', 'templates/chronology.json', 'pipeline/cache.ts', 'package-lock.json']) {
      const bytes = await readFile(path.join(dir, file));
      await appendFile(path.join(dir, file), '\n');
      expect(await hashInputs(dir), file).not.toBe(base);
      await writeFile(path.join(dir, file), bytes);
      expect(await hashInputs(dir), file).toBe(base);
    }
  });

  it('reuse a rendered PDF only when its content is the same and its entry whole: a build with the PDF cache equals one whose every entry was truncated, which renders every PDF anew', async () => {
    const dir = await copyBuilt();
    // A figure's note is in the report but not in the chronology: the handouts come from the cache.
    await editNote(dir);
    expect((await runCli(['build', '--root', dir])).code).toBe(0);
    const cached = await snapshot(path.join(dir, 'dist'));
    // Inputs unchanged since that build, but every entry it used is cut short, as by a crash or a full
    // disk: the build is not skipped, drops each entry, renders every PDF again, and gives the same bytes.
    const entries = await readdir(path.join(dir, CACHE));
    expect(entries.length).toBeGreaterThan(1);
    const sizes = new Map(await Promise.all(entries.map(async (e) => [e, (await stat(path.join(dir, CACHE, e))).size] as const)));
    // Cut short, or (an entry smaller than that: a small file's deflated zip entry) padded with zeros.
    for (const entry of entries) await truncate(path.join(dir, CACHE, entry), 1000);
    const run = await runCli(['build', '--root', dir]);
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toContain('Built dist/');
    // Every entry made again whole.
    expect(new Map(await Promise.all((await readdir(path.join(dir, CACHE))).map(async (e) => [e, (await stat(path.join(dir, CACHE, e))).size] as const)))).toEqual(sizes);
    expect(await snapshot(path.join(dir, 'dist'))).toEqual(cached);
  });

  it('rebuild when a file in dist/ was edited or lost, even with SHA256SUMS regenerated to match, rather than serve it', async () => {
    const dir = await copyBuilt();
    const dist = path.join(dir, 'dist');
    const inputs = await hashInputs(dir);
    // The copy's files have stamps of their own: found whole by their hashes, and recorded again as a build records them,
    // so that each damage below meets the record's stamps (a file whose stamp is as recorded is not read).
    const restamp = async () => {
      const last = await upToDate(dir, inputs);
      expect(last).toBeDefined();
      await recordBuild(dir, last!);
    };
    await restamp();
    // Each damage alone makes dist/ stale (the check the build makes before it skips), and is undone before the next.
    const damages: [string, () => Promise<void>][] = [
      ['an edited table', () => writeFile(path.join(dist, 'data/figures.csv'), 'edited by hand\n')],
      ['a lost file', () => rm(path.join(dist, 'data/people.json'))],
      ['a file added', () => writeFile(path.join(dist, 'notes.txt'), 'mine\n')],
      ['a table replaced by one of the same size and modification time', async () => {
        const file = path.join(dist, 'data/figures.json');
        const { size, mtime } = await stat(file);
        await writeFile(`${file}.new`, 'x'.repeat(size));
        await utimes(`${file}.new`, mtime, mtime);
        await rename(`${file}.new`, file);
      }],
      ['an edited table and SHA256SUMS made to match', async () => {
        await writeFile(path.join(dist, 'data/people.csv'), 'id,name\r\nsomeone,Someone else\r\n');
        const { stdout } = await exec('sh', ['-c', "sha256sum $(find . -type f ! -name SHA256SUMS | sed 's|^./||' | sort) > SHA256SUMS"], { cwd: dist });
        expect(stdout).toBe('');
        await exec('sha256sum', ['-c', '--quiet', 'SHA256SUMS'], { cwd: dist });
      }],
    ];
    const good = await snapshot(dist);
    for (const [name, damage] of damages) {
      await damage();
      expect(await upToDate(dir, inputs), name).toBeUndefined();
      await rm(dist, { recursive: true });
      await cp(path.join((await builtFixture()).dist), dist, { recursive: true });
      expect(await upToDate(dir, inputs), `${name}, undone`).toBeDefined();
      await restamp();
    }
    // And the build itself: the last damage is built over, every file as the build wrote it.
    await damages.at(-1)![1]();
    expect((await runCli(['build', '--root', dir])).stdout).toContain('Built dist/');
    expect(await snapshot(dist)).toEqual(good);
  });
});

describe('a damaged PDF cache', () => {
  it(`a build that ran out of disk while writing the cache leaves no partial entry for the next${qpdf.note}`, { skip: !qpdf.available }, async () => {
    // The shared build in Kiritimati runs out of disk at every write into its PDF cache; it started from no cache at all.
    const full = await builtFixture('kiritimati');
    expect(full.run.code, full.run.stderr).toBe(0);
    await expectWholePdfs(full.root);
    // Nothing was kept, whole or partial: the next build finds no entry to trust and renders anew.
    expect(await readdir(path.join(full.root, CACHE)).catch(() => [])).toEqual([]);
  });
});
