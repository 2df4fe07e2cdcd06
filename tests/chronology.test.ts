/**
 * The chronology as readers meet it: pages opened in Chromium (phone and print, A4 and
 * Letter), and the PDF handouts read back with poppler.
 */
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { chromium, type Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runPipeline } from '../pipeline/build.js';
import { writeChronologies } from '../pipeline/chronology/emit.js';
import { buildDate } from '../pipeline/dataset.js';
import { ROOT } from './helpers.js';
import { shippedDist } from './shared.js';
import { pdfPages } from './reader-text.js';
import { tool } from './tools.js';

// The shipped dist/, or a fresh build of it when the committed one is stale (tests/shared.ts).
const DIST = await shippedDist();
const browserTool = tool('chromium');
const poppler = tool('pdftotext', 'poppler-utils');
const CHROMIUM_FLAGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];

interface Handout {
  territory: string;
  file: string;
  name: string;
}
const config = JSON.parse(await readFile(path.join(ROOT, 'templates/chronology.json'), 'utf8')) as { handouts: Handout[] };
const events = JSON.parse(await readFile(path.join(DIST, 'data/reconciled_events.json'), 'utf8')) as { event: string; title: string; date: string; date_start: string; date_end: string | null }[];
/** Where a class reads an event: at its first day, or at the last day of the one year, month or season it is dated by alone (1981, June 1941). */
const readAt = (e: (typeof events)[number]) => (!e.date.includes('/') && !/^\d{4}-\d{2}-\d{2}/.test(e.date) && e.date_end ? e.date_end : e.date_start);
const normalise = (s: string) => s.replace(/\s+/g, ' ').trim();
/** Text compared without white space: PDF text breaks lines where the page did. */
// pdftotext joins a word hyphenated at a line end ("mid-" + "1947" gives "mid1947"), so hyphens are dropped too.
const squash = (s: string) => s.replace(/[\s\-\u2010\u2011]+/g, '');

/** Text of each page of a PDF, whitespace normalised. */
const normalisedPages = async (file: string): Promise<string[]> => (await pdfPages(file)).map(normalise);

describe('the chronology pages in a browser', () => {
  let browser: Browser | undefined;
  let scratch = '';
  beforeAll(async () => {
    scratch = await mkdtemp(path.join(os.tmpdir(), 'chronicle-print-'));
    if (browserTool.available) browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: CHROMIUM_FLAGS });
  });
  afterAll(async () => {
    await browser?.close();
    await rm(scratch, { recursive: true, force: true });
  });

  const skip = !browserTool.available || !poppler.available;
  for (const h of config.handouts) {
    it(`${h.file}.html: every event once in reading order, no horizontal scroll at 375 px, prints to ${h.territory === 'all' ? 'A4 and Letter' : 'A4'} without cutting an entry${browserTool.note || poppler.note}`, { skip }, async () => {
      const page = await browser!.newPage({ viewport: { width: 375, height: 800 } });
      await page.goto(`file://${path.join(DIST, `${h.file}.html`)}`);

      const entries = await page.$$eval('article.entry', (nodes) =>
        nodes.map((n) => ({ id: n.id, datetime: n.querySelector('time')!.getAttribute('datetime')!, title: n.querySelector('h4')!.textContent!, summary: n.querySelector('.summary')!.textContent! })),
      );
      expect(entries.length).toBeGreaterThan(10);
      const ids = entries.map((e) => e.id);
      expect(new Set(ids).size).toBe(ids.length);
      const known = new Map(events.map((e) => [`event-${e.event}`, e]));
      const order = ids.map((id) => known.get(id));
      expect(order.every((e) => e !== undefined)).toBe(true);
      // In reading order: each event where a class reads it (readAt), never earlier than the one before.
      const read = order.map((e) => readAt(e!));
      expect(read).toEqual([...read].sort());
      if (h.territory === 'all') expect([...ids].sort()).toEqual(events.map((e) => `event-${e.event}`).sort());

      // Phone: nothing scrolls sideways.
      expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(375);

      // Print: no element wider than the printable width of A4 (210 mm less 2 x 15 mm margins, at 96 px per inch).
      await page.emulateMedia({ media: 'print' });
      await page.setViewportSize({ width: 680, height: 1000 });
      const wide = await page.evaluate(() => [...document.querySelectorAll('body *')].filter((el) => el.getBoundingClientRect().right > document.documentElement.clientWidth + 1).map((el) => el.tagName));
      expect(wide).toEqual([]);

      // Every handout on A4; the full one, which holds every entry of the others, on Letter too.
      for (const format of h.territory === 'all' ? (['A4', 'Letter'] as const) : (['A4'] as const)) {
        const file = path.join(scratch, `${h.file}-${format}.pdf`);
        await writeFile(file, await page.pdf({ format, printBackground: false }));
        const pages = (await normalisedPages(file)).map(squash);
        // Bound: one page per two entries, plus four for the title, the date differences and the sources.
        expect(pages.length, `${format} pages`).toBeLessThanOrEqual(Math.ceil(entries.length / 2) + 4);
        for (const e of entries) {
          const title = squash(e.title);
          const tail = squash(e.summary).slice(-40);
          const at = pages.findIndex((p) => p.includes(title) && p.includes(tail));
          expect(at, `${format}: "${title}" and the end of its summary on one page`).toBeGreaterThanOrEqual(0);
        }
      }
      await page.close();
    });
  }
});

