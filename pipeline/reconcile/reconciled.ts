/**
 * The reconciled tables: one row per quantity and one per event, each naming the claim
 * published (by the preference rule of prefer.ts), why, what it rests on, and how settled it is.
 * Each row reads alone: labels and titles stand beside the ids.
 */
import type { EventRow } from '../model.js';
import { dateBounds } from '../validate/dates.js';
import { headlineOf, type Context, type FigureClaim, type FigureGroup } from './context.js';
import { compareDates, type DateStatus } from './check-dates.js';
import { finiteOrNull, type Finding } from './findings.js';
import { dateInterval, isCoarse, statedFigure } from './intervals.js';
import { prefer, spanOf, type Candidate, type Choice, type Ruling } from './prefer.js';

/** What every reconciled row says of its claims: which was published and why, what stands behind it, how settled it is. */
interface Provenance {
  status: DateStatus;
  settledness: string;
  /** Empty when the rule left a tie. */
  preferred_claim: string | null;
  preferred_source: string | null;
  preferred_source_title: string | null;
  /** Grade of the underlying document (the source's own, or of the document it derives from). */
  preferred_grade: number | null;
  preferred_evidence: string | null;
  preferred_flag: string | null;
  preferred_reason: string;
  claims: number;
  sources: number;
  /** Independent underlying documents among the sources. */
  witnesses: number;
  claim_ids: string[];
  source_ids: string[];
  findings: string[];
}

export interface ReconciledFigure extends Provenance {
  key: string;
  measure: string;
  measure_label: string;
  territory: string;
  territory_name: string;
  population_group: string;
  group_label: string;
  event: string | null;
  event_title: string | null;
  period: string;
  period_start: string | null;
  period_end: string | null;
  unit: string;
  /** As the published claim states it: "more than 20,000", "14,000–15,500". */
  stated: string;
  value: number | null;
  qualifier: string;
  value_low: number | null;
  value_high: number | null;
  /** A number to sum or compare: the value, the middle of a range, the bound of an open claim. */
  central: number;
  /** The interval the published value stands for; interval_high empty and open_above true when it has no upper bound. */
  interval_low: number;
  interval_high: number | null;
  open_above: boolean;
  low: number;
  high: number;
}

export interface ReconciledEvent extends Provenance {
  event: string;
  title: string;
  date: string;
  date_start: string | null;
  date_end: string | null;
  dates: string[];
  summary: string;
  kind: string;
  part_of: string | null;
  part_of_title: string | null;
  territories: string[];
  territory_names: string[];
  people: string[];
}

const byId = (a: { id: string }, b: { id: string }) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
const unique = <T>(items: T[]) => [...new Set(items)];

/** The keys of the findings each claim is part of, by claim id: found once per reconcile, for the figures and the events alike. */
export function findingsBySubject(findings: Finding[]): Map<string, string[]> {
  const out = new Map<string, string[]>();
  for (const f of findings) {
    for (const c of f.claims) {
      const keys = out.get(c.id);
      if (!keys) out.set(c.id, [f.key]);
      else if (!keys.includes(f.key)) keys.push(f.key);
    }
  }
  return out;
}

/**
 * The ruling that prefers one of a quantity's or an event's claims, if an editor gave one on a
 * finding that involves them: the first such review, in the order of the reviews. Reviews that
 * prefer a claim are few; they are indexed by that claim, so that a quantity of thousands of
 * claims is looked through once, without a set of its ids.
 */
function rulings(ctx: Context, findingsOf: Map<string, string[]>): (claims: { id: string }[]) => Ruling | undefined {
  const preferring = new Map<string, number[]>();
  ctx.record.reviews.forEach((r, i) => {
    if (r.preferred) preferring.set(r.preferred, [...(preferring.get(r.preferred) ?? []), i]);
  });
  return (claims) => {
    const offered: number[] = [];
    for (const c of claims) for (const i of preferring.get(c.id) ?? []) offered.push(i);
    if (offered.length === 0) return undefined;
    const keys = new Set<string>();
    for (const c of claims) for (const k of findingsOf.get(c.id) ?? []) keys.add(k);
    const review = offered
      .sort((a, b) => a - b)
      .map((i) => ctx.record.reviews[i]!)
      .find((r) => keys.has(r.finding));
    return review ? { claim: review.preferred!, finding: review.finding } : undefined;
  };
}

function figureStatus(claims: FigureClaim[]): DateStatus {
  if (claims.length === 1) return 'single';
  const [first] = claims;
  const identical = claims.every((c) => c.row.qualifier === first!.row.qualifier && c.row.value === first!.row.value && c.row.low === first!.row.low && c.row.high === first!.row.high);
  if (identical) return 'agree';
  const common = claims.reduce((a, c) => ({ low: Math.max(a.low, c.interval.low), high: Math.min(a.high, c.interval.high) }), { low: -Infinity, high: Infinity });
  return common.low <= common.high ? 'differ' : 'conflict';
}

