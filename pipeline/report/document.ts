/**
 * dist/report.pdf as a pdfmake document: title page, contents, key figures (table and chart),
 * every finding grouped by kind, the chronology, every reconciled figure, the sources, and
 * the methods with the codebook. Each number carries note numbers that lead to its sources.
 */
import type { DatasetMeta } from '../dataset.js';
import type { OutTable } from '../emit/write-table.js';
import type { ChronicleRecord } from '../model.js';
import { FINDING_KINDS, NAMED_CLAIMS, type Finding } from '../reconcile/findings.js';
import type { Reconciled } from '../reconcile/index.js';
import type { ReconciledFigure } from '../reconcile/reconciled.js';
import type { PreferenceStep, Settings } from '../reconcile/settings.js';
import { formatDate, formatNumber, formatSpan } from '../util/format.js';
import { doubtLegend, doubtMark } from '../reconcile/doubt.js';
import { deportationAlt, deportationChart } from './chart.js';
import { Citing, shortTitle } from './citing.js';
import { IDENTIFIERS_TITLE, identifiersAppendix } from './identifiers.js';
import { keyFigures, type KeyFigure } from './key-figures.js';
import { addressBlock, dataAddress } from '../pdf/address.js';
import type { PdfCache } from '../pdf/cache.js';
import { keepRangesTogether } from '../pdf/keep-together.js';
import { Notes } from './notes.js';

export interface ReportInput {
  meta: DatasetMeta;
  date: Date;
  record: ChronicleRecord;
  reconciled: Reconciled;
  settings: Settings;
  tables: OutTable[];
}

type Node = Record<string, unknown> | string;

/** Each step of the preference rule in words, for the methods chapter. */
const PREFERENCE_WORDS: Record<PreferenceStep, (s: Settings) => string> = {
  ruling: () => "An editor's ruling: where a ruling on a finding names the claim it prefers (reviews.csv, preferred), that claim is published.",
  doubt: (s) => `Doubt: claims flagged as ${s.preference.doubtfulFlags.join(', ')} are set aside while any other claim remains.`,
  agreement: (s) => `Agreement of independent sources: where ${s.preference.agreeing} or more independent sources agree with a claim (their intervals meet), claims that no other independent source supports are set aside. A lone dissenter never overrides agreeing sources, whatever its grade, without a ruling. An open bound ("more than v", "up to v") supports only values within ${s.preference.openReach * 100}% of v.`,
  evidence: (s) => `Evidence: the strongest kind, in the order ${s.preference.evidence.join(' > ')}.`,
  grade: () => 'Grade of the underlying document: the highest.',
  precision: () => 'Precision: the narrowest interval (a round number read as rounded is less precise than a count).',
};

/** What the record covers, said plainly so that a reader does not take the gap of 1941–1944 for an omission. */
const SCOPE = 'The record is of the Soviet occupations and their end: the first occupation of 1939–1941, the return of Soviet rule from 1944, and the Soviet years up to independence in 1991 and the withdrawal of the troops. The German occupation of 1941–1944 appears only at its edges (the German attack of June 1941, the Soviet return in 1944): its crimes are the subject of other records, and leaving them out here is a choice of scope, not a judgement that they mattered less. The interwar peace treaties and Western non-recognition appear as context.';
const MARGINS = [50, 54, 50, 54];
const CONTENT_WIDTH = 595.28 - MARGINS[0]! - MARGINS[2]!;
const h1 = (text: string, breakBefore = true): Node => ({ text, style: 'h1', tocItem: true, outline: true, ...(breakBefore ? { pageBreak: 'before' } : {}) });
const h2 = (text: string): Node => ({ text, style: 'h2', tocItem: true, tocMargin: [12, 0, 0, 0], outline: true });
const para = (text: string | Node[]): Node => ({ text, style: 'para' });
/** Columns of a codebook table short enough to stay on one page with its heading and description (ten rows of the longest descriptions fill about two thirds of a page). */
const CODEBOOK_KEPT_WHOLE = 10;
const table = (widths: (number | string)[], header: string[], rows: Node[][], fontSize = 8): Node => ({
  table: { headerRows: 1, widths, dontBreakRows: true, body: [header.map((h) => ({ text: h, bold: true })), ...rows] },
  layout: 'lightHorizontalLines',
  fontSize,
  margin: [0, 2, 0, 10],
});

