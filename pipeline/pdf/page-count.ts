/**
 * How many pages a PDF of ours has, from its bytes, so that a PDF taken from the cache can be
 * counted as well as one just rendered. pdfkit writes a single page tree, in plain text (it
 * writes no object streams), whose /Count is the number of pages.
 */
export function pdfPageCount(bytes: Uint8Array): number {
  const tree = /\/Type \/Pages\s*\/Count (\d+)/.exec(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('latin1'));
  if (!tree) throw new Error('no page tree in the PDF: it was not written by pdfkit');
  return Number(tree[1]);
}