describe('the PDF handouts', () => {
  for (const h of config.handouts) {
    it(`${h.file}.pdf holds every event title of its page, diacritics intact${poppler.note}`, { skip: !poppler.available }, async () => {
      const html = await readFile(path.join(DIST, `${h.file}.html`), 'utf8');
      const titles = [...html.matchAll(/<h4>([^<]*)/g)].map((m) => normalise(m[1]!.replace(/&#x27;/g, "'").replace(/&quot;/g, '"').replace(/&amp;/g, '&')));
      const text = (await normalisedPages(path.join(DIST, `${h.file}.pdf`))).join(' ');
      const squashed = squash(text);
      expect(titles.length).toBeGreaterThan(10);
      for (const t of titles) expect(squashed, t).toContain(squash(t));
      expect(text).toMatch(/page 1 of \d+/);
      expect(text).toContain('version');
    });
  }

  it(`keeps names with diacritics in the full handout${poppler.note}`, { skip: !poppler.available }, async () => {
    const text = (await normalisedPages(path.join(DIST, 'chronology.pdf'))).join(' ');
    for (const name of ['Sąjūdis', 'Latvija', 'Lietuva', 'Basarabia și Bucovina de Nord', 'Liepāja']) expect(text).toContain(name);
  });
});

describe('text from sources is never markup', () => {
  it('escapes a title holding <script> and quotes, and links only http(s) addresses', async () => {
    const { copyProject, edit } = await import('./helpers.js');
    const { isHttp } = await import('../pipeline/chronology/view.js');
    const dir = await copyProject({ sources: 'tests/fixtures/minimal/sources' });
    await edit(dir, 'sources/events.csv', 'Soviet troops occupy Latvia,', '"<script>alert(1)</script> ""Occupation"" & <b>bold</b>",');
    // The pages as the build writes them (its own writer, on the checked record), without the PDFs and downloads a build also makes.
    const r = await runPipeline(dir, { write: false });
    expect(r.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    await writeChronologies({ root: dir, dir, config: r.chronology!, record: r.record!, reconciled: r.reconciled!, settings: r.settings!, meta: r.meta!, date: buildDate(r.meta!), pdf: false });
    const html = await readFile(path.join(dir, 'chronology.html'), 'utf8');
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt; &quot;Occupation&quot; &amp; &lt;b&gt;bold&lt;/b&gt;');
    expect(html).not.toContain('<script>alert');
    expect([...html.matchAll(/<script/g)]).toHaveLength(0);
    expect(isHttp('https://archive.example/dep')).toBe(true);
    expect(isHttp('javascript:alert(1)')).toBe(false);
  });
});

describe('pages kept between builds', () => {
  it('renders a page again only when its template or what it shows changed, and serves the same bytes otherwise', async () => {
    const { copyProject, edit } = await import('./helpers.js');
    const { PdfCache } = await import('../pipeline/pdf/cache.js');
    const dir = await copyProject({ sources: 'tests/fixtures/minimal/sources' });
    const cacheDir = path.join(dir, '.build/pdf-cache');
    const write = async () => {
      const r = await runPipeline(dir, { write: false });
      const cache = new PdfCache(cacheDir);
      await writeChronologies({ root: dir, dir, config: r.chronology!, record: r.record!, reconciled: r.reconciled!, settings: r.settings!, meta: r.meta!, date: buildDate(r.meta!), pdf: false, cache });
      return { html: await readFile(path.join(dir, 'chronology.html'), 'utf8'), kept: cache.files().filter((f) => f.endsWith('.html.checked')) };
    };
    const uncached = await write();
    expect(uncached.kept.length).toBeGreaterThan(1);
    // A kept page is what the build writes: one changed by hand (its entry written whole) is served as it is.
    const { writeChecked } = await import('../pipeline/util/checked-file.js');
    for (const f of uncached.kept) await writeChecked(f, Buffer.from(`kept ${path.basename(f)}`));
    const served = await write();
    expect(served.html).toMatch(/^kept [0-9a-f]{64}\.html\.checked$/);
    expect(served.kept).toEqual(uncached.kept);
    // An edit to an entry it shows is a new page, rendered, with the edit.
    await edit(dir, 'sources/events.csv', 'Soviet troops occupy Latvia,', 'Soviet troops occupy all of Latvia,');
    const edited = await write();
    expect(edited.html).toContain('Soviet troops occupy all of Latvia');
    expect(edited.html).toBe(uncached.html.replaceAll('Soviet troops occupy Latvia', 'Soviet troops occupy all of Latvia'));
  });
});
