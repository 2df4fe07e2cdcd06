/**
 * What every check needs to know about the record: rows by id, the hierarchies as ancestor
 * lists, and how to name a claim or a quantity in a sentence. Built once per reconcile.
 */
import type { ChronicleRecord, EventRow, Evidence, FigureRow, GroupRow, MeasureRow, SourceRow, TerritoryRow } from '../model.js';
import { formatDate } from '../util/format.js';
import { weighSources, type Weight } from './evidence.js';
import { dateInterval, figureInterval, isCoarse, statedFigure, type Interval } from './intervals.js';
import type { Candidate } from './prefer.js';
import type { Settings } from './settings.js';

/**
 * A figure row as a claim, and a candidate for the preference rule (prefer.ts) as it is: a
 * register's million claims are each made once, with their stated figure worded once.
 */
export interface FigureClaim extends Interval {
  row: FigureRow;
  id: string;
  flag: string | null;
  source: SourceRow;
  /** What the claim rests on: its own evidence, else its source's. */
  evidence: Evidence;
  /** The underlying document(s) and their grade. */
  weight: Weight;
  /** "more than 90,000": the figure as its source states it. */
  stated: string;
  /** Imprecision: the width of the interval. */
  width: number;
  /**
   * Where in the source, and the lowest and highest number the claim states (its value or its
   * range's ends; Infinity and -Infinity when it states none): read from the row once, as the claim
   * is made, so that later passes over a register's claims need not visit each row again, scattered
   * as the rows are over the heap.
   */
  locator: string;
  statedLow: number;
  statedHigh: number;
}

/** Claims with the same measure, territory, group and time (the event, else the period). */
export interface FigureGroup {
  key: string;
  measure: string;
  territory: string;
  group: string;
  /** The event id, or the period when the claims name no event. */
  time: string;
  /** Envelope of the claims' periods: all the time any claim may speak of. */
  span: Interval;
  /** Intersection of the claims' periods: the time every claim speaks of; null when they share none. */
  core: Interval | null;
  claims: FigureClaim[];
}

export interface Context {
  record: ChronicleRecord;
  settings: Settings;
  sources: Map<string, SourceRow>;
  measures: Map<string, MeasureRow>;
  territories: Map<string, TerritoryRow>;
  groups: Map<string, GroupRow>;
  /** What each source's claims weigh: the underlying documents and their grade. */
  weights: Map<string, Weight>;
  /** Claims about each event, by event id. */
  events: Map<string, EventRow[]>;
  /** Each event's headline claim (headlineClaim), found once: sentences and reconciled rows ask for it again and again. */
  headlines: Map<string, EventRow>;
  /** Self first, then parent, grandparent... for each hierarchy. */
  ancestors: { measures: Map<string, string[]>; territories: Map<string, string[]>; groups: Map<string, string[]>; events: Map<string, string[]> };
}

const byId = <T extends { id: string }>(rows: T[]) => new Map(rows.map((r) => [r.id, r]));

function ancestorLists<T extends { id: string }>(rows: T[], up: (r: T) => string | null): Map<string, string[]> {
  const parent = new Map(rows.map((r) => [r.id, up(r)]));
  const out = new Map<string, string[]>();
  for (const r of rows) {
    const chain = [r.id];
    let next = parent.get(r.id);
    // The validator rejects loops; the length bound only guards against a tree it never saw.
    while (next && chain.length <= rows.length) {
      chain.push(next);
      next = parent.get(next);
    }
    out.set(r.id, chain);
  }
  return out;
}

export function createContext(record: ChronicleRecord, settings: Settings): Context {
  const events = new Map<string, EventRow[]>();
  for (const e of record.events) {
    const list = events.get(e.event) ?? [];
    list.push(e);
    events.set(e.event, list);
  }
  return {
    record,
    settings,
    sources: byId(record.sources),
    measures: byId(record.measures),
    territories: byId(record.territories),
    groups: byId(record.groups),
    weights: weighSources(record.sources),
    events,
    headlines: new Map(),
    ancestors: {
      measures: ancestorLists(record.measures, (m) => m.broader),
      territories: ancestorLists(record.territories, (t) => t.parent),
      groups: ancestorLists(record.groups, (g) => g.parent),
      // Every claim of an event names the same whole (the validator checks it): the first speaks for all.
      events: ancestorLists([...events].map(([id, claims]) => ({ id, whole: claims[0]!.part_of })), (e) => e.whole),
    },
  };
}

export const figureKey = (f: Pick<FigureRow, 'measure' | 'territory' | 'group' | 'event' | 'period'>) => [f.measure, f.territory, f.group, f.event ?? f.period].join('|');

/** A figure row as a claim: the interval its qualifier gives (its own low and high), and what it rests on. */
export function figureClaim(ctx: Context, row: FigureRow): FigureClaim {
  const weight = ctx.weights.get(row.source)!;
  const evidence = row.evidence ?? weight.evidence;
  const { low, high } = figureInterval(row, ctx.settings, evidence);
  let [statedLow, statedHigh] = [Infinity, -Infinity];
  for (const n of [row.value, row.low, row.high]) {
    if (n === null) continue;
    if (n < statedLow) statedLow = n;
    if (n > statedHigh) statedHigh = n;
  }
  return { row, id: row.id, flag: row.flag, low, high, source: ctx.sources.get(row.source)!, evidence, weight, stated: statedFigure(row), width: high - low, locator: row.locator, statedLow, statedHigh };
}

