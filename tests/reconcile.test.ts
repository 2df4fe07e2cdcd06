/** The reconcile stage on small records built in memory: each check, and what must not be a finding. */
import { describe, expect, it } from 'vitest';
import type { ChronicleRecord, EventRow, FigureRow } from '../pipeline/model.js';
import { reconcile } from '../pipeline/reconcile/index.js';
import type { Settings } from '../pipeline/reconcile/settings.js';

const SETTINGS: Settings = {
  tolerance: 0.1,
  minorSpread: 0.02,
  approximateMarginDays: 15,
  qualifiers: { exact: ['value', 'value'], about: ['value-t', 'value+t'], 'more-than': ['value', 'infinity'], 'at-least': ['value', 'infinity'], 'less-than': ['zero', 'value'], 'at-most': ['zero', 'value'], almost: ['value-t', 'value'], 'up-to': ['zero', 'value'], range: ['low', 'high'] },
};

let n = 0;
function figure(f: Partial<FigureRow>): FigureRow {
  return { id: `f${++n}`, measure: 'deported', territory: 'lv', group: 'all', period: '1941-06-13/1941-06-14', value: null, qualifier: 'exact', low: null, high: null, unit: 'persons', event: null, source: 'archive', locator: 'p. 1', quote: 'q', flag: null, note: null, ...f };
}
function event(e: Partial<EventRow>): EventRow {
  return { id: `e${++n}`, event: 'occupation', date: '1940-06-17', territories: ['lv'], kind: 'occupation', title: 'Occupation', summary: 'S.', people: null, source: 'archive', locator: 'p. 1', quote: 'q', flag: null, note: null, ...e };
}

function record(parts: Partial<ChronicleRecord>): ChronicleRecord {
  return {
    sources: [
      { id: 'archive', kind: 'archive', title: 'A', author: null, publisher: 'P', published: null, url: 'https://a.example', accessed: '2026-11-27', language: 'en', reliability: 5, note: null },
      { id: 'press', kind: 'press', title: 'B', author: null, publisher: 'P', published: null, url: 'https://b.example', accessed: '2026-11-27', language: 'en', reliability: 2, note: null },
      { id: 'blog', kind: 'blog', title: 'C', author: null, publisher: 'P', published: null, url: 'https://c.example', accessed: '2026-11-27', language: 'en', reliability: 1, note: null },
    ],
    territories: [
      { id: 'baltic', name: 'Baltic states', native_name: null, native_language: null, parent: null, kind: 'region', partition: null },
      { id: 'ee', name: 'Estonia', native_name: 'Eesti', native_language: 'et', parent: 'baltic', kind: 'state', partition: 'states' },
      { id: 'lv', name: 'Latvia', native_name: 'Latvija', native_language: 'lv', parent: 'baltic', kind: 'state', partition: 'states' },
      { id: 'lt', name: 'Lithuania', native_name: 'Lietuva', native_language: 'lt', parent: 'baltic', kind: 'state', partition: 'states' },
    ],
    measures: [
      { id: 'repressed', label: 'Repressed', definition: 'd', unit: 'persons', broader: null, additive: true },
      { id: 'deported', label: 'Deported', definition: 'd', unit: 'persons', broader: 'repressed', additive: true },
      { id: 'planned', label: 'Planned', definition: 'd', unit: 'persons', broader: null, additive: true },
    ],
    groups: [
      { id: 'all', label: 'Everyone', definition: 'd', parent: null, partition: null },
      { id: 'children', label: 'Children', definition: 'd', parent: 'all', partition: 'age' },
      { id: 'adults', label: 'Adults', definition: 'd', parent: 'all', partition: 'age' },
    ],
    people: [],
    events: [],
    figures: [],
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
    expect(r.figures[0]).toMatchObject({ status: 'conflict', value: 15424, preferred_source: 'archive', low: 15424, high: 15433, claims: 2, sources: 2 });
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

  it('prefers the more reliable source, then the more precise claim, and says why', () => {
    const r = reconcile(record({ figures: [figure({ value: 15000, qualifier: 'about', source: 'press' }), figure({ value: 15424, source: 'press' }), figure({ value: 15600, qualifier: 'about', source: 'blog' })] }), SETTINGS);
    expect(r.figures[0]).toMatchObject({ value: 15424, preferred_reason: 'most precise among the most reliable sources (grade 2 of 5)', status: 'differ' });
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

  it('leaves a part whose whole has no claim alone', () => {
    expect(kinds(reconcile(record({ figures: [figure({ territory: 'ee', value: 10000 })] }), SETTINGS))).toEqual([]);
  });
});

describe('event dates', () => {
  it('finds claims of one event with dates that do not overlap, and writes the sentence', () => {
    const r = reconcile(record({ events: [event({ date: '1940-06-16', locator: 'par. 1' }), event({ date: '1940-06-17', locator: 'par. 3' })] }), SETTINGS);
    expect(r.findings.map((f) => [f.kind, f.severity])).toEqual([['date-disagreement', 'major']]);
    expect(r.findings[0]!.sentence).toBe('Sources differ on the date of "Occupation": 16 June 1940 (archive, par. 1) and 17 June 1940 (archive, par. 3).');
    expect(r.events[0]).toMatchObject({ status: 'conflict', dates: ['1940-06-16', '1940-06-17'] });
  });

  it('lets an interval meet a day inside it only when the interval is the coarser claim', () => {
    const night = [event({ date: '1941-06-13/1941-06-14' }), event({ date: '1941-06' })];
    expect(kinds(reconcile(record({ events: night }), SETTINGS))).toEqual([]);
    const bounds = [event({ date: '1941-06-13/1941-06-14' }), event({ date: '1941-06-14' })];
    expect(reconcile(record({ events: bounds }), SETTINGS).findings.map((f) => f.severity)).toEqual(['minor']);
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
    const r = reconcile(record({ figures, reviews: [{ finding: key, status: 'explained', note: 'Two counts.' }, { finding: 'date-disagreement-0000000000', status: 'open', note: 'x' }] }), SETTINGS);
    expect(r.findings[0]!.review).toEqual({ status: 'explained', note: 'Two counts.' });
    expect(r.diagnostics.map((d) => [d.code, d.value])).toEqual([['review/orphan', 'date-disagreement-0000000000']]);
  });

});
