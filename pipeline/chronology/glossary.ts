/**
 * The words a handout explains: the glossary's terms (sources/glossary.csv) that its own printed
 * text uses, so that a sheet explains what it says and nothing else. A term is used when one of its
 * forms stands in the text as whole words: no letter, mark or digit touches it on either side
 * ("kulak" is not found in "kulaks"; give that form too). Case counts ("Presidium" is not
 * "presidium"), except that a form written in lower case also stands with a capital first letter,
 * as it does at the start of a sentence or a label ("Partisans, Estonia").
 */
import type { GlossaryRow } from '../model.js';
import { escapeRegExp } from '../util/regexp.js';

export interface GlossaryEntry {
  term: string;
  definition: string;
  /** Where the texts first use it (characters from the start of the first text): what a reader meets first. */
  at: number;
}

/** A form, and its capitalised spelling when it is written in lower case. */
const spellings = (form: string) => (/^\p{Ll}/u.test(form) ? [form, form[0]!.toUpperCase() + form.slice(1)] : [form]);

const wholeWords = (forms: string[]) => new RegExp(`(?<![\\p{L}\\p{M}\\p{N}])(?:${forms.flatMap(spellings).map(escapeRegExp).join('|')})(?![\\p{L}\\p{M}\\p{N}])`, 'u');

const byTerm = new Intl.Collator('en', { sensitivity: 'base' });
/** In the order of the terms whatever their case or accents; terms alike in that order by their code points, so that no order depends on the file's. */
const compareTerms = (a: GlossaryEntry, b: GlossaryEntry) => byTerm.compare(a.term, b.term) || (a.term < b.term ? -1 : a.term > b.term ? 1 : 0);

/** The glossary's entries that `texts` use, in the order of their terms. */
export function termsUsed(glossary: GlossaryRow[], texts: string[]): GlossaryEntry[] {
  const text = texts.join('\n');
  return glossary
    .flatMap((row) => {
      const at = wholeWords(row.forms).exec(text)?.index;
      return at === undefined ? [] : [{ term: row.term, definition: row.definition, at }];
    })
    .sort(compareTerms);
}

/** How many of `texts` use the glossary entry `row` (a text counts once, however often it says it). */
export function textsUsing(row: GlossaryRow, texts: string[]): number {
  const used = wholeWords(row.forms);
  return texts.filter((text) => used.test(text)).length;
}
