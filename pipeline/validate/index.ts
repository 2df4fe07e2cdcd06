/**
 * The validate stage: every table streamed and checked row by row (cells, keys, references to
 * tables read before it, figure rules, quotes), then each hierarchy once its table is whole.
 * Rows are kept only where a later stage or check needs them, so that memory stays flat as a
 * register grows (key sets aside). The tables are usable only when no error stands.
 */
import { append, diagnose, sortDiagnostics, type Diagnostic } from '../diagnostics.js';
import { loadSpecs } from '../tables.js';
import { compileSchema } from './ajv.js';
import { keepDateReadings } from './dates.js';
import { figureCheck } from './figures.js';
import { ownWordsCheck } from './own-words.js';
import { quoteCheck, readTexts } from './provenance.js';
import { checkEventShared } from './event-shared.js';
import { checkSelfReferences, referenceChecks } from './references.js';
import { sourceCheck } from './source-rows.js';
import { loadTable, type RowCheck, type Table } from './table.js';

export interface Validated {
  tables: Map<string, Table>;
  diagnostics: Diagnostic[];
}

const UNUSABLE = new Set(['file/missing', 'file/unreadable', 'csv/empty-file', 'header/missing']);

/**
 * `keepRows: false` keeps only the rows that checks need (hierarchies, measures): the bench's
 * validation of a large register (tests/bench/stage.ts). No command uses it: `npm run validate`
 * reconciles too, as a build does, and reconciliation reads every row.
 */
export async function validate(root: string, options: { keepRows: boolean } = { keepRows: true }): Promise<Validated> {
  const [{ specs, diagnostics }, { texts, diagnostics: textProblems }] = await Promise.all([loadSpecs(root), readTexts(root)]);
  append(diagnostics, textProblems);
  const tables = new Map<string, Table>();
  for (const spec of specs) {
    let compiled;
    try {
      compiled = compileSchema(`schemas/${spec.name}.schema.json`, spec.schema);
    } catch (error) {
      diagnostics.push(diagnose('file/schema', { file: `schemas/${spec.name}.schema.json` }, { cause: (error as Error).message }));
      continue;
    }
    const referenced = [...new Set(specs.flatMap((s) => s.columns.flatMap((c) => (c.foreignKey?.resource === spec.name ? [c.foreignKey.field] : []))))];
    const selfReferencing = spec.columns.some((c) => c.foreignKey?.resource === spec.name);
    const checks: RowCheck[] = [...referenceChecks(spec, tables)];
    if (spec.name === 'figures') checks.push(figureCheck(spec, tables.get('measures')));
    if (spec.name === 'sources') checks.push(sourceCheck(spec));
    const quotes = quoteCheck(spec, texts);
    if (quotes) checks.push(quotes);
    const copies = ownWordsCheck(spec);
    if (copies) checks.push(copies);
    const keep = options.keepRows || selfReferencing || spec.name === 'measures';
    const result = await loadTable(root, spec, compiled, { keep, checks, referenced });
    append(diagnostics, result.diagnostics);
    if (result.diagnostics.some((d) => UNUSABLE.has(d.code))) continue;
    tables.set(spec.name, result.table);
    append(diagnostics, checkSelfReferences(result.table));
    if (spec.name === 'events') append(diagnostics, checkEventShared(result.table));
  }
  keepDateReadings();
  return { tables, diagnostics: sortDiagnostics(diagnostics) };
}
