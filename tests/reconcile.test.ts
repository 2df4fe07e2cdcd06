/** The reconcile stage on small records built in memory: each check, and what must not be a finding. */
import { readFileSync } from 'node:fs';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { ChronicleRecord, EventRow, FigureRow, SourceRow } from '../pipeline/model.js';
import { claimsTable } from '../pipeline/emit/claims-table.js';
import { reconciledTables } from '../pipeline/emit/reconciled-tables.js';
import { NAMED_CLAIMS } from '../pipeline/reconcile/findings.js';
import { reconcile } from '../pipeline/reconcile/index.js';
import { formatChanges, readPublished } from '../pipeline/report/changes.js';
import { doubtLegend, doubtMark } from '../pipeline/reconcile/doubt.js';
import type { Settings } from '../pipeline/reconcile/settings.js';
import { ROOT } from './helpers.js';

/** The shipped rules: the tests exercise the rule as the project publishes it. */
const SETTINGS = JSON.parse(readFileSync(path.join(ROOT, 'sources/reconcile.json'), 'utf8')) as Settings;

let n = 0;
function figure(f: Partial<FigureRow>): FigureRow {
  return { id: `f${++n}`, measure: 'deported', territory: 'lv', group: 'all', period: '1941-06-13/1941-06-14', value: null, qualifier: 'exact', low: null, high: null, unit: 'persons', event: null, source: 'archive', locator: 'p. 1', quote: 'q', flag: null, note: null, evidence: null, ...f };
}
function event(e: Partial<EventRow>): EventRow {
  return { id: `e${++n}`, event: 'occupation', date: '1940-06-17', territories: ['lv'], kind: 'occupation', title: 'Occupation', summary: 'S.', people: null, source: 'archive', locator: 'p. 1', quote: 'q', flag: null, note: null, evidence: null, headline: null, part_of: null, ...e };
}

function source(s: Partial<SourceRow> & { id: string }): SourceRow {
  return { kind: 'press', title: s.id.toUpperCase(), author: null, publisher: 'P', published: null, url: `https://${s.id}.example`, accessed: '2026-11-27', language: 'en', reliability: 2, note: null, derived_from: null, evidence: 'retelling', ...s };
}

function record(parts: Partial<ChronicleRecord>): ChronicleRecord {
  return {
    sources: [source({ id: 'archive', kind: 'archive', reliability: 5, evidence: 'count' }), source({ id: 'press', kind: 'press', reliability: 2 }), source({ id: 'blog', kind: 'blog', reliability: 1 })],
    territories: [
      { id: 'baltic', name: 'Baltic states', name_in_text: null, native_name: null, native_language: null, parent: null, kind: 'region', partition: null },
      { id: 'ee', name: 'Estonia', name_in_text: null, native_name: 'Eesti', native_language: 'et', parent: 'baltic', kind: 'state', partition: 'states' },
      { id: 'lv', name: 'Latvia', name_in_text: null, native_name: 'Latvija', native_language: 'lv', parent: 'baltic', kind: 'state', partition: 'states' },
      { id: 'lt', name: 'Lithuania', name_in_text: null, native_name: 'Lietuva', native_language: 'lt', parent: 'baltic', kind: 'state', partition: 'states' },
    ],
    measures: [
      { id: 'repressed', counted: 'repressed in {place}', label: 'Repressed', definition: 'd', unit: 'persons', broader: null, additive: true },
      { id: 'deported', counted: 'deported from {place}', label: 'Deported', definition: 'd', unit: 'persons', broader: 'repressed', additive: true },
      { id: 'planned', counted: 'whom a plan set out to deport from {place}', label: 'Planned', definition: 'd', unit: 'persons', broader: null, additive: true },
    ],
    groups: [
      { id: 'all', label: 'Everyone', definition: 'd', parent: null, partition: null },
      { id: 'children', label: 'Children', definition: 'd', parent: 'all', partition: 'age' },
      { id: 'adults', label: 'Adults', definition: 'd', parent: 'all', partition: 'age' },
    ],
    people: [],
    events: [],
    figures: [],
    glossary: [],
    reviews: [],
    ...parts,
  };
}

const kinds = (r: ReturnType<typeof reconcile>) => r.findings.map((f) => f.kind);

