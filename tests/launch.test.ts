/** The command line started from a bundle of the pipeline (pipeline/launch.mjs): kept while the code stands, made again when it changes, and running as tsx runs it. */
import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { cp, mkdtemp, readdir, readFile, rm, stat, symlink, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';
import { copyProject, ROOT } from './helpers.js';

const exec = promisify(execFile);
// @ts-expect-error: plain JavaScript, without declarations
const { bundle, codeKey } = (await import('../pipeline/launch.mjs')) as { bundle(root?: string): Promise<string>; codeKey(dir: string, extra?: string): Promise<string> };

describe('the launcher', () => {
  const made: string[] = [];
  afterAll(() => Promise.all(made.map((d) => rm(d, { recursive: true, force: true }))));

  it('keys the bundle by every byte of the code', async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'chronicle-launch-'));
    made.push(dir);
    await cp(path.join(ROOT, 'pipeline'), path.join(dir, 'pipeline'), { recursive: true });
    const before = await codeKey(path.join(dir, 'pipeline'));
    expect(await codeKey(path.join(dir, 'pipeline'))).toBe(before);
    expect(await codeKey(path.join(ROOT, 'pipeline'))).toBe(before);
    // One character of one module deep in the tree, and the same length, so that no size or count could tell.
    const file = path.join(dir, 'pipeline/reconcile/doubt.ts');
    const text = await readFile(file, 'utf8');
    await writeFile(file, text.replace('/', '*'));
    expect(await codeKey(path.join(dir, 'pipeline'))).not.toBe(before);
    await writeFile(file, text);
    expect(await codeKey(path.join(dir, 'pipeline'))).toBe(before);
    await writeFile(path.join(dir, 'pipeline/new.ts'), '');
    expect(await codeKey(path.join(dir, 'pipeline'))).not.toBe(before);
  });

  it('keeps the bundle while the code stands, and gives each module its own address', async () => {
    const file = await bundle();
    const { mtimeMs } = await stat(file);
    expect(await bundle()).toBe(file);
    expect((await stat(file)).mtimeMs).toBe(mtimeMs);
    const text = await readFile(file, 'utf8');
    // What modules find beside themselves: the worker thread's script, their own text for cache keys.
    expect(text).not.toContain('import.meta.url');
    expect(text).toContain(JSON.stringify(new URL('../pipeline/util/off-thread.ts', import.meta.url).href));
    expect(text).toContain(JSON.stringify(new URL('../pipeline/pdf/fonts.ts', import.meta.url).href));
  });

  it('runs the command line as tsx runs it, from a copy of the project with code of its own', async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'chronicle-launch-'));
    made.push(dir);
    await cp(path.join(ROOT, 'pipeline'), path.join(dir, 'pipeline'), { recursive: true });
    await cp(path.join(ROOT, 'package.json'), path.join(dir, 'package.json'));
    await symlink(path.join(ROOT, 'node_modules'), path.join(dir, 'node_modules'));
    const said = path.join(dir, 'pipeline/report/diagnostics.ts');
    await writeFile(said, (await readFile(said, 'utf8')).replace("'No problems found.'", "'No problems found (copy).'"));
    const fixture = await copyProject({ sources: 'tests/fixtures/minimal/sources' });
    const viaTsx = await exec(process.execPath, ['--import', 'tsx', path.join(dir, 'pipeline/cli.ts'), 'validate', '--root', fixture], { cwd: ROOT });
    const launched = await exec(process.execPath, [path.join(dir, 'pipeline/launch.mjs'), 'validate', '--root', fixture], { cwd: ROOT });
    // The copy's bundle is kept beside the project's (node_modules is the same): dropped with the copy.
    const folder = `cli-${createHash('sha256').update(path.join(dir, 'pipeline')).digest('hex').slice(0, 12)}-`;
    const bundles = path.join(ROOT, 'node_modules/.cache/occupation-chronicle/bundle');
    const copies = (await readdir(bundles)).filter((f) => f.startsWith(folder));
    expect(copies).toHaveLength(1);
    made.push(...copies.map((f) => path.join(bundles, f)));
    expect(launched.stdout).toContain('No problems found (copy).');
    expect(launched).toEqual(viaTsx);
    const usage = await exec(process.execPath, [path.join(dir, 'pipeline/launch.mjs'), '--help'], { cwd: ROOT });
    expect(usage.stdout).toMatch(/^usage: node pipeline\/launch.mjs/);
  });
});
