/**
 * The tables of the record and their columns, read from the JSON Schemas in schemas/. The
 * schema is the single description of a table: the loader, the validator, the emitters and the
 * Data Package descriptor all take their columns from here.
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { diagnose, type Diagnostic } from './diagnostics.js';
import type { YearRange } from './validate/dates.js';

/** Order matters: a table is loaded after the tables it refers to. */
export const TABLE_NAMES = ['sources', 'territories', 'measures', 'groups', 'people', 'events', 'figures', 'glossary', 'reviews'] as const;
export type TableName = (typeof TABLE_NAMES)[number];

export type ColumnType = 'string' | 'integer' | 'boolean' | 'array';

export interface ForeignKey {
  resource: string;
  field: string;
}

export interface Column {
  name: string;
  title: string;
  description: string;
  type: ColumnType;
  format?: 'edtf' | 'date' | 'uri';
  enum?: string[];
  pattern?: string;
  minimum?: number;
  maximum?: number;
  /** For an EDTF column: the years its dates may fall in. */
  years?: YearRange;
  /** Longest text a cell (or, for a list, each item) may hold, in characters. */
  maxLength?: number;
  /** Most items a list cell may hold. */
  maxItems?: number;
  required: boolean;
  foreignKey?: ForeignKey;
  /** Prose written by editors: checked for text a spreadsheet would run as a formula. */
  freeText: boolean;
}

export interface TableSpec {
  name: string;
  /** Source file, relative to the project root. */
  file: string;
  title: string;
  description: string;
  schema: JsonSchema;
  columns: Column[];
  primaryKey: string[];
  /** Columns written in our own words, which may not copy a run of the row's quote (the schema's `ownWords`). */
  ownWords: string[];
}

export interface JsonSchema {
  title: string;
  description: string;
  primaryKey: string[];
  ownWords?: string[];
  properties: Record<string, PropertySchema>;
  required?: string[];
  [key: string]: unknown;
}

interface PropertySchema {
  title: string;
  description: string;
  type: ColumnType;
  format?: string;
  enum?: string[];
  pattern?: string;
  minimum?: number;
  maximum?: number;
  years?: YearRange;
  maxLength?: number;
  maxItems?: number;
  foreignKey?: ForeignKey;
  items?: PropertySchema;
}

export const schemaFile = (name: string) => `schemas/${name}.schema.json`;
export const sourceFile = (name: string) => `sources/${name}.csv`;

function toColumn(name: string, p: PropertySchema, required: Set<string>): Column {
  const item = p.type === 'array' ? p.items : undefined;
  const format = p.format ?? item?.format;
  const column: Column = {
    name,
    title: p.title,
    description: p.description,
    type: p.type,
    required: required.has(name),
    freeText: p.type === 'string' && !p.enum && !p.pattern && !p.format && !p.foreignKey,
  };
  if (format === 'edtf' || format === 'date' || format === 'uri') column.format = format;
  const values = p.enum ?? item?.enum;
  if (values) column.enum = values;
  const pattern = p.pattern ?? item?.pattern;
  if (pattern) column.pattern = pattern;
  if (p.minimum !== undefined) column.minimum = p.minimum;
  if (p.maximum !== undefined) column.maximum = p.maximum;
  if (p.years) column.years = p.years;
  const maxLength = p.maxLength ?? item?.maxLength;
  if (maxLength !== undefined) column.maxLength = maxLength;
  if (p.maxItems !== undefined) column.maxItems = p.maxItems;
  const foreignKey = p.foreignKey ?? item?.foreignKey;
  if (foreignKey) column.foreignKey = foreignKey;
  return column;
}

/** Reads and checks one table's schema; a schema the pipeline cannot use is a diagnostic, not a crash. */
export async function loadSpec(root: string, name: string): Promise<{ spec?: TableSpec; diagnostics: Diagnostic[] }> {
  const file = schemaFile(name);
  let schema: JsonSchema;
  try {
    schema = JSON.parse(await readFile(path.join(root, file), 'utf8')) as JsonSchema;
  } catch (error) {
    return { diagnostics: [diagnose('file/schema', { file }, { cause: (error as Error).message })] };
  }
  const problems: string[] = [];
  if (!schema.properties || typeof schema.properties !== 'object') problems.push('no "properties"');
  if (!Array.isArray(schema.primaryKey)) problems.push('no "primaryKey" list');
  for (const [key, p] of Object.entries(schema.properties ?? {})) {
    if (!['string', 'integer', 'boolean', 'array'].includes(p.type)) problems.push(`column "${key}" has type ${JSON.stringify(p.type)}`);
    if (!p.title || !p.description) problems.push(`column "${key}" lacks a title or description`);
    // Every date column says which years the record can hold: a date outside them is a typing slip.
    if (p.format === 'edtf' && !(Number.isInteger(p.years?.from) && Number.isInteger(p.years?.to))) problems.push(`EDTF column "${key}" lacks "years": { "from": <first year>, "to": <last year> }`);
  }
  if (problems.length > 0) return { diagnostics: [diagnose('file/schema', { file }, { cause: problems.join('; ') })] };
  const required = new Set(schema.required ?? []);
  return {
    spec: {
      name,
      file: sourceFile(name),
      title: schema.title,
      description: schema.description,
      schema,
      columns: Object.entries(schema.properties).map(([key, p]) => toColumn(key, p, required)),
      primaryKey: schema.primaryKey,
      ownWords: schema.ownWords ?? [],
    },
    diagnostics: [],
  };
}

export async function loadSpecs(root: string): Promise<{ specs: TableSpec[]; diagnostics: Diagnostic[] }> {
  const results = await Promise.all(TABLE_NAMES.map((name) => loadSpec(root, name)));
  return {
    specs: results.flatMap((r) => (r.spec ? [r.spec] : [])),
    diagnostics: results.flatMap((r) => r.diagnostics),
  };
}
