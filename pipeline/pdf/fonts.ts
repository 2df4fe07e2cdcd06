/**
 * Fonts read and words shaped once per process, not once per document. pdfkit parses each font
 * file anew for every document (fontkit.create), and keeps the words it has shaped (its layout
 * cache) per document: the six PDFs of a build shaped the same words of the same four fonts six
 * times over, and again on every layout round (render.ts). Shaping a word (fontkit's GSUB and
 * GPOS lookups) was the largest part of rendering in the profile. Here fontkit's fonts are kept
 * by the bytes of their file, and the shaped words by font and text.
 *
 * The shaped words are also kept from one build to the next (PdfCache keeps them in .build/,
 * keyed by this file and fontkit's and pdfkit's versions): a build that renders the report again
 * after an edit would otherwise shape all its words again, a fifth of the report's rendering. A
 * kept word is made again from its glyph ids, characters and positions in font units, scaled as
 * pdfkit scales a word it shapes.
 *
 * The bytes of every PDF stay the same: a shaped word depends only on the font and the text, and
 * pdfkit copies, never changes, what it gets back; what a document embeds (its subset of the
 * font's glyphs) stays its own. Both hooks reach into pdfkit's and fontkit's internals, as
 * render.ts does into pdfmake's; tests/pdf-fonts.test.ts fails if they stop taking effect.
 */
import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { pdfkitRequire, pdfmakeRequire } from './requires.js';

type Font = object;
interface Glyph {
  id: number;
  codePoints: number[];
  advanceWidth: number;
}
interface Position {
  xAdvance: number;
  yAdvance: number;
  xOffset: number;
  yOffset: number;
  advanceWidth?: number;
}
interface Run {
  glyphs: Glyph[];
  positions: Position[];
  advanceWidth: number;
}
interface EmbeddedFont {
  font: Font & { layout(text: string): Run; getGlyph(id: number, codePoints?: number[]): Glyph };
  scale: number;
  layoutCache?: object;
  layoutRun(text: string): Run;
  layoutCached(text: string): Run;
}

/** Counts for tests: fonts parsed, words shaped, words taken from an earlier process. */
export const fontWork = { parsed: 0, shaped: 0, kept: 0 };


/**
 * Keeps fontkit's fonts by the bytes they were made from. pdfkit holds fontkit's module object, whose
 * exports cannot be redefined, so the module is swapped in the require cache before pdfkit first loads.
 */