describe('agreement of claims about one quantity', () => {
  it('finds exact figures that differ, with the gap and spread', () => {
    const r = reconcile(record({ figures: [figure({ value: 15424 }), figure({ value: 15433, source: 'press' })] }), SETTINGS);
    expect(kinds(r)).toEqual(['figure-disagreement']);
    expect(r.findings[0]).toMatchObject({ gap: 9, spread: 0.06, severity: 'minor' });
    expect(r.findings[0]!.sentence).toBe('Sources differ on deported (Latvia), 13–14 June 1941: 15,424 (archive, p. 1); 15,433 (press, p. 1). The figures are 9 persons apart at the least.');
    expect(r.figures[0]).toMatchObject({ status: 'conflict', value: 15424, preferred_source: 'archive', low: 15424, high: 15433, claims: 2, sources: 2, settledness: 'sources differ', preferred_reason: 'evidence: count' });
  });

  it('names each claim of a disagreement up to NAMED_CLAIMS, and past it their number and the claims stating the lowest and highest numbers', () => {
    const many = (count: number) => Array.from({ length: count }, (_, i) => figure({ value: 15000 + i * 10, source: i % 2 ? 'press' : 'archive', locator: `p. ${i + 1}` }));
    const named = reconcile(record({ figures: many(NAMED_CLAIMS) }), SETTINGS).findings[0]!;
    expect(named.sentence.split('; ')).toHaveLength(NAMED_CLAIMS);
    // "about 16,000" allows up to 17,600 (the tolerance): the highest number stated is still 16,000, though the claim reaches further.
    const counted = reconcile(record({ figures: [...many(NAMED_CLAIMS), figure({ value: 16000, qualifier: 'about', source: 'blog', locator: 'p. 9' })] }), SETTINGS).findings[0]!;
    expect(counted.claims).toHaveLength(NAMED_CLAIMS + 1);
    expect(counted.sentence).toBe(`Sources differ on deported (Latvia), 13–14 June 1941: ${NAMED_CLAIMS + 1} claims, from 15,000 (archive, p. 1) to about 16,000 (blog, p. 9); the data lists every one. The figures are ${NAMED_CLAIMS * 10 - 10} persons apart at the least.`);
  });

  it('reads "more than" as an open interval: more than 15,000 meets 15,424 but not 14,000', () => {
    const open = figure({ value: 15000, qualifier: 'more-than', source: 'press' });
    expect(kinds(reconcile(record({ figures: [figure({ value: 15424 }), open] }), SETTINGS))).toEqual([]);
    expect(kinds(reconcile(record({ figures: [figure({ value: 14000 }), open] }), SETTINGS))).toEqual(['figure-disagreement']);
  });

  it('reads a range as its bounds and "about" with the tolerance', () => {
    const range = figure({ qualifier: 'range', low: 14000, high: 15500, source: 'press' });
    expect(kinds(reconcile(record({ figures: [figure({ value: 15424 }), range] }), SETTINGS))).toEqual([]);
    expect(kinds(reconcile(record({ figures: [figure({ value: 17000, qualifier: 'about', source: 'blog' }), range] }), SETTINGS))).toEqual([]);
    expect(kinds(reconcile(record({ figures: [figure({ value: 19000, qualifier: 'about', source: 'blog' }), range] }), SETTINGS))).toEqual(['figure-disagreement']);
  });

  it('prefers the better-graded document, then the more precise claim, and says why', () => {
    const r = reconcile(record({ figures: [figure({ value: 15000, qualifier: 'about', source: 'press' }), figure({ value: 15424, source: 'press' }), figure({ value: 15600, qualifier: 'about', source: 'blog' })] }), SETTINGS);
    expect(r.figures[0]).toMatchObject({ value: 15424, preferred_reason: 'underlying document graded 2 of 5; most precise', status: 'differ', settledness: 'settled', witnesses: 2 });
  });

  it('compares a claim dated by event with one dated more loosely, since the event is the quantity', () => {
    const a = figure({ value: 10000, event: 'june', period: '1941-06-14' });
    const b = figure({ value: 9603, event: 'june', period: '1941-06', source: 'blog' });
    const r = reconcile(record({ figures: [a, b], events: [event({ event: 'june', date: '1941-06-13/1941-06-14' })] }), SETTINGS);
    expect(kinds(r)).toEqual(['figure-disagreement']);
  });
});

describe('containment along the hierarchies', () => {
  it('finds a part larger than its whole along measures (deported within repressed)', () => {
    const r = reconcile(record({ figures: [figure({ value: 35000, period: '1940-06/1941-06' }), figure({ measure: 'repressed', value: 34250, period: '1940-06/1941-06' })] }), SETTINGS);
    expect(kinds(r)).toEqual(['part-exceeds-whole']);
    expect(r.findings[0]!.gap).toBe(750);
  });

  it('finds a part larger than its whole along territories and groups', () => {
    const t = reconcile(record({ figures: [figure({ value: 20000 }), figure({ territory: 'baltic', value: 15000 })] }), SETTINGS);
    expect(kinds(t)).toEqual(['part-exceeds-whole']);
    const g = reconcile(record({ figures: [figure({ group: 'children', value: 5000 }), figure({ value: 4000 })] }), SETTINGS);
    expect(kinds(g)).toEqual(['part-exceeds-whole']);
  });

  it('checks nested periods: a night within a year may not exceed the year', () => {
    const inside = reconcile(record({ figures: [figure({ value: 15424 }), figure({ value: 35000, period: '1940-06/1941-06' })] }), SETTINGS);
    expect(kinds(inside)).toEqual([]);
    const over = reconcile(record({ figures: [figure({ value: 15424 }), figure({ value: 12000, period: '1940-06/1941-06' })] }), SETTINGS);
    expect(kinds(over)).toEqual(['part-exceeds-whole']);
  });

  it('does not compare periods that only overlap, nor an open whole', () => {
    const r = reconcile(record({ figures: [figure({ value: 15424, period: '1941-06/1941-07' }), figure({ value: 100, period: '1941-07/1941-08' }), figure({ territory: 'baltic', value: 10000, qualifier: 'more-than' })] }), SETTINGS);
    expect(kinds(r)).toEqual([]);
  });
});

