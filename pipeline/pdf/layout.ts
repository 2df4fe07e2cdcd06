/**
 * What every document goes through before pdfmake lays it out, so that no content is lost and
 * no cell can make the layout slow:
 *
 * - Long words (a 2,000-character URL, a note without spaces) get a zero-width space every
 *   RUN characters. pdfmake splits a word wider than the line by measuring ever shorter
 *   prefixes of the whole rest of it, line after line: time grows with the square of the word's
 *   length (16,000 characters took 29 s). With a break opportunity every RUN characters inside
 *   longer words, no word is longer than that, and layout is linear; text whose words are all
 *   shorter is left as it is. The zero-width space is invisible and is not extracted as text.
 *   Text set with noWrap (figure keys) is left whole.
 * - pdfmake keeps only the first page of a block that must stay on one page (`unbreakable`, or a
 *   table row under `dontBreakRows`) when the block is taller than a page, and drops the rest
 *   without a word. render.ts marks such a block (OVERFLOWED) while laying out; the document is
 *   then prepared again with that block allowed to break across pages.
 *
 * The document is copied, never changed in place: each layout gets a fresh copy.
 */
import { pdfmakeRequire } from './requires.js';

/** Longest word (text between two break opportunities) that reaches pdfmake, in code points. */
const RUN = 60;
const LONG_RUN = new RegExp(`\\S{${RUN + 1}}`);
const MARK = /\p{M}/u;

type Breaker = new (text: string) => { nextBreak(): { position: number } | null };
/** pdfmake's own line breaker (Unicode line breaking, UAX 14), so that words are the ones pdfmake will see. */
const LineBreaker = pdfmakeRequire('linebreak') as Breaker;

/** Set by render.ts on a node whose content was taller than a page while it had to stay on one. */
export const OVERFLOWED = Symbol('overflowed');

type Node = Record<string | symbol, unknown>;

function softBreaks(word: string): string {
  let out = '';
  let since = 0;
  // By code point, and never before a combining mark, so that no character is split.
  for (const ch of word) {
    if (since >= RUN && !MARK.test(ch)) {
      out += '\u200B';
      since = 0;
    }
    out += ch;
    since++;
  }
  return out;
}

/** The text with a break opportunity every RUN characters inside each word longer than that; other text as it was. */
function breakText(text: string): string {
  if (!LONG_RUN.test(text)) return text;
  const breaker = new LineBreaker(text);
  let out = '';
  let last = 0;
  for (let bk = breaker.nextBreak(); bk; bk = breaker.nextBreak()) {
    const word = text.slice(last, bk.position);
    out += word.length > RUN ? softBreaks(word) : word;
    last = bk.position;
  }
  return out + text.slice(last);
}

/** Whether pdfmake would keep this node on one page. */
const keptTogether = (node: Node) => node.unbreakable === true || (node.table as Node | undefined)?.dontBreakRows === true;

export interface Prepared {
  doc: Record<string, unknown>;
  /** Every node that must stay on one page, in document order (the same order in every copy). */
  kept: Node[];
}

/** A copy of `doc` ready for pdfmake; the nodes at the indices in `relaxed` (of `kept`) may break across pages. */
export function prepareDocument(doc: Record<string, unknown>, relaxed: ReadonlySet<number>): Prepared {
  const kept: Node[] = [];
  // Only the body's nodes are numbered: header and footer are made anew for every page.
  let numbering = true;
  const visit = (node: unknown): unknown => {
    if (typeof node === 'string') return breakText(node);
    if (Array.isArray(node)) return node.map(visit);
    if (!node || typeof node !== 'object') return node;
    const source = node as Node;
    if (source.noWrap === true) return source;
    const copy: Node = { ...source };
    for (const key of ['text', 'stack', 'ul', 'ol', 'columns']) if (key in copy) copy[key] = visit(copy[key]);
    if (copy.table) {
      const table = copy.table as Node;
      copy.table = { ...table, body: (table.body as unknown[][]).map((row) => row.map(visit)) };
    }
    if (copy.toc) copy.toc = { ...(copy.toc as Node), title: visit((copy.toc as Node).title) };
    if (numbering && keptTogether(copy)) {
      if (relaxed.has(kept.length)) {
        copy.unbreakable = false;
        if (copy.table) (copy.table as Node).dontBreakRows = false;
      }
      kept.push(copy);
    }
    return copy;
  };
  const out: Record<string, unknown> = { ...doc, content: visit(doc.content) };
  numbering = false;
  for (const key of ['header', 'footer', 'background'] as const) {
    const part = doc[key];
    out[key] = typeof part === 'function' ? (...args: unknown[]) => visit((part as (...a: unknown[]) => unknown)(...args)) : visit(part);
  }
  return { doc: out, kept };
}
