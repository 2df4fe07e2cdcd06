/**
 * The reconcile stage's results as published tables: reconciled figures and events, the
 * findings, and a tidy table of which claims each finding involves.
 */
import { FINDING_KINDS, type Finding } from '../reconcile/findings.js';
import type { Reconciled } from '../reconcile/index.js';
import type { Settings } from '../reconcile/settings.js';
import { CLAIM_TYPE } from './claims-table.js';
import type { ForeignKeyOut, OutRow, OutTable, OutType, PublishedColumn } from './write-table.js';

const col = (name: string, type: OutType, title: string, description: string, required = false): PublishedColumn => (required ? { name, type, title, description, required } : { name, type, title, description });
const ref = (field: string, resource: string, target = 'id'): ForeignKeyOut => ({ fields: [field], reference: { resource, fields: [target] } });

/** The columns that say which claim was published, what it rests on, and how settled it is. */
const provenanceColumns = (table: string, about: string, settledness: string): PublishedColumn[] => [
  col('status', 'string', 'Status', about === 'quantity' ? 'single (one claim), agree (all claims state the same), differ (different but compatible once qualifiers are read as intervals), conflict (incompatible).' : 'single, agree (same date), differ (compatible dates with different bounds), conflict (dates that do not overlap).'),
  col('settledness', 'string', 'How settled', settledness),
  col('preferred_claim', 'string', 'Published claim', `Id of the claim whose ${about === 'quantity' ? 'value' : 'date'} is published (${table} table); empty when the rule left a tie.`),
  col('preferred_source', 'string', 'Its source', 'Id of its source.'),
  col('preferred_source_title', 'string', 'Its source title', 'Title of its source.'),
  col('preferred_grade', 'integer', 'Grade of its document', 'Grade (1-5) of the document its evidence rests on: the source\'s own grade, or that of the document the source copies, quotes or retells (derived_from).'),
  col('preferred_evidence', 'string', 'Its evidence', 'What the published claim rests on: count, statement, estimate or retelling.'),
  col('preferred_flag', 'string', 'Its flag', 'The published claim\'s flag (uncertain, unconfirmed, derived, weak-source, scope); empty when none.'),
  col('preferred_reason', 'string', 'Why published', 'The steps of the preference rule that decided (editor\'s ruling; claims not flagged as doubtful; agreement of independent sources; evidence; grade of the underlying document; precision), or the tie.'),
  col('claims', 'integer', 'Claims', `Number of claims about this ${about}.`),
  col('sources', 'integer', 'Sources', 'Number of distinct sources making them.'),
  col('witnesses', 'integer', 'Independent sources', 'Number of independent underlying documents among them: copies, translations and retellings of one document count once.'),
  col('claim_ids', 'array', 'Claim ids', `Ids of every claim about this ${about}.`),
  col('source_ids', 'array', 'Source ids', 'Ids of every source making them.'),
  col('findings', 'array', 'Findings', 'Keys of the findings that involve these claims.'),
];

const settlednessWords = (s: Settings) => `${s.settledness.levels.map((l) => `${l.value}: ${l.description}`).join(' ')} The first that applies.`;

