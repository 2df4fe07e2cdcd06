/**
 * The reconciled tables: one row per quantity and one per event, each naming the claim
 * preferred (most reliable source, then most precise) and the spread the sources leave.
 */
import type { EventRow } from '../model.js';
import { dateBounds } from '../validate/dates.js';
import { headlineClaim, type Context, type FigureClaim, type FigureGroup } from './context.js';
import { compareDates, type DateStatus } from './check-dates.js';
import type { Finding } from './findings.js';
import { dateInterval, isCoarse } from './intervals.js';

/** What every reconciled row says of its claims: which was preferred and why, and what stands behind it. */
interface Provenance {
  status: DateStatus;
  preferred_claim: string;
  preferred_source: string;
  preferred_reason: string;
  claims: number;
  sources: number;
  claim_ids: string[];
  source_ids: string[];
  findings: string[];
}

export interface ReconciledFigure extends Provenance {
  key: string;
  measure: string;
  territory: string;
  group: string;
  event: string | null;
  period: string;
  period_start: string | null;
  period_end: string | null;
  unit: string;
  value: number | null;
  qualifier: string;
  value_low: number | null;
  value_high: number | null;
  low: number;
  high: number;
}

export interface ReconciledEvent extends Provenance {
  event: string;
  date: string;
  date_start: string | null;
  date_end: string | null;
  dates: string[];
  title: string;
  summary: string;
  kind: string;
  territories: string[];
  people: string[];
}

const width = (i: { low: number; high: number }) => i.high - i.low;
const byId = (a: { id: string }, b: { id: string }) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
const unique = <T>(items: T[]) => [...new Set(items)];

/** Flags that mark a claim as doubted; such a claim is preferred only when no other is left. */
const DOUBTED = new Set(['uncertain', 'unconfirmed']);

/** Sorts candidates best first (undoubted, most reliable source, most precise) and says why the first won. */
function prefer<T extends { id: string; flag: string | null }>(items: T[], reliability: (t: T) => number, imprecision: (t: T) => number): { best: T; reason: string } {
  const doubted = (t: T) => (t.flag !== null && DOUBTED.has(t.flag) ? 1 : 0);
  const sorted = [...items].sort((a, b) => doubted(a) - doubted(b) || reliability(b) - reliability(a) || imprecision(a) - imprecision(b) || byId(a, b));
  const best = sorted[0]!;
  if (sorted.length === 1) return { best, reason: 'only claim' };
  if (doubted(best)) return { best, reason: 'every claim is flagged as doubtful; most reliable of them' };
  const rivals = sorted.filter((t) => !doubted(t) && reliability(t) === reliability(best));
  const undoubted = sorted.some(doubted) ? 'claims not flagged as doubtful; ' : '';
  if (rivals.length === 1) return { best, reason: `${undoubted}most reliable source (grade ${reliability(best)} of 5)` };
  const precise = rivals.filter((t) => imprecision(t) === imprecision(best));
  if (precise.length === 1) return { best, reason: `${undoubted}most precise among the most reliable sources (grade ${reliability(best)} of 5)` };
  return { best, reason: `${undoubted}equally reliable and precise claims (grade ${reliability(best)} of 5); first by claim id` };
}

function findingsBySubject(findings: Finding[]): Map<string, string[]> {
  const out = new Map<string, string[]>();
  for (const f of findings) {
    for (const c of f.claims) out.set(c.id, unique([...(out.get(c.id) ?? []), f.key]));
  }
  return out;
}

function figureStatus(claims: FigureClaim[]): DateStatus {
  if (claims.length === 1) return 'single';
  const [first] = claims;
  const identical = claims.every((c) => c.row.qualifier === first!.row.qualifier && c.row.value === first!.row.value && c.row.low === first!.row.low && c.row.high === first!.row.high);
  if (identical) return 'agree';
  const common = claims.reduce((a, c) => ({ low: Math.max(a.low, c.interval.low), high: Math.min(a.high, c.interval.high) }), { low: -Infinity, high: Infinity });
  return common.low <= common.high ? 'differ' : 'conflict';
}

