/**
 * One long, labelled table of every claim, events and figures alike, each row readable alone:
 * the claim with the names of what it is about (territories, measure, population group, event),
 * its dates as ISO days, its value and the interval that value stands for, its source's title,
 * address and grade, locator and quote, its flags, and whether it is the claim published for its
 * quantity or event. The columns territory_parents, measure_broader and population_group_parent
 * say which rows are parts of which, so that a sum can avoid counting a part and its whole.
 */
import type { ChronicleRecord } from '../model.js';
import type { Reconciled } from '../reconcile/index.js';
import { weighSources } from '../reconcile/evidence.js';
import { figureInterval } from '../reconcile/intervals.js';
import type { Settings } from '../reconcile/settings.js';
import { dateBounds } from '../validate/dates.js';
import type { OutRow, OutTable, OutType, PublishedColumn } from './write-table.js';

const col = (name: string, type: OutType, title: string, description: string): PublishedColumn => ({ name, type, title, description });

/** A claim's type as the published tables name it (claims.claim_type, finding_claims.claim_type), by the source table it is read from. */
export const CLAIM_TYPE = { events: 'event', figures: 'figure' } as const;

export const CLAIM_COLUMNS: PublishedColumn[] = [
  col('claim', 'string', 'Claim', 'Id of the claim (the id column of events or figures; with claim_type it names one row).'),
  col('claim_type', 'string', 'Claim type', 'event (a dated event) or figure (a number).'),
  col('event', 'string', 'Event', 'Id of the event the claim is about or belongs to.'),
  col('event_title', 'string', 'Event title', 'Title of that event as published (reconciled_events).'),
  col('event_kind', 'string', 'Event kind', 'Kind of the event (treaty, deportation, protest...).'),
  col('summary', 'string', 'Summary', 'For an event claim: what happened, in our words, as this source tells it.'),
  col('territories', 'array', 'Territories', 'Ids of the territories the claim covers (;-separated).'),
  col('territory_names', 'string', 'Territory names', 'Names of those territories (;-separated).'),
  col('territory_parents', 'string', 'Territory parents', 'Ids of the territories that contain them (;-separated): a claim for a parent already counts its parts.'),
  col('measure', 'string', 'Measure', 'For a figure: id of what is counted.'),
  col('measure_label', 'string', 'Measure label', 'What is counted, in words.'),
  col('measure_broader', 'string', 'Broader measure', 'The measure that contains this one (deported is within deported-or-killed): never add a measure to its broader one.'),
  col('population_group', 'string', 'Population group', 'For a figure: id of the group counted (all for everyone).'),
  col('population_group_label', 'string', 'Population group label', 'The group in words.'),
  col('population_group_parent', 'string', 'Parent group', 'The group that contains this one: never add a group to its parent.'),
  col('date', 'string', 'Date or period', 'The date (events) or period (figures) as the source gives it, EDTF.'),
  col('date_start', 'date', 'First day', 'First day the date or period covers.'),
  col('date_end', 'date', 'Last day', 'Last day the date or period covers.'),
  col('value', 'integer', 'Value', 'The number as the source states it; empty for a pure range.'),
  col('qualifier', 'string', 'Qualifier', 'How the source qualifies it: exact, about, more-than, at-least, less-than, at-most, almost, up-to, range.'),
  col('bound_low', 'integer', 'Lower bound', 'Smallest number the claim allows once its qualifier is read (sources/reconcile.json).'),
  col('bound_high', 'integer', 'Upper bound', 'Largest number the claim allows; empty when the claim is open upwards ("more than").'),
  col('open_upwards', 'boolean', 'Open upwards', 'True when the claim sets no upper bound (more than, at least).'),
  col('unit', 'string', 'Unit', 'Unit of the number.'),
  col('source', 'string', 'Source', 'Id of the source.'),
  col('source_title', 'string', 'Source title', 'Title of the source document.'),
  col('source_publisher', 'string', 'Source publisher', 'Who publishes it.'),
  col('source_url', 'string', 'Source URL', 'Where it was read.'),
  col('source_grade', 'integer', 'Source grade', 'Grade of the page itself: 5 archive or official record, 4 museum, memory institute or academic work, 3 encyclopedia, 2 press, 1 blog or aggregator.'),
  col('document_grade', 'integer', 'Document grade', 'Grade of the document the claim rests on: the source\'s own, or that of the document it copies, quotes or retells (sources.derived_from). Claims are weighed by this grade.'),
  col('evidence', 'string', 'Evidence', 'What the claim rests on: count (an archival or official count), statement (an official statement or legal act), estimate (a scholar\'s or institution\'s estimate), retelling (a secondary retelling).'),
  col('locator', 'string', 'Locator', 'Where in the source the claim stands.'),
  col('quote', 'string', 'Quote', 'The source\'s own words that carry the claim.'),
  col('flag', 'string', 'Flag', 'uncertain, unconfirmed, derived, weak-source or scope, as the flag column of events and figures explains; empty for an ordinary claim.'),
  col('note', 'string', 'Note', 'What a reader should know about the claim.'),
  col('quantity', 'string', 'Quantity', 'For a figure: the key of the quantity it is a claim about (reconciled_figures.key).'),
  col('preferred', 'boolean', 'Preferred', 'True when this is the claim published for its quantity (figures) or its event (events).'),
  col('settledness', 'string', 'How settled', 'How settled the published value of the claim\'s quantity or event is (reconciled_figures and reconciled_events).'),
];

