/**
 * Checks on dates: claims about one event that give different dates, and figures whose period
 * lies outside the dates of the event they belong to. Dates compare as intervals of days; a
 * coarse date (a month, a season, an approximate day) that contains a precise one agrees with it.
 */
import { formatDate, formatNumber } from '../util/format.js';
import { cite, dateClaims, describeGroup, eventTitle, figureClaim, figureKey, type Context } from './context.js';
import { isDoubtful, prefer } from './prefer.js';
import { claimOf } from './check-figures.js';
import { dateDifferenceOpening, EVERY_CLAIM_LISTED, findingKey, NAMED_CLAIMS, toFindingInterval, type Finding, type FindingClaim } from './findings.js';
import { dateInterval, isCoarse, meets, same, within, type Interval } from './intervals.js';
import type { EventRow } from '../model.js';

export type DateStatus = 'single' | 'agree' | 'differ' | 'conflict';

/**
 * An event's dates in words, earliest first, each with the claims that give it; past NAMED_CLAIMS
 * claims, their number, the number of dates, and the earliest and latest with the first claim of each.
 */
function datesInWords(byDate: Map<string, EventRow[]>, claims: number): string[] {
  const dates = [...byDate];
  if (claims <= NAMED_CLAIMS) return dates.map(([date, cs]) => `${formatDate(date)} ${cs.map(cite).join(', ')}`);
  const [[first, firstClaims], [last, lastClaims]] = [dates[0]!, dates.at(-1)!];
  return [`${formatNumber(claims)} claims giving ${formatNumber(dates.length)} dates, from ${formatDate(first)} ${cite(firstClaims[0]!)} to ${formatDate(last)} ${cite(lastClaims[0]!)}; ${EVERY_CLAIM_LISTED}`];
}

/** How the dates of one event's claims relate: all the same, compatible but different, or disjoint. */
export function compareDates(ctx: Context, claims: EventRow[]): DateStatus {
  if (claims.length < 2) return 'single';
  let status: DateStatus = 'agree';
  for (let i = 0; i < claims.length; i++)
    for (let j = i + 1; j < claims.length; j++) {
      const [a, b] = [claims[i]!, claims[j]!];
      if (a.date === b.date) continue;
      const [x, y] = [dateInterval(a.date, ctx.settings), dateInterval(b.date, ctx.settings)];
      if (!meets(x, y)) return 'conflict';
      const looser = within(x, y) ? b : within(y, x) ? a : undefined;
      if (!(looser && isCoarse(looser.date)) && !same(x, y)) status = 'differ';
    }
  return status;
}

const eventClaim = (ctx: Context, e: EventRow): FindingClaim => ({ id: e.id, table: 'events', source: e.source, locator: e.locator, stated: e.date, ...toFindingInterval(dateInterval(e.date, ctx.settings)) });

/** A finding about an event's dates: every claim, earliest first, and a sentence that opens as given and lists the dates. */
function datesFinding(ctx: Context, kind: 'date-disagreement' | 'finer-date', event: string, claims: EventRow[], severity: Finding['severity'], opening: string): Finding {
  const byDate = new Map<string, EventRow[]>();
  for (const c of [...claims].sort((a, b) => dateInterval(a.date, ctx.settings).low - dateInterval(b.date, ctx.settings).low || (a.id < b.id ? -1 : 1))) byDate.set(c.date, [...(byDate.get(c.date) ?? []), c]);
  const listed = datesInWords(byDate, claims.length);
  return {
    key: findingKey(kind, event),
    kind,
    severity,
    subject: event,
    claims: [...byDate.values()].flat().map((c) => eventClaim(ctx, c)),
    sum: null,
    gap: null,
    spread: null,
    sentence: `${opening}: ${listed.slice(0, -1).join('; ')}${listed.length > 1 ? ' and ' : ''}${listed.at(-1)}.`,
    review: null,
  };
}

