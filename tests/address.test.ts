/**
 * Where the data is, on paper (issue 15, point 6): with a homepage, every handout and the report
 * print the address and its QR code; without one, nothing points to an address, and the words
 * that name the dataset (title, version) survive printing.
 */
import { execFile } from 'node:child_process';
import { mkdtemp, readFile, readdir } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { addressBlock, addressSvg, dataAddress } from '../pipeline/pdf/address.js';
import { created, ROOT } from './helpers.js';
import { builtVariant, HOME, shippedDist } from './shared.js';
import { pdfPages } from './reader-text.js';
import { tool } from './tools.js';

const exec = promisify(execFile);
const poppler = tool('pdftotext', 'poppler-utils');
const meta = { title: 'Occupation chronicle, 1939–1991', version: '1.2.0', contributors: [{ title: 'The editors' }], licenses: [{ name: 'CC-BY-4.0', path: 'https://creativecommons.org/licenses/by/4.0/', title: 'CC BY 4.0' }] };
const zbar = tool('zbarimg', 'zbar-tools');
const browser = tool('chromium');
/** The QR codes a reader's phone finds in a PNG. */
const decode = async (png: string) => (await exec('zbarimg', ['-q', '--raw', png]).catch((e: { stdout: string }) => ({ stdout: e.stdout }))).stdout.split('\n').filter(Boolean);
// A line broken after a hyphen inside the address is joined again, as a reader's eye does.
const joinedPages = async (file: string) => (await pdfPages(file)).map((p) => p.replace(/-\s*\n\s*/g, '-'));

describe('the address block', () => {
  it('with a homepage: the QR code of the address beside the words and the address', () => {
    const address = dataAddress({ ...meta, homepage: HOME }, '2026-11-27');
    const block = JSON.stringify(addressBlock(address));
    expect(block).toContain(`"qr":"${HOME}"`);
    expect(block).toContain(`"link":"${HOME}"`);
    expect(address.words).toContain('version 1.2.0 of 27 November 2026');
    expect(addressSvg(address)).toMatch(/^<svg role="img" aria-label="QR code of https:\/\/example\.org\/occupation-chronicle\/" class="qr" xmlns="http:\/\/www\.w3\.org\/2000\/svg" viewBox="0 0 \d+ \d+"><rect[^>]*\/><path[^>]*d="M[\d,hvzM-]+"\/><\/svg>$/);
  });
  it('without one: no code and no address, but the title and version to ask for', () => {
    const address = dataAddress({ ...meta, homepage: null }, '2026-11-27');
    expect(JSON.stringify(addressBlock(address))).not.toMatch(/"qr"|https?:|index\.html|datapackage\.json/);
    expect(addressSvg(address)).toBeNull();
    expect(address.words).toContain('"Occupation chronicle, 1939–1991", version 1.2.0 of 27 November 2026');
  });
});

describe('a build with a homepage', () => {
  it(`prints the address and its QR code on every handout and in the report; absolute addresses in the JSON-LD; url and version in CITATION.cff${poppler.note}${zbar.note}${browser.note}`, { skip: !poppler.available || !zbar.available || !browser.available, timeout: 240_000 }, async () => {
    // The shared variant of the fixture has a homepage, and a handout at a glance so that every kind of handout is built.
    const { run, dist } = await builtVariant();
    expect(run.code, run.stderr).toBe(0);
    const dir = await mkdtemp(path.join(os.tmpdir(), 'chronicle-qr-'));
    created.push(dir);
    const files = await readdir(dist);
    const pages = files.filter((f) => /^chronology.*\.html$/.test(f));
    const pdfs = files.filter((f) => /^(chronology|glance|report).*\.pdf$/.test(f));
    expect(pages.length).toBeGreaterThan(1);
    expect(pdfs).toEqual(expect.arrayContaining(['report.pdf', 'glance-lv.pdf', 'glance-lv-letter.pdf', 'chronology.pdf']));
    for (const page of pages) {
      const html = await readFile(path.join(dist, page), 'utf8');
      expect(html, page).toContain(`<svg role="img" aria-label="QR code of ${HOME}" class="qr"`);
      expect(html, page).toContain(`<a href="${HOME}">${HOME}</a>`);
    }
    for (const pdf of pdfs) {
      const pages = (await joinedPages(path.join(dist, pdf))).map((p) => p.replace(/\s+/g, ''));
      expect(pages.join(' '), pdf).toContain(HOME);
      expect(pages.join(' '), pdf).not.toMatch(/publishedwiththis(handout|report)|\(index\.html,datapackage\.json\)/);
      // Each page that prints the address, as a reader's phone sees it printed: its code reads back as the address.
      const printed = pages.flatMap((p, i) => (p.includes(HOME) ? [i + 1] : []));
      const codes = [];
      for (const page of printed) {
        const prefix = path.join(dir, `${pdf.replace(/\.pdf$/, '')}-${page}`);
        await exec('pdftoppm', ['-r', '150', '-png', '-singlefile', '-f', String(page), '-l', String(page), path.join(dist, pdf), prefix]);
        codes.push(await decode(`${prefix}.png`));
      }
      expect(codes, pdf).toEqual(printed.map(() => [HOME]));
    }
    const { chromium } = await import('playwright-core');
    const chrome = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'] });
    try {
      const page = await chrome.newPage({ viewport: { width: 800, height: 1000 } });
      await page.goto(`file://${path.join(dist, 'chronology.html')}`);
      await page.locator('svg.qr').screenshot({ path: path.join(dir, 'qr-html.png') });
      expect(await decode(path.join(dir, 'qr-html.png'))).toEqual([HOME]);
    } finally {
      await chrome.close();
    }
    const cff = await readFile(path.join(dist, 'CITATION.cff'), 'utf8');
    expect(cff).toContain(`url: "${HOME}"`);
    expect(cff).toMatch(/^version: "0\.1\.0"$/m);
    const index = await readFile(path.join(dist, 'index.html'), 'utf8');
    const ld = JSON.parse(/<script type="application\/ld\+json">([\s\S]*?)<\/script>/.exec(index)![1]!);
    const urls = (ld.distribution as { contentUrl: string }[]).map((d) => d.contentUrl);
    expect(urls.length).toBeGreaterThan(5);
    for (const url of urls) expect(url).toMatch(new RegExp(`^${HOME.replace(/[./]/g, '\\$&')}`));
  });

  it('the shipped record has no homepage yet, and its handouts say where the data is in words', async () => {
    expect(JSON.parse(await readFile(path.join(ROOT, 'sources/dataset.json'), 'utf8')).homepage).toBeNull();
    const html = await readFile(path.join(await shippedDist(), 'chronology.html'), 'utf8');
    expect(html).not.toContain('class="qr"');
    expect(html).toContain('ask for it by that title and version');
  });
});
