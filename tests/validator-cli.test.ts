/** The validator as editors meet it: the catalogue page, the report formats, the exit codes. */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { CATALOGUE, CODES } from '../pipeline/catalogue.js';
import { parseOptions, USAGE } from '../pipeline/cli.js';
import { catalogueMarkdown, DOC_FILE } from '../pipeline/report/catalogue-doc.js';
import { copyProject, edit, ROOT, runCli, runMain } from './helpers.js';

const FIXTURE = 'tests/fixtures/minimal/sources';

describe('the diagnostics catalogue', () => {
  it('documents every code with a title, description, example and fix', () => {
    for (const code of CODES) {
      const e = CATALOGUE[code];
      expect(e.title && e.description && e.example, code).toBeTruthy();
      expect(e.message(e.params as never).length, code).toBeGreaterThan(5);
      expect(e.hint(e.params as never).length, code).toBeGreaterThan(5);
    }
  });

  it('has a documentation page that matches the catalogue (run `npm run docs` to refresh it)', async () => {
    const page = await readFile(path.join(ROOT, DOC_FILE), 'utf8');
    expect(page).toBe(catalogueMarkdown());
    for (const code of CODES) expect(page).toContain(`## ${code}\n`);
  });
});

describe('npm run validate', () => {
  // A process where the exit code, the streams or the start itself is what is checked (runCli);
  // in this process where only what a run prints is (runMain: the same main, without the start-up).
  it('exits 0 on clean sources and says so', async () => {
    const dir = await copyProject({ sources: FIXTURE });
    const run = await runCli(['validate', '--root', dir]);
    expect(run).toMatchObject({ code: 0, stdout: 'No problems found.\nReconciliation: no findings.\n' });
  });

  it('reports every problem in every file in one run, with totals, and exits 1', async () => {
    const dir = await copyProject({ sources: FIXTURE });
    await edit(dir, 'sources/figures.csv', '15424,exact', '15,424,exact');
    await edit(dir, 'sources/events.csv', '1940-06-17', '1940-06-31');
    await edit(dir, 'sources/people.csv', 'of Latvia.', 'of Latvia. ');
    const run = await runMain(['validate', '--root', dir]);
    expect(run.code).toBe(1);
    expect(run.stdout).toContain('sources/events.csv:2:3  error  date/impossible');
    expect(run.stdout).toContain('sources/figures.csv:2:18  error  csv/field-count');
    expect(run.stdout).toContain('sources/people.csv:2:5  warning  text/whitespace');
    expect(run.stdout).toContain('\n2 errors and 1 warning in 3 files.\n');
  });

  it('counts line breaks inside quoted cells in the line numbers of later rows', async () => {
    const dir = await copyProject({ sources: FIXTURE });
    await edit(dir, 'sources/events.csv', 'Soviet troops entered Latvia.', '"Soviet troops\nentered\r\nLatvia."');
    await edit(dir, 'sources/events.csv', '1941-06-13/1941-06-14', '1941-06-31');
    const run = await runMain(['validate', '--root', dir]);
    expect(run.stdout).toContain('sources/events.csv:5:3  error  date/impossible');
  });

  it('passes warnings unless --strict is given', async () => {
    const dir = await copyProject({ sources: FIXTURE });
    await edit(dir, 'sources/people.csv', 'Head of', ' Head of');
    expect((await runMain(['validate', '--root', dir])).code).toBe(0);
    expect((await runMain(['validate', '--strict', '--root', dir])).code).toBe(1);
  });

  it('writes JSON with every diagnostic field', async () => {
    const dir = await copyProject({ sources: FIXTURE });
    await edit(dir, 'sources/figures.csv', '3000,about', '3000,aprox');
    const run = await runMain(['validate', '--format', 'json', '--root', dir]);
    expect(run.code).toBe(1);
    const report = JSON.parse(run.stdout);
    expect(report).toMatchObject({ errors: 1, warnings: 0, omitted: {} });
    expect(report.diagnostics[0]).toEqual({
      code: 'cell/enum',
      severity: 'error',
      file: 'sources/figures.csv',
      line: 4,
      column: 7,
      field: 'qualifier',
      value: 'aprox',
      message: expect.stringContaining('expected one of exact, about'),
      hint: 'Use one of: exact, about, more-than, at-least, less-than, at-most, almost, up-to, range.',
    });
  });

  it('writes GitHub workflow annotations', async () => {
    const dir = await copyProject({ sources: FIXTURE });
    await edit(dir, 'sources/figures.csv', '3000,about', '3000,abut');
    const run = await runMain(['validate', '--format', 'github', '--root', dir]);
    expect(run.stdout.trim()).toBe('::error file=sources/figures.csv,line=4,col=7,title=cell/enum::qualifier: expected one of exact, about, more-than, at-least, less-than, at-most, almost, up-to, range. Did you mean "about"?. Fix: Write "about".');
  });

  it('caps each code and counts the rest', async () => {
    const dir = await copyProject({ sources: FIXTURE });
    await edit(dir, 'sources/figures.csv', /,persons,/g, ',people,');
    const run = await runMain(['validate', '--max-per-code', '1', '--root', dir]);
    expect(run.stdout.match(/cell\/enum/g)).toHaveLength(2);
    expect(run.stdout).toContain('... and 2 more problems of code cell/enum');
    expect(run.stdout).toContain('3 errors and 0 warnings in 1 file.');
  });

  it('rejects an empty --max-per-code or --root instead of reading it as 0 or the current folder', async () => {
    // The words, from the parser the command line uses; the exit code and the stream, from the command line itself (below).
    expect(() => parseOptions(['validate', '--max-per-code', ''])).toThrow('expected --max-per-code to be a whole number (0 for no limit), got ""');
    expect(() => parseOptions(['validate', '--max-per-code', ' 3'])).toThrow('expected --max-per-code');
    expect(() => parseOptions(['validate', '--root', ''])).toThrow('expected --root to name a project folder, got ""');
    const root = await runCli(['validate', '--root', '']);
    expect(root.code).toBe(2);
    expect(root.stderr).toContain('expected --root to name a project folder, got ""');
  });

  it('prints the usage for --help and -h, and exits 0', async () => {
    for (const argv of [['--help'], ['-h'], ['build', '--help']]) expect(parseOptions(argv), argv.join(' ')).toBe('help');
    expect(await runCli(['-h'])).toMatchObject({ code: 0, stdout: `${USAGE}\n`, stderr: '' });
  });

  it('has every option of the usage in the README', async () => {
    const readme = await readFile(path.join(ROOT, 'README.md'), 'utf8');
    const options = [...USAGE.matchAll(/--[a-z-]+/g)].map((m) => m[0]);
    expect(options.length).toBeGreaterThan(4);
    for (const option of options) expect(readme, option).toContain(`\`${option}`);
  });

  it('exits 2 on a bad option, saying what was expected', async () => {
    const run = await runCli(['validate', '--format', 'xml']);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('expected --format text, json or github, got "xml"');
    expect(() => parseOptions(['publish'])).toThrow('expected a command (build, validate or watch), got "publish"');
  });
});
