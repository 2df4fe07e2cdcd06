/**
 * What a chronology shows, independent of how it is rendered (HTML page or PDF handout): the
 * reconciled events of one scope (all territories, or one and what contains or lies within it),
 * grouped by period and year, each with the date published, as exactly as the sources allow it,
 * and numbered source notes. Periods come from templates/chronology.json.
 */
import { datasetPeriod, type DatasetMeta } from '../dataset.js';
import type { ChronicleRecord, SourceRow, TerritoryRow } from '../model.js';
import { addressSvg, dataAddress, type DataAddress } from '../pdf/address.js';
import { doubtLegend, doubtMark } from '../reconcile/doubt.js';
import { dateDifferenceOpening, fromOneSource, type Finding } from '../reconcile/findings.js';
import type { ReconciledEvent } from '../reconcile/reconciled.js';
import type { Settings } from '../reconcile/settings.js';
import { Notes } from '../report/notes.js';
import { formatDate } from '../util/format.js';
import { termsUsed, type GlossaryEntry } from './glossary.js';

export interface Period {
  title: string;
  start: string;
  end: string;
  /** The handout's scope note is printed again under this period's heading, where readers meet the years it leaves out. */
  scope?: boolean;
}

export interface Scope {
  /** 'all', or a territory id. */
  id: string;
  name: string;
}

export interface Place {
  name: string;
  native: string | null;
  lang: string | null;
}

export interface Entry {
  event: string;
  anchor: string;
  /** The date published, as readers read it; with "some sources differ" when they do (or "its source gives another date too"). */
  dateText: string;
  /** Machine-readable first day (or month, or year) for <time datetime>. */
  datetime: string;
  /** The date used, as EDTF, and its first and last day. */
  edtf: string;
  start: string;
  end: string;
  /** Present when the sources give different dates: the number of the difference that says how. */
  difference: number | null;
  places: Place[];
  /** The event this one is a stage or a day of (part_of): its title, its entry's anchor, and whether this handout prints that entry. */
  partOf: { title: string; anchor: string; here: boolean } | null;
  title: string;
  summary: string;
  notes: number[];
  /** How settled the date and the event are (reconciled_events.settledness) and its mark ('' when settled). */
  settledness: string;
  mark: string;
}

/** Where the sources give different dates for one entry, said with note numbers and locators, never ids. */
export interface Difference {
  n: number;
  anchor: string;
  sentence: string;
}

export interface Note {
  n: number;
  source: SourceRow;
  link: string | null;
}

export interface ChronologyView {
  scope: Scope;
  /** The title with the dataset's period (sources/dataset.json temporalCoverage): "Chronology of the Soviet occupation, 1939–1991". */
  title: string;
  /** The title without the period, for a page that sets the period on a line of its own. */
  heading: string;
  /** The dataset's period, "1939–1991". */
  period: string;
  /** What lies outside the period, said plainly ("with the background from 1918 and the aftermath to 1994"), or null. */
  context: string | null;
  /** What the period leaves out on purpose (templates/chronology.json scope), or null. */
  scopeNote: string | null;
  /** The doubt marks and what each means (sources/reconcile.json settledness.levels). */
  legend: { value: string; mark: string; legend: string }[];
  /** Where the data is, in words and, with a homepage, its address and QR code (SVG). */
  address: DataAddress & { svg: string | null };
  meta: DatasetMeta;
  released: string;
  periods: { title: string; note: string | null; years: { year: string; entries: Entry[] }[] }[];
  entries: Entry[];
  notes: Note[];
  differences: Difference[];
  /** The glossary's words that the chronology's text uses (its opening lines, places, titles and summaries). */
  words: GlossaryEntry[];
  /** Said with the words: where each definition's source is. */
  wordsNote: string;
}

const WORDS_NOTE = "Each definition rests on a source, with its locator and verbatim quote, in the data's glossary table.";

/** The territories a handout for `scope` covers: itself, what it lies in, and what lies in it. */
export function scopeTerritories(territories: TerritoryRow[], scope: string): Set<string> {
  if (scope === 'all') return new Set(territories.map((t) => t.id));
  const parent = new Map(territories.map((t) => [t.id, t.parent]));
  const lineage = (id: string) => {
    const chain: string[] = [];
    for (let at: string | null | undefined = id; at; at = parent.get(at)) chain.push(at);
    return chain;
  };
  const out = new Set(lineage(scope));
  for (const t of territories) if (lineage(t.id).includes(scope)) out.add(t.id);
  return out;
}

