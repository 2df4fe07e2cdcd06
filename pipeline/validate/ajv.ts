/**
 * One ajv instance (JSON Schema 2020-12) for all tables; each table's schema is compiled once.
 * `primaryKey` and `foreignKey` are our annotations, checked across tables by references.ts;
 * `years` (the years a date column holds) is checked with the dates by dates.ts, and
 * `ownWords` (columns that may not copy the quote) by own-words.ts;
 * EDTF dates are checked by dates.ts, which says more than a format failure could.
 */
import { Ajv2020 } from 'ajv/dist/2020.js';
import type { ValidateFunction } from 'ajv';
import formats from 'ajv-formats';

const addFormats = formats.default;

function createAjv(): Ajv2020 {
  // addUsedSchema: false, so that a schema edited in a warm process compiles again under its same $id.
  const ajv = new Ajv2020({ allErrors: true, strict: true, allowUnionTypes: false, addUsedSchema: false });
  addFormats(ajv, ['date', 'uri']);
  ajv.addFormat('edtf', true);
  ajv.addKeyword({ keyword: 'primaryKey', schemaType: 'array' });
  ajv.addKeyword({ keyword: 'foreignKey', schemaType: 'object' });
  ajv.addKeyword({ keyword: 'years', schemaType: 'object' });
  ajv.addKeyword({ keyword: 'ownWords', schemaType: 'array' });
  return ajv;
}

let shared: Ajv2020 | undefined;
/** The validator compiled last for each schema file, with the text it was compiled from. */
const compiled = new Map<string, { text: string; validate: ValidateFunction }>();

/**
 * `schema` (of the file `file`) compiled; throws as ajv does on a bad schema. A warm process (watch
 * mode) compiles a schema again only when its text changed.
 */
export function compileSchema(file: string, schema: object): ValidateFunction {
  const text = JSON.stringify(schema);
  const last = compiled.get(file);
  if (last?.text === text) return last.validate;
  const validate = (shared ??= createAjv()).compile(schema);
  compiled.set(file, { text, validate });
  return validate;
}