describe('sums of parts', () => {
  it('finds parts that do not add up to the whole, within one source', () => {
    const parts = [figure({ territory: 'ee', value: 20173 }), figure({ territory: 'lv', value: 42149 }), figure({ territory: 'lt', value: 31917 })];
    const r = reconcile(record({ figures: [...parts, figure({ territory: 'baltic', value: 94779 })] }), SETTINGS);
    expect(kinds(r)).toEqual(['sum-mismatch']);
    expect(r.findings[0]).toMatchObject({ sum: 94239, gap: 540, severity: 'minor' });
  });

  it('finds each whole that misses the sum under a key of its own: one source giving the whole twice, or two sources', () => {
    const parts = [figure({ territory: 'ee', value: 20173 }), figure({ territory: 'lv', value: 42149 }), figure({ territory: 'lt', value: 31917 })];
    const wholes = [figure({ territory: 'baltic', value: 94779 }), figure({ territory: 'baltic', value: 94779, locator: 'p. 9' }), figure({ territory: 'baltic', value: 95000, source: 'press' })];
    const r = reconcile(record({ figures: [...parts, ...wholes] }), SETTINGS);
    const sums = r.findings.filter((f) => f.kind === 'sum-mismatch');
    expect(sums.map((f) => f.claims.at(-1)!.id).sort()).toEqual(wholes.map((w) => w.id).sort());
    expect(new Set(sums.map((f) => f.key)).size).toBe(3);
  });

  it('accepts parts that add up, and a partition where one part has no claim is not checked', () => {
    const ok = [figure({ territory: 'ee', value: 100 }), figure({ territory: 'lv', value: 200 }), figure({ territory: 'lt', value: 300 }), figure({ territory: 'baltic', value: 600 })];
    expect(kinds(reconcile(record({ figures: ok }), SETTINGS))).toEqual([]);
    const partial = [figure({ territory: 'ee', value: 100 }), figure({ territory: 'lv', value: 200 }), figure({ territory: 'baltic', value: 1000 })];
    expect(kinds(reconcile(record({ figures: partial }), SETTINGS))).toEqual([]);
  });

  it('adds groups of a partition (children and adults make everyone)', () => {
    const r = reconcile(record({ figures: [figure({ group: 'children', value: 10 }), figure({ group: 'adults', value: 20 }), figure({ value: 40 })] }), SETTINGS);
    expect(kinds(r)).toEqual(['sum-mismatch']);
  });

  it('adds up a part of 200,000 claims, more than a call can take as arguments', () => {
    const many = Array.from({ length: 200_000 }, (_, i) => figure({ territory: 'ee', value: 20173, locator: `p. ${i + 1}` }));
    const r = reconcile(record({ figures: [...many, figure({ territory: 'lv', value: 42149 }), figure({ territory: 'lt', value: 31917 }), figure({ territory: 'baltic', value: 94779 })] }), SETTINGS);
    expect(kinds(r)).toEqual(['sum-mismatch']);
    expect(r.findings[0]).toMatchObject({ sum: 94239, gap: 540 });
  });

  it('leaves a part whose whole has no claim alone', () => {
    expect(kinds(reconcile(record({ figures: [figure({ territory: 'ee', value: 10000 })] }), SETTINGS))).toEqual([]);
  });
});

describe('the words that stand for an event', () => {
  it('come from a claim about the whole event before a better-graded one about a part of it, and from the most-used title first', () => {
    const estonia = event({ id: 'archive-ee', territories: ['ee'], title: 'June deportation', summary: 'From Estonia alone about 10,000 were taken.', source: 'archive' });
    const baltic = event({ id: 'press-baltic', territories: ['baltic'], title: 'June deportation', summary: 'Families were deported from all three Baltic states.', source: 'press' });
    const latvia = event({ id: 'blog-lv', territories: ['lv'], title: 'June deportation', summary: 'From Latvia some 15,000.', source: 'blog' });
    expect(reconcile(record({ events: [estonia, baltic, latvia] }), SETTINGS).events[0]!.summary).toBe('Families were deported from all three Baltic states.');
    // Among claims that reach as far, the better-graded document's words.
    expect(reconcile(record({ events: [latvia, estonia] }), SETTINGS).events[0]!.summary).toBe('From Estonia alone about 10,000 were taken.');
    // A facet's own title does not make it the headline, however far it reaches.
    const facet = event({ id: 'blog-facet', territories: ['baltic'], title: 'Trains to Siberia', summary: 'Cattle trains left for Siberia.', source: 'blog' });
    expect(reconcile(record({ events: [estonia, facet, event({ ...latvia, id: 'blog-lv2' })] }), SETTINGS).events[0]!.summary).toBe('From Estonia alone about 10,000 were taken.');
  });

  it("come from the claim the editors chose, whatever the rule would pick, and name it", () => {
    const baltic = event({ id: 'press-baltic', territories: ['baltic'], title: 'June deportation', summary: 'Families were deported from all three Baltic states.', source: 'press' });
    const latvia = event({ id: 'blog-lv', territories: ['lv'], title: 'June deportation', summary: 'From Latvia some 15,000.', source: 'blog' });
    expect(reconcile(record({ events: [baltic, latvia] }), SETTINGS).events[0]).toMatchObject({ summary: baltic.summary, summary_claim: 'press-baltic' });
    const chosen = { ...latvia, headline: 'Only its page gives the number.' };
    expect(reconcile(record({ events: [baltic, chosen] }), SETTINGS).events[0]).toMatchObject({ summary: latvia.summary, summary_claim: 'blog-lv' });
  });
});

