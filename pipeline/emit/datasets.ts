/**
 * The source tables as published tables: every schema column in schema order, and for each
 * EDTF column two derived columns, <column>_start and <column>_end, with the first and last
 * day it covers (sortable ISO dates; empty where the interval is open). List columns also get
 * a tidy link table (claim, item), which every SQL, pandas or Frictionless tool joins directly.
 */
import type { Column, TableSpec } from '../tables.js';
import { recordMaker } from '../util/record-maker.js';
import { dateBounds } from '../validate/dates.js';
import type { Table } from '../validate/table.js';
import type { ForeignKeyOut, OutRow, OutTable, OutType, OutValue, PublishedColumn } from './write-table.js';

const OUT_TYPES: Record<Column['type'], OutType> = { string: 'string', integer: 'integer', boolean: 'boolean', array: 'array' };

/** Source columns published under another name: `group` is an SQL reserved word, which every query would have to quote. */
const PUBLISHED_NAMES: Record<string, string> = { group: 'population_group' };
export const publishedName = (name: string) => PUBLISHED_NAMES[name] ?? name;

/** events.event is shared by claims; the published table with one row per event is reconciled_events. */
const EVENT_REFERENCE: ForeignKeyOut['reference'] = { resource: 'reconciled_events', fields: ['event'] };

/** Where a source column's foreign key points in the published package. */
function publishedReference(spec: TableSpec, c: Column): ForeignKeyOut['reference'] | undefined {
  const fk = c.foreignKey;
  if (!fk || c.type === 'array') return undefined;
  if (fk.resource === 'events' && fk.field === 'event') return EVENT_REFERENCE;
  return fk.resource === spec.name ? { fields: [fk.field] } : { resource: fk.resource, fields: [fk.field] };
}

/** A list column whose items are ids of another table has a link table (linkTables); a list of words (the glossary's forms) has none. */
const hasLinkTable = (c: Column) => c.type === 'array' && c.foreignKey !== undefined;

export function publishedColumns(spec: TableSpec): PublishedColumn[] {
  return spec.columns.flatMap((c): PublishedColumn[] => {
    const own: PublishedColumn = { name: publishedName(c.name), type: c.format === 'date' ? 'date' : OUT_TYPES[c.type], title: c.title, description: c.type === 'array' ? `${c.description} In CSV the items are separated by ";"${hasLinkTable(c) ? '; the link table lists them one per row' : ''}.` : c.description };
    if (c.required) own.required = true;
    if (c.enum && c.type !== 'array') own.enum = c.enum;
    if (c.pattern && c.type !== 'array') own.pattern = c.pattern;
    if (c.minimum !== undefined) own.minimum = c.minimum;
    if (c.maximum !== undefined) own.maximum = c.maximum;
    if (c.maxLength !== undefined && own.type === 'string') own.maxLength = c.maxLength;
    if (c.format === 'uri') own.format = 'uri';
    if (c.format !== 'edtf') return [own];
    return [
      own,
      { name: `${c.name}_start`, type: 'date', title: `${c.title} (first day)`, description: `First day that ${c.name} covers, derived from the EDTF value; empty when open.` },
      { name: `${c.name}_end`, type: 'date', title: `${c.title} (last day)`, description: `Last day that ${c.name} covers, derived from the EDTF value; empty when open.` },
    ];
  });
}

/**
 * Fills `out` with a row's published values in published column order: each source column's typed
 * value, and after each EDTF column its first and last day (<column>_start, <column>_end). `value`
 * gives the typed value of a source column, from a kept row or from a streamed CSV record.
 */
export function valuesFiller(spec: TableSpec): (value: (column: Column, index: number) => OutValue, out: OutValue[]) => void {
  const { columns } = spec;
  return (value, out) => {
    let k = 0;
    for (let i = 0; i < columns.length; i++) {
      const c = columns[i]!;
      const v = value(c, i);
      out[k++] = v;
      if (c.format !== 'edtf') continue;
      const bounds = typeof v === 'string' ? dateBounds(v) : undefined;
      out[k++] = bounds?.start || null;
      out[k++] = bounds?.end || null;
    }
  };
}

/** Builds published rows, keyed by the published columns' names (valuesFiller). */
export function rowBuilder(spec: TableSpec): (value: (column: Column, index: number) => OutValue) => OutRow {
  const fill = valuesFiller(spec);
  const make = recordMaker<OutValue>(publishedColumns(spec).map((c) => c.name));
  return (value) => {
    const values: OutValue[] = [];
    fill(value, values);
    return make(values);
  };
}

function publishedRows(table: Table): OutRow[] {
  const build = rowBuilder(table.spec);
  return table.rows.map((row) => build((c) => row[c.name] ?? null));
}

export function sourceTable(table: Table): OutTable {
  const { spec } = table;
  return {
    name: spec.name,
    title: spec.title,
    description: spec.description,
    columns: publishedColumns(spec),
    primaryKey: spec.primaryKey,
    foreignKeys: spec.columns.flatMap((c) => {
      const reference = publishedReference(spec, c);
      return reference ? [{ fields: [publishedName(c.name)], reference }] : [];
    }),
    rows: publishedRows(table),
  };
}

const SINGULAR: Record<string, string> = { territories: 'territory', people: 'person', sources: 'source' };

/**
 * One link table per list column with a foreign key: events.territories -> event_territories (claim, event, territory).
 * Events' link tables also carry the claim's event, so that people or territories per event (what
 * reconciled_events lists) need no join through events.
 */
export function linkTables(table: Table): OutTable[] {
  const { spec } = table;
  const key = spec.primaryKey[0]!;
  const isEvents = spec.name === 'events';
  const claim = isEvents ? 'claim' : key;
  const event = isEvents ? spec.columns.find((c) => c.name === 'event') : undefined;
  return spec.columns
    .filter(hasLinkTable)
    .map((c) => {
      const item = SINGULAR[c.foreignKey!.resource] ?? c.foreignKey!.resource;
      const eventColumns: PublishedColumn[] = event ? [{ name: 'event', type: 'string', title: event.title, description: `Id of the event the claim is about (as events.event): one row of reconciled_events.`, required: true }] : [];
      return {
        name: `${spec.name.replace(/s$/, '')}_${c.name}`,
        title: `${spec.title}: ${c.title.toLowerCase()}`,
        description: `One row per item of the ${c.name} list of ${spec.name}: which ${c.foreignKey!.resource} each row names.`,
        columns: [
          { name: claim, type: 'string', title: 'Claim', description: `Id of the row in ${spec.name}.`, required: true },
          ...eventColumns,
          { name: item, type: 'string', title: c.title, description: `Id in ${c.foreignKey!.resource}.`, required: true },
        ],
        primaryKey: [claim, item],
        foreignKeys: [
          { fields: [claim], reference: { resource: spec.name, fields: [key] } },
          ...(event ? [{ fields: ['event'], reference: EVENT_REFERENCE }] : []),
          { fields: [item], reference: { resource: c.foreignKey!.resource, fields: [c.foreignKey!.field] } },
        ],
        rows: table.rows.flatMap((row) => ((row[c.name] as string[] | null) ?? []).map((v) => ({ [claim]: row[key] as string, ...(event ? { event: row.event as string } : {}), [item]: v }))),
      };
    });
}
