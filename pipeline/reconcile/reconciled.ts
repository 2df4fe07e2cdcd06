/**
 * The reconciled tables: one row per quantity and one per event, each naming the claim
 * published (by the preference rule of prefer.ts), why, what it rests on, and how settled it is.
 * Each row reads alone: labels and titles stand beside the ids.
 */
import type { EventRow } from '../model.js';
import { dateBounds } from '../validate/dates.js';
import { dateClaims, headlineOf, statedExtremes, type Context, type FigureClaim, type FigureGroup } from './context.js';
import { compareDates, type DateStatus } from './check-dates.js';
import { finiteOrNull, type Finding, type FindingClaim, type FindingKind } from './findings.js';
import { dateInterval, statedFigure, type Interval } from './intervals.js';
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
  /** The claim whose summary (and kind) is given: the editors' choice or the rule's (context.ts, headlineClaim). */
  summary_claim: string;
  kind: string;
  part_of: string | null;
  part_of_title: string | null;
  territories: string[];
  territory_names: string[];
  people: string[];
}

const byId = (a: { id: string }, b: { id: string }) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
const unique = <T>(items: T[]) => [...new Set(items)];

/** Findings that name every claim of their subject, a quantity (check-figures.ts: a disagreement lists all the claims of its quantity). */
const NAMING_EVERY_CLAIM: ReadonlySet<FindingKind> = new Set(['figure-disagreement']);

/**
 * The keys of the findings each claim is part of, found once per reconcile, for the figures and the
 * events alike. A claim is known by its table and id: an event and a figure taken from the same
 * page may share an id, and were once taken for one claim, so that an event listed the findings
 * on figures of the same id and could take a ruling given on one of them. A finding that names
 * every claim of its subject is kept by its subject: kept by claim, it made a map of every claim
 * of every quantity whose sources disagree (two thirds of a synthetic register of 10^6 claims),
 * looked up claim by claim, whose cost grew faster than the claims once the map outgrew the
 * processor's caches.
 */
export class FindingsOf {
  private readonly bySubject = new Map<string, string[]>();
  /** By table, then claim id (looked up by the id itself, whose hash the string keeps). */
  private readonly byClaim: Record<FindingClaim['table'], Map<string, string[]>> = { figures: new Map(), events: new Map() };

  constructor(findings: Finding[]) {
    for (const f of findings) {
      if (NAMING_EVERY_CLAIM.has(f.kind)) add(this.bySubject, f.subject, f.key);
      else for (const c of f.claims) add(this.byClaim[c.table], c.id, f.key);
    }
  }

  /** The keys of the findings that name any of `claims`, the claims in `table` of the quantity or event `subject`. */
  keys(subject: string, table: FindingClaim['table'], claims: { id: string }[]): Set<string> {
    const keys = new Set(table === 'figures' ? this.bySubject.get(subject) : undefined);
    const byClaim = this.byClaim[table];
    if (byClaim.size > 0) for (const c of claims) for (const k of byClaim.get(c.id) ?? []) keys.add(k);
    return keys;
  }
}

function add(map: Map<string, string[]>, at: string, key: string): void {
  const keys = map.get(at);
  if (!keys) map.set(at, [key]);
  else if (!keys.includes(key)) keys.push(key);
}

/**
 * The ruling that prefers one of a quantity's or an event's claims, if an editor gave one on a
 * finding that involves them: the first such review, in the order of the reviews. Reviews that
 * prefer a claim are few; they are indexed by that claim, so that a quantity of thousands of
 * claims is looked through once, without a set of its ids.
 */
function rulings(ctx: Context, findingsOf: FindingsOf, table: FindingClaim['table']): (subject: string, claims: { id: string }[]) => Ruling | undefined {
  const preferring = new Map<string, number[]>();
  ctx.record.reviews.forEach((r, i) => {
    if (r.preferred) preferring.set(r.preferred, [...(preferring.get(r.preferred) ?? []), i]);
  });
  return (subject, claims) => {
    const offered: number[] = [];
    for (const c of claims) for (const i of preferring.get(c.id) ?? []) offered.push(i);
    if (offered.length === 0) return undefined;
    const keys = findingsOf.keys(subject, table, claims);
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
  let [low, high] = [-Infinity, Infinity];
  for (const c of claims) {
    if (c.low > low) low = c.low;
    if (c.high < high) high = c.high;
  }
  return low <= high ? 'differ' : 'conflict';
}

function provenance<T extends Candidate>(ctx: Context, choice: Choice<T>, [table, subject]: [FindingClaim['table'], string], claims: T[], sourceOf: (c: T) => string, findingsOf: FindingsOf, status: DateStatus): Provenance {
  const one = choice.tie ? undefined : choice.best[0]!;
  const source = one && ctx.sources.get(sourceOf(one))!;
  const sources = new Set<string>();
  for (const c of claims) sources.add(sourceOf(c));
  const findings = findingsOf.keys(subject, table, claims);
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


const figureSource = (c: FigureClaim) => c.source.id;

export function reconcileFigures(ctx: Context, groups: FigureGroup[], findingsOf: FindingsOf): ReconciledFigure[] {
  const rulingFor = rulings(ctx, findingsOf, 'figures');
  return groups
    .map((g): ReconciledFigure => {
      const claims = g.claims;
      const choice = prefer(claims, ctx.settings, rulingFor(g.key, claims));
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
        ...provenance(ctx, choice, ['figures', g.key], claims, figureSource, findingsOf, figureStatus(claims)),
      };
    })
    .sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
}

/**
 * The dates of a tie: from the earliest start a tied claim gives to the latest end, each as
 * precisely as its claim states it ("1948-12/1950-12"), rather than as days no source gives.
 */
function tiedDates(best: ({ date: string } & Interval)[]): string {
  const first = best.reduce((a, b) => (b.low < a.low ? b : a));
  const last = best.reduce((a, b) => (b.high > a.high ? b : a));
  const [start, end] = [first.date.split('/')[0]!, last.date.split('/').at(-1)!];
  return start === end ? first.date : `${start}/${end}`;
}

export function reconcileEvents(ctx: Context, findingsOf: FindingsOf): ReconciledEvent[] {
  const rulingFor = rulings(ctx, findingsOf, 'events');
  const territoryOrder = new Map(ctx.record.territories.map((t, i) => [t.id, i]));
  return [...ctx.events]
    .map(([event, rows]): ReconciledEvent => {
      const claims = dateClaims(ctx, rows);
      const choice = prefer(claims, ctx.settings, rulingFor(event, claims));
      const date = choice.tie ? tiedDates(choice.best) : choice.best[0]!.date;
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
        summary_claim: headline.id,
        kind: headline.kind,
        part_of: whole,
        part_of_title: (whole && headlineOf(ctx, whole)?.title) ?? null,
        territories,
        territory_names: territories.map((t) => ctx.territories.get(t)?.name ?? t),
        people: unique(rows.flatMap((c) => c.people ?? [])).sort(),
        ...provenance(ctx, choice, ['events', event], claims, (c) => c.source, findingsOf, compareDates(ctx, rows as EventRow[])),
      };
    })
    .sort((a, b) => (a.date_start ?? '').localeCompare(b.date_start ?? '') || (a.date_end ?? '').localeCompare(b.date_end ?? '') || (a.event < b.event ? -1 : 1));
}
