/**
 * Writes the chronology: for each handout in templates/chronology.json (all territories, then
 * one per territory; checked by config.ts), an HTML page (handlebars, print CSS) and an A4 PDF
 * (pdfmake); then each two-page handout at a glance, as an A4 and a US Letter PDF.
 */
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { DatasetMeta } from '../dataset.js';
import type { ChronicleRecord } from '../model.js';
import type { PdfCache } from '../pdf/cache.js';
import { pdfPages, renderPdf } from '../pdf/render.js';
import type { Reconciled } from '../reconcile/index.js';
import type { Settings } from '../reconcile/settings.js';
import { chronologyDocument } from './pdf.js';
import type { ChronologyConfig } from './config.js';
import { glancePdf, glanceView, type PageSize } from './glance.js';
import { chronologyView, type ChronologyView } from './view.js';
import { renderedKept } from '../util/templates.js';

/** A file written, as the landing page lists it. */
export interface Written {
  path: string;
  title: string;
  format: 'HTML' | 'PDF';
  /** 'all' or the territory it covers. */
  territory: string;
}

const PAGE_SIZES: { size: PageSize; suffix: string; name: string }[] = [
  { size: 'A4', suffix: '', name: 'A4' },
  { size: 'LETTER', suffix: '-letter', name: 'US Letter' },
];

export async function writeChronologies(input: { root: string; dir: string; config: ChronologyConfig; record: ChronicleRecord; reconciled: Reconciled; settings: Settings; meta: DatasetMeta; date: Date; pdf: boolean; cache?: PdfCache }): Promise<Written[]> {
  const { root, dir, config, record, reconciled, settings, meta, date } = input;
  const [template, css] = await Promise.all([readFile(path.join(root, 'templates/chronology.hbs'), 'utf8'), readFile(path.join(root, 'templates/chronology.css'), 'utf8')]);
  const released = date.toISOString().slice(0, 10);
  const info = (title: string) => ({ title, author: meta.contributors.map((c) => c.title).join(', '), subject: meta.title, keywords: meta.keywords.join(', '), date });
  const written: Written[] = [];
  const views = new Map<string, { view: ChronologyView; file: string }>();
  for (const handout of config.handouts) {
    const scope = { id: handout.territory, name: handout.name };
    const view = chronologyView({ record, events: reconciled.events, findings: reconciled.findings, periods: config.periods, meta, settings, released, scope, scopeNote: handout.scope ?? config.scope });
    views.set(handout.territory, { view, file: handout.file });
    await writeFile(path.join(dir, `${handout.file}.html`), await renderedKept(template, { view, css, handouts: config.handouts }, input.cache));
    written.push({ path: `${handout.file}.html`, title: `Chronology handout: ${handout.name}`, format: 'HTML', territory: handout.territory });
    if (input.pdf) {
      await writeFile(path.join(dir, `${handout.file}.pdf`), await renderPdf(chronologyDocument(view), info(view.title), input.cache));
      written.push({ path: `${handout.file}.pdf`, title: `Chronology handout: ${handout.name}`, format: 'PDF', territory: handout.territory });
    }
  }
  if (!input.pdf) return written;
  for (const glance of config.glance ?? []) {
    const full = views.get(glance.territory);
    const view = glanceView({ glance, record, reconciled, settings, meta, released, chronology: full?.view ?? null, chronologyFile: full?.file ?? null });
    for (const { size, suffix, name } of PAGE_SIZES) {
      const file = `${glance.file}${suffix}.pdf`;
      const pdf = { render: (doc: Record<string, unknown>) => renderPdf(doc, info(view.title), input.cache), pages: (doc: Record<string, unknown>) => pdfPages(doc, info(view.title), input.cache) };
      await writeFile(path.join(dir, file), await glancePdf(view, size, pdf));
      written.push({ path: file, title: `${glance.name} at a glance: two pages for a class (${name})`, format: 'PDF', territory: glance.territory });
    }
  }
  return written;
}