/** The words of the record's own prose, lower-cased: a source id among them reads as a word. */
const proseWords = (record: ChronicleRecord) =>
  new Set([...record.events.flatMap((e) => [e.title, e.summary]), ...record.measures.flatMap((m) => [m.label, m.definition]), ...record.territories.map((t) => t.name), ...record.people.map((p) => p.name)].flatMap((t) => t.toLowerCase().split(/[^\p{L}\p{N}-]+/u)));

/**
 * A finding's claims as its table prints them: each, up to NAMED_CLAIMS; past it the first and the
 * last half of that many (a finding lists its claims lowest first), and between them the number
 * left out. The table is kept on one page with its sentence, and a register's finding may hold
 * thousands of claims; the data lists every one.
 */
export function claimsToPrint<T>(claims: T[]): (T | number)[] {
  if (claims.length <= NAMED_CLAIMS) return claims;
  const half = Math.floor(NAMED_CLAIMS / 2);
  return [...claims.slice(0, half), claims.length - 2 * half, ...claims.slice(-half)];
}

/** The doubt marks in one line, shown where marks first appear in a chapter. */
function legendLine(settings: Settings): Node {
  return { text: [{ text: 'Marks: ', bold: true }, doubtLegend(settings).map((l) => `${l.mark ? `${l.mark} ` : ''}${l.legend}`).join(' · '), '.'], fontSize: 7.5, margin: [0, 0, 0, 6] };
}

