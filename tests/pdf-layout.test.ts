/**
 * No content vanishes from a PDF and no cell makes layout slow: an entry taller than a page
 * breaks across pages instead of being cut (pdfmake keeps an unbreakable block to one page),
 * and long unbroken tokens (a 2,000-character URL, a note without spaces) are laid out.
 */
import { execFile } from 'node:child_process';
import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { headingNeverEndsPage } from '../pipeline/chronology/pdf.js';
import { keepRangesTogether } from '../pipeline/pdf/keep-together.js';
import { renderPdf } from '../pipeline/pdf/render.js';
import { created } from './helpers.js';
import { builtVariant, LONG_TOKEN, LONG_URL } from './shared.js';
import { pdfText as extractText } from './reader-text.js';
import { tool } from './tools.js';

const exec = promisify(execFile);
const poppler = tool('pdftotext', 'poppler-utils');
const qpdf = tool('qpdf');
const skip = !poppler.available || !qpdf.available;
const note = poppler.note || qpdf.note;
const squash = (s: string) => s.replace(/\s+/g, '');

async function pdfText(file: string): Promise<string> {
  await exec('qpdf', ['--check', file]);
  return extractText(file);
}


describe('PDF layout', () => {
  it(`never ends a line with "1939–" and starts the next with "1991"${note}`, { skip }, async () => {
    const title = 'Occupation chronicle: the Baltic states and Bessarabia, 1939–1991';
    const lines = async (text: unknown, width: number) => {
      const file = path.join(await mkdtemp(path.join(os.tmpdir(), 'chronicle-range-')), 'title.pdf');
      created.push(path.dirname(file));
      await writeFile(file, await renderPdf({ defaultStyle: { font: 'Roboto' }, pageSize: { width, height: 400 }, pageMargins: 20, content: [{ text, fontSize: 18 }] }, { title: 't', author: 'a', subject: 's', keywords: 'k', date: new Date(0) }));
      return (await pdfText(file)).split('\n').map((l) => l.trim()).filter(Boolean);
    };
    // Find a page width at which plain text breaks after the dash, then lay the title out there.
    let width = 0;
    for (let w = 300; w <= 700 && !width; w += 10) if ((await lines(title, w)).some((l) => l.endsWith('1939–'))) width = w;
    expect(width, 'a width at which plain text breaks after the dash').toBeGreaterThan(0);
    const kept = await lines(keepRangesTogether(title), width);
    expect(kept.some((l) => l.endsWith('1939–'))).toBe(false);
    expect(kept.join(' ')).toContain('1939–1991');
  });

  it(`moves a section heading that would end a page to the next, with what it heads${note}`, { skip }, async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'chronicle-heading-'));
    created.push(dir);
    /** The lines of the first two pages. */
    const pages = async (filler: number, pageBreakBefore?: typeof headingNeverEndsPage) => {
      const file = path.join(dir, `h-${filler}-${pageBreakBefore ? 'moved' : 'plain'}.pdf`);
      const content = [...Array.from({ length: filler }, (_, i) => ({ text: `Entry ${i + 1}` })), { text: 'Sources', headlineLevel: 1, fontSize: 14 }, { text: 'The first source under the heading.' }];
      await writeFile(file, await renderPdf({ defaultStyle: { font: 'Roboto' }, pageSize: { width: 300, height: 200 }, pageMargins: 20, content, pageBreakBefore }, { title: 't', author: 'a', subject: 's', keywords: 'k', date: new Date(0) }));
      const text = (await extractText(file)).split('\f');
      return [0, 1].map((n) => (text[n] ?? '').split('\n').map((l) => l.trim()).filter(Boolean));
    };
    // Find how many lines leave the heading last on the first page when nothing moves it.
    let filler = 0;
    for (let k = 1; k <= 20 && !filler; k++) if ((await pages(k))[0]!.at(-1) === 'Sources') filler = k;
    expect(filler, 'a length at which the heading ends the first page').toBeGreaterThan(0);
    const [first, second] = await pages(filler, headingNeverEndsPage);
    expect(first).not.toContain('Sources');
    expect(second!.slice(0, 2)).toEqual(['Sources', 'The first source under the heading.']);
  });

  it(`keeps every line of a block taller than a page, unbreakable or a table row that may not break${note}`, { skip }, async () => {
    const lines = Array.from({ length: 150 }, (_, i) => `Line ${i + 1} of the block.`).join('\n');
    const doc = {
      defaultStyle: { font: 'Roboto' },
      content: [
        { stack: [{ text: 'Heading' }, { stack: [{ text: lines }, { text: 'End of the entry.' }], unbreakable: true }], unbreakable: true },
        { table: { dontBreakRows: true, headerRows: 1, body: [['Header'], [`${lines}\nEnd of the row.`]] } },
      ],
    };
    const pdf = await renderPdf(doc, { title: 't', author: 'a', subject: 's', keywords: 'k', date: new Date(0) });
    const dir = await mkdtemp(path.join(os.tmpdir(), 'chronicle-pdf-'));
    created.push(dir);
    await writeFile(path.join(dir, 'block.pdf'), pdf);
    const text = await pdfText(path.join(dir, 'block.pdf'));
    for (const last of ['Line 150 of the block.\nEnd of the entry.', 'Line 150 of the block.\nEnd of the row.']) expect(text).toContain(last);
  });

  it(`publishes an event taller than a page whole, and long unbroken URLs and notes, in report.pdf and every chronology PDF${note}`, { skip }, async () => {
    // The shared variant of the fixture holds the entry of LONG_SUMMARY, and a source with LONG_URL and LONG_TOKEN.
    const { run, dist } = await builtVariant();
    expect(run.code, run.stdout + run.stderr).toBe(0);
    const [url, token] = [LONG_URL, LONG_TOKEN];
    expect(url).toHaveLength(2000);
    for (const pdf of ['report.pdf', 'chronology.pdf', 'chronology-lv.pdf', 'chronology-ee.pdf']) {
      const text = await pdfText(path.join(dist, pdf));
      expect(text, pdf).toContain('Day 1: the trains left with the deported.');
      expect(text, pdf).toContain('Day 100: the trains left with the deported.');
      expect(squash(text), pdf).toContain(url);
      if (pdf === 'report.pdf') expect(squash(text)).toContain(token);
    }
    // The HTML keeps the entry too, as it always did.
    expect(await readFile(path.join(dist, 'chronology.html'), 'utf8')).toContain('Day 100: the trains left with the deported.');
  });
});
