/**
 * Writes the chronology: for each handout in templates/chronology.json (all territories, then
 * one per territory; checked by config.ts), an HTML page (handlebars, print CSS) and an A4 PDF (pdfmake).
 */
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import Handlebars from 'handlebars';
import type { DatasetMeta } from '../dataset.js';
import type { ChronicleRecord } from '../model.js';
import type { PdfCache } from '../pdf/cache.js';
import { renderPdf } from '../pdf/render.js';
import type { Reconciled } from '../reconcile/index.js';
import type { Settings } from '../reconcile/settings.js';
import { chronologyDocument } from './pdf.js';
import type { ChronologyConfig, Handout } from './config.js';
import { chronologyView } from './view.js';

export async function writeChronologies(input: { root: string; dir: string; config: ChronologyConfig; record: ChronicleRecord; reconciled: Reconciled; settings: Settings; meta: DatasetMeta; date: Date; pdf: boolean; cache?: PdfCache }): Promise<Handout[]> {
  const { root, dir, config, record, reconciled, settings, meta, date } = input;
  const [template, css] = await Promise.all([readFile(path.join(root, 'templates/chronology.hbs'), 'utf8'), readFile(path.join(root, 'templates/chronology.css'), 'utf8')]);
  const render = Handlebars.compile(template, { strict: true });
  const released = date.toISOString().slice(0, 10);
  for (const handout of config.handouts) {
    const scope = { id: handout.territory, name: handout.name };
    const view = chronologyView({ record, events: reconciled.events, findings: reconciled.findings, periods: config.periods, meta, settings, released, scope, scopeNote: config.scope });
    await writeFile(path.join(dir, `${handout.file}.html`), render({ view, css, handouts: config.handouts }));
    if (input.pdf) {
      const pdf = await renderPdf(chronologyDocument(view), { title: view.title, author: meta.contributors.map((c) => c.title).join(', '), subject: meta.title, keywords: meta.keywords.join(', '), date }, input.cache);
      await writeFile(path.join(dir, `${handout.file}.pdf`), pdf);
    }
  }
  return config.handouts;
}