const figureColumns = (s: Settings) => [
  col('key', 'string', 'Key', 'The quantity: measure|territory|group|event (or period when no event is named).', true),
  col('measure', 'string', 'Measure', 'Id of what is counted (measures table).'),
  col('measure_label', 'string', 'Measure label', 'What is counted, in words.'),
  col('territory', 'string', 'Territory', 'Id of the territory (territories table).'),
  col('territory_name', 'string', 'Territory name', 'Name of the territory.'),
  col('population_group', 'string', 'Population group', 'Id of the population group (groups table).'),
  col('group_label', 'string', 'Group label', 'The population group, in words.'),
  col('event', 'string', 'Event', 'Event the figures belong to, if any (reconciled_events).'),
  col('event_title', 'string', 'Event title', 'Title of that event.'),
  col('period', 'string', 'Period', 'Period of the published claim, EDTF.'),
  col('period_start', 'date', 'Period start', 'First day of the period.'),
  col('period_end', 'date', 'Period end', 'Last day of the period.'),
  col('unit', 'string', 'Unit', 'Unit of the figures.'),
  col('stated', 'string', 'Published, as stated', 'The published figure as its source states it ("more than 20,000", "14,000–15,500"); a tie reads as the span of the tied claims.'),
  col('value', 'integer', 'Value', 'Value of the published claim as its source states it; empty when it is a range (see value_low, value_high and central).'),
  col('qualifier', 'string', 'Qualifier', 'Qualifier of the published claim (exact, about, more-than, range...); range for a tie.'),
  col('value_low', 'integer', 'Range low', 'Lower bound of the published claim, when it is a range.'),
  col('value_high', 'integer', 'Range high', 'Upper bound of the published claim, when it is a range.'),
  col('central', 'integer', 'Central value', 'One number to sum or compare: the value; the middle of a range; the bound of an open claim ("more than 20,000" gives 20,000).'),
  col('interval_low', 'integer', 'Interval low', 'Lowest value the published claim allows, read with its qualifier and precision (a round 43,000 from a retelling allows 42,500).'),
  col('interval_high', 'integer', 'Interval high', 'Highest value it allows; empty only when open_above is true.'),
  col('open_above', 'boolean', 'Open above', 'true when the published claim sets no upper bound ("more than", "at least"): interval_high is then empty because there is none, not because it is unknown.'),
  col('low', 'integer', 'Lowest figure', 'Smallest number any source gives for this quantity.'),
  col('high', 'integer', 'Highest figure', 'Largest number any source gives for this quantity.'),
  ...provenanceColumns('figures', 'quantity', settlednessWords(s)),
];

const eventColumns = (s: Settings) => [
  col('event', 'string', 'Event', 'Id of the event.', true),
  col('title', 'string', 'Title', 'Title of the event (the title most claims use).'),
  col('date', 'string', 'Date published', 'Date of the published claim, EDTF; for a tie, the span of the tied claims.'),
  col('date_start', 'date', 'Date start', 'First day of the date published.'),
  col('date_end', 'date', 'Date end', 'Last day of the date published.'),
  col('dates', 'array', 'Dates given', 'Every distinct date the sources give, earliest first.'),
  col('summary', 'string', 'Summary', "Summary of the event, in the words of one claim: the one the editors chose (events.headline gives their reason), or else one with the title most claims use, of those one about as many of the event's territories as any (a claim about the Baltic states before one about Estonia alone), then the best-graded."),
  col('summary_claim', 'string', 'Summary claim', 'Id of the event claim whose summary is given (events).'),
  col('kind', 'string', 'Kind', 'Kind of event.'),
  col('part_of', 'string', 'Part of', 'Event this one is a stage or a day of, if any.'),
  col('part_of_title', 'string', 'Part of (title)', 'Title of that event.'),
  col('territories', 'array', 'Territories', 'Every territory any claim names (ids).'),
  col('territory_names', 'array', 'Territory names', 'Their names, in the same order.'),
  col('people', 'array', 'People', 'Every person any claim names.'),
  ...provenanceColumns('events', 'event', settlednessWords(s)),
];

const FINDING_COLUMNS = [
  col('key', 'string', 'Key', 'Stable key of the finding; editors rule on it in sources/reviews.csv.', true),
  // From the list of kinds itself, so that a kind added to reconciliation is never missing here (parts-exceed-total once was).
  col('kind', 'string', 'Kind', `${new Intl.ListFormat('en-GB', { type: 'disjunction' }).format(Object.keys(FINDING_KINDS))}.`),
  col('severity', 'string', 'Severity', 'major, or minor when the gap is small (below the minor spread of sources/reconcile.json) or the dates overlap.'),
  col('subject', 'string', 'Subject', 'What the finding is about: figure keys or an event id.'),
  col('sentence', 'string', 'Sentence', 'The finding in plain words.'),
  col('claims', 'array', 'Claims', 'Ids of the claims involved, events and figures alike: finding_claims gives each with its claim_type (an event claim and a figure claim read from the same page may share an id).'),
  col('sources', 'array', 'Sources', 'Ids of their sources.'),
  col('sum', 'integer', 'Sum', 'Sum of the parts, for sum-mismatch.'),
  col('gap', 'integer', 'Gap', 'Distance between the intervals that do not meet.'),
  col('spread_percent', 'number', 'Spread (%)', 'Gap or spread in percent of the smaller figure.'),
  col('review_status', 'string', 'Ruling', "Editors' ruling: explained, accepted or open; empty when none."),
  col('review_note', 'string', 'Ruling note', "The editors' reasoning."),
];

