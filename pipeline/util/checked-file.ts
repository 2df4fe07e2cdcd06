/**
 * Files that are whole or absent. The bytes are written, after a line holding their own sha256,
 * to a temporary name and renamed into place (atomic within a directory), so that a build that
 * is killed or runs out of disk mid-write leaves at most a temporary file, never a partial entry.
 * A reader checks the hash, so an entry truncated or damaged afterwards counts as missing and is
 * removed. The sync pair serves a caller that cannot wait (ajv's kept validators, compiled inside
 * synchronous code).
 */
import { createHash, randomBytes } from 'node:crypto';
import { readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { readFile, rename, rm, writeFile } from 'node:fs/promises';

const HEADER_BYTES = 'sha256 '.length + 64 + 1;
const header = (bytes: Buffer) => `sha256 ${createHash('sha256').update(bytes).digest('hex')}\n`;
const withHeader = (bytes: Buffer) => Buffer.concat([Buffer.from(header(bytes), 'latin1'), bytes]);
const tempFor = (file: string) => `${file}.${process.pid}-${randomBytes(4).toString('hex')}.tmp`;

/** The body of an entry's bytes when its header holds the body's hash. */
function body(data: Buffer): Buffer | undefined {
  const rest = data.subarray(HEADER_BYTES);
  return data.subarray(0, HEADER_BYTES).toString('latin1') === header(rest) ? rest : undefined;
}

export async function writeChecked(file: string, bytes: Buffer): Promise<void> {
  const temp = tempFor(file);
  try {
    await writeFile(temp, withHeader(bytes));
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
  const whole = body(data);
  // A damaged entry is dropped; one that cannot be removed (a read-only cache) is simply not used.
  if (!whole) await rm(file, { force: true }).catch(() => undefined);
  return whole;
}

export function writeCheckedSync(file: string, bytes: Buffer): void {
  const temp = tempFor(file);
  try {
    writeFileSync(temp, withHeader(bytes));
    renameSync(temp, file);
  } catch (error) {
    rmSync(temp, { force: true });
    throw error;
  }
}

export function readCheckedSync(file: string): Buffer | undefined {
  let data: Buffer;
  try {
    data = readFileSync(file);
  } catch {
    return undefined;
  }
  const whole = body(data);
  if (!whole) {
    try {
      rmSync(file, { force: true });
    } catch {
      // As readChecked: an entry that cannot be removed is simply not used.
    }
  }
  return whole;
}
