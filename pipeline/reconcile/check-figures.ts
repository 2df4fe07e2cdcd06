/**
 * Checks on figures: agreement within a quantity, containment along every hierarchy (a part
 * may not exceed its whole), and sums of complete partitions against the whole.
 */
import { formatNumber } from '../util/format.js';
import { cite, describeGroup, statedExtremes, type Context, type FigureClaim, type FigureGroup } from './context.js';
import { EVERY_CLAIM_LISTED, findingKey, finiteOrNull, NAMED_CLAIMS, percent, severityOf, type Finding, type FindingClaim } from './findings.js';
import { meets, same, within, type Interval } from './intervals.js';
import { spanOf } from './prefer.js';

export const claimOf = (c: FigureClaim): FindingClaim => ({ id: c.id, table: 'figures', source: c.source.id, locator: c.locator, stated: c.stated, low: finiteOrNull(c.low), high: finiteOrNull(c.high) });
const statedWithCite = (c: FigureClaim) => `${c.stated} ${cite(c.row)}`;
const unit = (ctx: Context, measure: string) => ctx.measures.get(measure)?.unit ?? '';

/**
 * The claims from the lowest interval up, ties by id. Sorted by position over their lows in one
 * typed array: comparing the claims themselves visits thousands of objects scattered over the
 * heap again at every step of the sort (at 10^6 claims, the agreement check's largest line).
 */
function byLowThenId(claims: FigureClaim[]): FigureClaim[] {
  const lows = Float64Array.from(claims, (c) => c.low);
  const order = Array.from(claims.keys()).sort((a, b) => lows[a]! - lows[b]! || (claims[a]!.id < claims[b]!.id ? -1 : 1));
  return order.map((i) => claims[i]!);
}

/**
 * The claims of a disagreement in words: each, or, past NAMED_CLAIMS, their number and the claims
 * stating the lowest and the highest number (the first such in `claims`' order).
 */
function claimsInWords(claims: FigureClaim[]): string {
  if (claims.length <= NAMED_CLAIMS) return claims.map(statedWithCite).join('; ');
  let [lowest, highest] = [claims[0]!, claims[0]!];
  for (const c of claims) {
    if (c.statedLow < lowest.statedLow) lowest = c;
    if (c.statedHigh > highest.statedHigh) highest = c;
  }
  return `${formatNumber(claims.length)} claims, from ${statedWithCite(lowest)} to ${statedWithCite(highest)}; ${EVERY_CLAIM_LISTED}`;
}

/** Claims of one quantity whose intervals have no point in common. */
export function checkAgreement(ctx: Context, groups: FigureGroup[]): Finding[] {
  const findings: Finding[] = [];
  for (const g of groups) {
    if (g.claims.length < 2) continue;
    const highestLow = g.claims.reduce((a, b) => (b.low > a.low ? b : a));
    const lowestHigh = g.claims.reduce((a, b) => (b.high < a.high ? b : a));
    if (highestLow.low <= lowestHigh.high) continue;
    const gap = highestLow.low - lowestHigh.high;
    const { low: min, high: max } = statedExtremes(g.claims);
    const claims = byLowThenId(g.claims);
    findings.push({
      key: findingKey('figure-disagreement', g.key),
      kind: 'figure-disagreement',
      severity: severityOf(gap, lowestHigh.high, ctx.settings.minorSpread),
      subject: g.key,
      claims: claims.map(claimOf),
      sum: null,
      gap,
      spread: percent(max - min, min),
      sentence: `Sources differ on ${describeGroup(ctx, g)}: ${claimsInWords(claims)}. The figures are ${formatNumber(gap)} ${unit(ctx, g.measure)} apart at the least.`,
      review: null,
    });
  }
  return findings;
}

/**
 * Along the hierarchies of measures, territories and groups, and along time: a part's lowest
 * claim may not exceed the whole's highest. Wholes are found through ancestor lists and an
 * index by (measure, territory, group), so the work grows with the claims, not their square.
 */