const FINDING_CLAIM_COLUMNS = [
  col('finding', 'string', 'Finding', 'Key of the finding.', true),
  col('claim', 'string', 'Claim', 'Id of a claim involved.', true),
  col('claim_type', 'string', 'Claim type', 'event or figure: with claim, it names one row of claims, as claims.claim_type does.', true),
  col('source', 'string', 'Source', 'Id of the claim\'s source.'),
  col('locator', 'string', 'Locator', 'Where in the source.'),
  col('stated', 'string', 'Stated', 'The value or date as the source states it.'),
  col('low', 'number', 'Low', 'Lower bound of the interval a figure stands for; empty for a date, or when unbounded.'),
  col('high', 'number', 'High', 'Upper bound of that interval; empty for a date, or when unbounded.'),
  col('date_start', 'date', 'Date start', 'For a date: the first day it covers (widened by the margin for an approximate date).'),
  col('date_end', 'date', 'Date end', 'For a date: the last day it covers.'),
];

function findingRow(f: Finding): OutRow {
  return {
    key: f.key,
    kind: f.kind,
    severity: f.severity,
    subject: f.subject,
    sentence: f.sentence,
    claims: f.claims.map((c) => c.id),
    sources: [...new Set(f.claims.map((c) => c.source))],
    sum: f.sum,
    gap: f.gap,
    spread_percent: f.spread,
    review_status: f.review?.status ?? null,
    review_note: f.review?.note ?? null,
  };
}

const isoDay = (day: number | null) => (day === null ? null : new Date(day * 86_400_000).toISOString().slice(0, 10));

export function reconciledTables(r: Reconciled, settings: Settings): OutTable[] {
  return [
    {
      name: 'reconciled_figures',
      title: 'Reconciled figures',
      description: 'One row per quantity (measure, territory, group, event or period): the preferred figure, the spread the sources leave, and the status of their agreement.',
      columns: figureColumns(settings),
      primaryKey: ['key'],
      foreignKeys: [ref('measure', 'measures'), ref('territory', 'territories'), ref('population_group', 'groups'), ref('event', 'reconciled_events', 'event'), ref('preferred_claim', 'figures'), ref('preferred_source', 'sources')],
      rows: r.figures as unknown as OutRow[],
    },
    {
      name: 'reconciled_events',
      title: 'Reconciled events',
      description: 'One row per event: the date used, every date the sources give, and the sources.',
      columns: eventColumns(settings),
      primaryKey: ['event'],
      foreignKeys: [{ fields: ['part_of'], reference: { fields: ['event'] } }, ref('summary_claim', 'events'), ref('preferred_claim', 'events'), ref('preferred_source', 'sources')],
      rows: r.events as unknown as OutRow[],
    },
    { name: 'findings', title: 'Findings', description: 'Every place where the claims do not fit together, with the numbers, a sentence, and the editors\' ruling.', columns: FINDING_COLUMNS, primaryKey: ['key'], foreignKeys: [], rows: r.findings.map(findingRow) },
    {
      name: 'finding_claims',
      title: 'Claims of each finding',
      description: 'Which claims each finding involves, with the value or date each states and the interval it stands for.',
      columns: FINDING_CLAIM_COLUMNS,
      // A finding may name a figure and an event read from the same page, which can share an id;
      // claim_type tells them apart in the words claims.csv uses, so that the two tables join on it.
      primaryKey: ['finding', 'claim_type', 'claim'],
      foreignKeys: [ref('finding', 'findings', 'key'), { fields: ['claim_type', 'claim'], reference: { resource: 'claims', fields: ['claim_type', 'claim'] } }, ref('source', 'sources')],
      rows: r.findings.flatMap((f) => f.claims.map((c) => ({ finding: f.key, claim: c.id, claim_type: CLAIM_TYPE[c.table], source: c.source, locator: c.locator, stated: c.stated, ...(c.table === 'events' ? { low: null, high: null, date_start: isoDay(c.low), date_end: isoDay(c.high) } : { low: c.low, high: c.high, date_start: null, date_end: null }) }))),
    },
  ];
}
