/**
 * templates/chronology.json: the handouts (scope, output file name, name) and the periods,
 * checked against schemas/chronology.schema.json (a file name is `chronology` or
 * `chronology-...`, so that no handout is written outside dist/ or over another output) and
 * against the record: a handout's territory must exist, and no two handouts share a file.
 */
import { diagnose, type Diagnostic } from '../diagnostics.js';
import { loadJsonSettings } from '../settings.js';
import { nearest } from '../util/nearest.js';
import type { Period } from './view.js';

export const CHRONOLOGY_FILE = 'templates/chronology.json';

export interface Handout {
  territory: string;
  file: string;
  name: string;
}

export interface ChronologyConfig {
  handouts: Handout[];
  periods: Period[];
  /** What the record leaves out on purpose, said under every handout's title. */
  scope?: string;
}

export async function loadChronologyConfig(root: string, territories: string[]): Promise<{ value?: ChronologyConfig; diagnostics: Diagnostic[] }> {
  const loaded = await loadJsonSettings<ChronologyConfig>(root, CHRONOLOGY_FILE, 'schemas/chronology.schema.json');
  if (!loaded.value) return loaded;
  const diagnostics: Diagnostic[] = [];
  const known = new Set(territories);
  const files = new Map<string, number>();
  loaded.value.handouts.forEach((h, i) => {
    if (h.territory !== 'all' && !known.has(h.territory)) {
      diagnostics.push(diagnose('key/foreign', { file: CHRONOLOGY_FILE, field: `handouts/${i}/territory`, value: h.territory }, { table: 'territories', suggestion: nearest(h.territory, ['all', ...territories]) }));
    }
    const first = files.get(h.file);
    if (first !== undefined) diagnostics.push(diagnose('file/settings', { file: CHRONOLOGY_FILE }, { cause: `/handouts/${i}/file "${h.file}": handout ${first} is already written to this file` }));
    else files.set(h.file, i);
  });
  return diagnostics.length > 0 ? { diagnostics } : loaded;
}
