/**
 * templates/chronology.json: the handouts (scope, output file name, name) and the periods,
 * checked against schemas/chronology.schema.json (a file name is `chronology` or
 * `chronology-...`, so that no handout is written outside dist/ or over another output) and
 * against the record: a handout's territory must exist, and no two handouts share a file.
 */
import { diagnose, type Diagnostic } from '../diagnostics.js';
import { loadJsonSettings } from '../settings.js';
import type { FigureRow } from '../model.js';
import { figureKey } from '../reconcile/context.js';
import { nearest } from '../util/nearest.js';
import type { Table } from '../validate/table.js';
import type { Period } from './view.js';

export const CHRONOLOGY_FILE = 'templates/chronology.json';

export interface Handout {
  territory: string;
  file: string;
  name: string;
  /** The scope note of this handout, where it differs from the common one (Bessarabia was under Romanian rule in 1941–1944). */
  scope?: string;
}

/**
 * A two-page handout of one territory "at a glance": the events a lesson needs and the key
 * figures, chosen by editors here rather than by code, and the span the record leaves to others.
 */
export interface Glance {
  territory: string;
  /** Output file names without extension: glance-<letters, digits, hyphens>; -letter is added for the Letter copy. */
  file: string;
  name: string;
  /** Event ids (events.csv, event), shown in date order and numbered on the timeline strip. */
  lesson: string[];
  /** Quantity keys (measure|territory|group|event or period) of reconciled_figures. */
  figures: string[];
  /** A span the record covers only at its edges, shaded on the strip with its label. */
  gap?: { start: string; end: string; label: string };
}

export interface ChronologyConfig {
  handouts: Handout[];
  periods: Period[];
  /** What the record leaves out on purpose, said under every handout's title. */
  scope?: string;
  glance?: Glance[];
}

/** What a handout may refer to: the record's territories, event ids and quantity keys. */
export interface Known {
  territories: string[];
  events: string[];
  figures: string[];
}

export async function loadChronologyConfig(root: string, record: Known): Promise<{ value?: ChronologyConfig; diagnostics: Diagnostic[] }> {
  const loaded = await loadJsonSettings<ChronologyConfig>(root, CHRONOLOGY_FILE, 'schemas/chronology.schema.json');
  if (!loaded.value) return loaded;
  const { territories } = record;
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
  diagnostics.push(...checkGlances(loaded.value.glance ?? [], record, new Set(files.keys())));
  return diagnostics.length > 0 ? { diagnostics } : loaded;
}

/** The ids the handouts may name, from the validated tables (quantity keys as reconciliation makes them). */
export function knownToHandouts(tables: Map<string, Table>, territories: string[]): Known {
  const rows = (name: string) => (tables.get(name)?.rows ?? []) as Record<string, unknown>[];
  return {
    territories,
    events: [...new Set(rows('events').map((r) => String(r.event)))],
    figures: [...new Set(rows('figures').map((r) => figureKey(r as unknown as FigureRow)))],
  };
}

/** Each glance handout's territory, events and figures must exist, and its files be its own. */
function checkGlances(glances: Glance[], record: Known, taken: Set<string>): Diagnostic[] {
  const diagnostics: Diagnostic[] = [];
  const sets = { territories: new Set(record.territories), events: new Set(record.events), figures: new Set(record.figures) };
  const refer = (table: keyof typeof sets, field: string, value: string) => {
    if (!sets[table].has(value)) diagnostics.push(diagnose('key/foreign', { file: CHRONOLOGY_FILE, field, value }, { table, suggestion: nearest(value, record[table]) }));
  };
  glances.forEach((g, i) => {
    refer('territories', `glance/${i}/territory`, g.territory);
    g.lesson.forEach((id, j) => refer('events', `glance/${i}/lesson/${j}`, id));
    g.figures.forEach((key, j) => refer('figures', `glance/${i}/figures/${j}`, key));
    for (const file of [g.file, `${g.file}-letter`]) {
      if (taken.has(file)) diagnostics.push(diagnose('file/settings', { file: CHRONOLOGY_FILE }, { cause: `/glance/${i}/file "${g.file}": another handout is already written to ${file}` }));
      taken.add(file);
    }
  });
  return diagnostics;
}
