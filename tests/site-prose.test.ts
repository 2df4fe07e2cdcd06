/** dist/index.html as a visitor reads it: its prose names no id, and every chart has its table. */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { shippedDist } from './shared.js';
import { idsIn, readerIds } from './reader-ids.js';
import { readerWords } from './reader-words.js';

// The shipped dist/, or a fresh build of it when the committed one is stale (tests/shared.ts).
const DIST = await shippedDist();
const html = () => readFileSync(path.join(DIST, 'index.html'), 'utf8');

/**
 * The page's prose: its text without the parts that are data shown to data users (the preview
 * rows of each table, code, the list of files and hashes), nor markup, scripts and styles.
 */
function prose(page: string): string {
  return page
    .replace(/<(script|style)\b[\s\S]*?<\/\1>/g, ' ')
    .replace(/<table class="preview">[\s\S]*?<\/table>/g, ' ')
    .replace(/<code>[\s\S]*?<\/code>/g, ' ')
    .replace(/<ul class="hashes">[\s\S]*?<\/ul>/g, ' ')
    .replace(/<[^>]+>/g, ' ')
    .replace(/&amp;/g, '&')
    .replace(/&#x27;|&#39;/g, "'");
}

describe('the landing page', () => {
  it('names no source, claim, finding or quantity by its id in its prose', () => {
    const text = prose(html());
    expect(text).toContain('Deportations, operation by operation');
    expect(idsIn(text, readerIds(DIST), readerWords(DIST))).toEqual([]);
  });

  it('draws the deportations from the report\'s chart spec, named for screen readers, with the figures as a table', () => {
    const page = html();
    const section = page.slice(page.indexOf('id="deportations"'), page.indexOf('</section>', page.indexOf('id="deportations"')));
    expect(section).toMatch(/<svg role="img" aria-label="Bar chart of persons deported[^"]*"/);
    for (const operation of ['Operation Priboi (March deportation), March 1949', 'Operation North, April 1951']) expect(section).toContain(operation);
    // Operation North's small bars are labelled with their numbers in the picture and listed in the table.
    for (const n of ['53', '151', '270']) {
      expect(section).toMatch(new RegExp(`<text[^>]*>${n} [?*○≠]?`));
      expect(section).toMatch(new RegExp(`<td class="number">${n}\\b`));
    }
    // The Baltic total of Operation Priboi is a row of the totals table, not a bar.
    const totals = section.slice(section.indexOf('Totals for several territories'));
    expect(totals).toContain('<td>Baltic states</td>');
    expect(section.slice(0, section.indexOf('Totals for several territories'))).not.toMatch(/<text[^>]*>Baltic states</);
  });

  it('gives every chart a table beside it', () => {
    const page = html();
    const figures = page.match(/<figure class="chart">[\s\S]*?<\/figure>\s*<details>\s*<summary>[^<]*table/g) ?? [];
    expect(figures.length).toBe((page.match(/<figure class="chart">/g) ?? []).length);
    expect(figures.length).toBeGreaterThanOrEqual(2);
  });
});