export function reconcileFigures(groups: FigureGroup[], findings: Finding[]): ReconciledFigure[] {
  const findingsOf = findingsBySubject(findings);
  return groups
    .map((g): ReconciledFigure => {
      const claims = g.claims.map((c) => ({ ...c, id: c.row.id, flag: c.row.flag }));
      const { best, reason } = prefer(claims, (c) => c.source.reliability, (c) => width(c.interval));
      const numbers = g.claims.flatMap((c) => [c.row.value, c.row.low, c.row.high].filter((v): v is number => v !== null));
      const bounds = dateBounds(best.row.period);
      return {
        key: g.key,
        measure: g.measure,
        territory: g.territory,
        group: g.group,
        event: best.row.event,
        period: best.row.period,
        period_start: bounds.start || null,
        period_end: bounds.end || null,
        unit: best.row.unit,
        value: best.row.value,
        qualifier: best.row.qualifier,
        value_low: best.row.low,
        value_high: best.row.high,
        low: Math.min(...numbers),
        high: Math.max(...numbers),
        status: figureStatus(g.claims),
        preferred_claim: best.row.id,
        preferred_source: best.row.source,
        preferred_reason: reason,
        claims: g.claims.length,
        sources: unique(g.claims.map((c) => c.row.source)).length,
        claim_ids: g.claims.map((c) => c.row.id).sort(),
        source_ids: unique(g.claims.map((c) => c.row.source)).sort(),
        findings: unique(g.claims.flatMap((c) => findingsOf.get(c.row.id) ?? [])).sort(),
      };
    })
    .sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
}

export function reconcileEvents(ctx: Context, findings: Finding[]): ReconciledEvent[] {
  const findingsOf = findingsBySubject(findings);
  const territoryOrder = new Map(ctx.record.territories.map((t, i) => [t.id, i]));
  return [...ctx.events]
    .map(([event, claims]): ReconciledEvent => {
      const reliability = (e: EventRow) => ctx.sources.get(e.source)?.reliability ?? 0;
      const imprecision = (e: EventRow) => width(dateInterval(e.date, ctx.settings)) + (isCoarse(e.date) ? 0.5 : 0);
      const { best, reason } = prefer(claims, reliability, imprecision);
      const bounds = dateBounds(best.date);
      const headline = headlineClaim(ctx, claims);
      const ordered = [...claims].sort((a, b) => dateInterval(a.date, ctx.settings).low - dateInterval(b.date, ctx.settings).low || byId(a, b));
      return {
        event,
        date: best.date,
        date_start: bounds.start || null,
        date_end: bounds.end || null,
        dates: unique(ordered.map((c) => c.date)),
        title: headline.title,
        summary: headline.summary,
        kind: headline.kind,
        territories: unique(claims.flatMap((c) => c.territories)).sort((a, b) => (territoryOrder.get(a) ?? 0) - (territoryOrder.get(b) ?? 0)),
        people: unique(claims.flatMap((c) => c.people ?? [])).sort(),
        status: compareDates(ctx, claims),
        preferred_claim: best.id,
        preferred_source: best.source,
        preferred_reason: reason,
        claims: claims.length,
        sources: unique(claims.map((c) => c.source)).length,
        claim_ids: claims.map((c) => c.id).sort(),
        source_ids: unique(claims.map((c) => c.source)).sort(),
        findings: unique(claims.flatMap((c) => findingsOf.get(c.id) ?? [])).sort(),
      };
    })
    .sort((a, b) => (a.date_start ?? '').localeCompare(b.date_start ?? '') || (a.date_end ?? '').localeCompare(b.date_end ?? '') || (a.event < b.event ? -1 : 1));
}
