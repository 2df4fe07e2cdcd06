/**
 * The reconcile stage's results as published tables: reconciled figures and events, the
 * findings, and a tidy table of which claims each finding involves.
 */
import type { Finding } from '../reconcile/findings.js';
import type { Reconciled } from '../reconcile/index.js';
import type { ForeignKeyOut, OutRow, OutTable, OutType, PublishedColumn } from './write-table.js';

const col = (name: string, type: OutType, title: string, description: string, required = false): PublishedColumn => (required ? { name, type, title, description, required } : { name, type, title, description });
const ref = (field: string, resource: string, target = 'id'): ForeignKeyOut => ({ fields: [field], reference: { resource, fields: [target] } });

/** The columns that say which claim was preferred and what stands behind a reconciled row. */
const provenanceColumns = (table: string, about: string, precise: string): PublishedColumn[] => [
  col('preferred_claim', 'string', 'Preferred claim', `Id of the claim preferred (${table} table).`),
  col('preferred_source', 'string', 'Preferred source', 'Id of its source.'),
  col('preferred_reason', 'string', 'Why preferred', `Claims not flagged as doubtful first, then the most reliable source, then the most precise ${precise}.`),
  col('claims', 'integer', 'Claims', `Number of claims about this ${about}.`),
  col('sources', 'integer', 'Sources', 'Number of distinct sources making them.'),
  col('claim_ids', 'array', 'Claim ids', `Ids of every claim about this ${about}.`),
  col('source_ids', 'array', 'Source ids', 'Ids of every source making them.'),
  col('findings', 'array', 'Findings', 'Keys of the findings that involve these claims.'),
];

const FIGURE_COLUMNS = [
  col('key', 'string', 'Key', 'The quantity: measure|territory|group|event (or period when no event is named).', true),
  col('measure', 'string', 'Measure', 'Id of what is counted (measures table).'),
  col('territory', 'string', 'Territory', 'Id of the territory (territories table).'),
  col('group', 'string', 'Group', 'Id of the population group (groups table).'),
  col('event', 'string', 'Event', 'Event the figures belong to, if any (events table, event column).'),
  col('period', 'string', 'Period', 'Period of the preferred claim, EDTF.'),
  col('period_start', 'date', 'Period start', 'First day of the period.'),
  col('period_end', 'date', 'Period end', 'Last day of the period.'),
  col('unit', 'string', 'Unit', 'Unit of the figures.'),
  col('value', 'integer', 'Preferred value', 'Value of the preferred claim as its source states it; empty when that claim is a range.'),
  col('qualifier', 'string', 'Preferred qualifier', 'Qualifier of the preferred claim (exact, about, more-than, range...).'),
  col('value_low', 'integer', 'Preferred low', 'Lower bound of the preferred claim, when it is a range.'),
  col('value_high', 'integer', 'Preferred high', 'Upper bound of the preferred claim, when it is a range.'),
  col('low', 'integer', 'Lowest figure', 'Smallest number any source gives for this quantity.'),
  col('high', 'integer', 'Highest figure', 'Largest number any source gives for this quantity.'),
  col('status', 'string', 'Status', 'single (one claim), agree (all claims state the same), differ (different but compatible once qualifiers are read as intervals), conflict (incompatible).'),
  ...provenanceColumns('figures', 'quantity', 'claim'),
];

const EVENT_COLUMNS = [
  col('event', 'string', 'Event', 'Id of the event.', true),
  col('date', 'string', 'Date used', 'Date of the preferred claim, EDTF.'),
  col('date_start', 'date', 'Date start', 'First day of the date used.'),
  col('date_end', 'date', 'Date end', 'Last day of the date used.'),
  col('dates', 'array', 'Dates given', 'Every distinct date the sources give, earliest first.'),
  col('title', 'string', 'Title', 'Title of the preferred claim.'),
  col('summary', 'string', 'Summary', 'Summary of the preferred claim.'),
  col('kind', 'string', 'Kind', 'Kind of event.'),
  col('territories', 'array', 'Territories', 'Every territory any claim names.'),
  col('people', 'array', 'People', 'Every person any claim names.'),
  col('status', 'string', 'Status', 'single, agree (same date), differ (compatible dates with different bounds), conflict (dates that do not overlap).'),
  ...provenanceColumns('events', 'event', 'date'),
];

const FINDING_COLUMNS = [
  col('key', 'string', 'Key', 'Stable key of the finding; editors rule on it in sources/reviews.csv.', true),
  col('kind', 'string', 'Kind', 'figure-disagreement, part-exceeds-whole, sum-mismatch, date-disagreement, outside-event or unconfirmed.'),
  col('severity', 'string', 'Severity', 'major, or minor when the gap is small (below the minor spread of sources/reconcile.json) or the dates overlap.'),
  col('subject', 'string', 'Subject', 'What the finding is about: figure keys or an event id.'),
  col('sentence', 'string', 'Sentence', 'The finding in plain words.'),
  col('claims', 'array', 'Claims', 'Ids of the claims involved.'),
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
  col('table', 'string', 'Table', 'figures or events.'),
  col('source', 'string', 'Source', 'Id of the claim\'s source.'),
  col('locator', 'string', 'Locator', 'Where in the source.'),
  col('stated', 'string', 'Stated', 'The value or date as the source states it.'),
  col('low', 'number', 'Low', 'Lower bound of the interval it stands for (days since 1970-01-01 for dates); empty when unbounded.'),
  col('high', 'number', 'High', 'Upper bound; empty when unbounded.'),
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

export function reconciledTables(r: Reconciled): OutTable[] {
  return [
    {
      name: 'reconciled_figures',
      title: 'Reconciled figures',
      description: 'One row per quantity (measure, territory, group, event or period): the preferred figure, the spread the sources leave, and the status of their agreement.',
      columns: FIGURE_COLUMNS,
      primaryKey: ['key'],
      foreignKeys: [ref('measure', 'measures'), ref('territory', 'territories'), ref('group', 'groups'), ref('event', 'reconciled_events', 'event'), ref('preferred_claim', 'figures'), ref('preferred_source', 'sources')],
      rows: r.figures as unknown as OutRow[],
    },
    {
      name: 'reconciled_events',
      title: 'Reconciled events',
      description: 'One row per event: the date used, every date the sources give, and the sources.',
      columns: EVENT_COLUMNS,
      primaryKey: ['event'],
      foreignKeys: [ref('preferred_claim', 'events'), ref('preferred_source', 'sources')],
      rows: r.events as unknown as OutRow[],
    },
    { name: 'findings', title: 'Findings', description: 'Every place where the claims do not fit together, with the numbers, a sentence, and the editors\' ruling.', columns: FINDING_COLUMNS, primaryKey: ['key'], foreignKeys: [], rows: r.findings.map(findingRow) },
    {
      name: 'finding_claims',
      title: 'Claims of each finding',
      description: 'Which claims each finding involves, with the value or date each states and the interval it stands for.',
      columns: FINDING_CLAIM_COLUMNS,
      primaryKey: ['finding', 'claim'],
      foreignKeys: [ref('finding', 'findings', 'key'), ref('source', 'sources')],
      rows: r.findings.flatMap((f) => f.claims.map((c) => ({ finding: f.key, claim: c.id, table: c.table, source: c.source, locator: c.locator, stated: c.stated, low: c.low, high: c.high }))),
    },
  ];
}
