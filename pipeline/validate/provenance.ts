/**
 * Where sources/texts holds a plain-text copy of a source, every quote that cites the source
 * must occur in it, compared with white space normalised (line breaks in the copy do not count).
 * The copies are read once, before the tables, so that each row is checked as it is read.
 */
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { diagnose } from '../diagnostics.js';
import type { TableSpec } from '../tables.js';
import type { RowCheck } from './table.js';

export const TEXTS_DIR = 'sources/texts';

export const normaliseSpace = (text: string) => text.normalize('NFC').replace(/\s+/g, ' ').trim();

/** Normalised text copies by source id. */
export async function readTexts(root: string): Promise<Map<string, string>> {
  const files = await readdir(path.join(root, TEXTS_DIR)).catch(() => [] as string[]);
  const texts = new Map<string, string>();
  for (const file of files.filter((f) => f.endsWith('.txt'))) texts.set(file.slice(0, -4), normaliseSpace(await readFile(path.join(root, TEXTS_DIR, file), 'utf8')));
  return texts;
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