/** The first day, month or year of an EDTF date, as HTML's <time datetime> accepts it (a season gives its year). */
export function machineDate(edtf: string): string {
  const first = edtf.split('/')[0]!.replace(/[~?%]$/, '');
  return /^\d{4}-2[1-4]$/.test(first) ? first.slice(0, 4) : first;
}

/** "3, 5 and 7": British English lists, without a comma before "and". */
const AND = new Intl.ListFormat('en-GB', { type: 'conjunction' });

export const isHttp = (url: string) => /^https?:\/\//i.test(url);

/**
 * The places an entry names, as a reader reads them: a territory inside another that the entry
 * also names is left out ("All annexed territories", not "All annexed territories; Latvia"), and
 * the native name follows in brackets unless the English name already ends in brackets of its own.
 */
export function printedPlaces(ids: string[], territories: Map<string, TerritoryRow>): Place[] {
  const listed = new Set(ids);
  const inListed = (t: TerritoryRow): boolean => (t.parent ? listed.has(t.parent) || inListed(territories.get(t.parent)!) : false);
  return ids
    .map((id) => territories.get(id)!)
    .filter((t) => !inListed(t))
    .map((t) => ({ name: t.name, native: t.native_name && t.native_name !== t.name && !t.name.endsWith(')') ? t.native_name : null, lang: t.native_language }));
}

/**
 * A year's entries as a class reads them: an entry dated only by its year, month or season
 * ("1981", "June 1941") comes after the entries dated within it, since it may fall anywhere in it
 * (Kukk's death in 1981 after his trial of 5-8 January, not before it), and in the period that
 * holds its end (the Kuressaare killings of "1941", before the Soviets left in September, under the
 * war years). Spans and days keep the order of their first day; the sort is stable.
 */
export function inReadingOrder(entries: Entry[]): Entry[] {
  return [...entries].sort((a, b) => (readingKey(a) < readingKey(b) ? -1 : readingKey(a) > readingKey(b) ? 1 : 0));
}

/** Where an entry is read: the last day of a year, month or season it is dated by alone, else its first day. It also decides the entry's period. */
const readingKey = (e: Pick<Entry, 'edtf' | 'start' | 'end'>) => (!e.edtf.includes('/') && !/^\d{4}-\d{2}-\d{2}/.test(e.edtf) && e.end ? e.end : e.start);

/** "14 June 1940 in sources 3 (p. 15) and 5 (par. 2)": the claims of one date, by note number and locator. */
function citeDate(date: string, claims: Finding['claims'], note: (source: string) => number): string {
  const cited = claims.map((c) => ({ n: note(c.source), locator: c.locator })).sort((a, b) => a.n - b.n);
  const parts = cited.map((c) => `${c.n}${c.locator ? ` (${c.locator})` : ''}`);
  return `${formatDate(date)} in source${parts.length > 1 ? 's' : ''} ${AND.format(parts)}`;
}

/** The sentence readers read about an event whose sources give different dates: the finding's claims, by note number. */
function differenceSentence(e: ReconciledEvent, finding: Finding, note: (source: string) => number): string {
  const byDate = new Map<string, Finding['claims']>();
  for (const c of finding.claims) byDate.set(c.stated, [...(byDate.get(c.stated) ?? []), c]);
  const listed = [...byDate].map(([date, claims]) => citeDate(date, claims, note));
  return `${dateDifferenceOpening(e.title, e.status, finding.claims)}: ${listed.slice(0, -1).join('; ')}${listed.length > 1 ? '; and ' : ''}${listed.at(-1)}.`;
}

/** "with the background from 1918 and the aftermath to 1994": what a chronology shows outside the dataset's period. */
export function contextOutside(entries: { start: string; end: string }[], period: { first: string; last: string }): string | null {
  const before = entries.map((e) => e.start.slice(0, 4)).filter((y) => y < period.first).sort()[0];
  const after = entries.map((e) => (e.end || e.start).slice(0, 4)).filter((y) => y > period.last).sort().at(-1);
  const parts = [...(before ? [`the background from ${before}`] : []), ...(after ? [`the aftermath to ${after}`] : [])];
  return parts.length > 0 ? `with ${parts.join(' and ')}` : null;
}