describe('event dates', () => {
  it('finds claims of one event with dates that do not overlap, and writes the sentence', () => {
    const r = reconcile(record({ events: [event({ date: '1940-06-16', locator: 'par. 1' }), event({ id: 'press-occupation', source: 'press', date: '1940-06-17', locator: 'par. 3' })] }), SETTINGS);
    expect(r.findings.map((f) => [f.kind, f.severity])).toEqual([['date-disagreement', 'major']]);
    expect(r.findings[0]!.sentence).toBe('Sources differ on the date of "Occupation": 16 June 1940 (archive, par. 1) and 17 June 1940 (press, par. 3).');
    expect(r.events[0]).toMatchObject({ status: 'conflict', dates: ['1940-06-16', '1940-06-17'] });
  });


  it("past NAMED_CLAIMS claims, words an event's dates by their number and the earliest and latest", () => {
    const events = Array.from({ length: NAMED_CLAIMS + 1 }, (_, i) => event({ date: i === NAMED_CLAIMS ? '1940-06-18' : i % 2 ? '1940-06-17' : '1940-06-16', locator: `par. ${i + 1}` }));
    const r = reconcile(record({ events }), SETTINGS);
    const finding = r.findings.find((f) => f.kind === 'date-disagreement')!;
    expect(finding.claims).toHaveLength(NAMED_CLAIMS + 1);
    expect(finding.sentence).toBe(`One source gives more than one date for "Occupation": ${NAMED_CLAIMS + 1} claims giving 3 dates, from 16 June 1940 (archive, par. 1) to 18 June 1940 (archive, par. ${NAMED_CLAIMS + 1}); the data lists every one.`);
  });

  it('says so when the dates all come from one source, rather than that sources differ', () => {
    const r = reconcile(record({ events: [event({ date: '1940-06-16', locator: 'par. 1' }), event({ id: 'archive-occupation-2', date: '1940-06-17', locator: 'par. 3' })] }), SETTINGS);
    expect(r.findings[0]!.sentence).toBe('One source gives more than one date for "Occupation": 16 June 1940 (archive, par. 1) and 17 June 1940 (archive, par. 3).');
  });

  it('lets an interval meet a day inside it only when the interval is the coarser claim', () => {
    const night = [event({ date: '1941-06-13/1941-06-14' }), event({ date: '1941-06' })];
    expect(kinds(reconcile(record({ events: night }), SETTINGS))).toEqual([]);
    const bounds = [event({ date: '1941-06-13/1941-06-14' }), event({ date: '1941-06-14' })];
    expect(reconcile(record({ events: bounds }), SETTINGS).findings.map((f) => f.severity)).toEqual(['minor']);
  });

  it('asks the editors when the rule would publish a coarser date than an undoubted claim gives, and publishes the finer one on their ruling', () => {
    const month = event({ id: 'archive-month', date: '1988-11' });
    const day = event({ id: 'press-day', source: 'press', date: '1988-11-16', locator: 'par. 2' });
    const r = reconcile(record({ events: [month, day] }), SETTINGS);
    expect(r.findings.map((f) => [f.kind, f.severity])).toEqual([['finer-date', 'minor']]);
    expect(r.findings[0]!.sentence).toBe('Sources agree on the date of "Occupation", but not all give it as precisely: November 1988 (archive, p. 1) and 16 November 1988 (press, par. 2).');
    expect(r.events[0]).toMatchObject({ status: 'agree', date: '1988-11', preferred_claim: 'archive-month' });
    const key = r.findings[0]!.key;
    const ruled = reconcile(record({ events: [month, day], reviews: [{ finding: key, status: 'explained', note: 'The day is well founded.', preferred: 'press-day' }] }), SETTINGS);
    expect(ruled.findings.map((f) => [f.key, f.review?.status])).toEqual([[key, 'explained']]);
    expect(ruled.events[0]).toMatchObject({ date: '1988-11-16', preferred_claim: 'press-day', preferred_reason: `editor's ruling on finding ${key}` });
    // Not asked: the rule publishes the day already; the day is doubted.
    expect(kinds(reconcile(record({ events: [{ ...month, source: 'press' }, { ...day, source: 'archive' }] }), SETTINGS))).toEqual([]);
    expect(kinds(reconcile(record({ events: [month, { ...day, flag: 'uncertain' }] }), SETTINGS))).toEqual([]);
  });

  it('widens approximate dates: "1949-03~" meets 5 April 1949 but not June', () => {
    expect(kinds(reconcile(record({ events: [event({ date: '1949-03~' }), event({ date: '1949-04-05' })] }), SETTINGS))).toEqual([]);
    expect(kinds(reconcile(record({ events: [event({ date: '1949-03~' }), event({ date: '1949-06-05' })] }), SETTINGS))).toEqual(['date-disagreement']);
  });

  it('finds a figure whose period lies outside its event', () => {
    const r = reconcile(record({ events: [event({ event: 'june', date: '1941-06-14' })], figures: [figure({ value: 1, event: 'june', period: '1949-03-25' })] }), SETTINGS);
    expect(kinds(r)).toEqual(['outside-event']);
  });
});

