/** A rebuild with nothing changed is skipped, and a stale or edited dist/ is never served. */
import { appendFile, cp, readFile, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { copyProject, edit, ROOT, runCli, snapshot } from './helpers.js';

async function project(): Promise<string> {
  const dir = await copyProject({ sources: 'tests/fixtures/minimal/sources' });
  // The input hash covers the pipeline's code and the lock file too.
  await cp(path.join(ROOT, 'pipeline'), path.join(dir, 'pipeline'), { recursive: true });
  await cp(path.join(ROOT, 'package-lock.json'), path.join(dir, 'package-lock.json'));
  return dir;
}

describe('rebuilds', () => {
  it('skip a build whose inputs did not change, replaying its report', async () => {
    const dir = await project();
    const first = await runCli(['build', '--root', dir]);
    expect(first.code).toBe(0);
    const before = await snapshot(path.join(dir, 'dist'));
    const second = await runCli(['build', '--root', dir]);
    expect(second.stdout).toBe(`${first.stdout}dist/ is up to date: no input changed since the last build.\n`);
    expect(await snapshot(path.join(dir, 'dist'))).toEqual(before);
  });

  it('rebuild when a source, a template or the code changes', async () => {
    const dir = await project();
    await runCli(['build', '--root', dir]);
    for (const change of [
      () => edit(dir, 'sources/people.csv', 'Head of the', 'Head of the the'),
      () => appendFile(path.join(dir, 'templates/site.css'), '\n/* changed */\n'),
      () => appendFile(path.join(dir, 'pipeline/cache.ts'), '\n// changed\n'),
    ]) {
      await change();
      const run = await runCli(['build', '--root', dir]);
      expect(run.stdout).not.toContain('up to date');
      expect(run.stdout).toContain('Built dist/');
    }
  });

  it('reuse a rendered PDF only when its content is the same: a build with the PDF cache equals one without', async () => {
    const dir = await project();
    expect((await runCli(['build', '--root', dir])).code).toBe(0);
    // A figure's note is in the report but not in the chronology: the handouts come from the cache.
    await edit(dir, 'sources/figures.csv', 'about 3000 children,weak-source,', 'about 3000 children,weak-source,A note added later.');
    expect((await runCli(['build', '--root', dir])).code).toBe(0);
    const cached = await snapshot(path.join(dir, 'dist'));
    await rm(path.join(dir, '.build'), { recursive: true, force: true });
    expect((await runCli(['build', '--root', dir])).code).toBe(0);
    expect(await snapshot(path.join(dir, 'dist'))).toEqual(cached);
  });

  it('rebuild when dist/ was edited or lost a file, rather than serve it', async () => {
    const dir = await project();
    await runCli(['build', '--root', dir]);
    const good = await readFile(path.join(dir, 'dist/data/figures.csv'));
    await writeFile(path.join(dir, 'dist/data/figures.csv'), 'edited by hand\n');
    expect((await runCli(['build', '--root', dir])).stdout).toContain('Built dist/');
    expect(await readFile(path.join(dir, 'dist/data/figures.csv'))).toEqual(good);
  });
});
