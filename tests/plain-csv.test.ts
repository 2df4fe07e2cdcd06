/** The reader of plain CSV files gives csv-parse's records, and leaves every file it is not sure of to csv-parse. */
import { parse } from 'csv-parse/sync';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isPlain, readPlain } from '../pipeline/load/plain-csv.js';
import { PARSE_OPTIONS } from '../pipeline/load/read-csv.js';

/** csv-parse's records of `text` with the reader's options, and whether it skipped any record as broken. */
function csvParse(text: string | Buffer): { records: string[][]; skipped: boolean } {
  let skipped = false;
  const records = parse(text, { ...PARSE_OPTIONS, on_skip: () => void (skipped = true) }) as string[][];
  return { records, skipped };
}

/** The bytes of `text` cut at the given places, as a file is read in chunks (the first, as from a file, of at least three bytes). */
function chunked(text: string | Buffer, cuts: number[]): Buffer[] {
  const bytes = Buffer.from(text);
  const at = [...new Set(cuts.map((c) => c % (bytes.length + 1)))].filter((c) => c >= 3).sort((a, b) => a - b);
  return [0, ...at].map((from, i) => bytes.subarray(from, at[i] ?? bytes.length)).filter((b) => b.length > 0);
}

async function records(chunks: Buffer[]): Promise<string[][]> {
  const out: string[][] = [];
  for await (const batch of readPlain(chunks)) out.push(...batch);
  return out;
}

// The characters that matter to CSV, a letter of two bytes in UTF-8, one of three, and a BOM.
const char = fc.constantFrom('a', 'b', ',', '"', '\n', '\r', ' ', 'é', '€', '\uFEFF');
// And bytes that are not UTF-8: a byte never used, the start of a sequence cut short, a lone continuation byte.
const byte = fc.oneof(char.map((c) => Buffer.from(c)), fc.constantFrom(Buffer.from([0xff]), Buffer.from([0xe2, 0x82]), Buffer.from([0x82])));
const cuts = fc.array(fc.nat(200), { maxLength: 6 });

describe('the plain CSV reader', () => {
  it('gives csv-parse records for every file it takes for plain, and takes no file csv-parse finds broken', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(byte, { maxLength: 40 }), cuts, async (bytes, at) => {
        const text = Buffer.concat(bytes);
        const chunks = chunked(text, at);
        const plain = await isPlain(chunks);
        const expected = csvParse(text);
        if (expected.skipped) expect(plain).toBe(false);
        if (plain) expect(await records(chunks)).toEqual(expected.records);
      }),
      { numRuns: 3000 },
    );
  });

  it('takes every well-formed file for plain, whatever its line ends, BOM, quoting and chunks', async () => {
    const cell = fc.array(char, { maxLength: 8 }).map((cs) => cs.join(''));
    const file = fc.record({
      rows: fc.array(fc.array(cell, { minLength: 1, maxLength: 5 }), { minLength: 1, maxLength: 6 }),
      crlf: fc.boolean(),
      bom: fc.boolean(),
      lastEnd: fc.boolean(),
      quoteAll: fc.boolean(),
    });
    await fc.assert(
      fc.asyncProperty(file, cuts, async (f, at) => {
        const quote = (c: string) => (f.quoteAll || /[",\r\n]/.test(c) || c === '' ? `"${c.replaceAll('"', '""')}"` : c);
        const end = f.crlf ? '\r\n' : '\n';
        const text = `${f.bom ? '\uFEFF' : ''}${f.rows.map((r) => r.map(quote).join(',')).join(end)}${f.lastEnd ? end : ''}`;
        // A file of one or two bytes, or of a BOM alone, is left to csv-parse.
        fc.pre(Buffer.byteLength(text) >= 3 && text.replace(/^\uFEFF/, '') !== '');
        const chunks = chunked(text, at);
        expect(await isPlain(chunks)).toBe(true);
        expect(await records(chunks)).toEqual(csvParse(text).records);
      }),
      { numRuns: 2000 },
    );
  });

  it('leaves to csv-parse a stray quote, a quote never closed, a lone CR, mixed line ends, a UTF-16 BOM and an empty file', async () => {
    for (const text of ['a,b"c\n', 'a,"b\n', 'a,"b"c\n', 'a\rb\r', 'a\nb\r\n', 'a\r\nb\n', Buffer.from([0xff, 0xfe, 0x61, 0x2c, 0x62, 0x0a]), '']) {
      expect(await isPlain(chunked(text, [])), JSON.stringify(text)).toBe(false);
    }
  });
});