describe('findings over time', () => {
  it('keep their key while the quantity stands, even as claims change', () => {
    const before = reconcile(record({ figures: [figure({ value: 100 }), figure({ value: 200 })] }), SETTINGS).findings[0]!.key;
    const after = reconcile(record({ figures: [figure({ value: 100 }), figure({ value: 300 }), figure({ value: 250, source: 'blog' })] }), SETTINGS).findings[0]!.key;
    expect(after).toBe(before);
  });

  it('carry the editors\' ruling, and a ruling on a vanished finding is reported', () => {
    const figures = [figure({ value: 100 }), figure({ value: 200 })];
    const key = reconcile(record({ figures }), SETTINGS).findings[0]!.key;
    const r = reconcile(record({ figures, reviews: [{ finding: key, status: 'explained', note: 'Two counts.', preferred: null }, { finding: 'date-disagreement-0000000000', status: 'open', note: 'x', preferred: null }] }), SETTINGS);
    expect(r.findings[0]!.review).toEqual({ status: 'explained', note: 'Two counts.' });
    expect(r.diagnostics.map((d) => [d.code, d.value])).toEqual([['review/orphan', 'date-disagreement-0000000000']]);
  });

});

describe('the preference rule, step by step', () => {
  const published = (r: ReturnType<typeof reconcile>) => r.figures[0]!;

  it('a lone higher-grade dissenter does not override two agreeing independent sources', () => {
    const r = reconcile(record({ figures: [figure({ value: 12500, source: 'archive' }), figure({ value: 10000, qualifier: 'about', source: 'press' }), figure({ value: 9603, source: 'blog' })] }), SETTINGS);
    expect(published(r)).toMatchObject({ stated: 'about 10,000', settledness: 'sources differ' });
    expect(published(r).preferred_reason).toMatch(/^agreement: 2 or more independent sources agree/);
    expect(kinds(r)).toEqual(['figure-disagreement']);
  });

  it('an open bound supports only values near it: "more than 10,000" does not vouch for 12,500', () => {
    const r = reconcile(record({ figures: [figure({ value: 12500, source: 'archive' }), figure({ value: 10000, qualifier: 'more-than', source: 'blog' }), figure({ value: 10000, qualifier: 'about', source: 'press' }), figure({ value: 9603, source: 'p2' })], sources: [...record({}).sources, source({ id: 'p2' })] }), SETTINGS);
    expect(published(r).stated).toBe('9,603');
    expect(published(r).preferred_reason).toMatch(/^agreement: 2 or more independent sources agree, over claims no other source supports; underlying document graded 2 of 5; most precise$/);
  });

  it('two copies of one document count once, and weigh as the document', () => {
    const sources = [source({ id: 'report', kind: 'archive', reliability: 5, evidence: 'count', url: null }), source({ id: 'copy1', kind: 'blog', reliability: 1, derived_from: ['report'], evidence: 'count' }), source({ id: 'copy2', kind: 'blog', reliability: 1, derived_from: ['report'], evidence: 'count' }), source({ id: 'press' }), source({ id: 'wiki', kind: 'encyclopedia', reliability: 3 })];
    const copies = [figure({ value: 94779, source: 'copy1' }), figure({ value: 94779, source: 'copy2' })];
    const alone = reconcile(record({ sources, figures: copies }), SETTINGS);
    expect(published(alone)).toMatchObject({ witnesses: 1, settledness: 'one source only', preferred_grade: 5, preferred_evidence: 'count' });
    // Counted once, the copies are a lone dissent against two independent sources that agree...
    const others = [figure({ value: 90844, source: 'press' }), figure({ value: 90844, source: 'wiki' })];
    const against = reconcile(record({ sources, figures: [...copies, ...others] }), SETTINGS);
    expect(published(against)).toMatchObject({ stated: '90,844', witnesses: 2 + 1 });
    expect(published(against).preferred_reason).toMatch(/^agreement: 2 or more independent sources agree/);
    // ...where two independent witnesses of the count would have carried it on its evidence.
    const independent = sources.map((s) => ({ ...s, derived_from: null }));
    expect(published(reconcile(record({ sources: independent, figures: [...copies, ...others] }), SETTINGS)).stated).toBe('94,779');
  });

  it('a round number from a retelling covers its rounding interval and yields to a count', () => {
    const sources = [source({ id: 'report', kind: 'archive', reliability: 5, evidence: 'count', url: null }), source({ id: 'blog', kind: 'blog', reliability: 1, derived_from: ['report'], evidence: 'count' }), source({ id: 'wiki', kind: 'encyclopedia', reliability: 3 })];
    const r = reconcile(record({ sources, figures: [figure({ value: 43000, source: 'wiki' }), figure({ value: 42149, source: 'blog' })] }), SETTINGS);
    expect(published(r)).toMatchObject({ value: 42149, preferred_reason: 'evidence: count' });
    // 43,000 read as 42,500-43,499 does not reach 42,149: the sources differ.
    expect(kinds(r)).toEqual(['figure-disagreement']);
    expect(r.findings[0]!.claims.find((c) => c.stated === '43,000')).toMatchObject({ low: 42500, high: 43499 });
    // Between two retellings of one grade, the count-like 42,974 is more precise than the round 43,000.
    const retold = reconcile(record({ sources, figures: [figure({ value: 43000, source: 'wiki' }), figure({ value: 42974, source: 'wiki', locator: 'p. 2' })] }), SETTINGS);
    expect(published(retold)).toMatchObject({ value: 42974, preferred_reason: 'most precise' });
  });

  it('sets doubtful claims aside while another remains, and says when only a doubtful one is left', () => {
    const r = reconcile(record({ figures: [figure({ value: 35000, source: 'archive', flag: 'scope' }), figure({ value: 15000, qualifier: 'about', source: 'blog' })] }), SETTINGS);
    expect(published(r)).toMatchObject({ stated: 'about 15,000', preferred_reason: 'claims not flagged as doubtful', settledness: 'weak source' });
    const only = reconcile(record({ figures: [figure({ value: 131500, source: 'press', flag: 'unconfirmed' })] }), SETTINGS);
    expect(published(only)).toMatchObject({ settledness: 'flagged', preferred_flag: 'unconfirmed' });
    // A weak host's flag is doubted when choosing, but readers are told the source is weak, not that the value is questioned.
    const weak = reconcile(record({ figures: [figure({ value: 1200, source: 'archive', flag: 'weak-source' })] }), { ...SETTINGS, preference: { ...SETTINGS.preference, doubtfulFlags: [...SETTINGS.preference.doubtfulFlags, 'weak-source'] } });
    expect(published(weak)).toMatchObject({ settledness: 'weak source' });
    expect([doubtMark('flagged', SETTINGS), doubtMark('weak source', SETTINGS), doubtMark('one source only', SETTINGS), doubtMark('sources differ', SETTINGS), doubtMark('settled', SETTINGS)]).toEqual(['?', '*', '○', '≠', '']);
    // A blog that agrees with an archive does not make the agreed value weak.
    const agreed = reconcile(record({ figures: [figure({ value: 1237, source: 'archive' }), figure({ value: 1237, source: 'press', locator: 'p. 2' }), figure({ value: 1237, source: 'blog', locator: 'p. 3' })] }), SETTINGS);
    expect(published(agreed)).toMatchObject({ preferred_source: 'archive', settledness: 'settled' });
    expect(doubtLegend(SETTINGS).map((l) => l.value)).toEqual(['flagged', 'weak source', 'one source only', 'sources differ', 'settled']);
  });

  it("an editor's ruling comes first", () => {
    const figures = [figure({ id: 'a', value: 100, source: 'archive' }), figure({ id: 'b', value: 200, source: 'press' })];
    const key = reconcile(record({ figures }), SETTINGS).findings[0]!.key;
    const r = reconcile(record({ figures, reviews: [{ finding: key, status: 'explained', note: 'The press counts the second wave too.', preferred: 'b' }] }), SETTINGS);
    expect(published(r)).toMatchObject({ preferred_claim: 'b', preferred_reason: `editor's ruling on finding ${key}` });
    const wrong = reconcile(record({ figures, reviews: [{ finding: key, status: 'explained', note: 'x', preferred: 'zz' }] }), SETTINGS);
    expect(wrong.diagnostics.map((d) => d.code)).toEqual(['review/preferred-not-in-finding']);
  });

  it('names at most twenty claims of a large finding when a ruling prefers none of them, and the nearest id', () => {
    // A register's finding may have thousands of claims: the message lists twenty and counts the rest.
    const figures = Array.from({ length: 30 }, (_, i) => figure({ id: `claim-${i}`, value: 100 * (i + 1), source: i % 2 ? 'press' : 'archive' }));
    const key = reconcile(record({ figures }), SETTINGS).findings[0]!.key;
    const [d] = reconcile(record({ figures, reviews: [{ finding: key, status: 'explained', note: 'x', preferred: 'claim-7x' }] }), SETTINGS).diagnostics;
    expect(d).toMatchObject({ code: 'review/preferred-not-in-finding' });
    expect(d!.message.split(';')[0]!.match(/"claim-\d+"/g)).toHaveLength(20);
    expect(d!.message).toContain(' and 10 more; the preferred claim is none of them. Did you mean "claim-7"?');
  });

  it('keeps a ruling on an event to the event, when one of its claims shares an id with a figure', async () => {
    // One page read for both the date and the count: the event claim and the figure claim have the same id, as in the shipped record.
    const events = [event({ id: 'page', event: 'deportation', date: '1949-07-06', source: 'press' }), event({ id: 'other', event: 'deportation', date: '1949-07-09' })];
    const night = { period: '1949-07-06/1949-07-09', event: 'deportation' };
    const figures = [figure({ id: 'page', value: 35000, qualifier: 'more-than', source: 'press', ...night }), figure({ id: 'count', value: 35796, source: 'archive', ...night }), figure({ id: 'early', value: 35050, source: 'blog', ...night })];
    const found = reconcile(record({ events, figures }), SETTINGS).findings;
    const dates = found.find((f) => f.kind === 'date-disagreement')!.key;
    const counts = found.find((f) => f.kind === 'figure-disagreement')!.key;
    const r = reconcile(record({ events, figures, reviews: [{ finding: dates, status: 'explained', note: 'The round-up began on the 6th.', preferred: 'page' }, { finding: counts, status: 'explained', note: 'The final report.', preferred: 'count' }] }), SETTINGS);
    expect(r.figures[0]).toMatchObject({ preferred_claim: 'count', preferred_reason: `editor's ruling on finding ${counts}`, findings: [counts] });
    expect(r.events[0]).toMatchObject({ preferred_claim: 'page', preferred_reason: `editor's ruling on finding ${dates}`, findings: [dates] });
    // The labelled claims table marks the event claim published, not the figure of the same id.
    const rows = claimsTable(record({ events, figures }), r, SETTINGS).rows.filter((c) => c.claim === 'page');
    expect(rows.map((c) => [c.claim_type, c.preferred])).toEqual([['event', true], ['figure', false]]);
    // A figure outside its event's dates is named in one finding with the event's claims, one of them of the same id: its rows in finding_claims stay apart.
    const outside = reconcile(record({ events, figures: [figure({ id: 'page', value: 35000, event: 'deportation', period: '1950' })] }), SETTINGS);
    expect(outside.findings.find((f) => f.kind === 'outside-event')!.claims.map((c) => `${c.table} ${c.id}`)).toEqual(['figures page', 'events page', 'events other']);
    const findingClaims = reconciledTables(outside, SETTINGS).find((t) => t.name === 'finding_claims')!;
    const keys = findingClaims.rows.map((row) => findingClaims.primaryKey.map((k) => row[k]).join(' '));
    expect(new Set(keys).size).toBe(keys.length);
    // A ruling on that finding cannot say which of the two "page" it prefers.
    const key = outside.findings.find((f) => f.kind === 'outside-event')!.key;
    const ruled = reconcile(record({ events, figures: [figure({ id: 'page', value: 35000, event: 'deportation', period: '1950' })], reviews: [{ finding: key, status: 'explained', note: 'The figure.', preferred: 'page' }] }), SETTINGS);
    expect(ruled.diagnostics.map((d) => [d.code, d.value])).toEqual([['review/preferred-ambiguous', 'page']]);
    // Both flagged unconfirmed, each has a finding of its own.
    const flagged = reconcile(record({ events: [{ ...events[0]!, flag: 'unconfirmed' }], figures: [{ ...figures[0]!, flag: 'unconfirmed' }] }), SETTINGS);
    expect(flagged.findings.filter((f) => f.kind === 'unconfirmed').map((f) => f.claims.map((c) => `${c.table} ${c.id}`))).toEqual([['figures page'], ['events page']]);
    // A figure claim is new to a build even when an event claim of its id was published before.
    const root = await mkdtemp(path.join(os.tmpdir(), 'chronicle-shared-id-'));
    await mkdir(path.join(root, 'dist/data'), { recursive: true });
    const data = { figures: [{ id: 'count' }, { id: 'early' }], events: [{ id: 'page' }, { id: 'other' }], reconciled_figures: [], reconciled_events: [{ event: 'deportation', date: '1949-07-06', preferred_claim: 'page' }] };
    for (const [table, rows] of Object.entries(data)) await writeFile(path.join(root, `dist/data/${table}.json`), JSON.stringify(rows));
    expect(formatChanges(await readPublished(root), r, record({ events, figures }))).toContain('new claim page (figures)');
    // A table whose JSON cannot be read (a register's is too long for one string) is read from its CSV.
    for (const table of Object.keys(data)) await rm(path.join(root, `dist/data/${table}.json`));
    const csv = { figures: 'id\ncount\nearly\n', events: 'id\npage\nother\n', reconciled_figures: 'key,stated,preferred_claim\n', reconciled_events: 'event,date,preferred_claim\ndeportation,1949-07-06,page\n' };
    for (const [table, text] of Object.entries(csv)) await writeFile(path.join(root, `dist/data/${table}.csv`), text);
    expect([...(await readPublished(root)).claims]).toEqual(['figures count', 'figures early', 'events page', 'events other']);
    expect(formatChanges(await readPublished(root), r, record({ events, figures }))).toContain('new claim page (figures)');
    await rm(root, { recursive: true });
  });

  it('reports a tie as a tie, never broken by claim id, with the span as numbers', () => {
    const sources = [...record({}).sources, source({ id: 'p2' })];
    const r = reconcile(record({ sources, figures: [figure({ id: 'b', value: 15437, source: 'press' }), figure({ id: 'a', value: 15424, source: 'p2' })] }), SETTINGS);
    expect(published(r)).toMatchObject({ preferred_claim: null, value: null, qualifier: 'range', value_low: 15424, value_high: 15437, central: 15431, settledness: 'sources differ' });
    expect(published(r).preferred_reason).toMatch(/^tie: b, a are equal on every step/);
  });

  it('dates a tie of events from the earliest start to the latest end, as precisely as the tied claims give them', () => {
    const sources = [...record({}).sources, source({ id: 'p2' })];
    const r = reconcile(record({ sources, events: [event({ date: '1950-12', source: 'press' }), event({ date: '1948-12', source: 'p2' })] }), SETTINGS);
    expect(r.events[0]).toMatchObject({ preferred_claim: null, date: '1948-12/1950-12', date_start: '1948-12-01', date_end: '1950-12-31' });
    expect(r.events[0]!.preferred_reason).toMatch(/^tie: /);
  });

  it('makes an open bound explicit', () => {
    const r = reconcile(record({ figures: [figure({ value: 20000, qualifier: 'more-than', source: 'press' })] }), SETTINGS);
    expect(published(r)).toMatchObject({ stated: 'more than 20,000', central: 20000, interval_low: 20000, interval_high: null, open_above: true });
  });
});

