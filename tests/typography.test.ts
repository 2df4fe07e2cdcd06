/**
 * One period and one set of typographic rules in everything readers read (issue 15, point 5):
 * every text output in dist/ (the HTML pages, every PDF through pdftotext, README.md and
 * CHANGELOG.md) and our own titles and summaries in sources/events.csv are searched for a
 * hyphen between two years, "Nazi-Soviet" or "Molotov-Ribbentrop" with a hyphen, and a title
 * whose period is not the dataset's. What sources say in their own words (their titles,
 * publishers, quotes, addresses) is left as they state it, and so is the data in CSV and JSON.
 */
import { execFile } from 'node:child_process';
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';
import { parse } from 'csv-parse/sync';
import { IDENTIFIERS_TITLE } from '../pipeline/report/identifiers.js';
import { shortTitle } from '../pipeline/report/citing.js';
import { escapeRegExp } from '../pipeline/util/regexp.js';
import { describe, expect, it } from 'vitest';
import { ROOT } from './helpers.js';
import { shippedDist } from './shared.js';
import { htmlText, pdfFlow } from './reader-text.js';
import { tool } from './tools.js';

const exec = promisify(execFile);
// The shipped dist/, or a fresh build of it when the committed one is stale (tests/shared.ts).
const DIST = await shippedDist();
const poppler = tool('pdftotext', 'poppler-utils');


const YEAR = '(?:1[89]|20)\\d\\d';
/** Each rule: what is wrong, and a pattern that finds it. */
export const RULES: { name: string; pattern: RegExp }[] = [
  // Digits around, not word boundaries: the text is searched without its white space.
  { name: 'a hyphen between two years (use an en dash: 1939–1991)', pattern: new RegExp(`(?<!\\d)${YEAR}-${YEAR}(?!\\d)`, 'g') },
  { name: '"Nazi-Soviet" with a hyphen (Nazi–Soviet)', pattern: /Nazi-Soviet/g },
  { name: '"Molotov-Ribbentrop" with a hyphen (Molotov–Ribbentrop)', pattern: /Molotov-Ribbentrop/g },
];

const rows = (file: string): Record<string, string>[] => parse(Buffer.from(file), { columns: true, bom: true });

/**
 * Words that are the sources' own: their titles, publishers, authors and addresses, the quotes,
 * and what our notes quote of them ('...'); only those that would themselves break a rule, without white space.
 */
