/**
 * Where sources/texts holds a plain-text copy of a source, every quote that cites the source
 * must occur in it, compared with white space normalised (line breaks in the copy do not count).
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { diagnose, type Diagnostic } from '../diagnostics.js';
import type { Table } from './table.js';

export const TEXTS_DIR = 'sources/texts';

export const normaliseSpace = (text: string) => text.normalize('NFC').replace(/\s+/g, ' ').trim();

async function readText(root: string, source: string): Promise<string | undefined> {
  // Source ids are checked against ^[a-z0-9-]+$ before this runs, so the path stays in sources/texts.
  if (!/^[a-z0-9]+(-[a-z0-9]+)*$/.test(source)) return undefined;
  try {
    return normaliseSpace(await readFile(path.join(root, TEXTS_DIR, `${source}.txt`), 'utf8'));
  } catch {
    return undefined;
  }
}

export async function checkQuotes(root: string, tables: Table[]): Promise<Diagnostic[]> {
  const diagnostics: Diagnostic[] = [];
  const texts = new Map<string, string | undefined>();
  for (const table of tables) {
    const position = (name: string) => table.positions[table.spec.columns.findIndex((c) => c.name === name)] ?? 0;
    for (const [r, row] of table.rows.entries()) {
      const { source, quote } = row;
      if (typeof source !== 'string' || typeof quote !== 'string') continue;
      if (!texts.has(source)) texts.set(source, await readText(root, source));
      const text = texts.get(source);
      if (text !== undefined && !text.includes(normaliseSpace(quote))) {
        diagnostics.push(diagnose('source/quote-not-found', { file: table.spec.file, line: table.lines[r]!, column: position('quote'), field: 'quote', value: quote }, { source }));
      }
    }
  }
  return diagnostics;
}
