/** Quotes are checked only against regular files inside the project. */
import { mkdir, mkdtemp, rename, rm, symlink, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { validate } from '../pipeline/validate/index.js';
import { copyProject, created, edit, runCli } from './helpers.js';

const FIXTURE = 'tests/fixtures/minimal/sources';

describe('sources/texts', () => {
  it('does not follow a link to /etc/passwd: the link is reported and no quote passes against it', async () => {
    const dir = await copyProject({ sources: FIXTURE });
    await rm(path.join(dir, 'sources/texts/src-a.txt'));
    await symlink('/etc/passwd', path.join(dir, 'sources/texts/src-a.txt'));
    await edit(dir, 'sources/figures.csv', '"15,424 inhabitants of Latvia"', 'root:x:0:0');
    const run = await runCli(['build', '--root', dir]);
    expect(run.code).toBe(1);
    expect(run.stdout).toContain('sources/texts/src-a.txt  error  source/text-link  the text copy is a link');
    expect(run.stdout).toContain('Build stopped');
  });

  it('reports a folder of texts that leads outside the project, and reads nothing from it', async () => {
    const dir = await copyProject({ sources: FIXTURE });
    const outside = await mkdtemp(path.join(os.tmpdir(), 'chronicle-texts-'));
    created.push(outside);
    await rm(outside, { recursive: true });
    await rename(path.join(dir, 'sources/texts'), outside);
    await symlink(outside, path.join(dir, 'sources/texts'));
    const { diagnostics } = await validate(dir);
    expect(diagnostics.map((d) => [d.file, d.code, d.message])).toEqual([['sources/texts', 'source/text-link', 'the folder of text copies is a link; only a folder inside the project is read, so no quote is checked against the copies in it']]);
  });

  it('reports a directory named like a text copy instead of reading it', async () => {
    const dir = await copyProject({ sources: FIXTURE });
    await mkdir(path.join(dir, 'sources/texts/src-b.txt'));
    await writeFile(path.join(dir, 'sources/texts/src-b.txt/x'), 'x');
    const { diagnostics } = await validate(dir);
    expect(diagnostics.map((d) => [d.file, d.code, d.message])).toEqual([['sources/texts/src-b.txt', 'source/text-link', 'the text copy is a folder, not a regular file inside the project; quotes citing src-b are not checked against it']]);
  });
});
