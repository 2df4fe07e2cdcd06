/**
 * The validate stage: every table loaded and checked, then the checks across tables. Returns
 * the tables and every problem found; the tables are usable only when no error stands.
 */
import { diagnose, sortDiagnostics, type Diagnostic } from '../diagnostics.js';
import { loadSpecs } from '../tables.js';
import { createAjv } from './ajv.js';
import { checkFigures } from './figures.js';
import { checkQuotes } from './provenance.js';
import { checkReferences } from './references.js';
import { loadTable, type Table } from './table.js';

export interface Validated {
  tables: Map<string, Table>;
  diagnostics: Diagnostic[];
}

export async function validate(root: string): Promise<Validated> {
  const { specs, diagnostics } = await loadSpecs(root);
  const ajv = createAjv();
  const tables = new Map<string, Table>();
  for (const spec of specs) {
    let compiled;
    try {
      compiled = ajv.compile(spec.schema);
    } catch (error) {
      diagnostics.push(diagnose('file/schema', { file: `schemas/${spec.name}.schema.json` }, { cause: (error as Error).message }));
      continue;
    }
    const result = await loadTable(root, spec, compiled);
    diagnostics.push(...result.diagnostics);
    const unreadable = result.diagnostics.some((d) => d.code === 'file/missing' || d.code === 'file/unreadable' || d.code === 'csv/empty-file' || d.code === 'header/missing');
    if (!unreadable) tables.set(spec.name, result.table);
  }
  diagnostics.push(...checkReferences(tables));
  const figures = tables.get('figures');
  if (figures) diagnostics.push(...checkFigures(figures, tables.get('measures')));
  diagnostics.push(...(await checkQuotes(root, [...tables.values()])));
  return { tables, diagnostics: sortDiagnostics(diagnostics) };
}
