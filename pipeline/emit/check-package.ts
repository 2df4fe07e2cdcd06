/**
 * Checks a built package the way a Frictionless validator would: every resource's bytes and
 * hash, and every CSV against its Table Schema (header, types and formats, constraints,
 * primary and foreign keys). Used by the tests on dist/; returns problems, never throws for bad data.
 */
import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { parse } from 'csv-parse/sync';

interface Field {
  name: string;
  type: string;
  format?: string;
  constraints?: { required?: boolean; enum?: string[]; pattern?: string; minimum?: number; maximum?: number; maxLength?: number };
}
interface ForeignKey {
  fields: string[];
  reference: { resource?: string; fields: string[] };
}
interface Resource {
  name: string;
  path: string;
  type?: string;
  bytes: number;
  hash: string;
  schema?: { fields: Field[]; missingValues?: string[]; primaryKey?: string[]; foreignKeys?: ForeignKey[] };
}

const TRUE = new Set(['true', 'True', 'TRUE', '1']);
const FALSE = new Set(['false', 'False', 'FALSE', '0']);

function validDate(s: string): boolean {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(s);
  if (!m) return false;
  const d = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  return d.toISOString().slice(0, 10) === s;
}

/** The typed value of a cell, or an error message. */
function castCell(field: Field, raw: string): { value?: unknown; error?: string } {
  switch (field.type) {
    case 'integer':
      return /^[-+]?\d+$/.test(raw) ? { value: Number(raw) } : { error: `"${raw}" is not an integer` };
    case 'number':
      return /^[-+]?(\d+(\.\d*)?|\.\d+)([eE][-+]?\d+)?$/.test(raw) ? { value: Number(raw) } : { error: `"${raw}" is not a number` };
    case 'boolean':
      return TRUE.has(raw) ? { value: true } : FALSE.has(raw) ? { value: false } : { error: `"${raw}" is not a boolean` };
    case 'date':
      return validDate(raw) ? { value: raw } : { error: `"${raw}" is not a date` };
    case 'string':
      if (field.format === 'uri' && !/^[a-z][a-z0-9+.-]*:\S+$/i.test(raw)) return { error: `"${raw}" is not a URI` };
      return { value: raw };
    default:
      return { error: `unknown type ${field.type}` };
  }
}

export async function checkPackage(dir: string): Promise<string[]> {
  const problems: string[] = [];
  const descriptor = JSON.parse(await readFile(path.join(dir, 'datapackage.json'), 'utf8')) as { resources: Resource[] };
  const rows = new Map<string, Record<string, unknown>[]>();

  for (const r of descriptor.resources) {
    const bytes = await readFile(path.join(dir, r.path));
    if (bytes.length !== r.bytes) problems.push(`${r.name}: bytes ${r.bytes} in the descriptor, ${bytes.length} on disk`);
    const hash = `sha256:${createHash('sha256').update(bytes).digest('hex')}`;
    if (hash !== r.hash) problems.push(`${r.name}: hash differs from the file`);
    if (r.type !== 'table' || !r.schema) continue;
    const schema = r.schema;
    const missing = new Set(schema.missingValues ?? ['']);
    const records = parse(bytes, { relax_column_count: true }) as string[][];
    const [header = [], ...body] = records;
    const names = schema.fields.map((f) => f.name);
    if (header.join(',') !== names.join(',')) problems.push(`${r.name}: header ${header.join(',')} does not match the fields ${names.join(',')}`);
    const typed: Record<string, unknown>[] = [];
    body.forEach((cells, i) => {
      const row: Record<string, unknown> = {};
      const where = `${r.name} row ${i + 2}`;
      if (cells.length !== names.length) problems.push(`${where}: ${cells.length} cells for ${names.length} fields`);
      schema.fields.forEach((f, j) => {
        const raw = cells[j] ?? '';
        const c = f.constraints ?? {};
        if (missing.has(raw)) {
          row[f.name] = null;
          if (c.required) problems.push(`${where}, ${f.name}: required value missing`);
          return;
        }
        const { value, error } = castCell(f, raw);
        if (error) return problems.push(`${where}, ${f.name}: ${error}`);
        row[f.name] = value;
        if (c.enum && !c.enum.includes(raw)) problems.push(`${where}, ${f.name}: "${raw}" is not in the enum`);
        if (c.pattern && !new RegExp(`^(?:${c.pattern})$`, 'u').test(raw)) problems.push(`${where}, ${f.name}: "${raw}" does not match ${c.pattern}`);
        if (c.minimum !== undefined && (value as number) < c.minimum) problems.push(`${where}, ${f.name}: ${raw} < ${c.minimum}`);
        if (c.maximum !== undefined && (value as number) > c.maximum) problems.push(`${where}, ${f.name}: ${raw} > ${c.maximum}`);
        if (c.maxLength !== undefined && [...raw].length > c.maxLength) problems.push(`${where}, ${f.name}: longer than ${c.maxLength} characters`);
      });
      typed.push(row);
    });
    rows.set(r.name, typed);
    const key = schema.primaryKey ?? [];
    if (key.length) {
      const seen = new Set<string>();
      typed.forEach((row, i) => {
        const k = JSON.stringify(key.map((f) => row[f]));
        if (key.some((f) => row[f] === null)) problems.push(`${r.name} row ${i + 2}: primary key has an empty part`);
        if (seen.has(k)) problems.push(`${r.name} row ${i + 2}: primary key ${k} repeated`);
        seen.add(k);
      });
    }
  }

  for (const r of descriptor.resources) {
    for (const fk of r.schema?.foreignKeys ?? []) {
      const target = rows.get(fk.reference.resource ?? r.name);
      if (!target) {
        problems.push(`${r.name}: foreign key to unknown resource ${fk.reference.resource}`);
        continue;
      }
      const known = new Set(target.map((row) => JSON.stringify(fk.reference.fields.map((f) => row[f]))));
      (rows.get(r.name) ?? []).forEach((row, i) => {
        const values = fk.fields.map((f) => row[f]);
        if (values.every((v) => v === null)) return;
        if (!known.has(JSON.stringify(values))) problems.push(`${r.name} row ${i + 2}: ${fk.fields.join(',')} = ${values.join(',')} not found in ${fk.reference.resource ?? r.name}`);
      });
    }
  }
  return problems;
}
