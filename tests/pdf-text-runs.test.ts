/**
 * pipeline/pdf/text-runs.ts draws the words of a line that share a font, size, colour and opacity
 * as one run. The words must stay where pdfmake put them, with the same text, and anything drawn
 * from an inline of its own (a link, a decoration) must stay as it was.
 */
import { execFile } from 'node:child_process';
import { mkdtemp, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { renderPdf } from '../pipeline/pdf/render.js';
import { textRuns, textRunsDrawing } from '../pipeline/pdf/text-runs.js';
import { created } from './helpers.js';
import { tool } from './tools.js';

const poppler = tool('pdftotext', 'poppler-utils');
const info = { title: 't', author: 'a', subject: 's', keywords: 'k', date: new Date(Date.UTC(2026, 0, 1)) };
const font = {};
const word = (text: string, x: number, width: number, more: Record<string, unknown> = {}) => ({ text, x, width, font, fontSize: 10, color: 'black', opacity: 1, ...more });

describe('text runs', () => {
  it('joins the words of a line that follow one another in one style, and leaves every other inline alone', () => {
    const inlines = [word('The ', 0, 20), word('trains ', 20, 30), word('left ', 50, 20, { color: '#666' }), word('at ', 70, 10, { color: '#666' }), word('night', 80, 25, { link: 'https://example.org' }), word(' in ', 105, 12), word('June', 117, 20)];
    const runs = textRuns(inlines);
    expect(runs.map((r) => [r.text, r.x, r.width])).toEqual([
      ['The trains ', 0, 50],
      ['left at ', 50, 30],
      ['night', 80, 25],
      [' in June', 105, 32],
    ]);
    // pdfmake's own inlines are not changed.
    expect(inlines[0]).toEqual(word('The ', 0, 20));
    // A gap (a justified line), another size or font, a decoration: nothing joins.
    const apart = [word('a ', 0, 10), word('b ', 12, 10), word('c ', 22, 10, { fontSize: 9 }), word('d ', 32, 10, { font: {} }), word('e ', 42, 10, { decoration: 'underline' }), word('f', 52, 10)];
    expect(textRuns(apart)).toBe(apart);
  });

  it(`puts every word where pdfmake's word-by-word drawing puts it, with the same text${poppler.note}`, { skip: !poppler.available }, async () => {
    const doc = {
      defaultStyle: { font: 'Roboto', fontSize: 10 },
      content: [
        { text: 'Kirhenšteins, Päts, Šešupė and Bălți: the trains left before dawn on 14 June 1941, and again in March 1949. '.repeat(4) },
        { text: ['Mixed ', { text: 'bold words ', bold: true }, 'and ', { text: 'grey ones', color: '#666' }, ' with ', { text: 'a link', link: 'https://example.org', decoration: 'underline' }, ' and more.'] },
        { text: 'Centred text keeps its place too.', alignment: 'center' },
        { text: 'A justified paragraph spreads its words to fill the line, so its words are drawn one by one. '.repeat(3), alignment: 'justify' },
      ],
    };
    const dir = await mkdtemp(path.join(os.tmpdir(), 'chronicle-runs-'));
    created.push(dir);
    const words = async (name: string, bytes: Buffer) => {
      const file = path.join(dir, `${name}.pdf`);
      await writeFile(file, bytes);
      const { stdout } = await promisify(execFile)('pdftotext', ['-bbox', file, '-']);
      return [...stdout.matchAll(/<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)<\/word>/g)].map((m) => ({ text: m[5], box: m.slice(1, 5).map(Number) }));
    };
    const drawnInRuns = await renderPdf(doc, info);
    textRunsDrawing(false);
    let drawnSingly;
    try {
      drawnSingly = await renderPdf(doc, info);
    } finally {
      textRunsDrawing(true);
    }
    // Fewer operators: the runs were drawn.
    expect(drawnInRuns.length).toBeLessThan(drawnSingly.length);
    const runs = await words('runs', drawnInRuns);
    const single = await words('single', drawnSingly);
    expect(runs.map((w) => w.text)).toEqual(single.map((w) => w.text));
    expect(runs.length).toBeGreaterThan(80);
    runs.forEach((w, i) => w.box.forEach((v, j) => expect(Math.abs(v - single[i]!.box[j]!), `${w.text}`).toBeLessThan(0.01)));
  });
});
