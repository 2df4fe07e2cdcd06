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

/** The definition of a form standing as whole words, as a pattern (for a form that does not start with a letter or digit). */
const wholeWords = (forms: string[]) => new RegExp(`(?<![\\p{L}\\p{M}\\p{N}])(?:${forms.map(escapeRegExp).join('|')})(?![\\p{L}\\p{M}\\p{N}])`, 'gu');

const WORD = /[\p{L}\p{M}\p{N}]+/gu;
const LEADING_WORD = /^[\p{L}\p{M}\p{N}]+/u;
const WORD_CHAR = /^[\p{L}\p{M}\p{N}]/u;

/**
 * Texts joined by line breaks, with where each of their words starts, by the word. A form that
 * starts with a letter, mark or digit can stand only where a word of the text starts, and that
 * word is then the form's own first word, whole: so it is looked for only there. A pattern with
 * a lookbehind, one per term, tried at every character of the chronology's 150 KB of text, took
 * about 50 ms of a build's views in a warm process, and more in a new one.
 */
export class WordIndex {
  readonly text: string;
  private readonly starts = new Map<string, number[]>();
  /** Where each text begins in the joined text, and where it ends. */
  private readonly spans: [number, number][] = [];

  constructor(texts: string[]) {
    this.text = texts.join('\n');
    let at = 0;
    for (const t of texts) {
      this.spans.push([at, at + t.length]);
      at += t.length + 1;
    }
    for (const m of this.text.matchAll(WORD)) {
      const list = this.starts.get(m[0]);
      if (list) list.push(m.index);
      else this.starts.set(m[0], [m.index]);
    }
  }

  /** Every place where one of `forms` (or its capitalised spelling) stands as whole words, as [start, end). */
  places(forms: string[]): [number, number][] {
    const found: [number, number][] = [];
    for (const spelling of forms.flatMap(spellings)) {
      const first = LEADING_WORD.exec(spelling)?.[0];
      if (first === undefined) {
        // Every place it starts, overlapping ones too: one that runs from a text into the next must not hide one inside the next.
        const pattern = wholeWords([spelling]);
        for (let m = pattern.exec(this.text); m; m = pattern.exec(this.text)) {
          found.push([m.index, m.index + m[0].length]);
          pattern.lastIndex = m.index + 1;
        }
        continue;
      }
      for (const at of this.starts.get(first) ?? []) {
        const end = at + spelling.length;
        if (this.text.startsWith(spelling, at) && !WORD_CHAR.test(String.fromCodePoint(this.text.codePointAt(end) ?? 10))) found.push([at, end]);
      }
    }
    return found;
  }

  /** How many of the texts hold one of the places (a place across two texts belongs to neither). */
  textsHolding(places: [number, number][]): number {
    const texts = new Set<number>();
    for (const [start, end] of places) {
      let lo = 0;
      let hi = this.spans.length - 1;
      while (lo < hi) {
        const mid = (lo + hi + 1) >> 1;
        if (this.spans[mid]![0] <= start) lo = mid;
        else hi = mid - 1;
      }
      if (this.spans[lo] && end <= this.spans[lo]![1]) texts.add(lo);
    }
    return texts.size;
  }
}

const byTerm = new Intl.Collator('en', { sensitivity: 'base' });
/** In the order of the terms whatever their case or accents; terms alike in that order by their code points, so that no order depends on the file's. */
const compareTerms = (a: GlossaryEntry, b: GlossaryEntry) => byTerm.compare(a.term, b.term) || (a.term < b.term ? -1 : a.term > b.term ? 1 : 0);

/** The glossary's entries that `texts` use, in the order of their terms. */
export function termsUsed(glossary: GlossaryRow[], texts: string[]): GlossaryEntry[] {
  const index = new WordIndex(texts);
  return glossary
    .flatMap((row) => {
      const places = index.places(row.forms);
      return places.length === 0 ? [] : [{ term: row.term, definition: row.definition, at: places.reduce((at, [start]) => Math.min(at, start), Infinity) }];
    })
    .sort(compareTerms);
}

/** How many of the texts `index` holds use the glossary entry `row` (a text counts once, however often it says it). */
export const textsUsing = (row: GlossaryRow, index: WordIndex): number => index.textsHolding(index.places(row.forms));
