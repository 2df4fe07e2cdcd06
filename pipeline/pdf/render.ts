/**
 * pdfmake, set up once for deterministic output: Roboto (which keeps Latvian, Lithuanian,
 * Estonian, Romanian and Cyrillic letters; the standard 14 fonts do not), no network or file
 * access from documents, and fixed dates and producer so that the same input gives the same
 * bytes. Loaded only when a PDF is to be written.
 */
import path from 'node:path';
import type { PdfCache } from './cache.js';
import { shareParsedFonts, shareShapedWords } from './fonts.js';
import { OVERFLOWED, prepareDocument } from './layout.js';
import { pdfmakeRequire } from './requires.js';
import { portableDeflate, textStreams } from './streams.js';
import { installStyleLookups } from './styles.js';
import { textRunsDrawing } from './text-runs.js';
import { installTagging } from './tagging.js';

export interface PdfInfo {
  title: string;
  author: string;
  subject: string;
  keywords: string;
  date: Date;
}

type Pdfmake = {
  setFonts(fonts: object): void;
  setUrlAccessPolicy(callback: (url: string) => boolean): void;
  setLocalAccessPolicy(callback: (path: string) => boolean): void;
  createPdf(doc: object): { getBuffer(): Promise<Buffer> };
};

let loaded: Promise<Pdfmake> | undefined;

/** pdfmake with its fonts set; loaded once per process. */
export function loadPdfmake(): Promise<Pdfmake> {
  loaded ??= (async () => {
    shareParsedFonts();
    const pdfmake = (await import('pdfmake')).default as unknown as Pdfmake;
    const fontDir = path.join(path.dirname(pdfmakeRequire.resolve('pdfmake/package.json')), 'fonts/Roboto');
    shareShapedWords(path.join(fontDir, 'Roboto-Regular.ttf'));
    pdfmake.setFonts({
      Roboto: {
        normal: path.join(fontDir, 'Roboto-Regular.ttf'),
        bold: path.join(fontDir, 'Roboto-Medium.ttf'),
        italics: path.join(fontDir, 'Roboto-Italic.ttf'),
        bolditalics: path.join(fontDir, 'Roboto-MediumItalic.ttf'),
      },
    });
    pdfmake.setUrlAccessPolicy(() => false);
    pdfmake.setLocalAccessPolicy((p) => p.startsWith(fontDir));
    noteOverflows();
    installTagging();
    installStyleLookups();
    textStreams(true);
    portableDeflate(true);
    textRunsDrawing(true);
    return pdfmake;
  })();
  return loaded;
}

interface Context {
  pages: unknown[];
  y: number;
  pageMargins: { top: number; bottom: number };
  getCurrentPage(): { pageSize: { height: number } };
}

interface Writer {
  transactionLevel: number;
  context(): Context;
  contextStack: Context[];
  repeatables: { height: number }[];
  overflow?: boolean;
}

/**
 * pdfmake lays a block that must stay on one page out on a page of its own and then places it
 * whole; a block taller than a page loses what does not fit (PageElementWriter keeps only its
 * first page, "no support for multi-page unbreakableBlocks"; in 0.3.11 that page even has no
 * height, so the block runs off the foot of the page). Its commit is watched here: a block
 * taller than the room on a page marks the node being laid out (an unbreakable node, or a table
 * whose rows do not break) with OVERFLOWED, for renderPdf to lay it out again allowed to break.
 * These are pdfmake's internals: tests/pdf-layout.test.ts fails if they change.
 */