function provenance<T extends Candidate>(ctx: Context, choice: Choice<T>, claims: T[], sourceOf: (c: T) => string, findingsOf: Map<string, string[]>, status: DateStatus): Provenance {
  const one = choice.tie ? undefined : choice.best[0]!;
  const source = one && ctx.sources.get(sourceOf(one))!;
  const sources = new Set<string>();
  const findings = new Set<string>();
  for (const c of claims) {
    sources.add(sourceOf(c));
    for (const k of findingsOf.get(c.id) ?? []) findings.add(k);
  }
  return {
    status,
    settledness: choice.settledness,
    preferred_claim: one?.id ?? null,
    preferred_source: one ? sourceOf(one) : null,
    preferred_source_title: source?.title ?? null,
    preferred_grade: one?.weight.grade ?? null,
    preferred_evidence: one?.evidence ?? null,
    preferred_flag: one?.flag ?? null,
    preferred_reason: choice.reason,
    claims: claims.length,
    sources: sources.size,
    witnesses: choice.witnesses,
    claim_ids: claims.map((c) => c.id).sort(),
    source_ids: [...sources].sort(),
    findings: [...findings].sort(),
  };
}


const figureSource = (c: FigureClaim) => c.row.source;

/** The lowest and highest number the claims state, bounds of ranges included. */
function statedExtremes(claims: FigureClaim[]): { low: number; high: number } {
  let [low, high] = [Infinity, -Infinity];
  for (const { row } of claims) {
    for (const n of [row.value, row.low, row.high]) {
      if (n === null) continue;
      if (n < low) low = n;
      if (n > high) high = n;
    }
  }
  return { low, high };
}

export function reconcileFigures(ctx: Context, groups: FigureGroup[], findingsOf: Map<string, string[]>): ReconciledFigure[] {
  const rulingFor = rulings(ctx, findingsOf);
  return groups
    .map((g): ReconciledFigure => {
      const claims = g.claims;
      const choice = prefer(claims, ctx.settings, rulingFor(claims));
      const first = choice.best[0]!;
      const span = spanOf(choice.best);
      const row = choice.tie ? { value: null, qualifier: 'range', low: span.low, high: finiteOrNull(span.high) } : first.row;
      const numbers = statedExtremes(claims);
      const bounds = dateBounds(first.row.period);
      const event = ctx.events.get(g.time) ? g.time : null;
      const central = row.value ?? (row.low !== null && row.high !== null ? Math.round((row.low + row.high) / 2) : (row.low ?? span.low));
      return {
        key: g.key,
        measure: g.measure,
        measure_label: ctx.measures.get(g.measure)?.label ?? g.measure,
        territory: g.territory,
        territory_name: ctx.territories.get(g.territory)?.name ?? g.territory,
        population_group: g.group,
        group_label: ctx.groups.get(g.group)?.label ?? g.group,
        event,
        event_title: event && headlineOf(ctx, event)!.title,
        period: first.row.period,
        period_start: bounds.start || null,
        period_end: bounds.end || null,
        unit: first.row.unit,
        stated: choice.tie ? `${statedFigure({ qualifier: 'range', value: null, low: span.low, high: finiteOrNull(span.high) ?? span.low })} (tie)` : first.stated,
        value: row.value,
        qualifier: row.qualifier,
        value_low: row.low,
        value_high: row.high,
        central,
        interval_low: span.low,
        interval_high: finiteOrNull(span.high),
        open_above: !Number.isFinite(span.high),
        low: numbers.low,
        high: numbers.high,
        ...provenance(ctx, choice, claims, figureSource, findingsOf, figureStatus(claims)),
      };
    })
    .sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
}

const toIso = (day: number) => new Date(day * 86_400_000).toISOString().slice(0, 10);

export function reconcileEvents(ctx: Context, findingsOf: Map<string, string[]>): ReconciledEvent[] {
  const rulingFor = rulings(ctx, findingsOf);
  const territoryOrder = new Map(ctx.record.territories.map((t, i) => [t.id, i]));
  return [...ctx.events]
    .map(([event, rows]): ReconciledEvent => {
      const claims = rows.map((e) => {
        const weight = ctx.weights.get(e.source)!;
        const interval = dateInterval(e.date, ctx.settings);
        return { ...e, stated: e.date, interval, evidence: e.evidence ?? weight.evidence, weight, width: interval.high - interval.low + (isCoarse(e.date) ? 0.5 : 0) };
      });
      const choice = prefer(claims, ctx.settings, rulingFor(claims));
      const span = spanOf(choice.best);
      const date = choice.tie ? `${toIso(span.low)}/${toIso(span.high)}` : choice.best[0]!.date;
      const bounds = dateBounds(date);
      const headline = headlineOf(ctx, event)!;
      const ordered = [...rows].sort((a, b) => dateInterval(a.date, ctx.settings).low - dateInterval(b.date, ctx.settings).low || byId(a, b));
      const territories = unique(rows.flatMap((c) => c.territories)).sort((a, b) => (territoryOrder.get(a) ?? 0) - (territoryOrder.get(b) ?? 0));
      const whole = rows[0]!.part_of;
      return {
        event,
        title: headline.title,
        date,
        date_start: bounds.start || null,
        date_end: bounds.end || null,
        dates: unique(ordered.map((c) => c.date)),
        summary: headline.summary,
        kind: headline.kind,
        part_of: whole,
        part_of_title: (whole && headlineOf(ctx, whole)?.title) ?? null,
        territories,
        territory_names: territories.map((t) => ctx.territories.get(t)?.name ?? t),
        people: unique(rows.flatMap((c) => c.people ?? [])).sort(),
        ...provenance(ctx, choice, claims, (c) => c.source, findingsOf, compareDates(ctx, rows as EventRow[])),
      };
    })
    .sort((a, b) => (a.date_start ?? '').localeCompare(b.date_start ?? '') || (a.date_end ?? '').localeCompare(b.date_end ?? '') || (a.event < b.event ? -1 : 1));
}
