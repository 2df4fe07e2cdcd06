/**
 * The ids readers must never see (issue: "no source id, claim id, finding key or quantity key
 * anywhere a reader reads"), taken from the data itself, and a search for them in extracted text.
 * Shared by the tests of the report, the chronology, the handouts and the landing page.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'csv-parse/sync';

export interface ReaderIds {
  sources: Set<string>;
  claims: Set<string>;
  findings: Set<string>;
  quantities: Set<string>;
}

const rows = (file: string): Record<string, string>[] => parse(readFileSync(file), { columns: true, bom: true });

/** The id lists of a built dist/ (its data tables). */
export function readerIds(dist: string): ReaderIds {
  const data = (name: string) => rows(path.join(dist, 'data', `${name}.csv`));
  return {
    sources: new Set(data('sources').map((r) => r.id!)),
    claims: new Set([...data('events'), ...data('figures')].map((r) => r.id!)),
    findings: new Set(data('findings').map((r) => r.key!)),
    quantities: new Set(data('reconciled_figures').map((r) => r.key!)),
  };
}

/**
 * The ids that occur in `text` as whole tokens. An id that is also an ordinary word readers may
 * meet (a journal's name such as "Lituanus", a place) is skipped when it has neither a digit nor
 * a hyphen nor a pipe and appears, capitalised, in `words` (titles and names readers legitimately see).
 */
export function idsIn(text: string, ids: ReaderIds, words: Set<string> = new Set()): string[] {
  // Undo the line-break hyphenation a PDF extraction leaves ("defrwiki-\nnorth") before looking.
  const joined = text.replace(/-\s*\n\s*/g, '-').replace(/\s+/g, ' ');
  const tokens = new Set(joined.split(/[\s,;:()[\]"'“”‘’]+/).flatMap((t) => [t, t.replace(/[.!?]+$/, '')]));
  const found: string[] = [];
  for (const set of [ids.sources, ids.claims, ids.findings, ids.quantities]) {
    for (const id of set) {
      const wordlike = !/[-|\d_]/.test(id);
      if (wordlike && words.has(id.toLowerCase())) continue;
      if (tokens.has(id) || (id.includes('|') && joined.includes(id))) found.push(id);
    }
  }
  return found.sort();
}