export function shareParsedFonts(): void {
  const fontkitPath = pdfkitRequire.resolve('fontkit');
  if (pdfkitRequire.cache[pdfkitRequire.resolve('pdfkit')]) return;
  const fontkit = pdfkitRequire('fontkit') as { create(bytes: Uint8Array, postscriptName?: string): Font };
  const create = (bytes: Uint8Array, postscriptName?: string): Font => {
    const key = `${createHash('sha256').update(bytes).digest('hex')} ${postscriptName ?? ''}`;
    let font = fonts.get(key);
    if (!font) {
      font = keepCodePoints(fontkit.create(bytes, postscriptName));
      fontWork.parsed++;
      fonts.set(key, font);
      fontKeys.set(font, key);
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

/**
 * A shaped word as kept between processes: its glyphs' ids and characters, and the positions
 * (in font units, before pdfkit scales them) of the glyphs that kerning or marks moved from their
 * own advance, as [index, xAdvance, yAdvance, xOffset, yOffset] in a row.
 */
type KeptRun = [ids: number[], codePoints: number[][], moved: number[]];

/** fontkit's fonts by the hash of their bytes, parsed once per process. */
const fonts = new Map<string, Font>();
/** The fonts' keys (the hash of their bytes), by font. */
const fontKeys = new WeakMap<Font, string>();
/** Shaped words, by font key and text: read from the last build (keptWords), and added to as words are shaped. */
let kept = new Map<string, Map<string, KeptRun>>();
let keptAdded = false;

/**
 * What the kept words depend on besides the fonts (which key them inside the entry, by their
 * bytes): fontkit's shaping, pdfkit's scaling and this file. fontkit exports no package.json; it is
 * read beside its main file.
 */
export const shapedWordsKey: Promise<string> = Promise.all([
  readFile(fileURLToPath(import.meta.url), 'utf8'),
  readFile(path.join(path.dirname(pdfkitRequire.resolve('fontkit')), '..', 'package.json'), 'utf8'),
]).then(([source, fontkit]) =>
  createHash('sha256')
    .update(JSON.stringify({ source, fontkit: (JSON.parse(fontkit) as { version: string }).version, pdfkit: (pdfmakeRequire('pdfkit/package.json') as { version: string }).version }))
    .digest('hex'),
);

/** The words shaped so far, to be read by the next process (PdfCache keeps them); undefined when none was added since the last call. */
export function keptWords(): string | undefined {
  if (!keptAdded) return undefined;
  keptAdded = false;
  return JSON.stringify([...kept].map(([font, words]) => [font, [...words]]));
}

/** Reads the words an earlier process shaped (from keptWords). */
export function readKeptWords(text: string): void {
  kept = new Map((JSON.parse(text) as [string, [string, KeptRun][]][]).map(([font, words]) => [font, new Map(words)]));
  keptAdded = false;
}

/** pdfkit's layoutRun: positions scaled from font units to the font size 1000, each with its glyph's scaled advance. */
function scaled(embedded: EmbeddedFont, glyphs: Glyph[], positions: Position[]): Run {
  for (let i = 0; i < positions.length; i++) {
    const position = positions[i]!;
    for (const key in position) position[key as keyof Position]! *= embedded.scale;
    position.advanceWidth = glyphs[i]!.advanceWidth * embedded.scale;
  }
  // fontkit's GlyphRun.advanceWidth: the positions' advances, summed in order.
  let advanceWidth = 0;
  for (const position of positions) advanceWidth += position.xAdvance;
  return { glyphs, positions, advanceWidth };
}

/** Shapes `text` with fontkit, keeps it for the next process, and scales it as pdfkit does. */
function shape(embedded: EmbeddedFont, text: string, words: Map<string, KeptRun> | undefined): Run {
  const run = embedded.font.layout(text);
  if (words) {
    const moved: number[] = [];
    run.positions.forEach((p, i) => {
      if (p.xAdvance !== run.glyphs[i]!.advanceWidth || p.yAdvance !== 0 || p.xOffset !== 0 || p.yOffset !== 0) moved.push(i, p.xAdvance, p.yAdvance, p.xOffset, p.yOffset);
    });
    words.set(text, [run.glyphs.map((g) => g.id), run.glyphs.map((g) => g.codePoints), moved]);
    keptAdded = true;
  }
  fontWork.shaped++;
  return scaled(embedded, run.glyphs, run.positions);
}

/** A word shaped by an earlier process, made again from its glyphs: the same glyph objects fontkit gives, the same positions. */
function unkept(embedded: EmbeddedFont, [ids, codePoints, moved]: KeptRun): Run {
  const glyphs = ids.map((id, i) => embedded.font.getGlyph(id, codePoints[i]));
  const positions: Position[] = glyphs.map((g) => ({ xAdvance: g.advanceWidth, yAdvance: 0, xOffset: 0, yOffset: 0 }));
  for (let j = 0; j < moved.length; j += 5) Object.assign(positions[moved[j]!]!, { xAdvance: moved[j + 1], yAdvance: moved[j + 2], xOffset: moved[j + 3], yOffset: moved[j + 4] });
  fontWork.kept++;
  return scaled(embedded, glyphs, positions);
}

/** The words shaped in this process, by font. */
let shaped = new WeakMap<Font, Map<string, Run>>();

/** For tests: forgets the fonts parsed and the words shaped, as a new process starts without them. */
export function forgetFonts(): void {
  fonts.clear();
  shaped = new WeakMap();
}

/** Keeps the words pdfkit shapes by font, for every document, instead of in each document's own cache; and, through keptWords, for the next process. */
export function shareShapedWords(fontFile: string): void {
  const PDFDocument = pdfmakeRequire('pdfkit') as new (options: object) => { font(src: string): { _font: EmbeddedFont } };
  const prototype = Object.getPrototypeOf(new PDFDocument({ autoFirstPage: false }).font(fontFile)._font) as EmbeddedFont;
  prototype.layoutCached = function (this: EmbeddedFont, text: string) {
    if (!this.layoutCache) return this.layoutRun(text);
    let words = shaped.get(this.font);
    if (!words) shaped.set(this.font, (words = new Map()));
    let run = words.get(text);
    if (run === undefined) {
      const key = fontKeys.get(this.font);
      let fontWords = key === undefined ? undefined : kept.get(key);
      if (key !== undefined && !fontWords) kept.set(key, (fontWords = new Map()));
      const before = fontWords?.get(text);
      run = before ? unkept(this, before) : shape(this, text, fontWords);
      words.set(text, run);
    }
    return run;
  };
}
