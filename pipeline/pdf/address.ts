/**
 * Where the data is, said on paper (issue 15, point 6). With a homepage in sources/dataset.json,
 * every handout and the report print the address and a QR code of it (pdfmake's own `qr` node in
 * the PDFs, uqr's SVG in the HTML); without one they point to no address at all, but name the
 * dataset by title, version and release day, words that still find it once the page is printed.
 */
import { renderSVG } from 'uqr';
import type { DatasetMeta } from '../dataset.js';
import { formatDate } from '../util/format.js';

export interface DataAddress {
  /** The dataset's homepage, or null when it has none yet. */
  url: string | null;
  /** The sentence printed beside the code (followed by the address) or, without an address, alone. */
  words: string;
}

/** What a printed page says about where its data is. `released` is the day the outputs carry (YYYY-MM-DD). */
export function dataAddress(meta: Pick<DatasetMeta, 'title' | 'version' | 'homepage' | 'contributors' | 'licenses'>, released: string): DataAddress {
  const named = `"${meta.title}", version ${meta.version} of ${formatDate(released)} (${[...meta.contributors.map((c) => c.title), ...meta.licenses.slice(0, 1).map((l) => l.name)].join('; ')})`;
  if (meta.homepage) return { url: meta.homepage, words: `The full dataset, with every claim's source, locator and verbatim quote: ${named}, at` };
  return { url: null, words: `The full dataset, with every claim's source, locator and verbatim quote, is ${named}: ask for it by that title and version.` };
}

/** The address as a pdfmake block: the QR code beside the words, the address on a line of its own so that it is typed whole; or the words alone. */
export function addressBlock(address: DataAddress, options: { size?: number; fontSize?: number } = {}): Record<string, unknown> {
  const size = options.size ?? 64;
  const words = { text: address.url ? [`${address.words}\n`, { text: address.url, link: address.url, decoration: 'underline' }, '.'] : address.words, fontSize: options.fontSize ?? 8.5 };
  if (!address.url) return { ...words, margin: [0, 4, 0, 4] };
  return { columns: [{ qr: address.url, fit: size, eccLevel: 'M', width: size + 6 }, { ...words, width: '*', margin: [4, 0, 0, 0] }], columnGap: 6, margin: [0, 4, 0, 4], unbreakable: true };
}

/** The QR code of the address as inline SVG for an HTML page, sized by CSS; null without an address. */
export function addressSvg(address: DataAddress): string | null {
  if (!address.url) return null;
  return renderSVG(address.url, { ecc: 'M', border: 2 }).replace('<svg ', `<svg role="img" aria-label="QR code of ${address.url.replace(/[&<>"]/g, '')}" class="qr" `);
}
