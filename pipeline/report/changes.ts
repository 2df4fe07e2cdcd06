/**
 * What a build changed in the published record, for the editor who made the change: each new
 * claim, the findings it joined, and whether the value or date published for its quantity or
 * event changed (old, new, why). "Before" is what dist/data holds from the last build.
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { ChronicleRecord } from '../model.js';
import { figureKey } from '../reconcile/context.js';
import type { Reconciled } from '../reconcile/index.js';
import { statedFigure } from '../reconcile/intervals.js';

interface Published {
  /** Every claim, by table and id (claimKey). */
  claims: Set<string>;
  /** Quantity key or event id -> what was published and from which claim. */
  values: Map<string, { stated: string; claim: string }>;
}

type Row = Record<string, string | number | boolean | null>;

/**
 * A published table's rows, from its JSON form (the CSV's twin, typed), which JSON.parse reads in a
 * seventh of the time csv-parse takes over the CSV: this runs between the checks and the first
 * output, on the build's main thread. From the CSV when the JSON cannot be read (a register's is
 * too long for one string); none when neither can.
 */
async function readRows(dir: string, table: string): Promise<Row[]> {
  try {
    const rows: unknown = JSON.parse(await readFile(path.join(dir, `${table}.json`), 'utf8'));
    if (Array.isArray(rows)) return rows as Row[];
  } catch {
    // Read from the CSV below.
  }
  try {
    const { parse } = await import('csv-parse/sync');
    return parse(await readFile(path.join(dir, `${table}.csv`)), { columns: true, bom: true, skip_empty_lines: true }) as Row[];
  } catch {
    return [];
  }
}

const text = (v: Row[string] | undefined) => (v === null || v === undefined ? '' : String(v));
const num = (v: Row[string] | undefined) => (v === null || v === undefined || v === '' ? null : Number(v));

/** The last published record, from dist/data; empty when there is none. */
export async function readPublished(root: string): Promise<Published> {
  const dir = path.join(root, 'dist', 'data');
  const [figures, events, reconciledFigures, reconciledEvents] = await Promise.all(['figures', 'events', 'reconciled_figures', 'reconciled_events'].map((t) => readRows(dir, t)));
  const values = new Map<string, { stated: string; claim: string }>();
  // Tables written before the stated column existed are read from their value columns.
  for (const r of reconciledFigures!) values.set(text(r.key), { stated: text(r.stated) || statedFigure({ qualifier: text(r.qualifier), value: num(r.value), low: num(r.value_low), high: num(r.value_high) }), claim: text(r.preferred_claim) });
  for (const r of reconciledEvents!) values.set(text(r.event), { stated: text(r.date), claim: text(r.preferred_claim) });
  return { claims: new Set([...figures!.map((r) => claimKey('figures', text(r.id))), ...events!.map((r) => claimKey('events', text(r.id)))]), values };
}

/** A claim by table and id: an event and a figure read from the same page may share an id. */
const claimKey = (table: 'figures' | 'events', id: string) => `${table} ${id}`;

/** Each claim with the quantity or event whose published value it may move. */
const claimSubjects = (record: ChronicleRecord) => [
  ...record.figures.map((f) => ({ id: f.id, table: 'figures' as const, subject: figureKey(f) })),
  ...record.events.map((e) => ({ id: e.id, table: 'events' as const, subject: e.event })),
];

export function formatChanges(before: Published, after: Reconciled, record: ChronicleRecord, verbose = false): string {
  if (before.values.size === 0) return '';
  const claims = claimSubjects(record);
  const rows = new Map<string, { stated: string; claim: string | null; source: string | null; reason: string }>();
  for (const f of after.figures) rows.set(f.key, { stated: f.stated, claim: f.preferred_claim, source: f.preferred_source, reason: f.preferred_reason });
  for (const e of after.events) rows.set(e.event, { stated: e.date, claim: e.preferred_claim, source: e.preferred_source, reason: e.preferred_reason });
  const lines: string[] = [];
  const reported = new Set<string>();
  const change = (subject: string) => {
    const old = before.values.get(subject);
    const now = rows.get(subject)!;
    if (!old) return `new ${subject}: published ${now.stated}${now.source ? ` (${now.source})` : ''}, because ${now.reason}`;
    if (old.stated === now.stated) return `published value of ${subject} unchanged: ${now.stated}${now.claim ? ` (${now.claim})` : ''}, because ${now.reason}`;
    return `published value of ${subject} changed: ${old.stated}${old.claim ? ` (${old.claim})` : ''} -> ${now.stated}${now.claim ? ` (${now.claim})` : ''}, because ${now.reason}`;
  };
  const isNew = (c: (typeof claims)[number]) => !before.claims.has(claimKey(c.table, c.id));
  for (const c of claims.filter(isNew)) {
    const joined = after.findings.filter((f) => f.claims.some((x) => x.id === c.id && x.table === c.table)).map((f) => f.key);
    lines.push(`  new claim ${c.id} (${c.table}): ${joined.length ? `joins finding ${joined.join(', ')}` : 'joins no finding'}; ${change(c.subject)}.`);
    reported.add(c.subject);
  }
  for (const [subject, now] of rows) {
    const old = before.values.get(subject);
    if (reported.has(subject) || !old || old.stated === now.stated) continue;
    lines.push(`  ${change(subject)}.`);
  }
  if (lines.length === 0) return '';
  // A few changes are told one by one; many (a merged batch of research) are counted, and listed with --verbose.
  if (!verbose && lines.length > BRIEF_CHANGES) {
    const added = claims.filter(isNew).length;
    const moved = [...rows].filter(([subject, now]) => before.values.has(subject) && before.values.get(subject)!.stated !== now.stated).length;
    return `Changes since the last build: ${added} new claims, ${moved} published values changed (--verbose lists each, with the finding it joined and why).`;
  }
  return `Changes to the published record since the last build:\n${lines.join('\n')}`;
}

/** Up to this many changes are printed without --verbose. */
const BRIEF_CHANGES = 12;
