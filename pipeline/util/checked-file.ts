/**
 * Files that are whole or absent. The bytes are written, after a line holding their own sha256,
 * to a temporary name and renamed into place (atomic within a directory), so that a build that
 * is killed or runs out of disk mid-write leaves at most a temporary file, never a partial entry.
 * A reader checks the hash, so an entry truncated or damaged afterwards counts as missing and is
 * removed.
 */
import { createHash, randomBytes } from 'node:crypto';
import { readFile, rename, rm, writeFile } from 'node:fs/promises';

const HEADER_BYTES = 'sha256 '.length + 64 + 1;
const header = (bytes: Buffer) => `sha256 ${createHash('sha256').update(bytes).digest('hex')}\n`;

export async function writeChecked(file: string, bytes: Buffer): Promise<void> {
  const temp = `${file}.${process.pid}-${randomBytes(4).toString('hex')}.tmp`;
  try {
    await writeFile(temp, Buffer.concat([Buffer.from(header(bytes), 'latin1'), bytes]));
    await rename(temp, file);
  } catch (error) {
    await rm(temp, { force: true });
    throw error;
  }
}

/** The bytes of a whole entry; undefined (and the file removed) when it is missing, truncated or damaged. */
export async function readChecked(file: string): Promise<Buffer | undefined> {
  const data = await readFile(file).catch(() => undefined);
  if (!data) return undefined;
  const body = data.subarray(HEADER_BYTES);
  if (data.subarray(0, HEADER_BYTES).toString('latin1') === header(body)) return body;
  await rm(file, { force: true });
  return undefined;
}
