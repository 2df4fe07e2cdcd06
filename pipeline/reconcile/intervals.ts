/** Claims as intervals: a figure's qualifier and a date's precision become [low, high]. */
import type { FigureRow } from '../model.js';
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

export function figureInterval(f: FigureRow, settings: Settings): Interval {
  const [lowRule, highRule] = settings.qualifiers[f.qualifier]!;
  const v = f.value ?? 0;
  const t = settings.tolerance;
  const low: Record<LowBound, number> = { value: v, 'value-t': Math.floor(v * (1 - t)), zero: 0, low: f.low ?? 0 };
  const high: Record<HighBound, number> = { value: v, 'value+t': Math.ceil(v * (1 + t)), infinity: Infinity, high: f.high ?? Infinity };
  return { low: low[lowRule], high: high[highRule] };
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