function noteOverflows(): void {
  const writer = (pdfmakeRequire('pdfmake/js/PageElementWriter.js') as { default: { prototype: Writer & { commitUnbreakableBlock(...a: unknown[]): unknown } } }).default.prototype;
  const builder = (pdfmakeRequire('pdfmake/js/LayoutBuilder.js') as { default: { prototype: { writer: Writer; processNode(node: Record<string | symbol, unknown>, ...a: unknown[]): unknown } } }).default.prototype;
  const commit = writer.commitUnbreakableBlock;
  writer.commitUnbreakableBlock = function (this: Writer, ...args: unknown[]) {
    if (this.transactionLevel === 1) {
      const block = this.context();
      const outer = this.contextStack.at(-1)!;
      const room = outer.getCurrentPage().pageSize.height - outer.pageMargins.top - outer.pageMargins.bottom - this.repeatables.reduce((sum, r) => sum + r.height, 0);
      if (block.pages.length > 1 || block.y > room + 0.01) this.overflow = true;
    }
    return commit.apply(this, args);
  };
  const processNode = builder.processNode;
  builder.processNode = function (this: { writer: Writer }, node: Record<string | symbol, unknown>, ...args: unknown[]) {
    const keeps = node.unbreakable === true || (node.table as { dontBreakRows?: boolean } | undefined)?.dontBreakRows === true;
    if (keeps) this.writer.overflow = false;
    const result = processNode.call(this, node, ...args);
    if (keeps && this.writer.overflow) {
      node[OVERFLOWED] = true;
      this.writer.overflow = false;
    }
    return result;
  };
}

export async function renderPdf(doc: Record<string, unknown>, info: PdfInfo, cache?: PdfCache): Promise<Buffer> {
  const key = cache ? await cache.key(doc, info) : undefined;
  const cached = key ? await cache!.get(key) : undefined;
  if (cached) return cached;
  await cache?.readWords();
  const bytes = await layOut(doc, info, 'draw');
  if (key) await cache!.put(key, bytes);
  return bytes;
}

/**
 * How many pages `doc` lays out to, without drawing it: about 40 ms for a sheet at a glance against
 * about 95 ms to render it (the drawing, the fonts' subsets and the compression are most of a short
 * document's cost). Kept in the cache beside the PDFs, by the same key. Not for a document with
 * `pageBreakBefore`, which pdfmake may lay out again after its first count.
 */
export async function pdfPages(doc: Record<string, unknown>, info: PdfInfo, cache?: PdfCache): Promise<number> {
  const key = cache ? await cache.key(doc, info) : undefined;
  const cached = key ? await cache!.get(key, 'pages') : undefined;
  if (cached) return Number(cached.toString('ascii'));
  await cache?.readWords();
  const pages = await layOut(doc, info, 'count');
  if (key) await cache!.put(key, Buffer.from(String(pages), 'ascii'), 'pages');
  return pages;
}

/** Thrown by the footer of a document laid out only to be counted: pdfmake lays out the footers once the body is laid out, with the number of pages, and before it draws anything. */
class Counted {
  constructor(readonly pages: number) {}
}

async function layOut(doc: Record<string, unknown>, info: PdfInfo, mode: 'draw'): Promise<Buffer>;
async function layOut(doc: Record<string, unknown>, info: PdfInfo, mode: 'count'): Promise<number>;
async function layOut(doc: Record<string, unknown>, info: PdfInfo, mode: 'draw' | 'count'): Promise<Buffer | number> {
  const pdfmake = await loadPdfmake();
  // Laid out again, with each block that overflowed a page allowed to break, until none does: each round relaxes at least one more block.
  const relaxed = new Set<number>();
  for (;;) {
    const prepared = prepareDocument(doc, relaxed);
    const counting = mode === 'count' ? { footer: (_page: number, pages: number) => { throw new Counted(pages); } } : {};
    const result = await pdfmake
      .createPdf({
        ...prepared.doc,
        ...counting,
        language: 'en',
        info: { title: info.title, author: info.author, subject: info.subject, keywords: info.keywords, creator: 'occupation-chronicle', producer: 'occupation-chronicle with pdfmake', creationDate: info.date, modDate: info.date },
      })
      .getBuffer()
      .catch((error: unknown) => {
        if (error instanceof Counted) return error.pages;
        throw error;
      });
    const overflowed = prepared.kept.flatMap((node, i) => (node[OVERFLOWED] && !relaxed.has(i) ? [i] : []));
    if (overflowed.length === 0) return result;
    for (const i of overflowed) relaxed.add(i);
  }
}
