/** How dates and numbers read to people: the chronology's and the findings' words. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { inReadingOrder, machineDate, printedPlaces, type Entry } from '../pipeline/chronology/view.js';
import { fromOneSource } from '../pipeline/reconcile/findings.js';
import type { TerritoryRow } from '../pipeline/model.js';
import { formatDate, formatNumber, formatSpan } from '../pipeline/util/format.js';

describe('dates and numbers for readers', () => {
  it('writes EDTF dates as people do', () => {
    expect(formatDate('1940-06-17')).toBe('17 June 1940');
    expect(formatDate('1941-06-13/1941-06-14')).toBe('13–14 June 1941');
    expect(formatDate('1940-06-28/1940-07-03')).toBe('28 June – 3 July 1940');
    expect(formatDate('1949-03~')).toBe('about March 1949');
    expect(formatDate('1941-21')).toBe('spring 1941');
    expect(formatDate('1940-06/1941-06')).toBe('June 1940 – June 1941');
    expect(formatDate('1946/1947')).toBe('1946–1947');
    expect(formatDate('1944~/1953')).toBe('about 1944 – 1953');
    expect(formatDate('194X')).toBe('1940s');
    expect(formatDate('1939/1991')).toBe('1939–1991');
  });

  it('gives <time> a value HTML accepts, and numbers their separators', () => {
    expect(machineDate('1941-06-13/1941-06-14')).toBe('1941-06-13');
    expect(machineDate('1941-21')).toBe('1941');
    expect(machineDate('1949-03~')).toBe('1949-03');
    const span = (low: number, high: number, stated: string, open_above = false, value: number | null = high) => formatSpan({ low, high, stated, open_above, value });
    expect(span(14000, 17000, '15,424')).toBe('14,000–17,000');
    expect(span(53, 53, '53')).toBe('53');
    expect(span(160000, 200000, 'more than 200,000', true)).toBe('160,000 to more than 200,000');
    // An open published figure that is not the highest leaves the span as numbers.
    expect(span(10000, 15000, 'more than 10,000', true, 10000)).toBe('10,000–15,000');
    expect(formatNumber(94779)).toBe('94,779');
    expect(formatNumber(742)).toBe('742');
  });

  it('groups every whole number as en-US does, and keeps a fraction as it is', () => {
    fc.assert(fc.property(fc.maxSafeInteger(), (n) => formatNumber(n) === n.toLocaleString('en-US')));
    for (const n of [0, -1, 999, 1000, -1000, 100000, -123456, 1234567]) expect(formatNumber(n)).toBe(n.toLocaleString('en-US'));
    expect(formatNumber(1234.5)).toBe('1,234.5');
    expect(formatNumber(-1234.25)).toBe('-1,234.25');
  });

  it('names an entry\'s places once: no place inside another it names, no second pair of brackets', () => {
    const row = (id: string, name: string, parent: string | null, native_name: string | null = null): TerritoryRow => ({ id, name, name_in_text: null, native_name, native_language: native_name ? 'xx' : null, parent, kind: 'state', partition: null });
    const territories = new Map(
      [row('annexed', 'All annexed territories', null), row('baltic', 'Baltic states', 'annexed'), row('lv', 'Latvia', 'baltic', 'Latvija'), row('md', 'Moldavian SSR (Bessarabia)', 'annexed', 'Basarabia'), row('ussr', 'Soviet Union', null)].map((t) => [t.id, t]),
    );
    const names = (ids: string[]) => printedPlaces(ids, territories).map((p) => (p.native ? `${p.name} (${p.native})` : p.name));
    expect(names(['annexed', 'lv', 'md'])).toEqual(['All annexed territories']);
    expect(names(['baltic', 'lv', 'ussr'])).toEqual(['Baltic states', 'Soviet Union']);
    expect(names(['lv', 'md'])).toEqual(['Latvia (Latvija)', 'Moldavian SSR (Bessarabia)']);
  });

  it('reads an entry dated only by a year, month or season after the entries dated within it', () => {
    const entry = (title: string, edtf: string, start: string, end: string) => ({ title, edtf, start, end }) as Entry;
    const order = inReadingOrder([
      entry('Kukk dies', '1981', '1981-01-01', '1981-12-31'),
      entry('trial', '1981-01-05/1981-01-08', '1981-01-05', '1981-01-08'),
      entry('battalions', '1981-06', '1981-06-01', '1981-06-30'),
      entry('attack', '1981-06-22', '1981-06-22', '1981-06-22'),
      entry('spring', '1981-21', '1981-03-01', '1981-05-31'),
      entry('span', '1981/1983', '1981-01-01', '1983-12-31'),
    ]).map((e) => e.title);
    expect(order).toEqual(['span', 'trial', 'spring', 'attack', 'battalions', 'Kukk dies']);
  });

  it('tells a reader that sources differ only when more than one source gives a date', () => {
    const claims = (...sources: string[]) => sources.map((source) => ({ source }));
    expect(fromOneSource(claims('estonica-june40', 'estonica-june40'))).toBe(true);
    expect(fromOneSource(claims('estonica-june40', 'rusarch'))).toBe(false);
  });
});
