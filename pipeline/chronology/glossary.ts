/**
 * The words a handout explains: the glossary's terms (sources/glossary.csv) that its own printed
 * text uses, so that a sheet explains what it says and nothing else. A term is used when one of its
 * forms stands in the text as whole words, with its case: no letter or digit touches it on either
 * side ("kulak" is not found in "kulaks"; give that form too), and "Presidium" is not "presidium".
 */
import type { GlossaryRow } from '../model.js';

export interface GlossaryEntry {
  term: string;
  definition: string;
}

const escapeRegExp = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** A form as whole words: no letter or digit right before or after it. */
const wholeWords = (forms: string[]) => new RegExp(`(?<![\\p{L}\\p{N}])(?:${forms.map(escapeRegExp).join('|')})(?![\\p{L}\\p{N}])`, 'u');

const byTerm = new Intl.Collator('en', { sensitivity: 'base' });

/** The glossary's entries that `texts` use, in the order of their terms. */
export function termsUsed(glossary: GlossaryRow[], texts: string[]): GlossaryEntry[] {
  const text = texts.join('\n');
  return glossary
    .filter((row) => wholeWords(row.forms).test(text))
    .map((row) => ({ term: row.term, definition: row.definition }))
    .sort((a, b) => byTerm.compare(a.term, b.term));
}
