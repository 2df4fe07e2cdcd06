/** Reports printed to a terminal show control and format characters; they never act on the terminal or reorder text. */
import { describe, expect, it } from 'vitest';
import { diagnose } from '../pipeline/diagnostics.js';
import { cap, formatGithub, formatText } from '../pipeline/report/diagnostics.js';
import { showInvisible } from '../pipeline/util/visible.js';
import { copyProject, edit, runCli } from './helpers.js';

/** Anything a terminal would act on or that a reader cannot see, within a line. */
const HIDDEN = /[\p{Cc}\p{Cf}\u2028\u2029]/u;
const hides = (out: string) => out.split('\n').some((line) => HIDDEN.test(line));

describe('text reports', () => {
  it('escape C0 and C1 controls, ESC and OSC sequences, bidi controls and zero-width characters', () => {
    expect(showInvisible('a\u001B[2Jb\u001B]0;title\u0007c')).toBe('a\\u001B[2Jb\\u001B]0;title\\u0007c');
    expect(showInvisible('\u0085\u009B\u202Eabc\u2066\u2069\u200B\u200D\u2060\uFEFF\u{E0041}')).toBe('\\u0085\\u009B\\u202Eabc\\u2066\\u2069\\u200B\\u200D\\u2060\\uFEFF\\u{E0041}');
    expect(showInvisible('line\nnext\ttab Kirhenšteins Bălți')).toBe('line\\nnext\\ttab Kirhenšteins Bălți');
  });

  it('print every part of a diagnostic escaped, the did-you-mean suggestion and the file name included', () => {
    const d = diagnose('header/unknown-column', { file: 'sources/\u001B]0;x\u0007.csv', line: 1, column: 2, field: 'qual\u202Eifer', value: '' }, { column: 'qual\u202Eifer', suggestion: 'quali\u200Bfier' });
    for (const out of [formatText(cap([d], 0)), formatGithub(cap([d], 0))]) {
      expect(hides(out)).toBe(false);
      expect(out).toContain('qual\\u202Eifer');
      expect(out).toContain('quali\\u200Bfier');
      expect(out).toContain('\\u001B]0;x\\u0007.csv');
    }
  });

  it('of the CLI show a cell with ESC and a bidi override as escapes, and reject the cell', async () => {
    const dir = await copyProject({ sources: 'tests/fixtures/minimal/sources' });
    await edit(dir, 'sources/events.csv', 'Soviet troops entered Latvia.', 'Soviet troops \u001B[2J\u001B]0;pwned\u0007entered \u2067Latvia\u2069.');
    await edit(dir, 'sources/people.csv', 'Head of', 'Head\u200B of');
    const run = await runCli(['validate', '--root', dir]);
    expect(run.code).toBe(1);
    expect(hides(run.stdout)).toBe(false);
    expect(run.stdout).toContain('summary "Soviet troops \\u001B[2J\\u001B]0;pwned\\u0007entered \\u2067Latvia\\u2069.": the cell holds the control character U+001B');
    expect(run.stdout).toContain('sources/events.csv:2:7  error  text/invisible');
    expect(run.stdout).toContain('sources/people.csv:2:5  error  text/invisible');
  });
});
