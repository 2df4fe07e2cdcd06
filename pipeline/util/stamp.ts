/**
 * A file's stamp: what changes when it is written, replaced or copied (size, modification and change
 * times in nanoseconds, inode). A file whose stamp is as it was is taken to hold what it held, as git
 * and make take it: cache.ts for dist/ between builds, emit/files.ts for the hashes within one.
 */
import type { BigIntStats } from 'node:fs';
import { stat } from 'node:fs/promises';

export const stampOfStats = (s: BigIntStats): string => `${s.size} ${s.mtimeNs} ${s.ctimeNs} ${s.ino}`;

/** The stamp of `file`; undefined when it cannot be read. */
export async function stampOf(file: string): Promise<string | undefined> {
  const s = await stat(file, { bigint: true }).catch(() => undefined);
  return s && stampOfStats(s);
}
