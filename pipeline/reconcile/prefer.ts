/**
 * The preference rule (sources/reconcile.json, preference): which claim's value or date is
 * published for a quantity or an event, and why. Each step keeps the best candidates by its test;
 * the first step that leaves one decides. What is left after every step is a tie, never broken
 * by claim id. Then, how settled the published value is (settledness).
 */
import type { Evidence } from '../model.js';
import { countWitnesses, type Weight } from './evidence.js';
import { meets, supportInterval, type Interval } from './intervals.js';
import type { PreferenceStep, Settings, SettlednessTest } from './settings.js';

/**
 * A claim as the preference rule weighs it. Its `low` and `high` are what it allows (values for a
 * figure, days for a date): the claim is its own interval, so that a register's million claims
 * do not each carry a second object.
 */
export interface Candidate extends Interval {
  id: string;
  flag: string | null;
  /** How the claim reads, so that claims stating the same thing are not a tie. */
  stated: string;
  evidence: Evidence;
  weight: Weight;
  /** Imprecision: the narrower, the better. */
  width: number;
}

export interface Choice<T> {
  /** The claims published: one, or several that state the same, or the tied claims. */
  best: T[];
  tie: boolean;
  reason: string;
  /** Independent documents among all the claims. */
  witnesses: number;
  settledness: string;
}

export interface Ruling {
  claim: string;
  finding: string;
}

export const isDoubtful = (c: Pick<Candidate, 'flag'>, settings: Settings) => c.flag !== null && settings.preference.doubtfulFlags.includes(c.flag);
/** A weak host is doubted when choosing, but readers are told it is weak rather than questioned. */
const isWeak = (c: Candidate, settings: Settings) => c.flag !== null && settings.settledness.weakFlags.includes(c.flag);

/** The last index of `sorted` (ascending) whose value is at most `x`; -1 when none is. */
function lastAtMost(sorted: number[], x: number): number {
  let [lo, hi] = [0, sorted.length - 1];
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (sorted[mid]! <= x) lo = mid + 1;
    else hi = mid - 1;
  }
  return hi;
}

/**
 * For each candidate, the independent documents among itself and the undoubted claims whose
 * intervals meet its own (open bounds reaching only so far). The count depends only on which
 * sets of underlying documents are among them, so the undoubted claims are grouped by that set,
 * and for each set one binary search says whether any of its intervals meets: the work grows
 * with the claims times the sources that make them, not with the square of the claims (a
 * register of 100,000 claims spent most of its reconciliation here).
 */
export function supportCounts<T extends Candidate>(pool: T[], undoubted: T[], reach: number): number[] {
  const bySet = new Map<string, { documents: string[]; spans: Interval[] }>();
  for (const o of undoubted) {
    const key = o.weight.documents.join('\0');
    let entry = bySet.get(key);
    if (!entry) bySet.set(key, (entry = { documents: o.weight.documents, spans: [] }));
    entry.spans.push(supportInterval(o, reach));
  }
  const sets = [...bySet.values()].map(({ documents, spans }) => {
    spans.sort((a, b) => (a.low < b.low ? -1 : a.low > b.low ? 1 : 0));
    // highest[i]: the highest upper bound among the intervals up to i, so that "any of the first i+1 reaches x" is one comparison.
    let highest = -Infinity;
    return { documents, lows: spans.map((o) => o.low), highest: spans.map((o) => (highest = Math.max(highest, o.high))) };
  });
  // Claims with the same documents meeting the same sets have the same count: it is counted once
  // per such pair (a quantity of thousands of claims has a handful), not once per claim.
  const counted = new Map<string[], Map<string, number>>();
  // By position in the pool, not in a map keyed by the claims: a million claim objects as keys cost
  // a hash each, and a lookup that misses the caches.
  const counts = new Array<number>(pool.length);
  for (let p = 0; p < pool.length; p++) {
    const c = pool[p]!;
    const own = supportInterval(c, reach);
    const documents = [c.weight.documents];
    let meeting = '';
    for (let k = 0; k < sets.length; k++) {
      const set = sets[k]!;
      const i = lastAtMost(set.lows, own.high);
      if (i < 0 || set.highest[i]! < own.low) continue;
      documents.push(set.documents);
      meeting += `${k},`;
    }
    let byMeeting = counted.get(c.weight.documents);
    if (!byMeeting) counted.set(c.weight.documents, (byMeeting = new Map()));
    let n = byMeeting.get(meeting);
    if (n === undefined) byMeeting.set(meeting, (n = countWitnesses(documents)));
    counts[p] = n;
  }
  return counts;
}

type Step<T> = (pool: T[]) => { keep: T[]; reason: string } | undefined;

