/** dist/report.pdf read back as an archive or a reader would: poppler-utils and qpdf. */
import { execFile } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { shippedDist } from './shared.js';
import { tool } from './tools.js';

const exec = promisify(execFile);
// The shipped record's folder: the project, or a fresh build of a copy when dist/ is stale (tests/shared.ts).
const SHIPPED = path.dirname(await shippedDist());
const REPORT = path.join(SHIPPED, 'dist/report.pdf');
const poppler = tool('pdftotext', 'poppler-utils');
const qpdf = tool('qpdf');
const squash = (s: string) => s.replace(/\s+/g, '');
const readJson = async (file: string) => JSON.parse(await readFile(path.join(SHIPPED, file), 'utf8'));

describe('the PDF report', () => {
  it(`holds every figure key and every finding, with names intact${poppler.note}`, { skip: !poppler.available }, async () => {
    const { stdout } = await exec('pdftotext', ['-enc', 'UTF-8', REPORT, '-'], { maxBuffer: 64 << 20 });
    const text = squash(stdout);
    const figures = (await readJson('dist/data/reconciled_figures.json')) as { key: string }[];
    const findings = (await readJson('dist/data/findings.json')) as { key: string }[];
    expect(figures.length).toBeGreaterThan(50);
    for (const f of figures) expect(text, f.key).toContain(squash(f.key));
    for (const f of findings) expect(text, f.key).toContain(f.key);
    for (const name of ['Kirhenšteins', 'Sąjūdis', 'Liepāja', 'Päts']) expect(stdout).toContain(name);
    expect(stdout).toMatch(/page 1 of \d+/);
    expect(stdout).toContain('Contents');
  });

  it(`sets its metadata and embeds every font, none of the standard 14${poppler.note}`, { skip: !poppler.available }, async () => {
    const info = (await exec('pdfinfo', [REPORT])).stdout;
    expect(info).toMatch(/^Title:\s+Occupation chronicle.*report, version \d+\.\d+\.\d+$/m);
    expect(info).toMatch(/^Author:\s+\S/m);
    expect(info).toMatch(/^Subject:\s+\S/m);
    expect(info).toMatch(/^Keywords:\s+.*Baltic states/m);
    expect(info).toMatch(/^Page size:\s+595\.\d+ x 841\.\d+ pts \(A4\)/m);
    const meta = (await exec('pdfinfo', ['-meta', REPORT])).stdout;
    expect(meta).toContain('<pdfaid:part>2</pdfaid:part>');
    const fonts = (await exec('pdffonts', [REPORT])).stdout.split('\n').slice(2).filter(Boolean);
    expect(fonts.length).toBeGreaterThan(1);
    for (const line of fonts) {
      expect(line).toMatch(/Roboto/);
      expect(line.split(/\s+/).slice(-5, -4)[0], line).toBe('yes');
    }
  });

  it(`passes qpdf --check, has bookmarks and live links${qpdf.note}`, { skip: !qpdf.available }, async () => {
    const check = await exec('qpdf', ['--check', REPORT]);
    expect(check.stdout).toContain('No syntax or stream encoding errors found');
    const json = JSON.parse((await exec('qpdf', ['--json', '--json-key=outlines', REPORT], { maxBuffer: 64 << 20 })).stdout);
    expect(json.outlines.map((o: { title: string }) => o.title)).toEqual(expect.arrayContaining(['Key figures', 'Where the sources disagree', 'Chronology', 'Sources', 'Methods']));
    const bytes = await readFile(REPORT, 'latin1');
    expect((bytes.match(/\/URI \(https?:/g) ?? []).length).toBeGreaterThan(50);
  });
});
