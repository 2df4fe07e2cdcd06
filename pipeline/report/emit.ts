/** Writes dist/report.pdf. */
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { PdfCache } from '../pdf/cache.js';
import { renderPdf } from '../pdf/render.js';
import { reportDocument, type ReportInput } from './document.js';

export async function writeReport(dir: string, input: ReportInput, cache?: PdfCache): Promise<void> {
  const { meta, date } = input;
  const pdf = await renderPdf(await reportDocument(input, cache), {
    title: `${meta.title}: report, version ${meta.version}`,
    author: meta.contributors.map((c) => c.title).join(', '),
    subject: 'The record, its figures, and where its sources disagree',
    keywords: meta.keywords.join(', '),
    date,
  }, cache);
  await writeFile(path.join(dir, 'report.pdf'), pdf);
}
