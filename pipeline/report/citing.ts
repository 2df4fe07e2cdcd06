/**
 * How the report names a source and shows the words that carry a fact, without an id: a numbered
 * note (notes.ts) with a short title, and a claim's verbatim quote with its note and locator.
 * Ids are for data users and stay in the appendix (identifiers.ts).
 */
import type { EventRow, FigureRow, SourceRow } from '../model.js';
import { cite } from '../reconcile/context.js';
import type { Finding } from '../reconcile/findings.js';
import { escapeRegExp } from '../util/regexp.js';
import type { Notes } from './notes.js';

type Claim = Pick<FigureRow | EventRow, 'id' | 'source' | 'locator' | 'quote'>;

/** Text that ends a sentence, and the abbreviations whose full stop does not (cf., p., no., e.g.). */
const SENTENCE_END = /[.!?]\s+$/;
const ABBREVIATION_END = /(?<![\p{L}])(?:cf|e\.g|i\.e|p|pp|par|paras?|no|nos|doc|vol|ed|eds|fig|ch|sec)\.\s+$/iu;

/** Titles are cut at a word to about this many characters. */
const SHORT = 48;

/** A source's title cut at a word, with "…" where it was cut: enough to recognise it beside its note. */
export function shortTitle(s: Pick<SourceRow, 'title'>): string {
  if (s.title.length <= SHORT) return s.title;
  const cut = s.title.slice(0, SHORT + 1).replace(/\s+\S*$/, '');
  return `${(cut || s.title.slice(0, SHORT)).replace(/[\s,;:.–-]+$/, '')}…`;
}

export class Citing {
  /** A source id standing as a word of its own: never inside a longer id or word, nor a host name or path ("piglix.com", "/ipn/"). */
  private readonly idPattern: RegExp;

  constructor(
    private readonly notes: Notes,
    private readonly sources: Map<string, SourceRow>,
    /** Lower-case words of the record's own prose (titles, summaries, labels): ids that read as words. */
    private readonly words: Set<string>,
  ) {
    const ids = [...sources.keys()].sort((a, b) => b.length - a.length).map(escapeRegExp);
    this.idPattern = new RegExp(`(?<![\\p{L}\\p{N}_./-])(${ids.join('|')})(?![\\p{L}\\p{N}_/-]|\\.[\\p{L}\\p{N}])`, 'gu');
  }

  /**
   * Editors' prose (rulings, notes on sources, locators) as readers read it. Editors cite a source
   * by its id: "(estj, par. 5)", "(dkwp, prib)", "deporg's 94,779", "the proxy copy kihulane-xiv".
   * Such an id becomes its note ("note 63"). Inside parentheses every id does; outside, an id
   * that is also an ordinary word of the record's own prose ("when", "north") is left as a word.
   * An id that opens a sentence becomes "Note 63": after a full stop (not an abbreviation's), or at
   * the start of a text that `opensSentence` (a ruling, a note; not a locator, which follows a comma).
   */
  prose(text: string, opensSentence = true): string {
    let before = '';
    return text
      .split(/(\([^()]*\))/)
      .map((part) => {
        const inParentheses = part.startsWith('(');
        const out = part.replace(this.idPattern, (id: string, _id: string, at: number) => {
          if (!inParentheses && this.words.has(id)) return id;
          const preceding = before + part.slice(0, at);
          const starts = !inParentheses && (preceding === '' ? opensSentence : SENTENCE_END.test(preceding) && !ABBREVIATION_END.test(preceding));
          return `${starts ? 'Note' : 'note'} ${this.notes.cite([id])[0]}`;
        });
        before += part;
        return out;
      })
      .join('');
  }

  /** "[12] Operation Priboi in the Baltic…" */
  source(id: string): string {
    return `${this.notes.mark([id])} ${shortTitle(this.sources.get(id)!)}`;
  }

  /** The quote in small italic type, then its note, short title and locator (only the locator where the source stands beside it). */
  quote(c: Claim, fontSize = 7, sourceBeside = false): Record<string, unknown> {
    return { text: [{ text: `“${c.quote}”`, italics: true }, ` ${sourceBeside ? '' : `${this.source(c.source)}, `}${this.prose(c.locator, false)}`], fontSize, color: '#222' };
  }

  /**
   * A finding's sentence as readers read it: every "(source-id, locator)" the reconciliation
   * wrote (reconcile/context.ts, cite) becomes "(note n, locator)".
   */
  sentence(f: Finding): string {
    let text = f.sentence;
    for (const c of f.claims) text = text.split(cite(c)).join(`(note ${this.notes.cite([c.source])[0]}, ${c.locator})`);
    return this.prose(text);
  }
}
