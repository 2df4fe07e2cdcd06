/** Claims as intervals: a figure's qualifier and a date's precision become [low, high]. */
import type { Evidence, FigureRow } from '../model.js';
import { formatNumber } from '../util/format.js';
import { dateBounds } from '../validate/dates.js';
import type { HighBound, LowBound, Settings } from './settings.js';

export interface Interval {
  low: number;
  high: number;
}

export const meets = (a: Interval, b: Interval) => a.low <= b.high && b.low <= a.high;
export const within = (a: Interval, b: Interval) => b.low <= a.low && a.high <= b.high;
export const same = (a: Interval, b: Interval) => a.low === b.low && a.high === b.high;

/**
 * The values a number stands for as stated: a round number with no sign that it is an exact
 * count (its evidence is an estimate or a retelling) covers its rounding interval, 43,000 ->
 * 42,500-43,499; any other number stands for itself.
 */
export function roundingInterval(v: number, evidence: Evidence, settings: Settings): Interval {
  let zeros = 0;
  for (let n = v; n > 0 && n % 10 === 0; n /= 10) zeros++;
  if (zeros < settings.precision.roundFrom || !settings.precision.roundedEvidence.includes(evidence)) return { low: v, high: v };
  const half = 10 ** zeros / 2;
  return { low: v - half, high: v + half - 1 };
}

export function figureInterval(f: FigureRow, settings: Settings, evidence: Evidence): Interval {
  const [lowRule, highRule] = settings.qualifiers[f.qualifier]!;
  return { low: lowBound(lowRule, f, settings, evidence), high: highBound(highRule, f, settings, evidence) };
}

// Each bound worked out only for the rule that asks for it: a register's million claims would
// otherwise make every candidate bound (and the rounding interval) to pick one.
function lowBound(rule: LowBound, f: FigureRow, settings: Settings, evidence: Evidence): number {
  const v = f.value ?? 0;
  switch (rule) {
    case 'value':
      return v;
    case 'value-t':
      return Math.floor(v * (1 - settings.tolerance));
    case 'zero':
      return 0;
    case 'low':
      return f.low ?? 0;
    case 'rounded-low':
      return roundingInterval(v, evidence, settings).low;
  }
}

function highBound(rule: HighBound, f: FigureRow, settings: Settings, evidence: Evidence): number {
  const v = f.value ?? 0;
  switch (rule) {
    case 'value':
      return v;
    case 'value+t':
      return Math.ceil(v * (1 + settings.tolerance));
    case 'infinity':
      return Infinity;
    case 'high':
      return f.high ?? Infinity;
    case 'rounded-high':
      return roundingInterval(v, evidence, settings).high;
  }
}

/**
 * The interval within which a claim lends support to another: its own, with an open bound
 * ("more than v", "up to v") reaching only `reach` beyond v, since "more than 10,000" does not
 * vouch for 50,000.
 */
export function supportInterval(i: Interval, reach: number): Interval {
  const low = i.low === 0 && Number.isFinite(i.high) ? Math.floor(i.high * (1 - reach)) : i.low;
  const high = Number.isFinite(i.high) ? i.high : Math.ceil(i.low * (1 + reach));
  return { low, high };
}

const QUALIFIER_WORDS: Record<string, string> = { exact: '', about: 'about ', 'more-than': 'more than ', 'at-least': 'at least ', 'less-than': 'less than ', 'at-most': 'at most ', almost: 'almost ', 'up-to': 'up to ' };

/** The figure as its source states it: "more than 90,000", "14,000–15,500". */
export function statedFigure(f: Pick<FigureRow, 'qualifier' | 'value' | 'low' | 'high'>): string {
  if (f.qualifier === 'range') return `${formatNumber(f.low!)}–${formatNumber(f.high!)}${f.value !== null ? ` (${formatNumber(f.value)})` : ''}`;
  return `${QUALIFIER_WORDS[f.qualifier] ?? ''}${formatNumber(f.value!)}`;
}

/** Days covered by an EDTF date, an approximate one widened by the configured margin. */
export function dateInterval(text: string, settings: Settings): Interval {
  const b = dateBounds(text);
  const margin = b.approximate ? settings.approximateMarginDays : 0;
  return { low: b.min - margin, high: b.max + margin };
}

/** A date given to the day (or an interval of days) is precise; a month, season, year or approximate date is coarse. */
export function isCoarse(text: string): boolean {
  return text.split('/').some((part) => part !== '' && !/^\d{4}-\d{2}-\d{2}$/.test(part));
}