async function theirWords(): Promise<string[]> {
  const read = async (f: string) => rows(await readFile(path.join(ROOT, 'sources', f), 'utf8'));
  const sources = await read('sources.csv');
  const claims = [...(await read('events.csv')), ...(await read('figures.csv'))];
  const notes = [...sources, ...claims, ...(await read('reviews.csv'))].flatMap((r) => [...(r.note ?? '').matchAll(/'[^']*'|"[^"]*"|“[^”]*”/g)].map((m) => m[0]));
  // The report cites a long title shortened, and a locator names the source's own section.
  const theirs = [...sources.flatMap((s) => [s.title, shortTitle({ title: s.title! }), s.publisher, s.author, s.url]), ...claims.flatMap((c) => [c.quote, c.locator]), ...notes];
  return theirs.filter((t): t is string => !!t).map(squash).filter((t) => violations(t).length > 0).sort((a, b) => b.length - a.length);
}

/** Without white space: a PDF breaks lines (inside an address too) where its page did. */
const squash = (s: string) => s.replace(/\s+/g, '');

/** The text without white space, with the sources' own words taken out. */
function ourWords(text: string, theirs: string[]): string {
  let out = squash(text);
  // pdftotext drops a hyphen where a line broke after it, so each of their hyphens may be missing.
  for (const t of theirs) out = out.replace(new RegExp(escapeRegExp(t).replace(/-/g, '-?'), 'g'), ' ');
  return out;
}

export function violations(text: string): string[] {
  return RULES.flatMap((r) => [...text.matchAll(r.pattern)].map((m) => `${r.name}: "${text.slice(Math.max(0, m.index! - 40), m.index! + m[0].length + 20)}"`));
}

const period = async () => {
  const [first, last] = (JSON.parse(await readFile(path.join(ROOT, 'sources/dataset.json'), 'utf8')) as { temporalCoverage: string }).temporalCoverage.split('/').map((d) => d.slice(0, 4));
  return `${first}–${last}`;
};
/** A range of years in a title that is not the dataset's period, or none. */
const otherPeriod = (title: string, p: string) => [...title.matchAll(new RegExp(`${YEAR}\\s*[-–]\\s*${YEAR}`, 'g'))].map((m) => m[0]).filter((r) => r !== p);

const files = (await readdir(DIST)).sort();

describe('typography of everything readers read', () => {
  it('the rules catch what they are meant to catch', () => {
    expect(violations(squash('Soviet rule in1944-1991, the Nazi-Soviet pact and the Molotov-Ribbentrop Pact')).length).toBe(3);
    expect(violations(squash('Soviet rule 1944–1991 (EDTF 1944/1991), on 1941-06-14, the Nazi–Soviet pact, 21941-19512'))).toEqual([]);
    expect(violations(ourWords('See "Deportations 1941-\n1951" at https://x.example/\n1941-1951 in 1941-1951', ['Deportations1941-1951', 'https://x.example/1941-1951']))).toHaveLength(1);
  });

  for (const file of files.filter((f) => /\.(html|md)$/.test(f))) {
    it(`${file}`, async () => {
      const raw = await readFile(path.join(DIST, file), 'utf8');
      expect(violations(ourWords(file.endsWith('.html') ? htmlText(raw) : raw, await theirWords()))).toEqual([]);
    });
  }
  for (const file of files.filter((f) => f.endsWith('.pdf'))) {
    it(`${file}${poppler.note}`, { skip: !poppler.available }, async () => {
      const text = await pdfFlow(path.join(DIST, file));
      // The report's last appendix lists the data's identifiers for data users: ids, not prose.
      const prose = file === 'report.pdf' ? text.slice(0, text.lastIndexOf(IDENTIFIERS_TITLE)) : text;
      expect(prose.length, 'the body before the appendix').toBeGreaterThan(text.length * 0.7);
      expect(violations(ourWords(prose, await theirWords()))).toEqual([]);
    });
  }

  it('our own event titles and summaries in sources/events.csv', async () => {
    const events = rows(await readFile(path.join(ROOT, 'sources/events.csv'), 'utf8'));
    expect(events.length).toBeGreaterThan(100);
    const found = events.flatMap((e) => violations(`${e.title} · ${e.summary}`).map((v) => `${e.id}: ${v}`));
    expect(found).toEqual([]);
  });
});

describe("the dataset's period in every title", () => {
  for (const file of files.filter((f) => f.endsWith('.html'))) {
    it(`${file}: <title>, <h1> and the links to the chronology`, async () => {
      const html = await readFile(path.join(DIST, file), 'utf8');
      const p = await period();
      const titles = [/<title>([\s\S]*?)<\/title>/.exec(html)?.[1] ?? '', ...[...html.matchAll(/<h1[^>]*>([\s\S]*?)<\/h1>/g)].map((m) => htmlText(m[1]!))];
      const links = [...html.matchAll(/<a [^>]*href="chronology[^"]*\.html"[^>]*>([\s\S]*?)<\/a>/g)].map((m) => htmlText(m[1]!));
      expect([...titles, ...links].flatMap((t) => otherPeriod(t, p))).toEqual([]);
    });
  }
  for (const file of files.filter((f) => f.endsWith('.pdf'))) {
    it(`${file}: the document title${poppler.note}`, { skip: !poppler.available }, async () => {
      const title = /^Title:\s+(.*)$/m.exec((await exec('pdfinfo', [path.join(DIST, file)])).stdout)?.[1] ?? '';
      expect(otherPeriod(title, await period())).toEqual([]);
    });
  }
  for (const file of ['README.md', 'CITATION.cff'].filter((f) => files.includes(f))) {
    it(`${file}: the dataset's title`, async () => {
      const text = await readFile(path.join(DIST, file), 'utf8');
      const title = file === 'README.md' ? /^# (.*)$/m.exec(text)![1]! : /^title: (.*)$/m.exec(text)![1]!;
      expect(otherPeriod(title, await period())).toEqual([]);
      expect(violations(title)).toEqual([]);
    });
  }
});