function steps<T extends Candidate>(items: T[], settings: Settings, ruling: Ruling | undefined): Record<PreferenceStep, Step<T>> {
  const p = settings.preference;
  const undoubted = items.filter((c) => !isDoubtful(c, settings));
  const best = (pool: T[], score: (c: T) => number) => {
    // A loop, not Math.max(...): a spread of a large register's claims overflows the stack.
    const top = pool.reduce((m, c) => Math.max(m, score(c)), -Infinity);
    return pool.filter((c) => score(c) === top);
  };
  return {
    ruling: (pool) => {
      const chosen = ruling && pool.find((c) => c.id === ruling.claim);
      return chosen ? { keep: [chosen], reason: `editor's ruling on finding ${ruling.finding}` } : undefined;
    },
    doubt: (pool) => {
      const keep = pool.filter((c) => !isDoubtful(c, settings));
      return keep.length > 0 ? { keep, reason: 'claims not flagged as doubtful' } : undefined;
    },
    agreement: (pool) => {
      const scores = supportCounts(pool, undoubted, p.openReach);
      const keep = pool.filter((_, i) => scores[i]! >= p.agreeing);
      return keep.length > 0 ? { keep, reason: `agreement: ${p.agreeing} or more independent sources agree, over claims no other source supports` } : undefined;
    },
    evidence: (pool) => {
      const keep = best(pool, (c) => -p.evidence.indexOf(c.evidence));
      return { keep, reason: `evidence: ${keep[0]!.evidence}` };
    },
    grade: (pool) => {
      const keep = best(pool, (c) => c.weight.grade);
      return { keep, reason: `underlying document graded ${keep[0]!.weight.grade} of 5` };
    },
    precision: (pool) => ({ keep: best(pool, (c) => -c.width), reason: 'most precise' }),
  };
}

/**
 * Of claims that state the same value, the one cited: undoubted first, then the best-graded
 * underlying document (the value is agreed, so the question is only which document to point a
 * reader to), then the strongest evidence, then precision.
 */
function strongestFirst<T extends Candidate>(claims: T[], settings: Settings): T[] {
  const rank = (c: T) => [isDoubtful(c, settings) ? 1 : 0, -c.weight.grade, settings.preference.evidence.indexOf(c.evidence), c.width];
  return [...claims].sort((a, b) => {
    const [x, y] = [rank(a), rank(b)];
    const i = x.findIndex((v, k) => v !== y[k]);
    return i === -1 ? (a.id < b.id ? -1 : 1) : x[i]! - y[i]!;
  });
}

const sameClaim = (a: Candidate, b: Candidate) => a.stated === b.stated && a.low === b.low && a.high === b.high;

export function prefer<T extends Candidate>(items: T[], settings: Settings, ruling?: Ruling): Choice<T> {
  const rules = steps(items, settings, ruling);
  let pool = items;
  const reasons: string[] = [];
  for (const name of settings.preference.order) {
    if (pool.length === 1 || pool.every((c) => sameClaim(c, pool[0]!))) break;
    const result = rules[name](pool);
    if (!result || result.keep.length === pool.length) continue;
    pool = result.keep;
    reasons.push(result.reason);
  }
  const tie = !pool.every((c) => sameClaim(c, pool[0]!));
  // Of the claims that state the value published, the strongest stands for them (ties of strength go to the first id: the value is the same).
  if (!tie) pool = strongestFirst(items.filter((c) => sameClaim(c, pool[0]!)), settings);
  const same = pool.length > 1 && !tie ? `${pool.length} claims state the same` : '';
  const reason = items.length === 1 ? 'only claim' : tie ? `tie: ${pool.map((c) => c.id).join(', ')} are equal on every step (${settings.preference.order.join(', ')})${reasons.length ? ` after ${reasons.join('; ')}` : ''}` : [...reasons, same].filter(Boolean).join('; ');
  const witnesses = countWitnesses(items.map((c) => c.weight.documents));
  return { best: pool, tie, reason, witnesses, settledness: settle(items, pool, tie, witnesses, settings) };
}

/** The span the published claims allow together: the claim's own interval, or the envelope of tied claims. */
export function spanOf(claims: Candidate[]): Interval {
  const span = { low: Infinity, high: -Infinity };
  for (const c of claims) {
    if (c.low < span.low) span.low = c.low;
    if (c.high > span.high) span.high = c.high;
  }
  return span;
}

function settle(items: Candidate[], best: Candidate[], tie: boolean, witnesses: number, settings: Settings): string {
  const published = spanOf(best);
  const theirs = new Set(best.flatMap((c) => c.weight.documents));
  // The value rests on the claim cited for it (or on every tied claim): a weak or flagged claim
  // that merely agrees with a stronger one does not make the value weak or doubtful.
  const resting = tie ? best : best.slice(0, 1);
  const tests: Record<SettlednessTest, () => boolean> = {
    'doubtful-flag': () => resting.some((c) => isDoubtful(c, settings) && !isWeak(c, settings)),
    'weak-document': () => resting.some((c) => c.weight.grade <= settings.settledness.weakGrade || isWeak(c, settings)),
    'one-witness': () => witnesses <= 1,
    conflict: () => items.some((c) => !isDoubtful(c, settings) && !c.weight.documents.some((d) => theirs.has(d)) && !meets(c, published)),
    tie: () => tie,
    always: () => true,
  };
  return settings.settledness.levels.find((level) => level.when.some((t) => tests[t]()))?.value ?? '';
}
