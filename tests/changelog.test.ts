/**
 * The changelog of the data: record a release of the small fixture, then change a figure, add a
 * claim and retire one, and find each in dist/CHANGELOG.md; record the next release and find the
 * version step that the changes need.
 */
import { execFile } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { runPipeline } from '../pipeline/build.js';
import { publishedTables } from '../pipeline/emit/published-tables.js';
import { changelogMarkdown, changesSinceReleases } from '../pipeline/release/changelog.js';
import { copyProject, edit, ROOT } from './helpers.js';

const exec = promisify(execFile);

async function runRelease(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await exec(process.execPath, ['--import', 'tsx', path.join(ROOT, 'pipeline/release/cli.ts'), ...args], { cwd: ROOT });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const e = error as { code: number; stdout: string; stderr: string };
    return { code: e.code, stdout: e.stdout, stderr: e.stderr };
  }
}

/**
 * dist/CHANGELOG.md as a build writes it (write-dist.ts): the published tables of the checked
 * record against the releases recorded, without the PDFs and downloads a whole build also makes.
 */
async function changelogOf(root: string): Promise<string> {
  const r = await runPipeline(root, { write: false });
  expect(r.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
  const published = publishedTables(r.tables!, r.record!, r.reconciled!, r.settings!);
  return changelogMarkdown(await changesSinceReleases(root, r.meta!, published));
}

describe('changelog between releases', () => {
  it('lists added, changed and retired claims since the last release, then the next release takes the version step they need', async () => {
    const dir = await copyProject({ sources: 'tests/fixtures/minimal/sources' });
    const first = await runRelease(['0.1.0', '--date', '2026-11-27', '--root', dir]);
    expect(first.code, first.stderr).toBe(0);

    await edit(dir, 'sources/figures.csv', 'src-b-lv,deported,lv,all,1941-06-13/1941-06-14,,range,14000,15500', 'src-b-lv,deported,lv,all,1941-06-13/1941-06-14,,range,14000,15600');
    await edit(dir, 'sources/figures.csv', /src-b-ee,[^\n]*\n/, 'src-a-lv-children,deported,lv,children,1941-06-13/1941-06-14,3000,about,,,persons,june-deportation,src-a,p. 3,"15,424 inhabitants of Latvia",,,\n');
    const log = await changelogOf(dir);
    expect(log).toMatch(/^# Changes since version 0\.1\.0 \(not yet released\)/);
    expect(log).toMatch(/## Claims added\n\n- src-a-lv-children \(figure\)\n/);
    expect(log).toMatch(/## Claims changed\n\n- src-b-lv \(figure\): high\n/);
    expect(log).toMatch(/## Claims retired\n\n- src-b-ee \(figure\)\n/);
    expect(log).toMatch(/a minor one/);

    const low = await runRelease(['0.1.1', '--date', '2026-12-01', '--root', dir]);
    expect(low.code).toBe(1);
    expect(low.stderr).toMatch(/expected at least 0\.2\.0: the changes since 0\.1\.0 are a minor change, got 0\.1\.1/);
    const next = await runRelease(['--date', '2026-12-01', '--root', dir]);
    expect(next.code, next.stderr).toBe(0);
    expect(JSON.parse(await readFile(path.join(dir, 'sources/dataset.json'), 'utf8'))).toMatchObject({ version: '0.2.0', released: '2026-12-01' });
    const released = await changelogOf(dir);
    expect(released).toMatch(/^# Changes in version 0\.2\.0\n\nCompared with version 0\.1\.0/);
    expect(released).toMatch(/- src-a-lv-children/);
  });
});
