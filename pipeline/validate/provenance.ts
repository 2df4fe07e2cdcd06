/**
 * Where sources/texts holds a plain-text copy of a source, every quote that cites the source
 * must occur in it, compared with white space normalised (line breaks in the copy do not count).
 * The copies are read once, before the tables, so that each row is checked as it is read.
 */
import { lstat, readdir, readFile, realpath } from 'node:fs/promises';
import path from 'node:path';
import { diagnose, type Diagnostic } from '../diagnostics.js';
import type { TableSpec } from '../tables.js';
import type { RowCheck } from './table.js';

export const TEXTS_DIR = 'sources/texts';

export const normaliseSpace = (text: string) => text.normalize('NFC').replace(/\s+/g, ' ').trim();

const inside = (dir: string, target: string) => target === dir || target.startsWith(dir + path.sep);

/**
 * Normalised text copies by source id. Only regular files inside the project are read: a link
 * (to /etc/passwd, to another source's copy) would let a quote pass against a text that is not
 * the source's, so it is reported and its source's quotes are not checked against it.
 */
export async function readTexts(root: string): Promise<{ texts: Map<string, string>; diagnostics: Diagnostic[] }> {
  const texts = new Map<string, string>();
  const diagnostics: Diagnostic[] = [];
  const dir = path.join(root, TEXTS_DIR);
  const entries = await readdir(dir, { withFileTypes: true }).catch(() => undefined);
  if (!entries) return { texts, diagnostics };
  const [project, resolved] = await Promise.all([realpath(root), realpath(dir)]);
  const linked = (await lstat(dir)).isSymbolicLink();
  if (linked || !inside(project, resolved)) {
    diagnostics.push(diagnose('source/text-link', { file: TEXTS_DIR }, { kind: linked ? 'a link' : 'reached through a link outside the project', source: '' }));
    return { texts, diagnostics };
  }
  for (const entry of entries.filter((e) => e.name.endsWith('.txt'))) {
    const file = `${TEXTS_DIR}/${entry.name}`;
    const source = entry.name.slice(0, -4);
    if (!entry.isFile()) {
      diagnostics.push(diagnose('source/text-link', { file }, { kind: entry.isSymbolicLink() ? 'a link' : entry.isDirectory() ? 'a folder' : 'a special file', source }));
      continue;
    }
    texts.set(source, normaliseSpace(await readFile(path.join(dir, entry.name), 'utf8')));
  }
  return { texts, diagnostics };
}

/** A check for tables whose rows cite a source with a quote. */
export function quoteCheck(spec: TableSpec, texts: Map<string, string>): RowCheck | undefined {
  const quote = spec.columns.findIndex((c) => c.name === 'quote');
  if (quote === -1 || !spec.columns.some((c) => c.name === 'source') || texts.size === 0) return undefined;
  return (row, line, positions, report) => {
    const { source } = row;
    if (typeof source !== 'string' || typeof row.quote !== 'string') return;
    const text = texts.get(source);
    if (text !== undefined && !text.includes(normaliseSpace(row.quote))) {
      report(diagnose('source/quote-not-found', { file: spec.file, line, column: positions[quote] ?? 0, field: 'quote', value: row.quote }, { source }));
    }
  };
}
