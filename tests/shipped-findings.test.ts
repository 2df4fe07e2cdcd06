/**
 * On the shipped sources, the reconcile stage finds each place where the seed document
 * contradicts itself or its sources, from the data alone.
 */
import { describe, expect, it } from 'vitest';
import { runPipeline } from '../pipeline/build.js';
import { weighSources } from '../pipeline/reconcile/evidence.js';
import { copyProject, edit, ROOT, runMain } from './helpers.js';

describe('findings on the shipped sources', async () => {
  const runResult = await runPipeline(ROOT, { write: false });
  const { reconciled, diagnostics } = runResult;
  const reconciledGrade = weighSources(runResult.record!.sources);
  const findings = reconciled!.findings;
  const about = (kind: string, subject: string) => findings.filter((f) => f.kind === kind && f.subject.includes(subject));

  it('builds without errors', () => {
    expect(diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
  });

  it('finds the seed dating the occupation of Latvia both 16 and 17 June 1940', () => {
    const [f] = about('date-disagreement', 'lv-occupation-1940');
    expect(f?.claims.map((c) => c.id)).toEqual(expect.arrayContaining(['celotajs-lv-invasion', 'celotajs-lv-occupied']));
    expect(f?.sentence).toContain('16 June 1940 (agenzia16, entry for 16 June), (celotajs, par. 3) and 17 June 1940');
  });

  it('finds the seed calling 35,000 "deported" in a year where it counts 34,250 deported or murdered', () => {
    const [f] = about('part-exceeds-whole', 'deported|lv|all|1940-06/1941-06 > deported-or-killed|lv|all|1940-06/1941-06');
    expect(f?.claims.map((c) => c.id)).toEqual(['celotajs-lv-first-year-deported', 'celotajs-lv-first-year']);
  });

  it('flags the seed\'s 131,500 across the Baltic states as unconfirmed', () => {
    expect(about('unconfirmed', 'celotajs-baltic-first-year-deported')).toHaveLength(1);
  });

  it('finds the seed\'s "12 hours" against the 24 hours of other sources, but reads a blog\'s round "30,000" troops as 25,000-34,999', () => {
    expect(about('figure-disagreement', 'results-lead-time|lv')[0]?.claims.map((c) => c.stated)).toEqual(['12', '24', '24']);
    expect(about('figure-disagreement', 'troops-allowed|lv')).toEqual([]);
  });

  it('checks the stages of Operation Osen against the whole, not against each other, and publishes the total', () => {
    expect(about('figure-disagreement', 'operation-osen')).toEqual([]);
    expect(reconciled!.figures.find((f) => f.key === 'deported|lt|all|operation-osen')).toMatchObject({ value: 20357, settledness: 'settled' });
    expect(reconciled!.events.find((e) => e.event === 'operation-osen-september')).toMatchObject({ part_of: 'operation-osen', part_of_title: 'Operation Osen' });
  });

  it("finds Moldova's three deportation waves adding up to more than the 46,000 given for 1940-1953", () => {
    const [f] = about('parts-exceed-total', 'deported|md|all|1940/1953');
    // One claim per wave (the June 1941 one is the count the preference rule publishes), against the total.
    expect(f?.claims.map((c) => c.id)).toEqual([reconciled!.figures.find((r) => r.key === 'deported|md|all|bessarabia-june-1941-deportation')!.preferred_claim, 'ibk-south', 'lqsnorth-deported', 'besdep-1940-1953']);
  });

  it('publishes Operation North as April 1951, where four sources agree, not the lone May of one chapter', () => {
    expect(reconciled!.events.find((e) => e.event === 'operation-north')?.date).toMatch(/^1951-04/);
  });

  it('publishes an archival count for Latvia in March 1949 (the editors chose the museum\'s 42,125 over Kruglov\'s 42,149), not a travel site\'s round 43,000, and marks the unconfirmed 131,500 as doubtful', () => {
    const priboi = reconciled!.figures.find((f) => f.key === 'deported|lv|all|operation-priboi')!;
    expect(priboi).toMatchObject({ value: 42125, preferred_evidence: 'count' });
    expect(priboi.preferred_grade).toBeGreaterThanOrEqual(4);
    expect(priboi.preferred_reason).toMatch(/^editor's ruling/);
    expect(reconciled!.figures.find((f) => f.key === 'deported|baltic|all|1940-06/1941-06')?.settledness).toBe('flagged');
  });

  it('rests no published value on a flagged claim or a grade 1-2 document where an unflagged claim of a better document covers it, unless agreement of independent sources or a ruling decided', () => {
    // Each reconciled row's claims from its own table: an event and a figure read from the same page may share an id.
    const rows = [...reconciled!.figures.map((r) => ({ r, claims: runResult.record!.figures as { id: string; source: string; flag: string | null }[] })), ...reconciled!.events.map((r) => ({ r, claims: runResult.record!.events }))];
    const beaten = rows.filter(({ r, claims }) => {
      if (!r.preferred_claim) return false;
      const record = (id: string) => claims.find((c) => c.id === id)!;
      const grade = (id: string) => reconciledGrade.get(record(id).source)!.grade;
      const weak = record(r.preferred_claim).flag || grade(r.preferred_claim) <= 2;
      return weak && r.claim_ids.some((id) => !record(id).flag && grade(id) > grade(r.preferred_claim!));
    });
    expect(beaten.filter(({ r }) => !/^(editor's ruling|agreement|claims not flagged as doubtful; agreement)/.test(r.preferred_reason)).map(({ r }) => r.preferred_claim)).toEqual([]);
  });

  it('reconciles every figure key and every event once', () => {
    expect(new Set(reconciled!.figures.map((f) => f.key)).size).toBe(reconciled!.figures.length);
    expect(new Set(reconciled!.events.map((e) => e.event)).size).toBe(reconciled!.events.length);
  });
});

describe('--strict and rulings', () => {
  it('exits 1 under --strict while a finding has no ruling, and 0 once each has one', async () => {
    const dir = await copyProject({ sources: 'tests/fixtures/minimal/sources' });
    await edit(dir, 'sources/figures.csv', /$/, 'src-b-lv2,deported,lv,all,1941-06-13/1941-06-14,17000,exact,,,persons,june-deportation,src-b,par. 5,17000,,,\n');
    const open = await runMain(['validate', '--strict', '--root', dir]);
    expect(open.code).toBe(1);
    const key = /(figure-disagreement-[0-9a-f]{10})/.exec(open.stdout)![1]!;
    expect(open.stdout).toContain('1 without a final ruling');
    expect((await runMain(['validate', '--root', dir])).code).toBe(0);
    await edit(dir, 'sources/reviews.csv', 'finding,status,note,preferred\n', `finding,status,note,preferred\n${key},accepted,Two counts of different scope.,\n`);
    const ruled = await runMain(['validate', '--strict', '--root', dir]);
    expect(ruled.stdout).toContain('0 without a final ruling');
    expect(ruled.code).toBe(0);
  });
});
