/**
 * A chronology as a printable A4 handout (pdfmake): the title with the dataset's period, what
 * lies outside it and what the record leaves out, the doubt marks and where the data is; one
 * unbreakable block per entry, its title followed by its doubt mark; page numbers and the version
 * in every footer; the words it uses, each definition kept whole on one page, then the differences
 * of date and the sources at the end, by note number. Nothing depends on colour: differences and
 * doubt are said in words and marks.
 */
import { addressBlock } from '../pdf/address.js';
import { capitalised } from '../util/format.js';
import type { GlossaryEntry } from './glossary.js';
import type { ChronologyView, Entry } from './view.js';

const MARGIN = 50;

/** A title or a figure followed by its doubt mark, if it has one. */
export const withMark = (title: string, mark: string) => (mark ? `${title} ${mark}` : title);

/**
 * The marks in one line, for the foot of every page of a handout: a page read apart from the others
 * (photocopied, or a glance sheet's first page, whose full legend is on the second) still says what
 * its marks mean.
 */
export const marksLine = (view: Pick<ChronologyView, 'legend'>) => `Marks: ${view.legend.map((l) => (l.mark ? `${l.mark} ${l.value}` : l.legend)).join(' · ')}`;

/** The foot of every page of a handout: the marks, then what it is and the page. */
export function handoutFooter(view: Pick<ChronologyView, 'legend'>, title: string, margin: number[]) {
  return (current: number, total: number) => ({
    stack: [
      { text: marksLine(view), fontSize: 7, artifact: true, margin: [0, 0, 0, 2] },
      {
        columns: [
          { text: title, fontSize: 7.5, artifact: true },
          { text: `page ${current} of ${total}`, fontSize: 8, alignment: 'right', width: 70, artifact: true },
        ],
      },
    ],
    margin,
  });
}

/** The legend of the doubt marks, one line per level, for every handout. */
export function legendBlock(view: Pick<ChronologyView, 'legend'>, fontSize = 8.5): Record<string, unknown> {
  return {
    stack: [{ text: 'Marks after a title or a figure say how settled its date or number is, not whether the event happened (where several apply, the one highest in this list):', bold: true }, ...view.legend.map((l) => ({ text: l.mark ? [{ text: `${l.mark}  `, bold: true }, l.legend] : l.legend, margin: [8, 0, 0, 0] }))],
    fontSize,
    margin: [0, 0, 0, 8],
    unbreakable: true,
  };
}

/** The opening lines every handout shares: the period's context, the scope note, then how to read it. */
export function headLines(view: Pick<ChronologyView, 'context' | 'scopeNote'>): string[] {
  return [...(view.context ? [`${capitalised(view.context)}.`] : []), ...(view.scopeNote ? [view.scopeNote] : [])];
}

function entryBlock(e: Entry): Record<string, unknown> {
  return {
    stack: [
      { text: e.dateText, bold: true },
      { text: withMark(e.title, e.mark), style: 'entryTitle' },
      { text: `${e.places.map((p) => (p.native ? `${p.name} (${p.native})` : p.name)).join('; ')}${e.partOf ? ` · part of: ${e.partOf.title}` : ''}`, style: 'places' },
      { text: e.summary },
      { text: `Sources: ${e.notes.join(', ')}${e.difference ? ` · the dates differ: see ${e.difference} in the list at the end` : ''}`, style: 'small' },
    ],
    margin: [0, 0, 0, 8],
    unbreakable: true,
  };
}

/**
 * A section heading never ends a page: it moves to the next with what it heads. pdfmake 0.3 asks
 * with the node and an object of functions (not, as 0.1 did, the list of the nodes that follow on
 * its page); each heading moved costs pdfmake a second layout of the whole document, so only a
 * heading that would be left alone at a page foot is moved.
 */
export const headingNeverEndsPage = (node: { headlineLevel?: number }, page: { getFollowingNodesOnPage(): unknown[] }) => node.headlineLevel === 1 && page.getFollowingNodesOnPage().length === 0;

/** A word of the glossary as a handout prints it: the term in bold, then its definition. */
export const wordEntry = (w: GlossaryEntry, gap: number) => ({ text: [{ text: w.term, bold: true }, `: ${w.definition}`], margin: [0, 0, 0, gap] });

