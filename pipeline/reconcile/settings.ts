/**
 * The reconcile stage's rules that are data (sources/reconcile.json, described by
 * schemas/reconcile.schema.json): qualifier intervals and tolerances.
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { diagnose, type Diagnostic } from '../diagnostics.js';
import { createAjv } from '../validate/ajv.js';

export type LowBound = 'value' | 'value-t' | 'zero' | 'low';
export type HighBound = 'value' | 'value+t' | 'infinity' | 'high';

export interface Settings {
  tolerance: number;
  minorSpread: number;
  approximateMarginDays: number;
  qualifiers: Record<string, [LowBound, HighBound]>;
}

export const SETTINGS_FILE = 'sources/reconcile.json';

export async function loadSettings(root: string, qualifiers: readonly string[]): Promise<{ settings?: Settings; diagnostics: Diagnostic[] }> {
  const fail = (cause: string) => ({ diagnostics: [diagnose('file/settings', { file: SETTINGS_FILE }, { cause })] });
  let settings: Settings;
  let schema: object;
  try {
    settings = JSON.parse(await readFile(path.join(root, SETTINGS_FILE), 'utf8')) as Settings;
    schema = JSON.parse(await readFile(path.join(root, 'schemas/reconcile.schema.json'), 'utf8')) as object;
  } catch (error) {
    return fail((error as Error).message);
  }
  const check = createAjv().compile(schema);
  if (!check(settings)) return fail((check.errors ?? []).map((e) => `${e.instancePath || '/'} ${e.message}`).join('; '));
  const missing = qualifiers.filter((q) => !settings.qualifiers[q]);
  if (missing.length > 0) return fail(`no interval for the qualifier${missing.length > 1 ? 's' : ''} ${missing.join(', ')}`);
  return { settings, diagnostics: [] };
}
