/**
 * A territory "at a glance": two printed pages a teacher hands to a class. A timeline strip of
 * the period with the lesson's events numbered on it, those events in date order with their
 * doubt marks, the key figures with theirs and the range the sources give, the legend, and where
 * to read more. Events and figures are chosen in templates/chronology.json (glance), never here.
 * Black and white only: shading is grey and every difference is also said in words or marks.
 */
import { datasetPeriod, type DatasetMeta } from '../dataset.js';
import type { ChronicleRecord } from '../model.js';
import { addressBlock, dataAddress } from '../pdf/address.js';
import { doubtLegend, doubtMark } from '../reconcile/doubt.js';
import type { Reconciled } from '../reconcile/index.js';
import type { ReconciledFigure } from '../reconcile/reconciled.js';
import type { Settings } from '../reconcile/settings.js';
import { capitalised, formatDate, formatSpan } from '../util/format.js';
import type { Glance } from './config.js';
import { termsUsed, textsUsing, WordIndex, type GlossaryEntry } from './glossary.js';
import { handoutFooter, headLines, legendBlock, withMark, wordEntry } from './pdf.js';
import { contextOutside, type ChronologyView } from './view.js';

export interface GlanceEvent {
  n: number;
  dateText: string;
  /** Fractional year of the first day, for the strip. */
  at: number;
  title: string;
  summary: string;
  mark: string;
}

export interface GlanceFigure {
  what: string;
  stated: string;
  mark: string;
  /** "the sources give 19,000–21,000", or "one figure" when they agree on one. */
  range: string;
}

export interface GlanceWord extends GlossaryEntry {
  /** How many entries of the territory's full chronology use it: how much its history turns on the word. */
  uses: number;
}

export interface GlanceView {
  title: string;
  heading: string;
  period: { first: number; last: number; text: string };
  lead: string[];
  events: GlanceEvent[];
  figures: GlanceFigure[];
  /** The glossary's words that this sheet's own text uses. */
  words: GlanceWord[];
  gap: { from: number; to: number; label: string } | null;
  legend: ChronologyView['legend'];
  address: ReturnType<typeof dataAddress>;
  /** The full chronology of this territory: its entries, for "where to read more", and the terms it explains. */
  chronology: { file: string; entries: number; words: string[] } | null;
  meta: DatasetMeta;
  released: string;
}

/** 1941-06-14 as 1941.45: where a day falls on the strip. */
export function yearFraction(day: string): number {
  const [y, m = '01', d = '01'] = day.split('-');
  return Number(y) + (Number(m) - 1) / 12 + (Number(d) - 1) / 365;
}

/** "People deported from Latvia: Operation North (1–2 April 1951)": what is counted, in the words of its measure's phrase, then when. */
const describe = (f: ReconciledFigure, record: ChronicleRecord, eventDate: (id: string) => string | undefined) => {
  const when = f.event ? `${f.event_title} (${formatDate(eventDate(f.event) ?? f.period)})` : formatDate(f.period);
  const territory = record.territories.find((t) => t.id === f.territory)!;
  const what = record.measures.find((m) => m.id === f.measure)!.counted.replace('{place}', territory.name_in_text ?? territory.name);
  const whom = f.population_group === 'all' ? '' : ` (${f.group_label.toLowerCase()})`;
  return `${capitalised(what)}${whom}: ${when}`;
};