export function chronologyView(input: { record: ChronicleRecord; events: ReconciledEvent[]; findings: Finding[]; periods: Period[]; meta: DatasetMeta; settings: Settings; released: string; scope: Scope; scopeNote?: string }): ChronologyView {
  const { record, events, findings, periods, meta, settings, scope } = input;
  const inScope = scopeTerritories(record.territories, scope.id);
  const territories = new Map(record.territories.map((t) => [t.id, t]));
  const sources = new Map(record.sources.map((s) => [s.id, s]));
  const claims = new Map(record.events.map((e) => [e.id, e]));
  const dateFindings = new Map(findings.filter((f) => f.kind === 'date-disagreement').map((f) => [f.subject, f]));
  // Numbered as the report numbers its notes: in order of first citation.
  const numbered = new Notes(sources);
  const note = (id: string) => numbered.cite([id])[0]!;
  const differences: Difference[] = [];

  const shown = events.filter((e) => e.territories.some((t) => inScope.has(t)) && (scope.id === 'all' || !e.territories.every((t) => territories.get(t)?.kind === 'union')));
  const printed = new Set(shown.map((e) => e.event));
  const entries = shown.map((e): Entry => {
    const finding = dateFindings.get(e.event);
    // The date published, always: a class reads one date, and the list at the end gives every date the sources give. "Some" sources, since most may agree with it (the mark after the title says how settled it is).
    const dateText = finding ? `${formatDate(e.date)}; ${fromOneSource(finding.claims) ? 'its source gives another date too' : 'some sources differ'}` : formatDate(e.date);
    // Sources numbered in order of reliability on first use, so that the strongest gets the lower number.
    const claimSources = e.claim_ids.map((id) => claims.get(id)!.source);
    const ranked = [...new Set(claimSources)].sort((a, b) => sources.get(b)!.reliability - sources.get(a)!.reliability || (a < b ? -1 : 1));
    const entryNotes = ranked.map(note).sort((a, b) => a - b);
    if (finding) differences.push({ n: differences.length + 1, anchor: `event-${e.event}`, sentence: differenceSentence(e, finding, note) });
    return {
      event: e.event,
      anchor: `event-${e.event}`,
      dateText,
      datetime: machineDate(e.date),
      edtf: e.date,
      start: e.date_start ?? '',
      end: e.date_end ?? '',
      difference: finding ? differences.length : null,
      places: printedPlaces(e.territories, territories),
      // A reader who meets a stage beside its whole (the assault on the TV tower among the January Events) is told how they relate.
      partOf: e.part_of && e.part_of_title ? { title: e.part_of_title, anchor: `event-${e.part_of}`, here: printed.has(e.part_of) } : null,
      title: e.title,
      summary: e.summary,
      notes: entryNotes,
      settledness: e.settledness,
      mark: doubtMark(e.settledness, settings),
    };
  });

  const scopeNote = input.scopeNote ?? null;
  const grouped = periods
    .map((p) => {
      const within = entries.filter((e) => readingKey(e) >= p.start && readingKey(e) <= p.end);
      const years = [...new Set(within.map((e) => e.start.slice(0, 4)))];
      return { title: p.title, note: p.scope ? scopeNote : null, years: years.map((year) => ({ year, entries: inReadingOrder(within.filter((e) => e.start.startsWith(year))) })) };
    })
    .filter((p) => p.years.length > 0);
  // An event outside every configured period still appears, under its own heading.
  const placed = new Set(grouped.flatMap((p) => p.years.flatMap((y) => y.entries)));
  const rest = entries.filter((e) => !placed.has(e));
  if (rest.length > 0) grouped.push({ title: 'Other dates', note: null, years: [...new Set(rest.map((e) => e.start.slice(0, 4)))].map((year) => ({ year, entries: rest.filter((e) => e.start.startsWith(year)) })) });

  const period = datasetPeriod(meta);
  const address = dataAddress(meta, input.released);
  const heading = scope.id === 'all' ? 'Chronology of the Soviet occupation' : `Chronology of the Soviet occupation: ${scope.name}`;
  const context = contextOutside(entries, period);
  return {
    scope,
    title: `${heading}, ${period.text}`,
    heading,
    period: period.text,
    context,
    scopeNote,
    legend: doubtLegend(settings),
    address: { ...address, svg: addressSvg(address) },
    meta,
    released: input.released,
    periods: grouped,
    entries,
    notes: numbered.cited().map(({ n, source }) => ({ n, source, link: source.url && isHttp(source.url) ? source.url : null })),
    differences,
    words: termsUsed(record.glossary, [context ?? '', scopeNote ?? '', ...entries.flatMap((e) => [...e.places.map((p) => p.name), e.partOf?.title ?? '', e.title, e.summary])]),
    wordsNote: WORDS_NOTE,
  };
}