export function checkContainment(ctx: Context, groups: FigureGroup[]): Finding[] {
  const findings: Finding[] = [];
  const index = new Map<string, FigureGroup[]>();
  for (const g of groups) {
    const k = `${g.measure}|${g.territory}|${g.group}`;
    const bucket = index.get(k);
    if (bucket) bucket.push(g);
    else index.set(k, [g]);
  }
  const additive = (m: string) => ctx.measures.get(m)?.additive === true;
  for (const part of groups) {
    if (!additive(part.measure)) continue;
    const partLow = part.claims.reduce((a, b) => (b.low > a.low ? b : a));
    for (const m of ctx.ancestors.measures.get(part.measure) ?? [])
      for (const t of ctx.ancestors.territories.get(part.territory) ?? [])
        for (const gr of ctx.ancestors.groups.get(part.group) ?? []) {
          for (const whole of index.get(`${m}|${t}|${gr}`) ?? []) {
            if (whole === part || !additive(whole.measure)) continue;
            // A stage or day of an event lies within the event, whatever the periods its claims name;
            // otherwise the part may speak of any time its claims name, the whole only of the time all its claims share.
            const stage = whole.time !== part.time && (ctx.ancestors.events.get(part.time)?.includes(whole.time) ?? false);
            if (!stage && (!whole.core || !within(part.span, whole.core))) continue;
            // Same quantity over the same time, keyed once by event and once by period: not a part.
            if (!stage && m === part.measure && t === part.territory && gr === part.group && same(part.span, whole.core!)) continue;
            const wholeHigh = whole.claims.reduce((a, b) => (b.high < a.high ? b : a));
            if (partLow.low <= wholeHigh.high) continue;
            const gap = partLow.low - wholeHigh.high;
            const subject = `${part.key} > ${whole.key}`;
            findings.push({
              key: findingKey('part-exceeds-whole', subject),
              kind: 'part-exceeds-whole',
              severity: severityOf(gap, wholeHigh.high, ctx.settings.minorSpread),
              subject,
              claims: [claimOf(partLow), claimOf(wholeHigh)],
              sum: null,
              gap,
              spread: percent(gap, wholeHigh.high),
              sentence: `A part is larger than its whole: ${statedWithCite(partLow)} for ${describeGroup(ctx, part)}, but ${statedWithCite(wholeHigh)} for ${describeGroup(ctx, whole)}, which contains it.`,
              review: null,
            });
          }
        }
  }
  return findings;
}

interface Partition {
  /** The hierarchy: territories or groups. */
  axis: 'territory' | 'group';
  parent: string;
  children: string[];
}

function partitions(ctx: Context): Partition[] {
  const out = new Map<string, Partition>();
  const add = (axis: Partition['axis'], rows: { id: string; parent: string | null; partition: string | null }[]) => {
    for (const r of rows) {
      if (!r.parent || !r.partition) continue;
      const k = `${axis}|${r.parent}|${r.partition}`;
      const p = out.get(k) ?? { axis, parent: r.parent, children: [] };
      p.children.push(r.id);
      out.set(k, p);
    }
  };
  add('territory', ctx.record.territories);
  add('group', ctx.record.groups);
  return [...out.values()];
}

/**
 * Where every member of a complete partition (territories or groups) has a claim for the
 * same measure and time, their sum must meet the whole's claims. Checked twice: within each
 * source that gives all the parts and the whole, and across sources with each part's envelope.
 */
export function checkSums(ctx: Context, groups: FigureGroup[]): Finding[] {
  const findings: Finding[] = [];
  const byKey = new Map(groups.map((g) => [g.key, g]));
  const keyOf = (measure: string, territory: string, group: string, time: string) => [measure, territory, group, time].join('|');
  const all = partitions(ctx);
  // Each group's first claim from each source, found once: looking it up claim by claim of the
  // whole made the check grow with the square of a quantity's claims (7,000 by 7,000 in a register).
  const firstBySource = new Map<FigureGroup, Map<string, FigureClaim>>();
  const firstFrom = (g: FigureGroup, source: string) => {
    let bySource = firstBySource.get(g);
    if (!bySource) {
      bySource = new Map();
      for (const c of g.claims) if (!bySource.has(c.row.source)) bySource.set(c.row.source, c);
      firstBySource.set(g, bySource);
    }
    return bySource.get(source);
  };
  for (const whole of groups) {
    if (ctx.measures.get(whole.measure)?.additive !== true) continue;
    for (const p of all) {
      if ((p.axis === 'territory' ? whole.territory : whole.group) !== p.parent) continue;
      const parts = p.children.map((child) => byKey.get(p.axis === 'territory' ? keyOf(whole.measure, child, whole.group, whole.time) : keyOf(whole.measure, whole.territory, child, whole.time)));
      if (parts.some((g) => g === undefined)) continue;
      const complete = parts as FigureGroup[];
      const report = (wholeClaim: FigureClaim, partClaims: FigureClaim[], sum: Interval, scope: string) => {
        const gap = sum.low > wholeClaim.high ? sum.low - wholeClaim.high : wholeClaim.low - sum.high;
        const total = partClaims.reduce((n, c) => n + (c.row.value ?? c.row.low ?? 0), 0);
        // The whole claim is named: a finding is made for each whole claim that misses, and two of them (two sources, or one source giving the whole twice) must not share a key.
        const subject = `${p.axis}:${complete.map((g) => g.key).join('+')} = ${whole.key} (${wholeClaim.id}) ${scope}`;
        findings.push({
          key: findingKey('sum-mismatch', subject),
          kind: 'sum-mismatch',
          severity: severityOf(gap, Math.min(total, wholeClaim.row.value ?? wholeClaim.low) || 1, ctx.settings.minorSpread),
          subject,
          claims: [...partClaims, wholeClaim].map(claimOf),
          sum: total,
          gap,
          spread: percent(gap, wholeClaim.row.value ?? wholeClaim.low),
          sentence: `The parts of ${describeGroup(ctx, whole)} add up to ${formatNumber(total)} (${partClaims.map(statedWithCite).join(' + ')}), but the whole is given as ${statedWithCite(wholeClaim)}${scope === 'across sources' ? ', and no combination of the sources\' figures for the parts reaches it' : ''}.`,
          review: null,
        });
      };
      const reported = new Set<FigureClaim>();
      // Within one source: its own parts against its own whole.
      for (const wholeClaim of whole.claims) {
        const own = complete.map((g) => firstFrom(g, wholeClaim.row.source));
        if (own.some((c) => c === undefined)) continue;
        const mine = own as FigureClaim[];
        const sum = { low: mine.reduce((n, c) => n + c.low, 0), high: mine.reduce((n, c) => n + c.high, 0) };
        if (meets(sum, wholeClaim)) continue;
        report(wholeClaim, mine, sum, `in ${wholeClaim.row.source}`);
        reported.add(wholeClaim);
      }
      // Across sources: the widest the parts allow. When the parts fit one of the whole's figures,
      // the others differ from that one, which the agreement check reports already.
      const widest = complete.map((g) => spanOf(g.claims));
      const sum = { low: widest.reduce((n, i) => n + i.low, 0), high: widest.reduce((n, i) => n + i.high, 0) };
      if (whole.claims.some((c) => meets(sum, c))) continue;
      for (const wholeClaim of whole.claims) {
        if (!reported.has(wholeClaim)) report(wholeClaim, complete.map((g) => g.claims.reduce((a, b) => (b.source.reliability > a.source.reliability ? b : a))), sum, 'across sources');
      }
    }
  }
  return findings;
}