export function glanceView(input: { glance: Glance; record: ChronicleRecord; reconciled: Reconciled; settings: Settings; meta: DatasetMeta; released: string; chronology: ChronologyView | null; chronologyFile: string | null }): GlanceView {
  const { glance, reconciled, settings, meta, chronology } = input;
  const events = new Map(reconciled.events.map((e) => [e.event, e]));
  const figures = new Map(reconciled.figures.map((f) => [f.key, f]));
  const period = datasetPeriod(meta);
  const chosen = glance.lesson.map((id) => events.get(id)!).sort((a, b) => (a.date_start! < b.date_start! ? -1 : a.date_start! > b.date_start! ? 1 : 0));
  const heading = `The Soviet occupation of ${glance.name}`;
  // What lies outside the period is said of the events this page shows, not of its territory's whole chronology.
  const lead = chronology ? headLines({ context: contextOutside(chosen.map((e) => ({ start: e.date_start ?? '', end: e.date_end ?? '' })), period), scopeNote: chronology.scopeNote }) : [];
  const glossary = new Map(input.record.glossary.map((row) => [row.term, row]));
  const entries = new WordIndex(chronology?.entries.map((e) => `${e.title}\n${e.summary}`) ?? []);
  const shown = glance.figures.map((key) => figures.get(key)!).map((f) => ({
    what: describe(f, input.record, (id) => events.get(id)?.date),
    stated: f.stated,
    mark: doubtMark(f.settledness, settings),
    range: f.low === f.high ? (f.claims > 1 ? 'all give this figure' : 'one figure') : formatSpan(f),
  }));
  return {
    title: `${heading} at a glance, ${period.text}`,
    heading,
    period: { first: Number(period.first), last: Number(period.last), text: period.text },
    lead,
    events: chosen.map((e, i) => ({ n: i + 1, dateText: formatDate(e.date), at: yearFraction(e.date_start!), title: e.title, summary: e.summary, mark: doubtMark(e.settledness, settings) })),
    figures: shown,
    words: termsUsed(input.record.glossary, [...lead, ...chosen.flatMap((e) => [e.title, e.summary]), ...shown.map((f) => f.what)]).map((w) => ({ ...w, uses: textsUsing(glossary.get(w.term)!, entries) })),
    gap: glance.gap ? { from: yearFraction(glance.gap.start), to: yearFraction(glance.gap.end), label: glance.gap.label } : null,
    legend: doubtLegend(settings),
    address: dataAddress(meta, input.released),
    chronology: chronology && input.chronologyFile ? { file: input.chronologyFile, entries: chronology.entries.length, words: chronology.words.map((w) => w.term) } : null,
    meta,
    released: input.released,
  };
}

