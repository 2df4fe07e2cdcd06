/**
 * The settings files that shape outputs: addresses in sources/dataset.json are http(s) only,
 * and templates/chronology.json can neither write outside dist/ nor name a territory the record
 * does not have. Each mistake is a diagnostic, and a build stops before writing anything.
 */
import { stat } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { runPipeline } from '../pipeline/build.js';
import { cap, formatText } from '../pipeline/report/diagnostics.js';
import { copyProject, edit, runCli } from './helpers.js';

const FIXTURE = 'tests/fixtures/minimal/sources';

async function problems(mutate: (dir: string) => Promise<void>): Promise<string[]> {
  const dir = await copyProject({ sources: FIXTURE });
  await mutate(dir);
  const { diagnostics } = await runPipeline(dir, { write: false });
  return formatText(cap(diagnostics, 0)).split('\n').filter((l) => /  (error|warning)  /.test(l));
}

describe('sources/dataset.json', () => {
  it('refuses a javascript: homepage, and a build writes nothing', async () => {
    const dir = await copyProject({ sources: FIXTURE });
    await edit(dir, 'sources/dataset.json', '"homepage": null', '"homepage": "javascript:alert(document.domain)"');
    const run = await runCli(['build', '--root', dir]);
    expect(run.code).toBe(1);
    expect(run.stdout).toContain('sources/dataset.json  error  file/settings  the settings in this file cannot be used: /homepage "javascript:alert(document.domain)": expected an address starting with http:// or https://');
    await expect(stat(path.join(dir, 'dist'))).rejects.toThrow();
  });

  it('refuses a licence path that is not an http(s) address', async () => {
    expect(await problems((d) => edit(d, 'sources/dataset.json', '"path": "https://creativecommons.org/licenses/by/4.0/"', '"path": "javascript:void(0)"'))).toEqual([
      'sources/dataset.json  error  file/settings  the settings in this file cannot be used: /licenses/0/path "javascript:void(0)": expected an address starting with http:// or https://',
    ]);
  });

  it('says the limit and the length found for a text over its limit', async () => {
    expect(await problems((d) => edit(d, 'sources/dataset.json', '"name": "occupation-chronicle"', `"name": "${'x'.repeat(101)}"`))).toEqual([
      'sources/dataset.json  error  file/settings  the settings in this file cannot be used: /name: expected at most 100 characters, found 101',
    ]);
  });
});

describe('templates/chronology.json', () => {
  for (const file of ['../../x', 'chronology/../../x', '/tmp/chronology', 'index', 'report', 'chronology.pdf']) {
    it(`refuses the output file name "${file}"`, async () => {
      const lines = await problems((d) => edit(d, 'templates/chronology.json', '"file": "chronology-lv"', `"file": ${JSON.stringify(file)}`));
      expect(lines).toHaveLength(1);
      expect(lines[0]).toContain(`templates/chronology.json  error  file/settings  the settings in this file cannot be used: /handouts/2/file "${file}": expected a file name chronology or chronology-<letters, digits, hyphens>, without folders, dots or extension`);
    });
  }

  it('refuses a handout for a territory the record does not have', async () => {
    expect(await problems((d) => edit(d, 'templates/chronology.json', '"territory": "lv"', '"territory": "latvia"'))).toEqual([
      'templates/chronology.json  error  key/foreign  handouts/2/territory "latvia": no row of territories has this id.',
    ]);
    expect(await problems((d) => edit(d, 'templates/chronology.json', '"territory": "lv"', '"territory": "lx"'))).toEqual([
      'templates/chronology.json  error  key/foreign  handouts/2/territory "lx": no row of territories has this id. Did you mean "lv"?',
    ]);
  });

  it('refuses a handout at a glance that names an event, a quantity or a file the record does not have', async () => {
    const glance = (lesson: string, figure: string, file = 'glance-lv') =>
      `"glance": [{ "territory": "lv", "file": "${file}", "name": "Latvia", "lesson": ["${lesson}"], "figures": ["${figure}"] }],\n  "handouts": [`;
    expect(await problems((d) => edit(d, 'templates/chronology.json', '"handouts": [', glance('lv-occupation', 'deported|lv|all|june-deportation')))).toEqual([]);
    expect(await problems((d) => edit(d, 'templates/chronology.json', '"handouts": [', glance('lv-occupaton', 'deported|lv|all|june-deportatio')))).toEqual([
      'templates/chronology.json  error  key/foreign  glance/0/lesson/0 "lv-occupaton": no row of events has this id. Did you mean "lv-occupation"?',
      'templates/chronology.json  error  key/foreign  glance/0/figures/0 "deported|lv|all|june-deportatio": no row of figures has this id. Did you mean "deported|lv|all|june-deportation"?',
    ]);
    expect((await problems((d) => edit(d, 'templates/chronology.json', '"handouts": [', glance('lv-occupation', 'deported|lv|all|june-deportation', '../x'))))[0]).toContain('expected a file name glance-<letters, digits, hyphens>');
  });

  it('refuses two handouts written to one file', async () => {
    expect(await problems((d) => edit(d, 'templates/chronology.json', '"file": "chronology-lv"', '"file": "chronology-ee"'))).toEqual([
      'templates/chronology.json  error  file/settings  the settings in this file cannot be used: /handouts/2/file "chronology-ee": handout 1 is already written to this file',
    ]);
  });
});