export async function reportDocument(input: ReportInput, cache?: PdfCache): Promise<Record<string, unknown>> {
  const { meta, date, record, reconciled, settings, tables } = input;
  const sources = new Map(record.sources.map((s) => [s.id, s]));
  const notes = new Notes(sources);
  const citing = new Citing(notes, sources, proseWords(record));
  const measure = new Map(record.measures.map((m) => [m.id, m]));
  const group = new Map(record.groups.map((g) => [g.id, g]));
  const person = new Map(record.people.map((p) => [p.id, p]));
  const territory = new Map(record.territories.map((t) => [t.id, t]));
  const events = new Map(reconciled.events.map((e) => [e.event, e]));
  // By table: an event and a figure read from the same page may share an id, each with its own quote.
  const claims = { figures: new Map(record.figures.map((c) => [c.id, c])), events: new Map(record.events.map((c) => [c.id, c])) };
  const isoDate = date.toISOString().slice(0, 10);
  const mark = (settledness: string) => doubtMark(settledness, settings);
  /** The quotes that carry a published value: the preferred claim's, or, for a tie, every claim's. */
  const carrying = (table: keyof typeof claims, p: { preferred_claim: string | null; claim_ids: string[] }) => (p.preferred_claim ? [p.preferred_claim] : p.claim_ids).map((id) => citing.quote(claims[table].get(id)!));

  // Key figures: persons deported in each operation, by territory; totals apart from their parts.
  const key = keyFigures(record, reconciled.figures, reconciled.events, settings);
  const chart = await deportationChart(key, CONTENT_WIDTH, 'Roboto', cache);
  const keyRow = (k: KeyFigure): Node[] => [
    k.kind === 'stage' ? { text: `   ${k.event.title}`, italics: true } : k.kind === 'total' ? k.operation : k.event.title,
    k.territory,
    { text: `${k.figure.stated}${k.mark ? ` ${k.mark}` : ''}`, noWrap: true },
    { text: formatSpan(k.figure), noWrap: true },
    `${k.figure.claims} / ${k.figure.witnesses}`,
    notes.mark(k.figure.source_ids),
  ];
  const keyHeader = ['Operation', 'Territory', 'Published', 'Lowest–highest', 'Claims / independent', 'Notes'];
  const keyWidths = ['*', 90, 'auto', 'auto', 54, 60];

  // The sentence and its claims stay together; the ruling, often long, may run on to the next page rather than leave a gap.
  const findingBlock = (f: Finding): Node => ({
    stack: [
      {
        stack: [
          { text: citing.sentence(f), style: 'para' },
          table(
            [100, 'auto', '*'],
            ['Source', 'Stated', 'Its words, and where'],
            claimsToPrint(f.claims).map((c) =>
              typeof c === 'number'
                ? [{ text: `… ${formatNumber(c)} more claims between these.`, colSpan: 3, italics: true }, {}, {}]
                : [citing.source(c.source), { text: c.table === 'events' ? formatDate(c.stated) : c.stated, noWrap: true }, citing.quote({ ...claims[c.table].get(c.id)!, source: c.source, locator: c.locator }, 7, true)],
            ),
            7.5,
          ),
        ],
        unbreakable: true,
      },
      { text: f.review ? `Editors' ruling: ${f.review.status}. ${citing.prose(f.review.note)}` : 'Editors\' ruling: none yet.', italics: true, fontSize: 8 },
      { text: [f.severity === 'major' ? 'Major' : 'Minor', f.gap !== null ? ` · gap ${formatNumber(f.gap)}` : '', f.spread !== null ? ` · spread ${f.spread}%` : '', f.sum !== null ? ` · sum of parts ${formatNumber(f.sum)}` : ''].join(''), fontSize: 7.5, color: '#333' },
    ],
    margin: [0, 4, 0, 10],
  });
  const byKind = Object.keys(FINDING_KINDS).map((kind) => ({ kind, findings: reconciled.findings.filter((f) => f.kind === kind) })).filter((k) => k.findings.length > 0);

  const chronology = reconciled.events.map((e): Node => ({
    stack: [
      { text: [{ text: `${formatDate(e.date)}${mark(e.settledness) ? ` ${mark(e.settledness)}` : ''}`, bold: true }, e.dates.length > 1 ? `  (sources give: ${e.dates.map(formatDate).join('; ')})` : '', '  ', { text: e.territories.map((t) => territory.get(t)!.name).join('; '), italics: true, fontSize: 8 }] },
      { text: `${e.title} ${notes.mark(e.source_ids)}`, bold: true },
      { text: e.summary },
      ...(e.people.length ? [{ text: `People: ${e.people.map((id) => person.get(id)!.name).join('; ')}`, fontSize: 8 }] : []),
      ...carrying('events', e),
    ],
    unbreakable: true,
    margin: [0, 0, 0, 6],
  }));

  const time = (f: ReconciledFigure) => (f.event ? events.get(f.event)?.title ?? formatDate(f.period) : formatDate(f.period));
  const describe = (f: ReconciledFigure) => `${measure.get(f.measure)!.label}; ${territory.get(f.territory)!.name}${f.population_group === 'all' ? '' : `; ${group.get(f.population_group)!.label}`}; ${time(f)}`;
  const allFigures = [...reconciled.figures].map((f) => ({ figure: f, words: describe(f) })).sort((a, b) => (a.words < b.words ? -1 : a.words > b.words ? 1 : 0));

  const content: Node[] = [
    { text: keepRangesTogether(meta.title), style: 'title', margin: [0, 150, 0, 12] },
    { text: 'Report: the record, its figures, and where its sources disagree', style: 'subtitle' },
    { text: `Version ${meta.version} · ${formatDate(isoDate)}`, margin: [0, 24, 0, 4] },
    { text: `${record.events.length} event claims about ${reconciled.events.length} events and ${record.figures.length} figure claims about ${reconciled.figures.length} quantities, from ${record.sources.length} sources; ${reconciled.findings.length} findings where the claims do not fit together.` },
    { text: `Licence: ${meta.licenses.map((l) => `${l.title} (${l.name})`).join('; ')}.`, margin: [0, 12, 0, 0] },
    addressBlock(dataAddress(meta, isoDate)),
    { text: `Every published number and date below is printed with the verbatim quote that carries it, its numbered source and the place in it; the appendix "${IDENTIFIERS_TITLE}" leads from the page to the rows of the data.`, margin: [0, 4, 0, 0] },
    { toc: { title: { text: 'Contents', style: 'h1' } }, pageBreak: 'before' },

    h1('How to read this report'),
    para(SCOPE),
    para('Every fact in this record is a claim: one source, one place in it, one short verbatim quote. Where several sources speak of the same quantity or event, the reconciliation compares them and keeps them all. Numbers in square brackets are notes: they lead to the numbered list of sources. Each published figure and date is followed by the quote that carries it, in small italic type, with its note, a short title of the source and the place in it. The methods chapter says how qualifiers such as "about" or "more than" are read and which checks are made.'),
    para('A mark after a published figure or date says how settled it is, from the reconciled tables; where several apply, the first in this list is shown:'),
    table([40, '*'], ['Mark', 'Means'], settings.settledness.levels.map((l) => [{ text: l.mark || 'none', bold: true }, `${l.legend.replace(/^[^:]*:\s*/, '')}. ${l.description}`])),

    h1('Key figures', false),
    para('Persons deported in each deportation operation, by territory. The chart draws each operation in each state or province; totals for several territories or several operations are listed apart below, so that no total stands beside its own parts. The published figure is chosen by the rule set out in the methods chapter; the range runs from the lowest to the highest number any source gives; "claims / independent" counts the claims and the independent underlying documents behind them. The quotes that carry each figure are in the chapter "All figures".'),
    legendLine(settings),
    { svg: chart, width: CONTENT_WIDTH, margin: [0, 4, 0, 0], alt: deportationAlt(key) },
    { text: 'Chart: persons deported in each operation, one panel per operation. Each bar stops at the published figure, written beside it with its mark; the black line runs from the lowest to the highest figure the sources give. The table below gives the same figures in words.', style: 'caption' },
    h2('Operations by territory'),
    table(keyWidths, keyHeader, key.filter((k) => k.kind !== 'total').map(keyRow)),
    h2('Totals for several territories or operations'),
    para('Each of these counts more than one bar of the chart together (a whole region, or years of deportations) and is not added to them.'),
    table(keyWidths, ['What the total covers', ...keyHeader.slice(1)], key.filter((k) => k.kind === 'total').map(keyRow)),

    h1('Where the sources disagree'),
    para(`${reconciled.findings.length} findings: places where claims cannot all be true as stated, or need a reader's attention. Each gives the claims side by side with their sources and their words, and the editors' ruling where there is one.`),
    ...byKind.flatMap(({ kind, findings }) => [h2(`${FINDING_KINDS[kind as keyof typeof FINDING_KINDS]} (${findings.length})`), ...findings.map(findingBlock)]),

    h1('Chronology'),
    para('One entry per event, in date order: the date published (chosen by the rule in the methods chapter), with its mark, and, where the sources differ, every date they give; then the quote that carries it.'),
    legendLine(settings),
    ...chronology,

    h1('All figures'),
    para('Every reconciled quantity: what it counts (measure; territory; group where not everyone; event or period), the published figure with its mark and notes, the range the sources leave, the claims and independent documents behind it, and the quote that carries the published figure.'),
    legendLine(settings),
    table(['*', 'auto', 'auto', 32], ['What it counts, and the words that carry it', 'Published', 'Range', 'Claims'], allFigures.map(({ figure: f, words }) => [{ stack: [words, ...carrying('figures', f)] }, { text: `${f.stated}${mark(f.settledness) ? ` ${mark(f.settledness)}` : ''} ${notes.mark(f.source_ids)}` }, { text: formatSpan(f), noWrap: true }, `${f.claims} / ${f.witnesses}`]), 7.5),

    h1('Sources'),
    ...[{ ol: notes.list().map(({ source: s }) => ({ text: [`${s.title}. ${s.publisher}${s.author ? `; ${s.author}` : ''}. `, s.url ? { text: s.url, link: s.url, decoration: 'underline' } : 'No address of its own: read through the pages that derive from it', `. Read ${s.accessed}. ${s.kind}, reliability ${s.reliability} of 5; evidence: ${s.evidence}.${s.derived_from ? ` Derived from: ${s.derived_from.map((d) => `${notes.mark([d])} ${shortTitle(sources.get(d)!)}`).join('; ')}.` : ''}${s.note ? ` ${citing.prose(s.note)}` : ''}`], margin: [0, 0, 0, 3] })), fontSize: 8 }],

    h1('Methods'),
    h2('Claims and sources'),
    para('Each row of events and figures is one claim of one source, with a locator and the shortest verbatim quote that carries the fact. Two sources that disagree are two rows; no row is edited to agree with another. Sources are graded as documents: 5 archive or official record, 4 museum, memory institute or academic work, 3 encyclopedia, 2 press, 1 blog or aggregator.'),
    h2('What a claim rests on'),
    para(`Each claim rests on evidence of one kind: ${settings.preference.evidence.join(', ')} (strongest first): an archival or official count, register or operational report; an official statement or legal act; a scholar's or institution's estimate; a secondary retelling. A source gives the kind of its claims, and a claim may say otherwise. A page that copies, translates, quotes or retells another document (a mirror of an encyclopedia article, a blog quoting an archival report) names it in derived_from: its claims weigh as that document (its grade, the weakest where it names several), and all the pages that derive from one document count as one independent source wherever agreement is counted. A document read only through such a page has a row of its own, without an address.`),
    h2('Qualifiers become intervals'),
    para(`A figure stands for an interval of values. The tolerance t is ${settings.tolerance * 100}%. A number keeps the precision it is stated with: a value ending in ${settings.precision.roundFrom} or more zeros that rests on ${settings.precision.roundedEvidence.join(' or ')} (no sign that it is an exact count) covers its rounding interval, so that 43,000 stands for 42,500–43,499 (rounded-low, rounded-high); counts and statements keep their value. "About", "almost", "more than" and the other qualifiers keep their meaning on top, as the table says. Dates are EDTF; an approximate date is widened by ${settings.approximateMarginDays} days on each side.`),
    table(['auto', '*', '*'], ['Qualifier', 'Lower bound', 'Upper bound'], Object.entries(settings.qualifiers).map(([q, [lo, hi]]) => [q, lo, hi])),
    h2('Which value is published'),
    para('For each quantity and each event one claim is published, chosen by these steps in order; each step keeps the best claims by its test and the first that leaves one decides:'),
    { ol: settings.preference.order.map((step) => PREFERENCE_WORDS[step](settings)), style: 'para' },
    para('What is left after every step is a tie. A tie is never broken by claim id: it is reported as such, and the published value is the span of the tied claims. Claims that state the same value are not a tie; the strongest of them stands for them. Every reconciled row says which steps decided (preferred_reason), and each build says which published values a change moved, with the old value, the new one and why.'),
    para('The steps weigh the sources before the precision, so a day given by a weaker source does not by itself displace a month or a year given by a stronger one with which it agrees ("16 November 1988" against "November 1988"). Each such event is a finding (finer-date) for the editors, who publish the finer date by a ruling where they judge it well founded, or keep the coarser one and say why.'),
    h2("Whose words describe an event"),
    para("The claims about an event share its title; the summary printed with it is one claim's. It is the claim the editors chose, where they did, with their reason in the claim's headline column (for instance, the only claim whose page gives the number killed); otherwise the claim whose title most claims use, of those one about as many of the event's territories as any, then the one from the highest grade of source. The date beside it is chosen apart, by the steps above. Every reconciled event names the claim its summary comes from (summary_claim)."),
    h2('How settled a value is'),
    para('Every reconciled figure and event says how settled its published value is: the first of these that applies.'),
    { ul: settings.settledness.levels.map((l) => `${l.value}: ${l.description}`), style: 'para' },
    h2('Checks'),
    { ul: Object.entries(FINDING_KINDS).map(([kind, text]) => `${kind}: ${text}.`), style: 'para' },
    para(`A disagreement whose gap is below ${settings.minorSpread * 100}% of the smaller figure is minor. Part and whole follow the hierarchies of the territories, measures and groups tables, periods that contain one another, and events that are stages or days of another (part_of): a figure for a stage is checked against the whole event's, never as a disagreement with it. Sums are checked where every member of a complete partition has a figure; and the stages of an event, or the events within a period, may not add up to more than the figure for the whole (each counted with the lowest value its undoubted claims allow).`),
    h2('Codebook'),
    ...tables.map((t): Node => {
      const entry = [
        { text: `${t.name}: ${t.title}`, style: 'h3' },
        para(t.description),
        table(['auto', 'auto', '*'], ['Column', 'Type', 'Meaning'], t.columns.map((c) => [c.name, c.type === 'array' ? 'list' : c.type, `${c.title}. ${c.description}`]), 7),
      ];
      // A short table is kept on one page with its heading, which would otherwise end a page alone;
      // a long one breaks between its rows, so its heading always has rows below it.
      return { stack: entry, unbreakable: t.columns.length <= CODEBOOK_KEPT_WHOLE };
    }),

    ...identifiersAppendix({ notes, figures: allFigures, events: reconciled.events, findings: byKind.flatMap((k) => k.findings).map((f) => ({ finding: f, sentence: citing.sentence(f) })), h1, h2 }),
  ];

  return {
    pageSize: 'A4',
    pageMargins: MARGINS,
    version: '1.7',
    tagged: true,
    subset: 'PDF/A-2b',
    defaultStyle: { font: 'Roboto', fontSize: 9, lineHeight: 1.2 },
    styles: {
      title: { fontSize: 24, bold: true },
      subtitle: { fontSize: 14 },
      h1: { fontSize: 16, bold: true, margin: [0, 0, 0, 8] },
      h2: { fontSize: 12, bold: true, margin: [0, 10, 0, 4] },
      h3: { fontSize: 10, bold: true, margin: [0, 8, 0, 2] },
      para: { margin: [0, 0, 0, 6] },
      caption: { fontSize: 8, italics: true, margin: [0, 2, 0, 0] },
    },
    header: (page: number) => (page === 1 ? null : { text: `${meta.title} · report, version ${meta.version}`, artifact: true, fontSize: 7.5, margin: [MARGINS[0], 24, MARGINS[2], 0], color: '#333' }),
    footer: (page: number, pages: number) => ({ text: `page ${page} of ${pages}`, artifact: true, alignment: 'right', fontSize: 8, margin: [MARGINS[0], 20, MARGINS[2], 0] }),
    content,
  };
}
