/**
 * The reconcile stage: a pure function of the validated record and the settings. It checks
 * every claim against those it can be compared with and returns the findings (with editors'
 * rulings attached), the reconciled tables, and diagnostics for rulings that no longer apply.
 */
import { diagnose, type Diagnostic } from '../diagnostics.js';
import type { ChronicleRecord, ReviewRow } from '../model.js';
import { nearest } from '../util/nearest.js';
import { checkEventDates, checkFiguresInEvents, checkUnconfirmed } from './check-dates.js';
import { checkAgreement, checkContainment, checkPartsOfWholes, checkSums } from './check-figures.js';
import { createContext, groupFigures } from './context.js';
import { FINDING_KINDS, NAMED_CLAIMS, type Finding } from './findings.js';
import { FindingsOf, reconcileEvents, reconcileFigures, type ReconciledEvent, type ReconciledFigure } from './reconciled.js';
import type { Settings } from './settings.js';

export interface Reconciled {
  findings: Finding[];
  figures: ReconciledFigure[];
  events: ReconciledEvent[];
  diagnostics: Diagnostic[];
}

const KIND_ORDER = Object.keys(FINDING_KINDS);

export function reconcile(record: ChronicleRecord, settings: Settings, reviewLines: Map<string, number> = new Map()): Reconciled {
  const ctx = createContext(record, settings);
  const groups = groupFigures(ctx);
  const findings = [...checkAgreement(ctx, groups), ...checkContainment(ctx, groups), ...checkSums(ctx, groups), ...checkPartsOfWholes(ctx, groups), ...checkEventDates(ctx), ...checkFiguresInEvents(ctx), ...checkUnconfirmed(ctx)].sort(
    (a, b) => KIND_ORDER.indexOf(a.kind) - KIND_ORDER.indexOf(b.kind) || (a.severity === b.severity ? 0 : a.severity === 'major' ? -1 : 1) || (a.subject < b.subject ? -1 : a.subject > b.subject ? 1 : 0),
  );
  // Rulings, the published tables and the database find a finding by its key: two findings under one key would be a fault of the checks, not of the sources.
  const seen = new Set<string>();
  for (const f of findings) {
    if (seen.has(f.key)) throw new Error(`two findings share the key ${f.key} (${f.kind}, ${f.subject})`);
    seen.add(f.key);
  }
  const reviews = new Map(record.reviews.map((r) => [r.finding, r]));
  for (const f of findings) {
    const r = reviews.get(f.key);
    if (r) f.review = { status: r.status, note: r.note };
  }
  const byKey = new Map(findings.map((f) => [f.key, f]));
  const place = (r: ReviewRow, field: keyof ReviewRow, column: number) => ({ file: 'sources/reviews.csv', line: reviewLines.get(r.finding) ?? 0, column, field, value: r[field] ?? '' });
  const diagnostics = record.reviews.flatMap((r) => {
    const finding = byKey.get(r.finding);
    if (!finding) return [diagnose('review/orphan', place(r, 'finding', 1), {})];
    const claims = finding.claims.map((c) => c.id);
    if (!r.preferred) return [];
    if (!claims.includes(r.preferred)) {
      const named = claims.slice(0, NAMED_CLAIMS);
      return [diagnose('review/preferred-not-in-finding', place(r, 'preferred', 4), { claims: named, more: claims.length - named.length, suggestion: nearest(r.preferred, claims) })];
    }
    const tables = new Set(finding.claims.filter((c) => c.id === r.preferred).map((c) => c.table));
    return tables.size > 1 ? [diagnose('review/preferred-ambiguous', place(r, 'preferred', 4), { claim: r.preferred })] : [];
  });
  const findingsOf = new FindingsOf(findings);
  return { findings, figures: reconcileFigures(ctx, groups, findingsOf), events: reconcileEvents(ctx, findingsOf), diagnostics };
}
