/**
 * The line each primary key was first seen on, for finding duplicates: what a Map<string, number>
 * gives, kept in typed arrays. A register's million keys in a Map cost a second of its validation
 * (the largest line of the validator in a profile, more than the cells' checks together): every
 * key is a new string to hash, and each look-up walks a chain of entries scattered over a table of
 * tens of megabytes. Here a key's hash (FNV-1a, 32 bits) and its number sit side by side in one
 * open-addressed array, so a look-up is mostly one read; the key itself is compared only when its
 * hash matches, which for a key not seen before is rare.
 */

/** FNV-1a over the UTF-16 code units of `key`. */
export function hashOf(key: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < key.length; i++) h = Math.imul(h ^ key.charCodeAt(i), 0x01000193);
  return h | 0;
}

export class KeyIndex {
  /** Per slot: the key's hash, then 1 + its number in `keys` (0: an empty slot). */
  private slots = new Int32Array(2 * 1024);
  private mask = 1023;
  private readonly keys: string[] = [];
  private lines = new Int32Array(512);

  /** The line `key` was first seen on; or, when it is new, undefined, and `line` is recorded as its first. */
  firstLine(key: string, line: number): number | undefined {
    const hash = hashOf(key);
    let slot = hash & this.mask;
    for (;;) {
      const n = this.slots[2 * slot + 1]!;
      if (n === 0) break;
      if (this.slots[2 * slot] === hash && this.keys[n - 1] === key) return this.lines[n - 1];
      slot = (slot + 1) & this.mask;
    }
    const n = this.keys.push(key);
    if (n > this.lines.length) this.lines = grown(this.lines);
    this.lines[n - 1] = line;
    this.slots[2 * slot] = hash;
    this.slots[2 * slot + 1] = n;
    // At most half full, so that a probe ends soon.
    if (2 * n > this.mask + 1) this.rehash();
    return undefined;
  }

  private rehash(): void {
    const old = this.slots;
    this.slots = new Int32Array(2 * old.length);
    this.mask = old.length - 1;
    for (let s = 0; s < old.length; s += 2) {
      if (old[s + 1] === 0) continue;
      let slot = old[s]! & this.mask;
      while (this.slots[2 * slot + 1] !== 0) slot = (slot + 1) & this.mask;
      this.slots[2 * slot] = old[s]!;
      this.slots[2 * slot + 1] = old[s + 1]!;
    }
  }
}

function grown(array: Int32Array): Int32Array<ArrayBuffer> {
  const next = new Int32Array(2 * array.length);
  next.set(array);
  return next;
}
