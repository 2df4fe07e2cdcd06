/**
 * A folder of deflated zip entries (gzip members, zip.ts) kept from one archive to the next: the
 * entries an archive used stay, and every other file in the folder is dropped once it is made, so
 * that the folder holds one archive's worth. Each archive has a folder of its own (.build/zip-members,
 * .build/workbook-members), pruned only when that archive is made: the workbook is made on the
 * worker thread, apart from the build's cache, and watch mode reuses an archive whose files did not
 * change without making it (output-memo.ts), which must not cost it its entries. Entries are
 * checked files: a damaged one is made again.
 */
import { mkdir, readdir, rm } from 'node:fs/promises';
import { unzipSync } from 'fflate';
import path from 'node:path';
import { readChecked, writeChecked } from '../util/checked-file.js';
import { zipKept, type MemberStore } from './zip.js';

export function memberFolder(dir: string): MemberStore & { prune(): Promise<void> } {
  const used = new Set<string>();
  const file = (key: string) => {
    used.add(`${key}.gz.checked`);
    return path.join(dir, `${key}.gz.checked`);
  };
  return {
    get: (key) => readChecked(file(key)),
    async put(key, member) {
      // Only time is at stake: an entry that cannot be kept is made again next time.
      try {
        await mkdir(dir, { recursive: true });
        await writeChecked(file(key), Buffer.from(member.buffer, member.byteOffset, member.byteLength));
      } catch {
        // writeChecked leaves no partial entry.
      }
    },
    async prune() {
      const files = await readdir(dir).catch(() => [] as string[]);
      await Promise.all(files.filter((f) => !used.has(f)).map((f) => rm(path.join(dir, f), { force: true })));
    },
  };
}

/** The same archive with its entries restamped (zip.ts, restampZip), its entries kept in the folder `dir`. */
export const restampZipIn = (dir: string, bytes: Uint8Array, date: Date): Promise<Uint8Array> => zipKeptIn(dir, Object.entries(unzipSync(bytes)), date);

/** The archive of `files` (zipKept), its entries kept in the folder `dir`. */
export async function zipKeptIn(dir: string, files: [name: string, bytes: Uint8Array][], date: Date): Promise<Uint8Array> {
  const folder = memberFolder(dir);
  const bytes = await zipKept(files, date, folder);
  await folder.prune();
  return bytes;
}
