/**
 * The seed document is a source like any other: every date and number in it must be a row
 * citing it, and every quote citing it must occur in its text copy.
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { normaliseSpace } from '../pipeline/validate/provenance.js';
import { ROOT } from './helpers.js';

const SEED = 'celotajs';
const read = (file: string) => readFile(path.join(ROOT, file), 'utf8');
const rows = async (table: string) => parse(await read(`sources/${table}.csv`), { columns: true, bom: true }) as Record<string, string>[];

describe('the seed document as claims', async () => {
  const text = await read(`sources/texts/${SEED}.txt`);
  const claims = [...(await rows('events')), ...(await rows('figures'))].filter((r) => r.source === SEED);
  const quotes = claims.map((r) => normaliseSpace(r.quote!));

  it('has every quote citing the seed verbatim in its text copy', () => {
    const haystack = normaliseSpace(text);
    const missing = quotes.filter((q) => !haystack.includes(q));
    expect(claims.length).toBeGreaterThan(20);
    expect(missing).toEqual([]);
  });

  it('has every number and date of the seed body inside some quote citing it', () => {
    // The body starts after the page title (line 3); the site title's "1940–1991" is not a claim.
    const body = text.split('\n').slice(3).join('\n');
    const numbers = [...body.matchAll(/\d[\d,]*(?:–\d+)?/g)].map((m) => m[0].replace(/,$/, ''));
    const uncovered = [...new Set(numbers)].filter((n) => !quotes.some((q) => q.includes(n)));
    expect(numbers.length).toBeGreaterThan(20);
    expect(uncovered).toEqual([]);
  });
});
