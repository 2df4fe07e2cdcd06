/**
 * One ajv instance (JSON Schema 2020-12) for all tables; each table's schema is compiled once.
 * `primaryKey` and `foreignKey` are our annotations, checked across tables by references.ts;
 * `years` (the years a date column holds) is checked with the dates by dates.ts, and
 * `ownWords` (columns that may not copy the quote) by own-words.ts;
 * EDTF dates are checked by dates.ts, which says more than a format failure could.
 */
import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import type { Ajv2020, ValidateFunction } from 'ajv/dist/2020.js';
import { readCheckedSync, writeCheckedSync } from '../util/checked-file.js';
import { installCache, packageVersion } from '../util/install-cache.js';

const require = createRequire(import.meta.url);
const versions = ['ajv', 'ajv-formats'].map((name) => `${name} ${packageVersion(name)}`).join(', ');

/**
 * ajv itself is loaded only to compile a schema that is not kept (below): loading it and
 * ajv-formats was about 50 ms of every command, which a kept validator does not need.
 */
function createAjv(): Ajv2020 {
  const { _, Ajv2020 } = require('ajv/dist/2020.js') as typeof import('ajv/dist/2020.js');
  const addFormats = (require('ajv-formats') as typeof import('ajv-formats')).default;
  // addUsedSchema: false, so that a schema edited in a warm process compiles again under its same $id.
  // code.source and code.formats: each validator's code can be kept (see CACHE), its formats required by name.
  const ajv = new Ajv2020({ allErrors: true, strict: true, allowUnionTypes: false, addUsedSchema: false, code: { source: true, formats: _`require("ajv-formats/dist/formats").fullFormats` } });
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
/** Counts for tests: validators compiled by ajv, and loaded as kept. */
export const ajvWork = { compiled: 0, loaded: 0 };

/**
 * Compiling the schemas was a fifth of a validation's time, paid again by every process. ajv writes
 * each validator as the source of a module (standalone code); it is kept under the package
 * manager's cache folder (node_modules/.cache, emptied by every install) by the hash of the
 * schema's text, the options above (this file) and ajv's versions, and the next process loads it.
 * An entry is a checked file (util/checked-file.ts): the sha256 of its code is checked before it is
 * run, and a truncated or damaged one is compiled anew. The validator is the same code either way, so its errors are too.
 */
const CACHE = installCache('ajv');
const OPTIONS = readFileSync(new URL(import.meta.url), 'utf8');

/** Where the validator of a schema of this text is kept. */
export const keptFile = (text: string) => path.join(CACHE, `${createHash('sha256').update(`${versions}\0${OPTIONS}\0${text}`).digest('hex')}.cjs`);

function loadKept(file: string): ValidateFunction | undefined {
  const code = readCheckedSync(file)?.toString('utf8');
  if (code === undefined) return undefined;
  const module = { exports: {} as { default?: ValidateFunction } };
  new Function('require', 'module', 'exports', code)(require, module, module.exports);
  return module.exports.default;
}

function keep(file: string, code: string): void {
  // Only time is at stake: a cache that cannot be written (a read-only install) is simply not used.
  try {
    mkdirSync(path.dirname(file), { recursive: true });
    writeCheckedSync(file, Buffer.from(code, 'utf8'));
  } catch {
    // Nothing to undo: writeCheckedSync removes its temporary file when it fails.
  }
}

/**
 * `schema` (of the file `file`) compiled; throws as ajv does on a bad schema. A warm process (watch
 * mode) compiles a schema again only when its text changed.
 */
export function compileSchema(file: string, schema: object): ValidateFunction {
  const text = JSON.stringify(schema);
  const last = compiled.get(file);
  if (last?.text === text) return last.validate;
  const kept = keptFile(text);
  let validate = loadKept(kept);
  if (validate) ajvWork.loaded++;
  else {
    const ajv = (shared ??= createAjv());
    validate = ajv.compile(schema);
    ajvWork.compiled++;
    const standalone = require('ajv/dist/standalone/index.js') as typeof import('ajv/dist/standalone/index.js');
    keep(kept, standalone.default(ajv, validate));
  }
  compiled.set(file, { text, validate });
  return validate;
}