/**
 * Each event's dates, compared once: claims whose dates differ make a date-disagreement. Claims
 * that agree but not on how precisely they give the date make a finer-date finding where the rule
 * (prefer.ts) would publish a coarser date than an undoubted claim gives: "November 1988" from a
 * better-graded source over "16 November 1988" from another. The rule weighs the sources before
 * the precision, so that a day from a weak page never displaces a well-founded month unseen; whether
 * the day is well founded enough to publish is the editors' call, by a ruling that prefers its
 * claim or keeps the coarser date, with the reason. The finding asks the rule without rulings, so
 * that it stands (ruled) once the editors have chosen.
 */
export function checkEventDates(ctx: Context): Finding[] {
  const findings: Finding[] = [];
  for (const [event, claims] of ctx.events) {
    const status = compareDates(ctx, claims);
    if (status === 'differ' || status === 'conflict') findings.push(datesFinding(ctx, 'date-disagreement', event, claims, status === 'conflict' ? 'major' : 'minor', dateDifferenceOpening(eventTitle(ctx, event), status, claims)));
    else if (status === 'agree' && hasFinerDate(ctx, claims)) findings.push(datesFinding(ctx, 'finer-date', event, claims, 'minor', `Sources agree on the date of "${eventTitle(ctx, event)}", but not all give it as precisely`));
  }
  return findings;
}

/** Whether an undoubted claim gives a date inside, and narrower than, the one the rule alone would publish. */
function hasFinerDate(ctx: Context, rows: EventRow[]): boolean {
  const claims = dateClaims(ctx, rows);
  const choice = prefer(claims, ctx.settings);
  if (choice.tie) return false;
  const published = choice.best[0]!;
  return claims.some((c) => !isDoubtful(c, ctx.settings) && within(c, published) && !same(c, published));
}

export function checkFiguresInEvents(ctx: Context): Finding[] {
  const findings: Finding[] = [];
  for (const f of ctx.record.figures) {
    if (!f.event) continue;
    const claims = ctx.events.get(f.event);
    if (!claims) continue;
    const span: Interval = claims.map((c) => dateInterval(c.date, ctx.settings)).reduce((a, b) => ({ low: Math.min(a.low, b.low), high: Math.max(a.high, b.high) }));
    const period = dateInterval(f.period, ctx.settings);
    if (meets(period, span)) continue;
    const subject = `${f.id} in ${f.event}`;
    const key = figureKey(f);
    const [measure, territory, group] = key.split('|') as [string, string, string];
    findings.push({
      key: findingKey('outside-event', subject),
      kind: 'outside-event',
      severity: 'major',
      subject,
      claims: [claimOf(figureClaim(ctx, f)), ...claims.map((c) => eventClaim(ctx, c))],
      sum: null,
      gap: null,
      spread: null,
      sentence: `The figure ${cite(f)} for ${describeGroup(ctx, { measure, territory, group, time: f.period })} covers ${formatDate(f.period)}, outside the dates the sources give for "${eventTitle(ctx, f.event)}" (${[...new Set(claims.map((c) => formatDate(c.date)))].join('; ')}).`,
      review: null,
    });
  }
  return findings;
}

/** Claims an editor marked as not confirmed by any other source read. */
export function checkUnconfirmed(ctx: Context): Finding[] {
  const rows = [...ctx.record.figures, ...ctx.record.events].filter((r) => r.flag === 'unconfirmed');
  return rows.map((r) => {
    const isFigure = 'measure' in r;
    const stated = isFigure ? claimOf(figureClaim(ctx, r)) : eventClaim(ctx, r);
    const what = isFigure ? `${stated.stated} for ${describeGroup(ctx, { measure: r.measure, territory: r.territory, group: r.group, time: r.period })}` : `${formatDate(r.date)} for "${r.title}"`;
    return {
      // An event claim is keyed with its table: a figure read from the same page may share its id (figures keep the keys their rulings use).
      key: findingKey('unconfirmed', isFigure ? r.id : `events ${r.id}`),
      kind: 'unconfirmed' as const,
      severity: 'minor' as const,
      subject: r.id,
      claims: [stated],
      sum: null,
      gap: null,
      spread: null,
      sentence: `No other source read confirms ${what} ${cite(r)}.${r.note ? ` ${r.note}` : ''}`,
      review: null,
    };
  });
}