describe('events with parts', () => {
  const osen = [event({ event: 'osen', date: '1951-09/1951-11' }), event({ event: 'osen-sept', date: '1951-09-20/1951-09-21', part_of: 'osen' }), event({ event: 'osen-oct', date: '1951-10', part_of: 'osen' })];
  const stage = (event: string, value: number) => figure({ value, event, period: event === 'osen-sept' ? '1951-09-20/1951-09-21' : event === 'osen-oct' ? '1951-10' : '1951-09-20/1951-11-30' });

  it('checks a part against its whole, never as a disagreement with it', () => {
    const r = reconcile(record({ events: osen, figures: [stage('osen', 20357), stage('osen-sept', 3072), stage('osen-oct', 16150)] }), SETTINGS);
    expect(kinds(r)).toEqual([]);
    expect(r.figures.map((f) => f.value)).toEqual([20357, 16150, 3072]);
    const over = reconcile(record({ events: osen, figures: [stage('osen', 20357), stage('osen-sept', 25000)] }), SETTINGS);
    expect(kinds(over)).toEqual(['part-exceeds-whole']);
  });

  it('finds stages that add up to more than the whole', () => {
    const r = reconcile(record({ events: osen, figures: [stage('osen', 20357), stage('osen-sept', 10000), stage('osen-oct', 16150)] }), SETTINGS);
    expect(kinds(r)).toEqual(['parts-exceed-total']);
    expect(r.findings[0]).toMatchObject({ sum: 26150, gap: 5793 });
  });

  it('finds events within a period that add up to more than the total for the period and territory', () => {
    const waves = [event({ event: 'june-1941', date: '1941-06-13' }), event({ event: 'south', date: '1949-07-06' }), event({ event: 'north', date: '1951-04-01' })];
    const figures = [figure({ value: 46000, period: '1940/1953' }), figure({ value: 22648, event: 'june-1941', period: '1941-06-13' }), figure({ value: 35796, event: 'south', period: '1949-07-06' }), figure({ value: 2617, event: 'north', period: '1951-04-01' })];
    const r = reconcile(record({ events: waves, figures }), SETTINGS);
    expect(kinds(r)).toEqual(['parts-exceed-total']);
    expect(r.findings[0]!.sentence).toMatch(/add up to at least 61,061 .* more than the 46,000 \(archive, p\. 1\) given for the whole\.$/);
    // Within the total, no finding.
    expect(kinds(reconcile(record({ events: waves, figures: [...figures.slice(0, 1), figures[1]!, figures[3]!] }), SETTINGS))).toEqual([]);
  });
});
