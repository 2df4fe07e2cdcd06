/** Sizes and hashes of the files in a build, and dist/SHA256SUMS made from them. */
import { createHash } from 'node:crypto';
import { readdir, readFile, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { stampOfStats } from '../util/stamp.js';
import type { FileStat } from './datapackage.js';

/**
 * The hash of each file this process has read, with the file's stamp then (util/stamp.ts). A build
 * lists its files three times (the data files for the Data Package, every file for the landing
 * page, every file for SHA256SUMS), and read and hashed all 30 MB each time: a file whose stamp has
 * not changed is not read again.
 */
const hashed = new Map<string, { stamp: string; sha256: string }>();

/** Every file under `dir`, sorted by path (forward slashes, relative to dir). */
export async function statFiles(dir: string): Promise<Map<string, FileStat>> {
  const out = new Map<string, FileStat>();
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  const files = entries.filter((e) => e.isFile()).map((e) => path.relative(dir, path.join(e.parentPath, e.name)).split(path.sep).join('/'));
  for (const file of files.sort()) {
    const full = path.join(dir, file);
    const stats = await stat(full, { bigint: true });
    const stamp = stampOfStats(stats);
    let known = hashed.get(full);
    if (known?.stamp !== stamp) hashed.set(full, (known = { stamp, sha256: createHash('sha256').update(await readFile(full)).digest('hex') }));
    out.set(file, { path: file, bytes: Number(stats.size), sha256: known.sha256 });
  }
  return out;
}

/** The format `sha256sum -c` reads: hash, two spaces, path. Returns the sha256 of every file written, SHA256SUMS included. */
export async function writeChecksums(dir: string): Promise<Record<string, string>> {
  const stats = await statFiles(dir);
  stats.delete('SHA256SUMS');
  const sums = Buffer.from([...stats.values()].map((s) => `${s.sha256}  ${s.path}\n`).join(''));
  await writeFile(path.join(dir, 'SHA256SUMS'), sums);
  const written = Object.fromEntries([...stats.values()].map((s) => [s.path, s.sha256]));
  return { ...written, SHA256SUMS: createHash('sha256').update(sums).digest('hex') };
}