/** The lowest and highest number the claims state, bounds of ranges included. */
export function statedExtremes(claims: FigureClaim[]): Interval {
  let [low, high] = [Infinity, -Infinity];
  for (const c of claims) {
    if (c.statedLow < low) low = c.statedLow;
    if (c.statedHigh > high) high = c.statedHigh;
  }
  return { low, high };
}

/**
 * Groups the figure claims by key, in the order keys first appear. A register may hold a million
 * claims: the key is looked up by its parts (no string made per claim), and a claim holds only its
 * row, its interval and what it rests on.
 */
export function groupFigures(ctx: Context): FigureGroup[] {
  const groups: FigureGroup[] = [];
  const byParts = new Map<string, Map<string, Map<string, Map<string, FigureGroup>>>>();
  const at = <V>(map: Map<string, V>, key: string, make: () => V): V => {
    let v = map.get(key);
    if (v === undefined) map.set(key, (v = make()));
    return v;
  };
  // A register's claims name a few hundred periods: each is read as days once.
  const periods = new Map<string, Interval>();
  for (const row of ctx.record.figures) {
    const claim = figureClaim(ctx, row);
    const timeKey = row.event ?? row.period;
    const byTime = at(at(at(byParts, row.measure, () => new Map()), row.territory, () => new Map()), row.group, () => new Map<string, FigureGroup>());
    const group = byTime.get(timeKey);
    const { low, high } = at(periods, row.period, () => dateInterval(row.period, ctx.settings));
    if (group) {
      group.claims.push(claim);
      if (low < group.span.low || high > group.span.high) group.span = { low: Math.min(group.span.low, low), high: Math.max(group.span.high, high) };
      if (group.core && (low > group.core.low || high < group.core.high)) {
        const core = { low: Math.max(group.core.low, low), high: Math.min(group.core.high, high) };
        group.core = core.low <= core.high ? core : null;
      }
    } else {
      const g: FigureGroup = { key: figureKey(row), measure: row.measure, territory: row.territory, group: row.group, time: timeKey, span: { low, high }, core: { low, high }, claims: [claim] };
      byTime.set(timeKey, g);
      groups.push(g);
    }
  }
  return groups;
}

/** "(celotajs, par. 3)" */
export const cite = (row: { source: string; locator: string }) => `(${row.source}, ${row.locator})`;

/**
 * The claim whose title and summary stand for the event: the one the editors chose, with their
 * reason in its headline; failing that, one with the title most claims use
 * (claims about a facet of an event often carry their own title); of those, one about the whole
 * event, that is, about as many of the event's territories as any (a claim about the Baltic
 * states speaks for Latvia too, one about Estonia alone does not: its summary would tell a reader
 * of Latvia's handout only of Estonia); then the most reliable.
 */
export function headlineClaim(ctx: Context, claims: EventRow[]): EventRow {
  // The editors' choice, with its reason (validation allows one per event).
  const chosen = claims.find((c) => c.headline !== null);
  if (chosen) return chosen;
  const uses = new Map<string, number>();
  for (const c of claims) uses.set(c.title, (uses.get(c.title) ?? 0) + 1);
  const territories = [...new Set(claims.flatMap((c) => c.territories))];
  const reach = new Map(claims.map((c) => [c, territories.filter((t) => (ctx.ancestors.territories.get(t) ?? [t]).some((a) => c.territories.includes(a))).length]));
  const reliability = (e: EventRow) => ctx.sources.get(e.source)?.reliability ?? 0;
  return [...claims].sort((a, b) => uses.get(b.title)! - uses.get(a.title)! || reach.get(b)! - reach.get(a)! || reliability(b) - reliability(a) || (a.id < b.id ? -1 : 1))[0]!;
}

/** The headline claim of an event of the record; undefined for an id that is no event. */
export function headlineOf(ctx: Context, event: string): EventRow | undefined {
  let headline = ctx.headlines.get(event);
  if (headline) return headline;
  const claims = ctx.events.get(event);
  if (!claims) return undefined;
  ctx.headlines.set(event, (headline = headlineClaim(ctx, claims)));
  return headline;
}

export const eventTitle = (ctx: Context, event: string): string => headlineOf(ctx, event)?.title ?? event;

/** An event's claim as the preference rule (prefer.ts) weighs it: its date as an interval of days. */
export type DateClaim = EventRow & Candidate;

export function dateClaims(ctx: Context, rows: EventRow[]): DateClaim[] {
  return rows.map((e) => {
    const weight = ctx.weights.get(e.source)!;
    const { low, high } = dateInterval(e.date, ctx.settings);
    // A month is less precise than the span of its days given day by day.
    return { ...e, stated: e.date, low, high, evidence: e.evidence ?? weight.evidence, weight, width: high - low + (isCoarse(e.date) ? 0.5 : 0) };
  });
}

/** "deported, Latvia, children, in June deportation" — what a figure group counts, in words. */
export function describeGroup(ctx: Context, g: Pick<FigureGroup, 'measure' | 'territory' | 'group' | 'time'> & { event?: boolean }): string {
  const measure = ctx.measures.get(g.measure)?.label.toLowerCase() ?? g.measure;
  const territory = ctx.territories.get(g.territory)?.name ?? g.territory;
  const group = g.group === 'all' ? '' : `, ${ctx.groups.get(g.group)?.label.toLowerCase() ?? g.group}`;
  const time = ctx.events.has(g.time) ? `in the event "${eventTitle(ctx, g.time)}"` : formatDate(g.time);
  return `${measure} (${territory}${group}), ${time}`;
}
