/** Sizes and hashes of the files in a build, and dist/SHA256SUMS made from them. */
import { createHash } from 'node:crypto';
import { readdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { FileStat } from './datapackage.js';

/** Every file under `dir`, sorted by path (forward slashes, relative to dir). */
export async function statFiles(dir: string): Promise<Map<string, FileStat>> {
  const out = new Map<string, FileStat>();
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  const files = entries.filter((e) => e.isFile()).map((e) => path.relative(dir, path.join(e.parentPath, e.name)).split(path.sep).join('/'));
  for (const file of files.sort()) {
    const bytes = await readFile(path.join(dir, file));
    out.set(file, { path: file, bytes: bytes.length, sha256: createHash('sha256').update(bytes).digest('hex') });
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
