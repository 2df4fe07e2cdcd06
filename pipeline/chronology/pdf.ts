/**
 * A chronology as a printable A4 handout (pdfmake): title, period covered, one unbreakable
 * block per entry, page numbers, the version and where the full dataset lives in every
 * footer, and the sources at the end. Nothing depends on colour: differences are said in words.
 */
import type { ChronologyView, Entry } from './view.js';

const MARGIN = 50;

function entryBlock(e: Entry): Record<string, unknown> {
  return {
    stack: [
      { text: e.dateText, bold: true },
      { text: e.title, style: 'entryTitle' },
      { text: e.places.map((p) => (p.native ? `${p.name} (${p.native})` : p.name)).join('; '), style: 'places' },
      { text: e.summary },
      { text: `Sources: ${e.notes.join(', ')}${e.finding ? ' · the dates differ: see the list at the end' : ''}`, style: 'small' },
    ],
    margin: [0, 0, 0, 8],
    unbreakable: true,
  };
}

export function chronologyDocument(view: ChronologyView): Record<string, unknown> {
  const dataset = `occupation-chronicle dataset, version ${view.meta.version} (${view.released})${view.meta.homepage ? `, ${view.meta.homepage}` : ''}`;
  const content: unknown[] = [
    { text: view.title, style: 'title' },
    { text: `Period covered: ${view.covered} · ${view.entries.length} events`, style: 'subtitle' },
    { text: `Each entry gives the date as the sources allow it, the territories, what happened, and the numbers of its sources, listed at the end. From the ${dataset}; the full dataset, with each claim's source, locator and quote, is published with this handout (index.html, datapackage.json).`, style: 'intro' },
  ];
  view.periods.forEach((period, p) => {
    period.years.forEach((year, y) => {
      const [first, ...rest] = year.entries;
      // Headings travel with the first entry under them, so none is left alone at a page foot.
      const headings = [...(y === 0 ? [{ text: period.title, style: 'period', tocItem: false, ...(p > 0 ? { margin: [0, 14, 0, 4] } : {}) }] : []), { text: year.year, style: 'year' }];
      content.push({ stack: [...headings, entryBlock(first!)], unbreakable: true });
      for (const e of rest) content.push(entryBlock(e));
    });
  });
  if (view.differences.length > 0) {
    content.push({ text: 'Where the sources give different dates', style: 'period', pageBreak: 'before' });
    content.push({ ol: view.differences.map((d) => ({ text: d.sentence, margin: [0, 0, 0, 4] })), style: 'small' });
  }
  content.push({ text: 'Sources', style: 'period', pageBreak: 'before' });
  content.push({
    ol: view.notes.map((n) => ({
      text: [`${n.source.title}. ${n.source.publisher}. `, n.link ? { text: n.source.url, link: n.link, style: 'url' } : (n.source.url ?? 'read through another page'), `, read ${n.source.accessed}.`],
      margin: [0, 0, 0, 3],
    })),
    style: 'small',
  });
  return {
    pageSize: 'A4',
    pageMargins: [MARGIN, 46, MARGIN, 56],
    defaultStyle: { font: 'Roboto', fontSize: 10, lineHeight: 1.2 },
    styles: {
      title: { fontSize: 20, bold: true, margin: [0, 0, 0, 4] },
      subtitle: { fontSize: 11, margin: [0, 0, 0, 6] },
      intro: { fontSize: 9, italics: true, margin: [0, 0, 0, 10] },
      period: { fontSize: 14, bold: true, margin: [0, 6, 0, 4] },
      year: { fontSize: 12, bold: true, margin: [0, 4, 0, 3] },
      entryTitle: { fontSize: 11, bold: true },
      places: { italics: true, fontSize: 9 },
      small: { fontSize: 8.5 },
      url: { decoration: 'underline' },
    },
    footer: (current: number, total: number) => ({
      columns: [
        { text: `${view.title} · ${dataset}`, fontSize: 7.5 },
        { text: `page ${current} of ${total}`, fontSize: 8, alignment: 'right', width: 70 },
      ],
      margin: [MARGIN, 20, MARGIN, 0],
    }),
    content,
  };
}
