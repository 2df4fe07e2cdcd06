/**
 * pdfmake, set up once for deterministic output: Roboto (which keeps Latvian, Lithuanian,
 * Estonian, Romanian and Cyrillic letters; the standard 14 fonts do not), no network or file
 * access from documents, and fixed dates and producer so that the same input gives the same
 * bytes. Loaded only when a PDF is to be written.
 */
import { createRequire } from 'node:module';
import path from 'node:path';
import type { PdfCache } from './cache.js';

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

function load(): Promise<Pdfmake> {
  loaded ??= import('pdfmake').then((m) => {
    const pdfmake = m.default as unknown as Pdfmake;
    const fontDir = path.join(path.dirname(createRequire(import.meta.url).resolve('pdfmake/package.json')), 'fonts/Roboto');
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
    return pdfmake;
  });
  return loaded;
}

export async function renderPdf(doc: Record<string, unknown>, info: PdfInfo, cache?: PdfCache): Promise<Buffer> {
  const key = cache ? await cache.key(doc, info) : undefined;
  const cached = key ? await cache!.get(key) : undefined;
  if (cached) return cached;
  const pdfmake = await load();
  const bytes = await pdfmake
    .createPdf({
      ...doc,
      language: 'en',
      info: { title: info.title, author: info.author, subject: info.subject, keywords: info.keywords, creator: 'occupation-chronicle', producer: 'occupation-chronicle with pdfmake', creationDate: info.date, modDate: info.date },
    })
    .getBuffer();
  if (key) await cache!.put(key, bytes);
  return bytes;
}
