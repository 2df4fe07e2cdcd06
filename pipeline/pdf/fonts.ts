/**
 * Fonts read and words shaped once per process, not once per document. pdfkit parses each font
 * file anew for every document (fontkit.create), and keeps the words it has shaped (its layout
 * cache) per document: the six PDFs of a build shaped the same words of the same four fonts six
 * times over, and again on every layout round (render.ts). Shaping a word (fontkit's GSUB and
 * GPOS lookups) was the largest part of rendering in the profile. Here fontkit's fonts are kept
 * by the bytes of their file, and the shaped words by font and text.
 *
 * The bytes of every PDF stay the same: a shaped word depends only on the font and the text, and
 * pdfkit copies, never changes, what it gets back; what a document embeds (its subset of the
 * font's glyphs) stays its own. Both hooks reach into pdfkit's and fontkit's internals, as
 * render.ts does into pdfmake's; tests/pdf-fonts.test.ts fails if they stop taking effect.
 */
import { createHash } from 'node:crypto';
import { createRequire } from 'node:module';

type Font = object;
interface EmbeddedFont {
  font: Font;
  layoutCache?: object;
  layoutRun(text: string): unknown;
  layoutCached(text: string): unknown;
}

/** Counts for tests: fonts parsed, words shaped. */
export const fontWork = { parsed: 0, shaped: 0 };

const pdfmakeRequire = createRequire(createRequire(import.meta.url).resolve('pdfmake'));
const pdfkitRequire = createRequire(pdfmakeRequire.resolve('pdfkit'));

/**
 * Keeps fontkit's fonts by the bytes they were made from. pdfkit holds fontkit's module object, whose
 * exports cannot be redefined, so the module is swapped in the require cache before pdfkit first loads.
 */
export function shareParsedFonts(): void {
  const fontkitPath = pdfkitRequire.resolve('fontkit');
  if (pdfkitRequire.cache[pdfkitRequire.resolve('pdfkit')]) return;
  const fontkit = pdfkitRequire('fontkit') as { create(bytes: Uint8Array, postscriptName?: string): Font };
  const fonts = new Map<string, Font>();
  const create = (bytes: Uint8Array, postscriptName?: string): Font => {
    const key = `${createHash('sha256').update(bytes).digest('hex')} ${postscriptName ?? ''}`;
    let font = fonts.get(key);
    if (!font) {
      font = keepCodePoints(fontkit.create(bytes, postscriptName));
      fontWork.parsed++;
      fonts.set(key, font);
    }
    return font;
  };
  pdfkitRequire.cache[fontkitPath]!.exports = { ...fontkit, create };
}

interface GlyphSource {
  getGlyph(id: number, codePoints?: number[]): { codePoints: number[] };
}

/**
 * fontkit keeps one glyph object per glyph id, made by whoever asks first. A document's subset asks
 * for the parts of composite glyphs (the dots of a colon are the period) with no characters, and in
 * a shared font a later document's text then got that glyph without them: no ToUnicode entry, and
 * the period vanished from the text a reader or screen reader extracts. A glyph asked for with its
 * characters gets them, as it would in a font of its own.
 */
function keepCodePoints<F extends Font>(font: F): F {
  const source = font as unknown as GlyphSource;
  const getGlyph = source.getGlyph.bind(source);
  source.getGlyph = (id, codePoints = []) => {
    const glyph = getGlyph(id, codePoints);
    if (glyph.codePoints.length === 0 && codePoints.length > 0) glyph.codePoints = codePoints;
    return glyph;
  };
  return font;
}

/** Keeps the words pdfkit shapes by font, for every document, instead of in each document's own cache. */
export function shareShapedWords(fontFile: string): void {
  const PDFDocument = pdfmakeRequire('pdfkit') as new (options: object) => { font(src: string): { _font: EmbeddedFont } };
  const prototype = Object.getPrototypeOf(new PDFDocument({ autoFirstPage: false }).font(fontFile)._font) as EmbeddedFont;
  const shaped = new WeakMap<Font, Map<string, unknown>>();
  prototype.layoutCached = function (this: EmbeddedFont, text: string) {
    if (!this.layoutCache) return this.layoutRun(text);
    let words = shaped.get(this.font);
    if (!words) shaped.set(this.font, (words = new Map()));
    let run = words.get(text);
    if (run === undefined) {
      run = this.layoutRun(text);
      fontWork.shaped++;
      words.set(text, run);
    }
    return run;
  };
}
