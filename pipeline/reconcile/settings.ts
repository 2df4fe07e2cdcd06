/**
 * The reconcile stage's rules that are data (sources/reconcile.json, described by
 * schemas/reconcile.schema.json): qualifier intervals and tolerances, the precision of round
 * numbers, the preference rule, and the levels of settledness.
 */
import { diagnose, type Diagnostic } from '../diagnostics.js';
import type { Evidence } from '../model.js';
import { loadJsonSettings } from '../settings.js';

export type LowBound = 'value' | 'value-t' | 'zero' | 'low' | 'rounded-low';
export type HighBound = 'value' | 'value+t' | 'infinity' | 'high' | 'rounded-high';
export type PreferenceStep = 'ruling' | 'doubt' | 'agreement' | 'evidence' | 'grade' | 'precision';
export type SettlednessTest = 'doubtful-flag' | 'weak-document' | 'one-witness' | 'conflict' | 'tie' | 'always';

/** A level of settledness: its value in the reconciled tables, and the mark and legend readers see. */
export interface SettlednessLevel {
  value: string;
  mark: string;
  legend: string;
  when: SettlednessTest[];
  description: string;
}

export interface Settings {
  tolerance: number;
  minorSpread: number;
  approximateMarginDays: number;
  qualifiers: Record<string, [LowBound, HighBound]>;
  precision: { roundFrom: number; roundedEvidence: Evidence[] };
  preference: { order: PreferenceStep[]; doubtfulFlags: string[]; evidence: Evidence[]; agreeing: number; openReach: number };
  settledness: { weakGrade: number; weakFlags: string[]; levels: SettlednessLevel[] };
}

export const SETTINGS_FILE = 'sources/reconcile.json';

export async function loadSettings(root: string, qualifiers: readonly string[]): Promise<{ settings?: Settings; diagnostics: Diagnostic[] }> {
  const { value, diagnostics } = await loadJsonSettings<Settings>(root, SETTINGS_FILE, 'schemas/reconcile.schema.json');
  if (!value) return { diagnostics };
  const missing = qualifiers.filter((q) => !value.qualifiers[q]);
  if (missing.length > 0) return { diagnostics: [diagnose('file/settings', { file: SETTINGS_FILE }, { cause: `no interval for the qualifier${missing.length > 1 ? 's' : ''} ${missing.join(', ')}` })] };
  return { settings: value, diagnostics: [] };
}
