/**
 * The text a reader reads in an output: an HTML page without its markup, styles, scripts or
 * inline drawings; a PDF through pdftotext, page by page or as one flow without its running footer.
 */
import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { readFile, rename, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';
import { inject } from 'vitest';

const exec = promisify(execFile);

export function htmlText(html: string): string {
  return html
    .replace(/<(style|script)[\s\S]*?<\/\1>/g, ' ')
    .replace(/<svg[\s\S]*?<\/svg>/g, ' ')
    .replace(/<[^>]+>/g, ' ')
    .replace(/&#x([0-9a-f]+);/gi, (_, hex: string) => String.fromCodePoint(parseInt(hex, 16)))
    .replace(/&quot;/g, '"')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&');
}

/**
 * A PDF's text as pdftotext gives it (pages end in a form feed). Extracted once per run for each
 * file whatever the test file or worker that asks (several read the shipped report and
 * chronology): kept in the run's shared folder by the file's path, size and time of change.
 */
export async function pdfText(file: string): Promise<string> {
  const { size, mtimeMs } = await stat(file);
  const kept = path.join(inject('sharedDir'), `text-${createHash('sha256').update(`${path.resolve(file)}\0${size}\0${mtimeMs}`).digest('hex')}.txt`);
  const text = await readFile(kept, 'utf8').catch(() => undefined);
  if (text !== undefined) return text;
  const { stdout } = await exec('pdftotext', ['-enc', 'UTF-8', file, '-'], { maxBuffer: 64 << 20 });
  await writeFile(`${kept}.${process.pid}`, stdout);
  await rename(`${kept}.${process.pid}`, kept);
  return stdout;
}

/** The pages of pdftotext's text: the text after the last page's form feed is not a page. */
export function pagesOf(text: string): string[] {
  const pages = text.split('\f');
  return pages.at(-1) === '' ? pages.slice(0, -1) : pages;
}

/** A PDF's pages as pdftotext gives them. */
export const pdfPages = async (file: string): Promise<string[]> => pagesOf(await pdfText(file));

/**
 * A PDF's text as one flow: the lines most pages repeat (the footer, "page N of M") are taken
 * out, so that an address or a sentence running over a page break reads on, and a word broken
 * after a hyphen at a line end is joined again.
 */
export async function pdfFlow(file: string): Promise<string> {
  const pages = (await pdfPages(file)).map((p) => p.split('\n'));
  const seen = new Map<string, number>();
  for (const page of pages) for (const line of new Set(page)) seen.set(line, (seen.get(line) ?? 0) + 1);
  const repeated = (line: string) => line.trim() !== '' && pages.length > 2 && seen.get(line)! >= pages.length / 2;
  return pages
    .map((p) => p.filter((line) => !repeated(line) && !/^page \d+ of \d+$/.test(line.trim())).join('\n'))
    .join('\n')
    .replace(/-\s*\n\s*/g, '-');
}
