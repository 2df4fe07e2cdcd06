/**
 * Words readers legitimately meet in a built dist/ (source titles, authors and publishers, event
 * titles and summaries, names and native names, roles, labels), lower-cased: a source id spelt like one of them ("when",
 * "north", "piglix") is a word where it stands, not an id (see idsIn in reader-ids.ts).
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'csv-parse/sync';

export function readerWords(dist: string): Set<string> {
  const rows = (name: string) => parse(readFileSync(path.join(dist, 'data', `${name}.csv`)), { columns: true, bom: true }) as Record<string, string>[];
  const texts = [
    ...rows('sources').flatMap((s) => [s.title, s.author, s.publisher]),
    ...rows('events').flatMap((e) => [e.title, e.summary]),
    ...rows('people').flatMap((p) => [p.name, p.role]),
    ...rows('territories').flatMap((t) => [t.name, t.native_name]),
    ...rows('measures').map((m) => m.label),
  ];
  return new Set(texts.flatMap((t) => (t ?? '').toLowerCase().split(/[^\p{L}\p{N}-]+/u)));
}
