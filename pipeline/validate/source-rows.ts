/**
 * Rules that tie a source's columns together: only a document read through another page may
 * lack an address, and only when it is a document of record (archive, official, academic).
 */
import { diagnose } from '../diagnostics.js';
import type { TableSpec } from '../tables.js';
import type { RowCheck } from './table.js';

/** Kinds of document that may be cited without an address of their own (read through a page that quotes them). */
export const ADDRESSLESS_KINDS = ['archive', 'official', 'academic'];

export function sourceCheck(spec: TableSpec): RowCheck {
  const url = spec.columns.findIndex((c) => c.name === 'url');
  // A kind outside the column's list is reported by the enum check.
  const kinds = spec.columns.find((c) => c.name === 'kind')?.enum ?? [];
  return (row, line, positions, report) => {
    if (row.url != null || typeof row.kind !== 'string' || ADDRESSLESS_KINDS.includes(row.kind) || !kinds.includes(row.kind)) return;
    report(diagnose('source/url-missing', { file: spec.file, line, column: positions[url] ?? 0, field: 'url', value: '' }, { kind: row.kind, allowed: ADDRESSLESS_KINDS }));
  };
}
