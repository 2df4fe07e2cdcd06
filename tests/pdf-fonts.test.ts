/** Fonts are read and words shaped once per process (pipeline/pdf/fonts.ts), and a PDF's bytes do not depend on what was rendered before it. */
import { execFile } from 'node:child_process';
import zlib from 'node:zlib';
import { mkdtemp, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { fontWork, forgetFonts, keptWords, readKeptWords } from '../pipeline/pdf/fonts.js';
import { portableDeflate, streamWork, textStreams } from '../pipeline/pdf/streams.js';
import { renderPdf } from '../pipeline/pdf/render.js';
import { created } from './helpers.js';
import { tool } from './tools.js';

const poppler = tool('pdftotext', 'poppler-utils');

const info = { title: 't', author: 'a', subject: 's', keywords: 'k', date: new Date(Date.UTC(2026, 0, 1)) };
const doc = (words: string) => ({
  defaultStyle: { font: 'Roboto' },
  content: [{ text: `Kirhenšteins, Päts, Šešupė, Bălți: ${words}` }, { text: words, bold: true }, { text: words, italics: true }, { text: words, bold: true, italics: true }],
  footer: (page: number, pages: number) => ({ text: `page ${page} of ${pages}` }),
});

describe('PDF fonts', () => {
  it('parses each font file once and shapes each word once for every document of the process', async () => {
    const first = await renderPdf(doc('the trains left at night'), info);
    const after = { ...fontWork };
    // Each of the four styles was parsed once; a second document parses none and shapes no word again.
    expect(after.parsed).toBe(4);
    expect(after.shaped).toBeGreaterThan(20);
    const again = await renderPdf(doc('the trains left at night'), info);
    expect(fontWork).toEqual(after);
    expect(Buffer.compare(again, first)).toBe(0);
    // Only new words are shaped, in each style that uses them.
    await renderPdf(doc('the trains left at dawn'), info);
    expect(fontWork.parsed).toBe(4);
    expect(fontWork.shaped - after.shaped).toBe(4);
  });

  it('gives a document the same bytes whatever was rendered before it', async () => {
    const alone = await renderPdf(doc('deported in June'), info);
    await renderPdf(doc('deported in June and in March, from every county'), info);
    expect(Buffer.compare(await renderPdf(doc('deported in June'), info), alone)).toBe(0);
  });

  // A chart (an SVG), a table and every style: binary streams (fonts) and text streams side by side.
  const drawn = { ...doc('the trains left at night'), content: [...doc('the trains left at night').content, { svg: '<svg xmlns="http://www.w3.org/2000/svg" width="40" height="20"><rect width="40" height="20" fill="#c33"/></svg>', width: 40 }, { table: { body: [['Estonia', '1941'], ['Latvia', '1949']] } }] };

  it("writes the bytes pdfkit's own streams write, text kept as one string until it is ended", async () => {
    // Both deflated by Node's zlib, as pdfkit does, so that only the writing differs.
    portableDeflate(false);
    try {
      const joined = streamWork.joined;
      const withText = await renderPdf(drawn, info);
      expect(streamWork.joined).toBeGreaterThan(joined);
      textStreams(false);
      try {
        expect(Buffer.compare(await renderPdf(drawn, info), withText)).toBe(0);
      } finally {
        textStreams(true);
      }
    } finally {
      portableDeflate(true);
    }
  });

  it(`deflates every stream without Node's zlib, whose output differs between Node builds, and reads the same${poppler.note}`, { skip: !poppler.available }, async () => {
    const deflateSync = zlib.deflateSync;
    let portable: Buffer;
    // Node's zlib is made to fail: a PDF that still renders never used it.
    zlib.deflateSync = () => {
      throw new Error("Node's zlib was used");
    };
    try {
      portable = await renderPdf(drawn, info);
    } finally {
      zlib.deflateSync = deflateSync;
    }
    portableDeflate(false);
    let native: Buffer;
    try {
      native = await renderPdf(drawn, info);
    } finally {
      portableDeflate(true);
    }
    expect(Buffer.compare(portable, native)).not.toBe(0);
    const dir = await mkdtemp(path.join(os.tmpdir(), 'chronicle-deflate-'));
    created.push(dir);
    const text = async (name: string, bytes: Buffer) => {
      await writeFile(path.join(dir, name), bytes);
      return (await promisify(execFile)('pdftotext', [path.join(dir, name), '-'])).stdout;
    };
    expect(await text('portable.pdf', portable)).toBe(await text('native.pdf', native));
  });

  it(`keeps every character readable in a document rendered after another whose subset took a glyph as part of a composite${poppler.note}`, { skip: !poppler.available }, async () => {
    // Roboto's colon is made of its period: the first document's subset asks fontkit for the period with no characters.
    await renderPdf({ defaultStyle: { font: 'Roboto' }, content: [{ text: 'Only a colon: here' }] }, info);
    const dir = await mkdtemp(path.join(os.tmpdir(), 'chronicle-fonts-'));
    created.push(dir);
    await writeFile(path.join(dir, 'after.pdf'), await renderPdf({ defaultStyle: { font: 'Roboto' }, content: [{ text: 'The trains left. Then more.' }] }, info));
    const { stdout } = await promisify(execFile)('pdftotext', [path.join(dir, 'after.pdf'), '-']);
    expect(stdout.trim()).toBe('The trains left. Then more.');
  });

  // Last in this file: it parses the fonts again, which the counts above assume has not happened.
  it('gives the same bytes in a process that takes its shaped words from an earlier one', async () => {
    // Ligatures, kerning and marks: words whose glyphs are not simply their characters.
    const words = 'office affluent Tallinn AVA Tō Šešupė Bălți “quoted” — 1941–1949';
    const fresh = await renderPdf(doc(words), info);
    const earlier = keptWords() ?? '';
    expect(earlier).toContain('affluent');
    // As a new process: fonts parsed anew, no word shaped yet, the earlier process's words read.
    forgetFonts();
    readKeptWords(earlier);
    const before = { ...fontWork };
    const again = await renderPdf(doc(words), info);
    expect(fontWork.shaped).toBe(before.shaped);
    expect(fontWork.kept).toBeGreaterThan(before.kept);
    expect(Buffer.compare(again, fresh)).toBe(0);
  });
});
