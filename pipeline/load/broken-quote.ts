/**
 * Where a broken quoted cell opened. csv-parse reports a quote that is never closed where it
 * gives up: at the end of the file, or at the next quote (often rows later) that it takes for
 * the closing one and finds followed by text. An editor needs the place where the cell opened.
 * This scan follows the same rules as the reader (RFC 4180: a quote opens a cell only as its
 * first character, "" stands for a quote inside a quoted cell, a closing quote is followed by a
 * comma, a line end or the end of the file) and stops at the first quoted cell that breaks them.
 */

export interface BrokenQuote {
  /** Physical line (1-based) where the quoted cell opens. */
  line: number;
  /** 1-based position of the cell in its row. */
  column: number;
  /** True when the cell never closes before another line or the end of the file; false for text after a closing quote on the same line. */
  unclosed: boolean;
  /** Line of the quote that was taken for the closing one; undefined when the cell runs to the end of the file. */
  runsTo?: number;
}

export function locateBrokenQuote(text: string): BrokenQuote | undefined {
  let at = text.startsWith('\uFEFF') ? 1 : 0;
  let line = 1;
  let column = 1;
  while (at < text.length) {
    if (text[at] !== '"') {
      // An unquoted cell: up to the next comma or line end (a quote inside it is another problem, reported by the reader).
      while (at < text.length && text[at] !== ',' && text[at] !== '\n') at++;
    } else {
      const openLine = line;
      at++;
      for (;;) {
        const quote = text.indexOf('"', at);
        const end = quote === -1 ? text.length : quote;
        for (let i = text.indexOf('\n', at); i !== -1 && i < end; i = text.indexOf('\n', i + 1)) line++;
        if (quote === -1) return { line: openLine, column, unclosed: true };
        at = quote + 1;
        if (text[at] === '"') {
          at++;
          continue;
        }
        const after = text[at];
        const closes = after === undefined || after === ',' || after === '\n' || (after === '\r' && text[at + 1] === '\n');
        if (closes) break;
        return line === openLine ? { line: openLine, column, unclosed: false } : { line: openLine, column, unclosed: true, runsTo: line };
      }
      if (text[at] === '\r') at++;
    }
    if (text[at] === ',') column++;
    else if (text[at] === '\n') {
      line++;
      column = 1;
    }
    at++;
  }
  return undefined;
}
