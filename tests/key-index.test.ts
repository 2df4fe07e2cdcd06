/** The primary keys' index (pipeline/validate/key-index.ts) answers as a Map of each key's first line does. */
import { describe, expect, it } from 'vitest';
import { hashOf, KeyIndex } from '../pipeline/validate/key-index.js';

describe('the index of primary keys', () => {
  it('gives the first line of a key seen before, across its growth, as a Map does', () => {
    const index = new KeyIndex();
    const map = new Map<string, number>();
    // Ids as registers write them, some again, some differing only in case or a composite key's separator.
    for (let line = 2; line < 60_000; line++) {
      const n = line % 7 === 0 ? line >> 3 : line;
      const key = line % 11 === 0 ? `Fig-${n}\u0000lv` : line % 13 === 0 ? `fig-${n}\u0000LV` : `fig-${n}`;
      const first = map.get(key);
      if (first === undefined) map.set(key, line);
      expect(index.firstLine(key, line)).toBe(first);
    }
    expect(map.size).toBeGreaterThan(40_000);
  });

  it('tells apart two keys of the same hash', () => {
    // Found by brute force: two ids whose 32-bit hashes are the same.
    const seen = new Map<number, string>();
    let pair: [string, string] | undefined;
    for (let i = 0; !pair; i++) {
      const key = `id-${i}`;
      const other = seen.get(hashOf(key));
      if (other !== undefined) pair = [other, key];
      else seen.set(hashOf(key), key);
    }
    const [a, b] = pair;
    expect(hashOf(a)).toBe(hashOf(b));
    const index = new KeyIndex();
    expect(index.firstLine(a, 10)).toBeUndefined();
    expect(index.firstLine(b, 11)).toBeUndefined();
    expect(index.firstLine(a, 12)).toBe(10);
    expect(index.firstLine(b, 13)).toBe(11);
  });
});
