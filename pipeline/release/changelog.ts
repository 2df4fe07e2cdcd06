/**
 * The changelog of the data, made by the pipeline: between a recorded release and this build,
 * which claims were added, changed (which fields) or retired, which sources came and went, which
 * findings opened or closed, and which published values changed and why. It also says which
 * kind of version step the change needs (semantic versioning for data): major when a table or
 * column was removed or a key changed, minor when tables, columns or rows were added, patch
 * otherwise.
 */
import type { OutTable, OutValue } from '../emit/write-table.js';
import { compareVersions, loadReleases, snapshot, type Snapshot } from './snapshot.js';

export type Bump = 'major' | 'minor' | 'patch' | 'none';

export interface RowChange {
  key: string;
  fields: string[];
}

export interface TableChanges {
  added: string[];
  changed: RowChange[];
  removed: string[];
}

export interface ValueChange {
  key: string;
  label: string;
  before: string;
  after: string;
  why: string;
}

export interface Changelog {
  /** The release compared with; undefined for a record that has never been released. */
  since?: string;
  /** True when this build is the release named by its version (compared with the one before). */
  released: boolean;
  version: string;
  bump: Bump;
  removedTables: string[];
  removedColumns: string[];
  addedTables: string[];
  addedColumns: string[];
  claims: TableChanges;
  sources: TableChanges;
  findingsOpened: string[];
  findingsClosed: string[];
  values: ValueChange[];
}

const same = (a: OutValue | undefined, b: OutValue | undefined) => JSON.stringify(a ?? null) === JSON.stringify(b ?? null);

function diffRows(before: Record<string, Record<string, OutValue>> = {}, after: Record<string, Record<string, OutValue>> = {}): TableChanges {
  const added = Object.keys(after).filter((k) => !(k in before)).sort();
  const removed = Object.keys(before).filter((k) => !(k in after)).sort();
  const changed = Object.keys(after)
    .filter((k) => k in before)
    .sort()
    .flatMap((key) => {
      const fields = [...new Set([...Object.keys(before[key]!), ...Object.keys(after[key]!)])].filter((f) => !same(before[key]![f], after[key]![f]));
      return fields.length ? [{ key, fields }] : [];
    });
  return { added, changed, removed };
}

/** The changes of one table of claims, each id with its table: an event and a figure read from the same page may share an id. */
function ofTable(c: TableChanges, table: 'event' | 'figure'): TableChanges {
  const named = (id: string) => `${id} (${table})`;
  return { added: c.added.map(named), changed: c.changed.map((r) => ({ ...r, key: named(r.key) })), removed: c.removed.map(named) };
}

function merge(a: TableChanges, b: TableChanges): TableChanges {
  return { added: [...a.added, ...b.added], changed: [...a.changed, ...b.changed], removed: [...a.removed, ...b.removed] };
}

/** The published value of a reconciled row, in words: whichever value columns the table has. */
function valueText(row: Record<string, OutValue> | undefined): string {
  if (!row) return 'none';
  for (const cols of [['stated'], ['value'], ['low', 'high'], ['date']]) {
    const parts = cols.map((c) => row[c]).filter((v) => v !== null && v !== undefined && v !== '');
    if (parts.length) return parts.join('–');
  }
  return 'none';
}

const VALUE_TABLES = ['reconciled_figures', 'reconciled_events'];
const PREFERRED = ['preferred_claim', 'preferred'];

function valueChanges(base: Snapshot, current: Snapshot): ValueChange[] {
  return VALUE_TABLES.flatMap((table) => {
    const before = base.rows[table] ?? {};
    const after = current.rows[table] ?? {};
    return Object.keys(after)
      .sort()
      .flatMap((key): ValueChange[] => {
        const [b, a] = [before[key], after[key]];
        if (!b || valueText(b) === valueText(a)) return [];
        const preferred = PREFERRED.find((c) => a && c in a);
        const why = preferred && !same(b[preferred], a![preferred]) ? `the preferred claim is now ${String(a![preferred])} (was ${String(b[preferred])})` : 'the preferred claim changed its value';
        const label = a?.measure_label ? [a.measure_label, a.territory_name, a.event_title].filter(Boolean).join(', ') : String(a?.title ?? key);
        return [{ key, label, before: valueText(b), after: valueText(a), why }];
      });
  });
}

function requiredBump(c: Omit<Changelog, 'bump' | 'since' | 'released' | 'version'>): Bump {
  if (c.removedTables.length || c.removedColumns.length) return 'major';
  if (c.addedTables.length || c.addedColumns.length || c.claims.added.length || c.sources.added.length) return 'minor';
  const any = c.claims.changed.length + c.claims.removed.length + c.sources.changed.length + c.sources.removed.length + c.findingsOpened.length + c.findingsClosed.length + c.values.length;
  return any ? 'patch' : 'none';
}