export function claimsTable(record: ChronicleRecord, reconciled: Reconciled, settings: Settings): OutTable {
  const territories = new Map(record.territories.map((t) => [t.id, t]));
  const measures = new Map(record.measures.map((m) => [m.id, m]));
  const groups = new Map(record.groups.map((g) => [g.id, g]));
  const sources = new Map(record.sources.map((s) => [s.id, s]));
  const weights = weighSources(record.sources);
  const events = new Map(reconciled.events.map((e) => [e.event, e]));
  // By table: an event and a figure read from the same page may share an id, and only one of them may be the one published.
  const preferredEvents = new Set(reconciled.events.flatMap((r) => r.preferred_claim ?? []));
  const preferredFigures = new Set(reconciled.figures.flatMap((r) => r.preferred_claim ?? []));
  const quantityOf = new Map(reconciled.figures.flatMap((r) => r.claim_ids.map((id) => [id, r] as const)));
  const names = (ids: string[]) => ids.map((id) => territories.get(id)?.name ?? id).join(';');
  const parents = (ids: string[]) => [...new Set(ids.flatMap((id) => territories.get(id)?.parent ?? []))].join(';') || null;
  const sourceColumns = (id: string, evidence: string | null): OutRow => {
    const s = sources.get(id)!;
    const w = weights.get(id)!;
    return { source: id, source_title: s.title, source_publisher: s.publisher, source_url: s.url || null, source_grade: s.reliability, document_grade: w.grade, evidence: evidence ?? w.evidence };
  };
  const days = (text: string) => {
    const b = dateBounds(text);
    return { date: text, date_start: b.start || null, date_end: b.end || null };
  };
  const empty = Object.fromEntries(CLAIM_COLUMNS.map((c) => [c.name, null])) as OutRow;

  const eventRows = record.events.map((e): OutRow => {
    const published = events.get(e.event);
    return {
      ...empty,
      claim: e.id,
      claim_type: CLAIM_TYPE.events,
      event: e.event,
      event_title: published?.title ?? e.title,
      event_kind: e.kind,
      summary: e.summary,
      territories: e.territories,
      territory_names: names(e.territories),
      territory_parents: parents(e.territories),
      ...days(e.date),
      ...sourceColumns(e.source, e.evidence),
      locator: e.locator,
      quote: e.quote,
      flag: e.flag,
      note: e.note,
      preferred: preferredEvents.has(e.id),
      settledness: published?.settledness ?? null,
    };
  });
  const figureRows = record.figures.map((f): OutRow => {
    const evidence = f.evidence ?? weights.get(f.source)!.evidence;
    const interval = figureInterval(f, settings, evidence);
    const quantity = quantityOf.get(f.id);
    const measure = measures.get(f.measure)!;
    const group = groups.get(f.group)!;
    const event = f.event ? events.get(f.event) : undefined;
    return {
      ...empty,
      claim: f.id,
      claim_type: CLAIM_TYPE.figures,
      event: f.event,
      event_title: event?.title ?? null,
      event_kind: event?.kind ?? null,
      territories: [f.territory],
      territory_names: names([f.territory]),
      territory_parents: parents([f.territory]),
      measure: f.measure,
      measure_label: measure.label,
      measure_broader: measure.broader,
      population_group: f.group,
      population_group_label: group.label,
      population_group_parent: group.parent,
      ...days(f.period),
      value: f.value,
      qualifier: f.qualifier,
      bound_low: interval.low,
      bound_high: Number.isFinite(interval.high) ? interval.high : null,
      open_upwards: !Number.isFinite(interval.high),
      unit: f.unit,
      ...sourceColumns(f.source, evidence),
      locator: f.locator,
      quote: f.quote,
      flag: f.flag,
      note: f.note,
      quantity: quantity?.key ?? null,
      preferred: preferredFigures.has(f.id),
      settledness: quantity?.settledness ?? null,
    };
  });
  return {
    name: 'claims',
    title: 'Every claim, labelled',
    description: 'Every claim of the record, events and figures, one row each and readable alone: names beside ids, ISO dates, the value and its bounds, the source\'s title, address and grade, the quote, flags, and whether the claim is the one published. To sum without counting twice, keep preferred rows of one measure, one population group and territories that do not contain one another (see territory_parents, measure_broader and population_group_parent).',
    columns: CLAIM_COLUMNS,
    primaryKey: ['claim_type', 'claim'],
    foreignKeys: [
      { fields: ['source'], reference: { resource: 'sources', fields: ['id'] } },
      { fields: ['event'], reference: { resource: 'reconciled_events', fields: ['event'] } },
    ],
    rows: [...eventRows, ...figureRows],
  };
}
