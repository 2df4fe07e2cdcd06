/**
 * The one place in the report where ids appear: an appendix for data users that maps what the
 * body prints (note numbers, the quantity in words, an event's date and title, a finding's
 * sentence) to the ids of the data (source id, quantity key, event id, finding key), so that a
 * number read on paper can be found in data/*.csv. Set small and compact: readers skip it.
 */
import type { Finding } from '../reconcile/findings.js';
import type { ReconciledEvent, ReconciledFigure } from '../reconcile/reconciled.js';
import { formatDate } from '../util/format.js';
import type { Notes } from './notes.js';

export const IDENTIFIERS_TITLE = 'For data users: identifiers';

type Node = Record<string, unknown> | string;

/** A sentence cut to its first words: enough to find the finding in the body. */
const opening = (s: string, words = 14) => {
  const all = s.split(' ');
  return all.length <= words ? s : `${all.slice(0, words).join(' ')} …`;
};

/** Ids set whole on one line (never split at a hyphen), so that they can be searched and copied. */
const id = (text: string): Node => ({ text, noWrap: true, fontSize: 6 });

const table = (header: string[], rows: Node[][]): Node => ({
  table: { headerRows: 1, widths: ['*', 'auto'], body: [header.map((h) => ({ text: h, bold: true })), ...rows] },
  layout: 'lightHorizontalLines',
  fontSize: 6.5,
  margin: [0, 2, 0, 8],
});

export function identifiersAppendix(input: {
  notes: Notes;
  figures: { figure: ReconciledFigure; words: string }[];
  events: ReconciledEvent[];
  findings: { finding: Finding; sentence: string }[];
  h1: (text: string) => Node;
  h2: (text: string) => Node;
}): Node[] {
  const { notes, figures, events, findings, h1, h2 } = input;
  const list = notes.list();
  return [
    h1(IDENTIFIERS_TITLE),
    { text: 'The body of this report names sources by note number, quantities by what they count, events by date and title, and findings by their sentence. The data (data/*.csv, listed on index.html) names them by id. This appendix gives the ids, in the order of the body, for finding a row of the data from the page.', style: 'para' },
    h2('Sources: note number and source id'),
    { text: list.flatMap(({ n, source }, i) => [{ text: `${n} `, bold: true }, `${source.id}${i < list.length - 1 ? ' · ' : ''}`]), fontSize: 6.5, margin: [0, 0, 0, 8] },
    h2('Published figures: what is counted, and the quantity key'),
    table(['What it counts', 'Quantity key (reconciled_figures.csv)'], figures.map(({ figure, words }) => [words, id(figure.key)])),
    h2('Events: date and title, and the event id'),
    table(['Date and title', 'Event id (reconciled_events.csv)'], events.map((e) => [`${formatDate(e.date)}: ${e.title}`, id(e.event)])),
    h2('Findings: the sentence, and the finding key'),
    table(['Finding', 'Finding key (findings.csv)'], findings.map(({ finding, sentence }) => [opening(sentence), id(finding.key)])),
  ];
}