export function diffSnapshots(base: Snapshot, current: Snapshot): Omit<Changelog, 'since' | 'released' | 'version'> {
  const removedTables = Object.keys(base.tables).filter((t) => !(t in current.tables)).sort();
  const addedTables = Object.keys(current.tables).filter((t) => !(t in base.tables)).sort();
  const both = Object.keys(current.tables).filter((t) => t in base.tables).sort();
  const removedColumns = both.flatMap((t) => base.tables[t]!.columns.filter((c) => !current.tables[t]!.columns.includes(c)).map((c) => `${t}.${c}`));
  const addedColumns = both.flatMap((t) => current.tables[t]!.columns.filter((c) => !base.tables[t]!.columns.includes(c)).map((c) => `${t}.${c}`));
  const findings = diffRows(base.rows.findings, current.rows.findings);
  const parts = {
    removedTables,
    removedColumns,
    addedTables,
    addedColumns,
    claims: merge(ofTable(diffRows(base.rows.events, current.rows.events), 'event'), ofTable(diffRows(base.rows.figures, current.rows.figures), 'figure')),
    sources: diffRows(base.rows.sources, current.rows.sources),
    findingsOpened: findings.added,
    findingsClosed: findings.removed,
    values: valueChanges(base, current),
  };
  return { ...parts, bump: requiredBump(parts) };
}

/**
 * The changelog of this build. When the build's version has a recorded release and the data
 * still equals it, the build is that release and is compared with the release before it;
 * otherwise it is compared with the latest release (and is not released yet).
 */
export function changelog(releases: Snapshot[], current: Snapshot): Changelog {
  const own = releases.find((r) => r.version === current.version);
  const ownDiff = own && diffSnapshots(own, current);
  const released = ownDiff?.bump === 'none';
  const base = released ? releases.filter((r) => compareVersions(r.version, current.version) < 0).at(-1) : releases.at(-1);
  const empty: TableChanges = { added: [], changed: [], removed: [] };
  const diff = base
    ? diffSnapshots(base, current)
    : { removedTables: [], removedColumns: [], addedTables: [], addedColumns: [], claims: empty, sources: empty, findingsOpened: [], findingsClosed: [], values: [], bump: 'none' as Bump };
  return { ...diff, since: base?.version, released, version: current.version };
}

/** The published tables of the record being built against the releases recorded under `root`: what dist/CHANGELOG.md says. */
export async function changesSinceReleases(root: string, meta: { version: string; released: string }, published: OutTable[]): Promise<Changelog> {
  return changelog(await loadReleases(root), snapshot(meta.version, meta.released, published));
}

/** The next version a release of these changes takes. */
export function nextVersion(version: string, bump: Bump): string {
  const [major = 0, minor = 0, patch = 0] = version.split('.').map(Number);
  if (bump === 'major') return `${major + 1}.0.0`;
  if (bump === 'minor') return `${major}.${minor + 1}.0`;
  if (bump === 'patch') return `${major}.${minor}.${patch + 1}`;
  return version;
}

const list = (items: string[], max = 50) => (items.length > max ? [...items.slice(0, max), `… and ${items.length - max} more`] : items).map((i) => `- ${i}`);

export function changelogMarkdown(c: Changelog): string {
  const title = c.released ? `# Changes in version ${c.version}` : `# Changes since version ${c.since ?? 'none'} (not yet released)`;
  if (!c.since) return `# Changelog\n\nVersion ${c.version}. No earlier release is recorded, so there is nothing to compare with. \`npm run release\` records a release in sources/releases/.\n`;
  const out = [title, '', `Compared with version ${c.since}. The change is ${c.bump === 'none' ? 'empty' : `a ${c.bump} one`} under semantic versioning for data (a removed table or column is major; added tables, columns, claims or sources are minor; corrections are patch).`, ''];
  const section = (heading: string, lines: string[]) => {
    if (lines.length) out.push(`## ${heading}`, '', ...lines, '');
  };
  section('Tables and columns removed', list([...c.removedTables.map((t) => `table ${t}`), ...c.removedColumns.map((col) => `column ${col}`)]));
  section('Tables and columns added', list([...c.addedTables.map((t) => `table ${t}`), ...c.addedColumns.map((col) => `column ${col}`)]));
  section('Claims added', list(c.claims.added));
  section('Claims changed', list(c.claims.changed.map((r) => `${r.key}: ${r.fields.join(', ')}`)));
  section('Claims retired', list(c.claims.removed));
  section('Sources added', list(c.sources.added));
  section('Sources changed', list(c.sources.changed.map((r) => `${r.key}: ${r.fields.join(', ')}`)));
  section('Sources retired', list(c.sources.removed));
  section('Findings opened', list(c.findingsOpened));
  section('Findings closed', list(c.findingsClosed));
  section('Published values changed', list(c.values.map((v) => `${v.label}: ${v.before} → ${v.after} (${v.why})`)));
  if (c.bump === 'none') out.push('Nothing changed.', '');
  return out.join('\n');
}
