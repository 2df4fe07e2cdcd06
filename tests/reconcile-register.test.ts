/**
 * Reconciliation of a register: the shipped record grown by synthetic claims that vary what the
 * checks look at (values, qualifiers, sources and the documents behind them, flags, evidence,
 * events), so that every check and every step of the preference rule meets many claims at once.
 * Its figure findings and reconciled figures are compared, digest by digest, with a snapshot
 * first recorded before reconciliation was reworked for registers of a million claims (memory and
 * speed): a change to the code must not change one finding, one sentence or one published value.
 * Only figures are compared, so that an edited event title or summary leaves the snapshot as it
 * is (an edited date may still change it, where it moves a figure of the event outside the event's
 * dates); an edited figure, a figure's source or a ruling changes it, and the snapshot is then made again
 * (`npx vitest run tests/reconcile-register.test.ts -u`) and its diff read before it is kept.
 */
import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import type { Evidence, FigureRow } from '../pipeline/model.js';
import { toRecord } from '../pipeline/model.js';
import { reconcile } from '../pipeline/reconcile/index.js';
import { loadSettings } from '../pipeline/reconcile/settings.js';
import { validate } from '../pipeline/validate/index.js';
import { ROOT } from './helpers.js';

const FLAGS = [null, null, null, null, 'uncertain', 'unconfirmed', 'derived', 'weak-source', 'scope'];
const EVIDENCE: (Evidence | null)[] = [null, null, 'count', 'statement', 'estimate', 'retelling'];
/** Factors that keep a value, round it, or move it a little or a lot. */
const FACTORS = [1, 1, 1.02, 0.97, 1.5, 0.5, 1.1, 0.9];

/** A deterministic stream of numbers in [0, 1) (mulberry32), so that the register is the same in every run. */
function random(seed: number): () => number {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** `count` claims made from the shipped ones: the same quantities, other sources, values, flags and evidence. */
function grow(figures: FigureRow[], sources: string[], count: number): FigureRow[] {
  const next = random(17);
  const pick = <T>(xs: readonly T[]) => xs[Math.floor(next() * xs.length)]!;
  const scale = (v: number | null, f: number) => (v === null ? null : f === 1 && next() < 0.3 ? Math.round(v / 1000) * 1000 : Math.round(v * f));
  return Array.from({ length: count }, (_, i) => {
    const base = figures[i % figures.length]!;
    const f = pick(FACTORS);
    const [low, high] = [scale(base.low, f), scale(base.high, f)];
    return { ...base, id: `syn-${i}`, value: scale(base.value, f), low, high: high !== null && low !== null && high < low ? low : high, source: next() < 0.5 ? base.source : pick(sources), flag: pick(FLAGS), evidence: pick(EVIDENCE), locator: `synthetic locator ${i}`, quote: `synthetic quote ${i}`, note: next() < 0.1 ? `synthetic note ${i}` : null };
  });
}

const digest = (value: unknown) => createHash('sha256').update(JSON.stringify(value)).digest('hex').slice(0, 16);

describe('reconciliation of a register', () => {
  it('gives the same findings and reconciled figures as before the rework for registers', async () => {
    const { tables, diagnostics } = await validate(ROOT);
    expect(diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    const { settings } = await loadSettings(ROOT, tables.get('figures')!.spec.columns.find((c) => c.name === 'qualifier')!.enum!);
    const record = toRecord(tables);
    // Events named by their ids, not their titles: figures' findings and rows name their events, and an edited title must not change the snapshot.
    const events = record.events.map((e) => ({ ...e, title: e.event, summary: '' }));
    // Other sources drawn from those the figures cite, so that a source added for events alone leaves the register as it was.
    const figureSources = [...new Set(record.figures.map((f) => f.source))].sort();
    const grown = { ...record, events, figures: [...record.figures, ...grow(record.figures, figureSources, 3000)] };
    const r = reconcile(grown, settings!);
    // Enough of each kind to mean something: the grown register disagrees a lot.
    expect(r.findings.length).toBeGreaterThan(100);
    expect(r.figures.length).toBeGreaterThan(100);
    const lines = [
      ...r.findings.filter((f) => f.claims.every((c) => c.table === 'figures')).map((f) => `finding ${f.key} ${f.kind} ${f.severity} ${f.claims.length} claims ${digest(f)}`),
      ...r.figures.map((g) => `figure ${g.key} ${g.preferred_claim ?? 'tie'} ${g.settledness} ${digest(g)}`),
    ];
    await expect(`${lines.join('\n')}\n`).toMatchFileSnapshot('fixtures/reconcile-register.txt');
  });
});
