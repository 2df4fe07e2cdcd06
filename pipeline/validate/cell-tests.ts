/**
 * The common row of a register, checked without ajv. Each column's JSON Schema is turned once
 * into a test of one typed cell that answers "certainly valid" or "ask ajv"; a row goes through
 * ajv only when a cell is not certainly valid or a required cell is empty. ajv's errors still make
 * every diagnostic (table.ts), so what an editor reads does not change; ajv's compiled validator,
 * run on every row with allErrors, cost as much per row as everything else the validator does.
 *
 * A test says yes only where the schema's own rule certainly holds: lengths are counted as ajv
 * counts them (code points) only when UTF-16 units cannot decide, and a keyword, format or schema
 * shape not named here sends every row of the table to ajv.
 */
import type { Cell } from './table.js';

export type CellTest = (value: Cell) => boolean;

interface PropertySchema {
  type?: unknown;
  enum?: unknown[];
  pattern?: string;
  maxLength?: number;
  minLength?: number;
  minimum?: number;
  maximum?: number;
  format?: string;
  items?: PropertySchema;
  maxItems?: number;
  minItems?: number;
}

/** Keywords that are words for readers or our annotations: no rule for a cell (ajv ignores them too). */
const ANNOTATIONS = new Set(['title', 'description', 'foreignKey', 'years']);
/** Rules this file decides: any other keyword sends the table's rows to ajv. */
const RULES = new Set(['type', 'enum', 'pattern', 'maxLength', 'minLength', 'minimum', 'maximum', 'format', 'items', 'maxItems', 'minItems']);
/** Table keywords that leave a row of schema columns nothing more to check than each cell and `required`. */
const TABLE_KEYWORDS = new Set(['$schema', '$id', 'title', 'description', 'type', 'primaryKey', 'ownWords', 'properties', 'required', 'additionalProperties']);
/** Formats ajv is told to accept as they are (ajv.ts: EDTF is checked by dates.ts). */
const ANY_TEXT_FORMATS = new Set(['edtf']);

/** Code points, as ajv counts a string's length. */
function codePoints(text: string): number {
  let n = 0;
  for (const _ of text) n++;
  return n;
}

function stringTest(p: PropertySchema): CellTest | undefined {
  if (p.format !== undefined && !ANY_TEXT_FORMATS.has(p.format)) return undefined;
  // ajv compiles patterns with the u flag (unicodeRegExp).
  const pattern = p.pattern !== undefined ? new RegExp(p.pattern, 'u') : undefined;
  const allowed = p.enum ? new Set(p.enum) : undefined;
  const { maxLength, minLength } = p;
  return (v) => {
    if (typeof v !== 'string') return false;
    // A string has at most as many code points as UTF-16 units, and at least half as many.
    if (maxLength !== undefined && v.length > maxLength && (v.length > 2 * maxLength || codePoints(v) > maxLength)) return false;
    if (minLength !== undefined && v.length < 2 * minLength && codePoints(v) < minLength) return false;
    if (allowed && !allowed.has(v)) return false;
    return pattern === undefined || pattern.test(v);
  };
}

function propertyTest(p: PropertySchema, item = false): CellTest | undefined {
  for (const k of Object.keys(p)) if (!ANNOTATIONS.has(k) && !RULES.has(k)) return undefined;
  if (item && (p.items || p.maxItems !== undefined || p.minItems !== undefined)) return undefined;
  switch (p.type) {
    case 'string':
      return p.items || p.minimum !== undefined || p.maximum !== undefined ? undefined : stringTest(p);
    case 'integer': {
      if (p.enum || p.pattern !== undefined || p.format !== undefined || p.items || p.maxLength !== undefined || p.minLength !== undefined) return undefined;
      const { minimum = -Infinity, maximum = Infinity } = p;
      // typeCell makes a number only of a safe integer; anything else stays text, for ajv to report.
      return (v) => typeof v === 'number' && v >= minimum && v <= maximum;
    }
    case 'boolean':
      return p.enum || p.pattern !== undefined || p.format !== undefined || p.items ? undefined : (v) => typeof v === 'boolean';
    case 'array': {
      if (!p.items || p.enum || p.pattern !== undefined || p.format !== undefined) return undefined;
      const each = propertyTest(p.items, true);
      if (!each) return undefined;
      const { maxItems = Infinity, minItems = 0 } = p;
      return (v) => Array.isArray(v) && v.length <= maxItems && v.length >= minItems && v.every(each);
    }
    default:
      return undefined;
  }
}

/** One test per column (in the order of `names`), or undefined when the schema asks for more than these tests decide. */
export function cellTests(schema: Record<string, unknown>, names: string[]): CellTest[] | undefined {
  for (const k of Object.keys(schema)) if (!TABLE_KEYWORDS.has(k)) return undefined;
  if (schema.type !== 'object' || schema.additionalProperties !== false) return undefined;
  const properties = schema.properties as Record<string, PropertySchema>;
  const tests: CellTest[] = [];
  for (const name of names) {
    const test = propertyTest(properties[name]!);
    if (!test) return undefined;
    tests.push(test);
  }
  return tests;
}
