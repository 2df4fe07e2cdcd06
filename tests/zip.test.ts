/** Zip archives: entries deflated once and kept by the hash of their bytes, the archive the same bytes either way, and readable by another zip reader. */
import { execFile } from 'node:child_process';
import { mkdtemp, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { gzipSync, unzipSync } from 'fflate';
import { afterAll, describe, expect, it } from 'vitest';
import { memberFolder } from '../pipeline/emit/kept-members.js';
import { DEFLATE_LEVEL, gzipMember, memberKey, zipFiles, zipKept } from '../pipeline/emit/zip.js';
import { tool } from './tools.js';

const exec = promisify(execFile);
const DATE = new Date(Date.UTC(2026, 1, 3, 4, 5, 6));
const text = (s: string) => new TextEncoder().encode(s);
const FILES: [string, Uint8Array][] = [
  ['README.md', text('# The data\n')],
  ['data/events.csv', text('id,summary\r\n'.concat(Array.from({ length: 2000 }, (_, i) => `e${i},Deported on day ${i % 7}\r\n`).join('')))],
  ['data/empty.json', new Uint8Array(0)],
  ['data/ü.txt', text('Šiauliai, Tartu, Chișinău')],
];

describe('the zip of the data', () => {
  const dirs: string[] = [];
  afterAll(() => Promise.all(dirs.map((d) => rm(d, { recursive: true, force: true }))));
  const cacheDir = async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'chronicle-zip-'));
    dirs.push(dir);
    return dir;
  };

  it('holds every file as it is, stamped with the build date', () => {
    const files = unzipSync(zipFiles(FILES, DATE));
    expect(Object.keys(files)).toEqual(FILES.map(([name]) => name));
    for (const [name, bytes] of FILES) expect(Buffer.from(files[name]!).equals(Buffer.from(bytes)), name).toBe(true);
  });

  it('is the same archive from entries kept by an earlier build, deflating only the files that changed', async () => {
    const dir = await cacheDir();
    const made = await zipKept(FILES, DATE, memberFolder(dir));
    expect(Buffer.from(made).equals(Buffer.from(zipFiles(FILES, DATE)))).toBe(true);
    const kept = (await readdir(dir)).filter((f) => f.endsWith('.gz.checked'));
    expect(kept).toHaveLength(FILES.length);
    const stamps = new Map(await Promise.all(kept.map(async (f) => [f, (await stat(path.join(dir, f))).mtimeMs] as const)));

    // One file changed: one entry made, the others read back, and the archive as zipFiles makes it.
    const changed: [string, Uint8Array][] = FILES.map(([name, bytes]) => [name, name === 'README.md' ? text('# The data, edited\n') : bytes]);
    const again = await zipKept(changed, DATE, memberFolder(dir));
    expect(Buffer.from(again).equals(Buffer.from(zipFiles(changed, DATE)))).toBe(true);
    const after = (await readdir(dir)).filter((f) => f.endsWith('.gz.checked'));
    expect(after.filter((f) => !stamps.has(f))).toHaveLength(1);
    for (const [f, mtime] of stamps) expect((await stat(path.join(dir, f))).mtimeMs, f).toBe(mtime);
  });

  it('does not use a kept entry that was damaged', async () => {
    const dir = await cacheDir();
    await zipKept(FILES, DATE, memberFolder(dir));
    for (const f of (await readdir(dir)).filter((f) => f.endsWith('.gz.checked'))) {
      const bytes = await readFile(path.join(dir, f));
      const at = bytes.length - 5;
      bytes[at] = bytes[at]! ^ 0xff;
      await writeFile(path.join(dir, f), bytes);
    }
    const again = await zipKept(FILES, DATE, memberFolder(dir));
    expect(Buffer.from(again).equals(Buffer.from(zipFiles(FILES, DATE)))).toBe(true);
  });

  it('makes again a kept entry that is whole but not the one its key names', async () => {
    const dir = await cacheDir();
    const [name, bytes] = FILES[1]!;
    // Another file's member, and a member with a name field (not as gzipMember writes one), each under this file's key.
    for (const member of [gzipMember(text('other bytes')), gzipSync(bytes, { level: DEFLATE_LEVEL, filename: 'x' })]) {
      await memberFolder(dir).put(memberKey(bytes), member);
      const again = await zipKept([[name, bytes]], DATE, memberFolder(dir));
      expect(Buffer.from(again).equals(Buffer.from(zipFiles([[name, bytes]], DATE)))).toBe(true);
    }
  });

  it("keeps in a folder of members only the last archive's entries (a folder for each archive)", async () => {
    const dir = await cacheDir();
    const first = memberFolder(dir);
    await zipKept(FILES, DATE, first);
    await first.prune();
    expect(await readdir(dir)).toHaveLength(FILES.length);
    const changed: [string, Uint8Array][] = FILES.map(([name, bytes]) => [name, name === 'README.md' ? text('# Another README\n') : bytes]);
    const second = memberFolder(dir);
    const again = await zipKept(changed, DATE, second);
    expect(Buffer.from(again).equals(Buffer.from(zipFiles(changed, DATE)))).toBe(true);
    // The old README's member is dropped, the new one's kept beside the three that did not change.
    expect(await readdir(dir)).toHaveLength(FILES.length + 1);
    await second.prune();
    expect(await readdir(dir)).toHaveLength(FILES.length);
  });

  const python = tool('python3');
  it(`opens in Python's zipfile, whose CRC-32 check passes, with the build date on every entry${python.note}`, { skip: !python.available }, async () => {
    const file = path.join(await cacheDir(), 'a.zip');
    await writeFile(file, zipFiles(FILES, DATE));
    const script = 'import json,sys,zipfile\nz=zipfile.ZipFile(sys.argv[1])\nprint(json.dumps([z.testzip(), [[i.filename, list(i.date_time), i.file_size] for i in z.infolist()]]))';
    const [bad, entries] = JSON.parse((await exec('python3', ['-c', script, file])).stdout) as [string | null, [string, number[], number][]];
    expect(bad).toBeNull();
    // DOS times count seconds in twos.
    expect(entries).toEqual(FILES.map(([name, bytes]) => [name, [2026, 2, 3, 4, 5, 6], bytes.length]));
  });
});