/** The lowest value a group's undoubted claims allow (all its claims when every one is doubted). */
function lowestOf(ctx: Context, g: FigureGroup): FigureClaim {
  const undoubted = g.claims.filter((c) => !(c.row.flag && ctx.settings.preference.doubtfulFlags.includes(c.row.flag)));
  return (undoubted.length ? undoubted : g.claims).reduce((a, b) => (b.low < a.low ? b : a));
}

/**
 * The parts of a whole may not add up to more than the whole: the stages of an event (part_of)
 * against the event's figure, and the events within a period against a figure for that period
 * and territory (Moldova's three deportation waves against its 1940-1953 total). Each part counts
 * with the lowest value its undoubted claims allow, so a finding means no reading fits.
 */
export function checkPartsOfWholes(ctx: Context, groups: FigureGroup[]): Finding[] {
  const findings: Finding[] = [];
  const byQuantity = new Map<string, FigureGroup[]>();
  for (const g of groups) {
    const k = `${g.measure}|${g.territory}|${g.group}`;
    byQuantity.set(k, [...(byQuantity.get(k) ?? []), g]);
  }
  const isEvent = (g: FigureGroup) => ctx.events.has(g.time);
  const wholesOf = (event: string) => ctx.ancestors.events.get(event)?.slice(1) ?? [];
  for (const whole of groups) {
    if (ctx.measures.get(whole.measure)?.additive !== true) continue;
    const siblings = byQuantity.get(`${whole.measure}|${whole.territory}|${whole.group}`)!.filter((g) => g !== whole && isEvent(g));
    const inside = isEvent(whole) ? siblings.filter((g) => wholesOf(g.time).includes(whole.time)) : siblings.filter((g) => whole.core !== null && within(g.span, whole.core));
    // Count each part once: a stage is left out where its whole is among the parts.
    const parts = inside.filter((g) => !wholesOf(g.time).some((w) => inside.some((o) => o.time === w)));
    if (parts.length < 2) continue;
    const partClaims = parts.map((g) => lowestOf(ctx, g));
    const sum = partClaims.reduce((n, c) => n + c.low, 0);
    const wholeHigh = whole.claims.reduce((a, b) => (b.high > a.high ? b : a));
    if (sum <= wholeHigh.high) continue;
    const gap = sum - wholeHigh.high;
    findings.push({
      key: findingKey('parts-exceed-total', whole.key),
      kind: 'parts-exceed-total',
      severity: severityOf(gap, wholeHigh.high, ctx.settings.minorSpread),
      subject: whole.key,
      claims: [...partClaims, wholeHigh].map(claimOf),
      sum,
      gap,
      spread: percent(gap, wholeHigh.high),
      sentence: `The parts of ${describeGroup(ctx, whole)} add up to at least ${formatNumber(sum)} (${partClaims.map((c) => `${statedWithCite(c)} for ${describeGroup(ctx, { ...whole, time: c.row.event ?? c.row.period })}`).join(' + ')}), more than the ${statedWithCite(wholeHigh)} given for the whole.`,
      review: null,
    });
  }
  return findings;
}
