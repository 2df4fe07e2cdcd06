/**
 * Typed views of the validated tables. The columns mirror schemas/*.schema.json (a test checks
 * that every schema column is named here); empty cells are null.
 */
import type { Table } from './validate/table.js';

type Text = string | null;

/** What a claim rests on, strongest first (sources/reconcile.json ranks them). */
export type Evidence = 'count' | 'statement' | 'estimate' | 'retelling';

export interface SourceRow { id: string; kind: string; title: string; author: Text; publisher: string; published: Text; url: Text; accessed: string; language: string; reliability: number; note: Text; derived_from: string[] | null; evidence: Evidence }
export interface TerritoryRow { id: string; name: string; native_name: Text; native_language: Text; parent: Text; kind: string; partition: Text; name_in_text: Text }
export interface MeasureRow { id: string; label: string; definition: string; unit: string; broader: Text; additive: boolean; counted: string }
export interface GroupRow { id: string; label: string; definition: string; parent: Text; partition: Text }
export interface PersonRow { id: string; name: string; native_name: Text; native_language: Text; role: string }
export interface EventRow { id: string; event: string; date: string; territories: string[]; kind: string; title: string; summary: string; people: string[] | null; source: string; locator: string; quote: string; flag: Text; note: Text; evidence: Evidence | null; headline: Text; part_of: Text }
export interface FigureRow { id: string; measure: string; territory: string; group: string; period: string; value: number | null; qualifier: string; low: number | null; high: number | null; unit: string; event: Text; source: string; locator: string; quote: string; flag: Text; note: Text; evidence: Evidence | null }
export interface GlossaryRow { id: string; term: string; forms: string[]; definition: string; source: string; locator: string; quote: string; note: Text }
export interface ReviewRow { finding: string; status: 'explained' | 'accepted' | 'open'; note: string; preferred: Text }

export interface ChronicleRecord {
  sources: SourceRow[];
  territories: TerritoryRow[];
  measures: MeasureRow[];
  groups: GroupRow[];
  people: PersonRow[];
  events: EventRow[];
  figures: FigureRow[];
  glossary: GlossaryRow[];
  reviews: ReviewRow[];
}

/** Column names of each typed row, for the test that keeps this file and the schemas in step. */
export const MODEL_COLUMNS: Record<keyof ChronicleRecord, string[]> = {
  sources: ['id', 'kind', 'title', 'author', 'publisher', 'published', 'url', 'accessed', 'language', 'reliability', 'note', 'derived_from', 'evidence'],
  territories: ['id', 'name', 'native_name', 'native_language', 'parent', 'kind', 'partition', 'name_in_text'],
  measures: ['id', 'label', 'definition', 'unit', 'broader', 'additive', 'counted'],
  groups: ['id', 'label', 'definition', 'parent', 'partition'],
  people: ['id', 'name', 'native_name', 'native_language', 'role'],
  events: ['id', 'event', 'date', 'territories', 'kind', 'title', 'summary', 'people', 'source', 'locator', 'quote', 'flag', 'note', 'evidence', 'headline', 'part_of'],
  figures: ['id', 'measure', 'territory', 'group', 'period', 'value', 'qualifier', 'low', 'high', 'unit', 'event', 'source', 'locator', 'quote', 'flag', 'note', 'evidence'],
  glossary: ['id', 'term', 'forms', 'definition', 'source', 'locator', 'quote', 'note'],
  reviews: ['finding', 'status', 'note', 'preferred'],
};

/** The record as typed rows; call only when validation found no error. */
export function toRecord(tables: Map<string, Table>): ChronicleRecord {
  const rows = <T>(name: keyof ChronicleRecord) => (tables.get(name)?.rows ?? []) as unknown as T[];
  return {
    sources: rows<SourceRow>('sources'),
    territories: rows<TerritoryRow>('territories'),
    measures: rows<MeasureRow>('measures'),
    groups: rows<GroupRow>('groups'),
    people: rows<PersonRow>('people'),
    events: rows<EventRow>('events'),
    figures: rows<FigureRow>('figures'),
    glossary: rows<GlossaryRow>('glossary'),
    reviews: rows<ReviewRow>('reviews'),
  };
}