export function chronologyDocument(view: ChronologyView): Record<string, unknown> {
  const version = `occupation-chronicle dataset, version ${view.meta.version} (${view.released})`;
  const content: unknown[] = [
    // The period on a line of its own, so that a long name never splits it at its dash.
    { text: [`${view.heading},\n`, view.period], style: 'title' },
    { text: `${headLines(view).join(' ')} ${view.entries.length} events.`, style: 'subtitle' },
    { text: 'Each entry gives the date the record publishes, as exactly as the sources allow it, the territories, what happened, and the numbers of its sources, listed at the end. Where some sources give other dates, the entry says so, and the list at the end gives every date and its source.', style: 'intro' },
    legendBlock(view),
    addressBlock(view.address),
  ];
  view.periods.forEach((period, p) => {
    period.years.forEach((year, y) => {
      const [first, ...rest] = year.entries;
      // Headings travel with the first entry under them, so none is left alone at a page foot.
      const headings = [...(y === 0 ? [{ text: period.title, style: 'period', tocItem: false, margin: [0, p > 0 ? 14 : 8, 0, 4] }, ...(period.note ? [{ text: period.note, style: 'intro', margin: [0, 0, 0, 4] }] : [])] : []), { text: year.year, style: 'year' }];
      content.push({ stack: [...headings, entryBlock(first!)], unbreakable: true });
      for (const e of rest) content.push(entryBlock(e));
    });
  });
  // After the entries, on a new page: the words, the differences and the sources, each section
  // following the last on the same page (a short one would otherwise leave a page mostly empty).
  const sections: { heading: string; body: unknown[] }[] = [
    ...(view.words.length > 0 ? [{ heading: 'Words used in this chronology', body: [{ text: view.wordsNote, style: 'small', margin: [0, 0, 0, 6] }, { stack: view.words.map((w) => ({ ...wordEntry(w, 3), unbreakable: true })), style: 'small' }] }] : []),
    ...(view.differences.length > 0
      ? [
          {
            heading: 'Where the sources give different dates',
            body: [
              { text: 'Numbers after "source" are the notes of the list of sources that follows; the locator says where in the source.', style: 'small', margin: [0, 0, 0, 6] },
              { ol: view.differences.map((d) => ({ text: d.sentence, margin: [0, 0, 0, 4] })), style: 'small' },
            ],
          },
        ]
      : []),
    {
      heading: 'Sources',
      body: [
        {
          ol: view.notes.map((n) => ({
            text: [`${n.source.title}. ${n.source.publisher}. `, n.link ? { text: n.source.url, link: n.link, style: 'url' } : (n.source.url ?? 'read through another page'), `, read ${n.source.accessed}.`],
            margin: [0, 0, 0, 3],
          })),
          style: 'small',
        },
      ],
    },
  ];
  sections.forEach(({ heading, body }, i) => {
    content.push({ text: heading, style: 'period', headlineLevel: 1, ...(i === 0 ? { pageBreak: 'before' } : { margin: [0, 16, 0, 4] }) }, ...body);
  });
  return {
    tagged: true,
    pageSize: 'A4',
    pageMargins: [MARGIN, 46, MARGIN, 56],
    defaultStyle: { font: 'Roboto', fontSize: 10, lineHeight: 1.2 },
    styles: {
      title: { fontSize: 20, bold: true, margin: [0, 0, 0, 4] },
      subtitle: { fontSize: 11, margin: [0, 0, 0, 6] },
      intro: { fontSize: 9, italics: true, margin: [0, 0, 0, 6] },
      period: { fontSize: 14, bold: true, margin: [0, 6, 0, 4] },
      year: { fontSize: 12, bold: true, margin: [0, 4, 0, 3] },
      entryTitle: { fontSize: 11, bold: true },
      places: { italics: true, fontSize: 9 },
      small: { fontSize: 8.5 },
      url: { decoration: 'underline' },
    },
    pageBreakBefore: headingNeverEndsPage,
    footer: handoutFooter(view, `${view.title} · ${version}`, [MARGIN, 16, MARGIN, 0]),
    content,
  };
}
