/**
 * The doubt marks readers see beside a published value or event: each level of settledness
 * (sources/reconcile.json) carries its mark and legend, so the report, the chronology and the
 * handouts mark the same things the same way and the data says why.
 */
import type { Settings, SettlednessLevel } from './settings.js';

/** The mark for a settledness value ('' for none, or for a value no level knows). */
export function doubtMark(settledness: string, settings: Settings): string {
  return settings.settledness.levels.find((l) => l.value === settledness)?.mark ?? '';
}

/**
 * The legend's lines, in the order of reconcile.json: every level, the unmarked (settled) one too,
 * so that a reader knows what no mark means.
 */
export function doubtLegend(settings: Settings): Pick<SettlednessLevel, 'value' | 'mark' | 'legend'>[] {
  return settings.settledness.levels.map(({ value, mark, legend }) => ({ value, mark, legend }));
}
