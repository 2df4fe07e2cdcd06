/**
 * JSON settings beside the tables (sources/reconcile.json, sources/dataset.json), each checked
 * against its schema in schemas/; a file that cannot be used is a diagnostic, never a crash.
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { ErrorObject } from 'ajv';
import { diagnose, type Diagnostic } from './diagnostics.js';
import { clip } from './util/format.js';
import { compileSchema } from './validate/ajv.js';
import { PATTERN_WORDS } from './validate/table.js';

export async function loadJsonSettings<T>(root: string, file: string, schemaFile: string): Promise<{ value?: T; diagnostics: Diagnostic[] }> {
  const fail = (cause: string) => ({ diagnostics: [diagnose('file/settings', { file }, { cause })] });
  let value: T;
  let schema: object;
  try {
    value = JSON.parse(await readFile(path.join(root, file), 'utf8')) as T;
    schema = JSON.parse(await readFile(path.join(root, schemaFile), 'utf8')) as object;
  } catch (error) {
    return fail((error as Error).message);
  }
  const check = compileSchema(schemaFile, schema);
  if (!check(value)) return fail((check.errors ?? []).map((e) => explain(e, value)).join('; '));
  return { value, diagnostics: [] };
}

/** A schema error in words: the value found and what was expected, where ajv's own message would not say. */
function explain(error: ErrorObject, document: unknown): string {
  const where = error.instancePath || '/';
  const found = error.instancePath.split('/').slice(1).reduce<unknown>((at, key) => (at as Record<string, unknown> | undefined)?.[key.replaceAll('~1', '/').replaceAll('~0', '~')], document);
  const text = typeof found === 'string' ? found : '';
  switch (error.keyword) {
    case 'pattern': {
      const pattern = (error.params as { pattern: string }).pattern;
      return `${where} "${clip(text)}": expected ${PATTERN_WORDS[pattern] ?? `text matching ${pattern}`}`;
    }
    case 'maxLength':
      return `${where}: expected at most ${(error.params as { limit: number }).limit} characters, found ${[...text].length}`;
    default:
      return `${where} ${error.message}`;
  }
}
