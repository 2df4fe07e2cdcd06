/**
 * Titles and summaries are written in our own words, about the event; the quote carries the
 * source's words. A title or summary that repeats a run of the quote's words is a copy: the
 * columns to compare are named by the table's schema (`ownWords`), compared as lowercase word
 * tokens with punctuation ignored.
 */
import { diagnose } from '../diagnostics.js';
import type { TableSpec } from '../tables.js';
import type { RowCheck } from './table.js';

/** Six words in a row is more than a shared name or date ("the Soviet Union", "on 14 June 1941"). */
const RUN = 6;

export const words = (text: string): string[] => text.toLowerCase().split(/[^\p{L}\p{N}]+/u).filter(Boolean);

/** The longest run of at least RUN consecutive words that `text` shares with `quote`, or undefined. */
export function sharedRun(text: string, quote: string): string[] | undefined {
  const q = words(quote);
  const t = words(text);
  // A shared run is RUN words in a row of the text that each occur in the quote. Most texts have no
  // such stretch, and are done without keying every run of the quote (a tenth of validating the record).
  const inQuote = new Set(q);
  let stretch = 0;
  let longest = 0;
  for (const w of t) longest = Math.max(longest, (stretch = inQuote.has(w) ? stretch + 1 : 0));
  if (longest < RUN) return undefined;
  const starts = new Map<string, number[]>();
  for (let j = 0; j + RUN <= q.length; j++) {
    const key = q.slice(j, j + RUN).join(' ');
    starts.set(key, [...(starts.get(key) ?? []), j]);
  }
  let best: string[] | undefined;
  for (let i = 0; i + RUN <= t.length; i++) {
    for (const j of starts.get(t.slice(i, i + RUN).join(' ')) ?? []) {
      let n = RUN;
      while (i + n < t.length && j + n < q.length && t[i + n] === q[j + n]) n++;
      if (!best || n > best.length) best = t.slice(i, i + n);
    }
  }
  return best;
}

/** A check for tables whose schema names columns written in our own words beside a quote. */
export function ownWordsCheck(spec: TableSpec): RowCheck | undefined {
  const fields = spec.ownWords.filter((f) => spec.columns.some((c) => c.name === f));
  const index = new Map(spec.columns.map((c, i) => [c.name, i]));
  if (fields.length === 0 || !index.has('quote')) return undefined;
  return (row, line, positions, report) => {
    if (typeof row.quote !== 'string') return;
    for (const field of fields) {
      const text = row[field];
      if (typeof text !== 'string') continue;
      const run = sharedRun(text, row.quote);
      if (run) report(diagnose('text/copies-quote', { file: spec.file, line, column: positions[index.get(field)!] ?? 0, field, value: text }, { words: run.length, run: run.join(' ') }));
    }
  };
}
