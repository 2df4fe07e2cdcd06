/**
 * `npm run pictures`: the small pictures of the printed outputs that the README shows, made from
 * dist/ with poppler's pdftoppm (a build first: `npm run build`). A page of the report (the one
 * that opens the findings, where the sources disagree) and the first page of a handout at a glance, at low resolution, as
 * PNG in docs/images/. Run it again when the report or the handouts change, and commit the pictures.
 */
import { execFile } from 'node:child_process';
import { mkdir, stat } from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';
import { fileURLToPath } from 'node:url';

const exec = promisify(execFile);
const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const OUT = path.join(ROOT, 'docs/images');
/** Dots per inch: an A4 page becomes about 390 pixels wide, a few tens of kilobytes. */
const DPI = '48';

/** The first page of a PDF that opens with `heading` (its running header aside). */
async function pageWith(pdf: string, heading: string): Promise<number> {
  const pages = (await exec('pdftotext', ['-enc', 'UTF-8', pdf, '-'], { maxBuffer: 64 << 20 })).stdout.split('\f');
  const at = pages.findIndex((text) => text.split('\n').filter((line) => line.trim() !== '').slice(0, 2).some((line) => line.trim() === heading));
  if (at < 0) throw new Error(`no page of ${path.basename(pdf)} opens with "${heading}": change the heading in pipeline/pictures.ts`);
  return at + 1;
}

async function picture(pdf: string, page: number, name: string): Promise<void> {
  const file = path.join(OUT, name);
  await exec('pdftoppm', ['-r', DPI, '-gray', '-f', String(page), '-l', String(page), '-png', '-singlefile', path.join(ROOT, 'dist', pdf), file]);
  console.log(`docs/images/${name}.png: ${pdf}, page ${page}, ${Math.round((await stat(`${file}.png`)).size / 1024)} KB`);
}

await mkdir(OUT, { recursive: true });
const report = path.join(ROOT, 'dist/report.pdf');
await picture('report.pdf', await pageWith(report, 'Where the sources disagree'), 'report-page');
await picture('glance-lv.pdf', 1, 'handout-at-a-glance');
