/** Findings: where claims do not fit together, with the numbers and a sentence for readers. */
import { createHash } from 'node:crypto';
import type { ReviewRow } from '../model.js';

export const FINDING_KINDS = {
  'figure-disagreement': 'Sources give figures for the same quantity that cannot all be true',
  'part-exceeds-whole': 'A figure for a part is larger than a figure for the whole that contains it',
  'sum-mismatch': 'Figures for all the parts of a whole do not add up to a figure for the whole',
  'parts-exceed-total': 'Figures for parts of a whole (the stages of an event, or the events within a period) add up to more than a figure for the whole',
  'date-disagreement': 'Sources give different dates for the same event',
  'finer-date': 'Sources agree on the date of an event, but one gives it more precisely than the date the rule would publish',
  'outside-event': "A figure's period lies outside the dates of the event it belongs to",
  unconfirmed: 'A claim that no other source read confirms',
} as const;
export type FindingKind = keyof typeof FINDING_KINDS;

/**
 * The most claims a finding's sentence names one by one. A quantity or an event of a register may
 * have thousands: a sentence naming each would be read by no one, would not fit in a workbook's
 * cell (32,767 characters at most), and wording a million claims was a sixth of reconciling them.
 * Past it, a sentence gives their number and the two ends; the data lists every one (finding_claims).
 */
export const NAMED_CLAIMS = 20;
export const EVERY_CLAIM_LISTED = 'the data lists every one';

export interface FindingClaim {
  id: string;
  table: 'figures' | 'events';
  source: string;
  locator: string;
  /** The value or date as the source states it. */
  stated: string;
  /** The interval it stands for (days since 1970 for dates); null where unbounded. */
  low: number | null;
  high: number | null;
}

export interface Finding {
  key: string;
  kind: FindingKind;
  severity: 'major' | 'minor';
  /** What the finding is about: a figure key, an event id, or "part > whole". */
  subject: string;
  claims: FindingClaim[];
  /** Sum of parts, where the check adds parts. */
  sum: number | null;
  /** Distance between the intervals that do not meet. */
  gap: number | null;
  /** Spread between the smallest and largest stated figure, in % of the smallest. */
  spread: number | null;
  sentence: string;
  review: Pick<ReviewRow, 'status' | 'note'> | null;
}

/** Stable while the subject stands: the same quantities or event give the same key in every build. */
export function findingKey(kind: FindingKind, subject: string): string {
  return `${kind}-${createHash('sha256').update(subject).digest('hex').slice(0, 10)}`;
}

/** Whether every claim named comes from one source. */
export const fromOneSource = (claims: { source: string }[]) => new Set(claims.map((c) => c.source)).size === 1;

/**
 * How a sentence about an event's differing dates opens, for the findings and for the chronology
 * alike. Dates that all come from one page (a demonstration and the government it brought, a day
 * apart) are not a dispute between sources, and are not called one.
 */
export function dateDifferenceOpening(title: string, status: string, claims: { source: string }[]): string {
  if (fromOneSource(claims)) return `One source gives more than one date for "${title}"`;
  return `Sources ${status === 'conflict' ? 'differ on' : 'give different bounds for'} the date of "${title}"`;
}

export const finiteOrNull = (n: number) => (Number.isFinite(n) ? n : null);
export const toFindingInterval = (i: { low: number; high: number }) => ({ low: finiteOrNull(i.low), high: finiteOrNull(i.high) });

/** Percent with at most two decimals, as a number (so JSON and CSV agree). */
export const percent = (part: number, whole: number) => (whole === 0 ? null : Math.round((part / whole) * 10000) / 100);

export function severityOf(gap: number, base: number, minorSpread: number): 'major' | 'minor' {
  return base > 0 && gap / base < minorSpread ? 'minor' : 'major';
}
