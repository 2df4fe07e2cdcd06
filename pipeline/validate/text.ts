/**
 * Checks that apply to any text cell, whatever its column: bytes that should not be there,
 * Unicode form, stray white space, and text that a spreadsheet would run as a formula.
 */
import type { Code } from '../catalogue.js';

export type TextProblem = { code: 'csv/control-character' | 'text/invisible'; char: string } | { code: Exclude<Code, 'csv/control-character' | 'text/invisible'> & ('csv/invalid-utf8' | 'text/not-nfc' | 'text/whitespace' | 'text/formula'); first?: string };

// Tab, line feed and carriage return are white space, reported as such when they pad a cell. C1 controls (U+0080-U+009F) too are controls.
const CONTROL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F]/;
// Bidi embeddings, overrides, isolates and marks reorder what a reader sees; zero-width characters hide in a word.
const INVISIBLE = /[\u061C\u200B-\u200F\u202A-\u202E\u2060\u2066-\u2069\uFEFF]/;
const NON_ASCII = /[^\u0000-\u007F]/;
const FORMULA_START = new Set(['=', '+', '-', '@']);

// Printable ASCII with no white space at either end, not starting as a formula would: nothing to report.
const PLAIN = /^[\x21-\x2A\x2C\x2E-\x3C\x3E-\x3F\x41-\x7E](?:[\x20-\x7E]*[\x21-\x7E])?$/;

/** True for the common cell that needs no closer look (one regular expression instead of four checks). */
export const isPlainText = (text: string) => PLAIN.test(text);

const codePoint = (char: string) => `U+${char.charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')}`;

export function checkText(text: string, out: TextProblem[]): void {
  const control = CONTROL.exec(text);
  if (control) out.push({ code: 'csv/control-character', char: codePoint(control[0]) });
  if (NON_ASCII.test(text)) {
    const invisible = INVISIBLE.exec(text);
    if (invisible) out.push({ code: 'text/invisible', char: codePoint(invisible[0]) });
    if (text.includes('\uFFFD')) out.push({ code: 'csv/invalid-utf8' });
    else if (text.normalize('NFC') !== text) out.push({ code: 'text/not-nfc' });
  }
  const trimmed = text.trim();
  if (trimmed !== text) out.push({ code: 'text/whitespace' });
  const first = trimmed[0];
  if (first !== undefined && FORMULA_START.has(first)) out.push({ code: 'text/formula', first });
}