const escapeXml = (s: string) => s.replace(/[&<>"]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c]!);

/** What the strip shows, said under it: a reader meets the grey band here, not in the subtitle. */
export function stripCaption(view: Pick<GlanceView, 'gap'>): string {
  const gap = view.gap ? `; the grey band is the ${view.gap.label}, covered only where it began and ended` : '';
  return `The numbers above the line are the events below, at their dates${gap}.`;
}

/**
 * The strip as SVG, `width` points wide: the years of the period (and of any lesson event outside
 * it) on an axis, the gap shaded grey with its label, and each event's number in a circle above
 * its day; circles that would overlap climb to the next row, a thin line leading down to the day.
 */
export function stripSvg(view: Pick<GlanceView, 'events' | 'period' | 'gap'>, width: number): string {
  const R = 7.5;
  const ROW = 2 * R + 3;
  const from = Math.min(view.period.first, ...view.events.map((e) => Math.floor(e.at)));
  const to = Math.max(view.period.last + 1, ...view.events.map((e) => Math.floor(e.at) + 1));
  const pad = R + 2;
  const x = (year: number) => pad + ((year - from) / (to - from)) * (width - 2 * pad);
  const rows: number[] = [];
  const placed = view.events.map((e) => {
    const cx = x(e.at);
    let row = rows.findIndex((last) => cx - last >= 2 * R + 1.5);
    if (row < 0) row = rows.length;
    rows[row] = cx;
    return { e, cx, row };
  });
  const levels = Math.max(1, rows.length);
  const axisY = 6 + levels * ROW + 6;
  const height = axisY + 36;
  const parts: string[] = [`<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" font-family="Roboto">`];
  if (view.gap) {
    const [gx, gw] = [x(view.gap.from), x(view.gap.to) - x(view.gap.from)];
    parts.push(`<rect x="${gx.toFixed(2)}" y="${(axisY - 5).toFixed(2)}" width="${gw.toFixed(2)}" height="10" fill="#c8c8c8"/>`);
    // The label starts under the band, or ends at the strip's right edge when it would run off it (about 3.6 points a letter at 7 points).
    const lx = Math.min(gx, width - view.gap.label.length * 3.6);
    parts.push(`<text x="${lx.toFixed(2)}" y="${axisY + 30}" font-size="7" font-style="italic">${escapeXml(view.gap.label)}</text>`);
  }
  // The period itself, drawn heavier than the years around it.
  parts.push(`<line x1="${x(from).toFixed(2)}" y1="${axisY}" x2="${x(to).toFixed(2)}" y2="${axisY}" stroke="#777" stroke-width="1"/>`);
  parts.push(`<line x1="${x(view.period.first).toFixed(2)}" y1="${axisY}" x2="${x(view.period.last + 1).toFixed(2)}" y2="${axisY}" stroke="#000" stroke-width="2.2"/>`);
  for (let year = from; year <= to; year++) {
    const labelled = year === view.period.first || year === view.period.last || (year % 10 === 0 && Math.abs(year - view.period.first) > 3 && Math.abs(year - view.period.last) > 3);
    const tall = labelled || year % 5 === 0;
    parts.push(`<line x1="${x(year).toFixed(2)}" y1="${axisY}" x2="${x(year).toFixed(2)}" y2="${axisY + (tall ? 6 : 3)}" stroke="#000" stroke-width="0.6"/>`);
    if (labelled) parts.push(`<text x="${x(year).toFixed(2)}" y="${axisY + 16}" font-size="8.5" text-anchor="middle"${year === view.period.first || year === view.period.last ? ' font-weight="bold"' : ''}>${year}</text>`);
  }
  const cy = (row: number) => axisY - 6 - R - row * ROW;
  // Every leader line first, then the circles over them, so that no line crosses a number.
  for (const { cx, row } of placed) parts.push(`<line x1="${cx.toFixed(2)}" y1="${(cy(row) + R).toFixed(2)}" x2="${cx.toFixed(2)}" y2="${axisY}" stroke="#000" stroke-width="0.5"/>`);
  for (const { e, cx, row } of placed) {
    const y = cy(row);
    parts.push(`<circle cx="${cx.toFixed(2)}" cy="${y.toFixed(2)}" r="${R}" fill="#fff" stroke="#000" stroke-width="0.9"/>`);
    parts.push(`<text x="${cx.toFixed(2)}" y="${(y + 3).toFixed(2)}" font-size="8" font-weight="bold" text-anchor="middle">${e.n}</text>`);
  }
  parts.push('</svg>');
  return parts.join('');
}

export type PageSize = 'A4' | 'LETTER';
const WIDTHS: Record<PageSize, number> = { A4: 595.28, LETTER: 612 };
const MARGIN = 42;

/** The pages a sheet at a glance has: a teacher copies it on both sides of one leaf. */
const GLANCE_PAGES = 2;

/**
 * The sheet's words split for a sheet that has room to explain only `room` of them: those that
 * the territory's history turns on are explained (the words most entries of its full chronology
 * use, before a word its history names in passing), and among words used alike those its reader
 * meets first (in the lead, then the events in order, then the key figures); the others are
 * named. Each part keeps the order of the terms.
 */
function wordsExplained(words: GlanceWord[], room: number): { explained: GlanceWord[]; named: GlanceWord[] } {
  const first = new Set([...words].sort((a, b) => b.uses - a.uses || a.at - b.at).slice(0, room));
  return { explained: words.filter((w) => first.has(w)), named: words.filter((w) => !first.has(w)) };
}

/**
 * "Words used on this sheet": each term in bold with its definition, in two columns read down
 * (the first half of the terms on the left), small, so that a dozen words take a few lines of the
 * second page; then, if the sheet has no room to explain them all, the others by name and where
 * they are explained. Kept whole, so that its heading never stands alone at the foot of a page.
 */
function wordsBlock(view: GlanceView, room: number): Record<string, unknown> {
  const { explained, named } = wordsExplained(view.words, room);
  const half = Math.ceil(explained.length / 2);
  const column = (part: GlossaryEntry[]) => ({ stack: part.map((w) => wordEntry(w, 2)) });
  const where = named.every((w) => view.chronology?.words.includes(w.term)) ? 'in the full chronology (see “Where to read more”)' : 'in the data, with their sources';
  return {
    stack: [
      { text: 'Words used on this sheet', style: 'h2', margin: [0, 2, 0, 3] },
      ...(explained.length === 0 ? [] : [{ columns: [column(explained.slice(0, half)), column(explained.slice(half))], columnGap: 14, fontSize: 8, lineHeight: 1.1 }]),
      // The names in regular type, so that they do not read as headwords whose definitions are missing.
      ...(named.length === 0 ? [] : [{ text: `${explained.length === 0 ? 'Explained' : 'Also on this sheet, and explained'} ${where}: ${named.map((w) => w.term).join('; ')}.`, fontSize: 8, margin: [0, 4, 0, 0] }]),
    ],
    unbreakable: true,
  };
}

/** What a sheet needs of the PDF renderer: a document drawn (pdf/render.ts renderPdf), or only laid out to count its pages (pdfPages). */
export interface SheetRenderer {
  render(doc: Record<string, unknown>): Promise<Uint8Array>;
  pages(doc: Record<string, unknown>): Promise<number>;
}

/**
 * The sheet laid out on its two pages: with every word explained if they fit, else with as many
 * explained as fit and the rest named. Its words are found in its text, so a word added to the
 * glossary can lengthen a sheet no editor chose anew. A sheet whose events and figures alone take
 * more than two pages is left whole: those are the editor's choice (templates/chronology.json),
 * and the handouts' test reports it.
 *
 * Each try is a layout of the sheet, counted and not drawn (about 10 to 30 ms, against 40 to 95 ms
 * to draw it; kept in the cache), the first with every word explained. The room is found by
 * explaining one word fewer, then two, four and so on until the sheet fits, and
 * then halving the gap between the last room that did not fit and the first that did: a few more
 * words than fit cost a try or two, many cost a few more, not one each. A sheet does not grow
 * shorter with more definitions on it; were it ever to, the sheet would still fit, with fewer
 * explained.
 */
export async function glancePdf(view: GlanceView, pageSize: PageSize, pdf: SheetRenderer): Promise<Uint8Array> {
  const fits = async (room: number) => (await pdf.pages(glanceDocument(view, pageSize, room))) <= GLANCE_PAGES;
  const all = view.words.length;
  // Counted before it is drawn: with every word explained most sheets run past two pages (seven of the eight shipped).
  if (await fits(all)) return pdf.render(glanceDocument(view, pageSize));
  let tooMany = all;
  let fitting: number | undefined;
  for (let fewer = 1; fitting === undefined && tooMany > 0; fewer *= 2) {
    const room = Math.max(0, all - fewer);
    if (await fits(room)) fitting = room;
    else tooMany = room;
  }
  if (fitting === undefined) return pdf.render(glanceDocument(view, pageSize));
  while (tooMany - fitting > 1) {
    const room = Math.floor((fitting + tooMany) / 2);
    if (await fits(room)) fitting = room;
    else tooMany = room;
  }
  return pdf.render(glanceDocument(view, pageSize, fitting));
}

/** The sheet's document, explaining `room` of its words, those wordsExplained ranks first (all by default), and naming the rest. */
export function glanceDocument(view: GlanceView, pageSize: PageSize, room = view.words.length): Record<string, unknown> {
  const width = WIDTHS[pageSize] - 2 * MARGIN;
  const eventRow = (e: GlanceEvent) => [
    { text: String(e.n), style: 'number' },
    { text: e.dateText, style: 'date' },
    { stack: [{ text: withMark(e.title, e.mark), bold: true }, { text: e.summary }] },
  ];
  const readMore = [
    ...(view.chronology ? [`The full chronology: ${view.chronology.entries} events, each with its sources.`] : []),
    'The report: every figure, where the sources disagree, and the methods.',
    `The data: every claim${view.words.length > 0 ? ', and every word explained on this sheet,' : ''} with its source and verbatim quote.`,
  ];
  return {
    tagged: true,
    pageSize,
    pageMargins: [MARGIN, 36, MARGIN, 40],
    defaultStyle: { font: 'Roboto', fontSize: 10, lineHeight: 1.18 },
    styles: {
      kicker: { fontSize: 9, bold: true, characterSpacing: 0.6 },
      title: { fontSize: 19, bold: true, margin: [0, 1, 0, 3] },
      lead: { fontSize: 9.5, italics: true, margin: [0, 0, 0, 6] },
      h2: { fontSize: 12, bold: true, margin: [0, 8, 0, 4] },
      number: { bold: true, fontSize: 10.5, alignment: 'center' },
      date: { bold: true },
      small: { fontSize: 8.5 },
    },
    footer: handoutFooter(view, `${view.title} · dataset version ${view.meta.version} (${view.released})`, [MARGIN, 8, MARGIN, 0]),
    content: [
      { text: 'AT A GLANCE', style: 'kicker' },
      { text: [`${view.heading}, `, view.period.text], style: 'title' },
      { text: view.lead.join(' '), style: 'lead' },
      { svg: stripSvg(view, width), width, margin: [0, 2, 0, 2], alt: `A timeline from ${view.period.text}: the numbered events listed below, each placed at its date.` },
      { text: stripCaption(view), style: 'small', italics: true, margin: [0, 0, 0, 4] },
      { text: 'Events', style: 'h2' },
      {
        table: { widths: [16, 92, '*'], dontBreakRows: true, body: view.events.map(eventRow) },
        layout: { hLineWidth: (i: number) => (i === 0 ? 0 : 0.4), vLineWidth: () => 0, hLineColor: () => '#999', paddingTop: () => 2, paddingBottom: () => 2, paddingLeft: () => 2, paddingRight: () => 4 },
      },
      {
        stack: [
          { text: 'Key figures', style: 'h2' },
          {
            table: {
              headerRows: 1,
              widths: ['*', 'auto', 'auto'],
              // A figure and its range are never split over lines; the description takes what is left.
              dontBreakRows: true,
              body: [
                [{ text: 'What was counted', bold: true }, { text: 'Published', bold: true }, { text: 'All sources give', bold: true }],
                ...view.figures.map((f) => [f.what, { text: withMark(f.stated, f.mark), bold: true, noWrap: true }, { text: f.range, noWrap: true }]),
              ],
            },
            layout: 'lightHorizontalLines',
            fontSize: 9,
          },
          { text: 'A published figure is the best-supported claim (see the report for the rule); the last column spans every figure any source gives.', style: 'small', italics: true, margin: [0, 3, 0, 6] },
        ],
        unbreakable: true,
      },
      {
        columns: [
          { ...legendBlock(view, 8), width: 245, margin: [0, 6, 0, 0] },
          { stack: [{ text: 'Where to read more', style: 'h2', margin: [0, 4, 0, 3] }, { ul: readMore, style: 'small' }, addressBlock(view.address, { size: 58, fontSize: 8 })], width: '*' },
        ],
        columnGap: 14,
        unbreakable: true,
      },
      // Last, so that the legend of the marks stays beside the key figures it explains.
      ...(view.words.length === 0 ? [] : [wordsBlock(view, room)]),
    ],
  };
}
