/**
 * pdfmake breaks a line after an en dash (Unicode line breaking), so a title could end one line
 * with "1939–" and start the next with "1991". Roboto has no word joiner to forbid that break, so
 * each range of years becomes an inline of its own that pdfmake keeps whole (noWrap).
 */
export type Inline = string | { text: string; noWrap: true };

export function keepRangesTogether(text: string): Inline[] {
  return text.split(/(\b\d{4}–\d{4}\b)/).filter((part) => part !== '').map((part) => (/^\d{4}–\d{4}$/.test(part) ? { text: part, noWrap: true } : part));
}
