/** What a build tells the editor who added a claim: the finding it joined and what happened to the published value, and why. */
import { describe, expect, it } from 'vitest';
import { findingKey } from '../pipeline/reconcile/findings.js';
import { edit, runMain } from './helpers.js';
import { copyBuilt } from './shared.js';

// Each test starts from a copy of the built fixture (tests/shared.ts): the last build is the shared one.
describe('a new claim in the build output', () => {
  it('says which finding a dissenting claim joined, and that the published value did not change and why', async () => {
    const dir = await copyBuilt();
    // A new press source says 17,000 where the archive (15,424) and the blog (14,000-15,500) agree.
    await edit(dir, 'sources/sources.csv', /$/, 'src-c,press,A newspaper,,The Daily,,https://daily.example/a,2026-12-01,en,2,,,retelling\n');
    await edit(dir, 'sources/figures.csv', /$/, 'src-c-lv,deported,lv,all,1941-06-13/1941-06-14,17000,exact,,,persons,june-deportation,src-c,par. 1,"17,000 deported",,,\n');
    const run = await runMain(['validate', '--root', dir]);
    expect(run.code).toBe(0);
    const finding = findingKey('figure-disagreement', 'deported|lv|all|june-deportation');
    expect(run.stdout).toContain(
      `new claim src-c-lv (figures): joins finding ${finding}; published value of deported|lv|all|june-deportation unchanged: 15,424 (src-a-lv), because agreement: 2 or more independent sources agree, over claims no other source supports; evidence: count.`,
    );
  });

  it('says when a change moves a published value: old value, new value, why', async () => {
    const dir = await copyBuilt();
    // The archive's count is flagged as doubtful: the blog's range is published instead.
    await edit(dir, 'sources/figures.csv', '"15,424 inhabitants of Latvia",,', '"15,424 inhabitants of Latvia",uncertain,');
    const run = await runMain(['validate', '--root', dir]);
    expect(run.stdout).toContain('published value of deported|lv|all|june-deportation changed: 15,424 (src-a-lv) -> 14,000–15,500 (src-b-lv), because claims not flagged as doubtful.');
  });

  it('counts many changes in one line, and lists each with --verbose', async () => {
    const dir = await copyBuilt();
    // Twenty new claims from a batch of research, each a new quantity.
    const rows = Array.from({ length: 20 }, (_, i) => `src-a-lv-${i},deported,lv,all,${1950 + i},${100 + i},exact,,,persons,,src-a,p. ${i},"15,424 inhabitants of Latvia",,,\n`).join('');
    await edit(dir, 'sources/figures.csv', /$/, rows);
    const brief = await runMain(['validate', '--root', dir]);
    expect(brief.stdout).toContain('Changes since the last build: 20 new claims, 0 published values changed (--verbose lists each');
    expect(brief.stdout).not.toContain('new claim src-a-lv-0 ');
    const verbose = await runMain(['validate', '--verbose', '--root', dir]);
    expect(verbose.stdout).toContain('new claim src-a-lv-0 (figures): joins no finding;');
    expect(verbose.stdout.match(/new claim src-a-lv-\d+ /g)).toHaveLength(20);
  });
});
