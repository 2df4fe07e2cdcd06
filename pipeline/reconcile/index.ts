/**
 * The reconcile stage: a pure function of the validated record and the settings. It checks
 * every claim against those it can be compared with and returns the findings (with editors'
 * rulings attached), the reconciled tables, and diagnostics for rulings that no longer apply.
 */
import { diagnose, type Diagnostic } from '../diagnostics.js';
import type { ChronicleRecord } from '../model.js';
import { checkEventDates, checkFiguresInEvents, checkUnconfirmed } from './check-dates.js';
import { checkAgreement, checkContainment, checkSums } from './check-figures.js';
import { createContext, groupFigures } from './context.js';
import { FINDING_KINDS, type Finding } from './findings.js';
import { reconcileEvents, reconcileFigures, type ReconciledEvent, type ReconciledFigure } from './reconciled.js';
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
  const findings = [...checkAgreement(ctx, groups), ...checkContainment(ctx, groups), ...checkSums(ctx, groups), ...checkEventDates(ctx), ...checkFiguresInEvents(ctx), ...checkUnconfirmed(ctx)].sort(
    (a, b) => KIND_ORDER.indexOf(a.kind) - KIND_ORDER.indexOf(b.kind) || (a.severity === b.severity ? 0 : a.severity === 'major' ? -1 : 1) || (a.subject < b.subject ? -1 : a.subject > b.subject ? 1 : 0),
  );
  const reviews = new Map(record.reviews.map((r) => [r.finding, r]));
  for (const f of findings) {
    const r = reviews.get(f.key);
    if (r) f.review = { status: r.status, note: r.note };
  }
  const keys = new Set(findings.map((f) => f.key));
  const diagnostics = record.reviews
    .filter((r) => !keys.has(r.finding))
    .map((r) => diagnose('review/orphan', { file: 'sources/reviews.csv', line: reviewLines.get(r.finding) ?? 0, column: 1, field: 'finding', value: r.finding }, {}));
  return { findings, figures: reconcileFigures(groups, findings), events: reconcileEvents(ctx, findings), diagnostics };
}
