/**
 * JSON settings beside the tables (sources/reconcile.json, sources/dataset.json), each checked
 * against its schema in schemas/; a file that cannot be used is a diagnostic, never a crash.
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { diagnose, type Diagnostic } from './diagnostics.js';
import { createAjv } from './validate/ajv.js';

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
  const check = createAjv().compile(schema);
  if (!check(value)) return fail((check.errors ?? []).map((e) => `${e.instancePath || '/'} ${e.message}`).join('; '));
  return { value, diagnostics: [] };
}
