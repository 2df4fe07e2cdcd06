/**
 * Zip archives with reproducible bytes: entries in the order given, every entry stamped with the
 * build date, deflated at one fixed level.
 *
 * An entry is deflated as a gzip member (fflate's gzipSync), whose trailer carries the CRC-32 and
 * size that the zip's headers need, so that a member can be kept from one build to the next
 * (zipKept, by the hash of what it holds) and an archive made again deflates only the files that
 * changed. fflate's Zip then writes the archive around the deflated data (with a
 * data descriptor after each entry, as streaming zip writers do).
 */
import { createHash } from 'node:crypto';
import { gzipSync, unzipSync, Zip, type ZipInputFile } from 'fflate';
import { packageVersion } from '../util/install-cache.js';

export const DEFLATE_LEVEL = 6;

/** An entry's bytes deflated: the raw deflate stream, and the CRC-32 and size of what it holds. */
export interface Deflated {
  data: Uint8Array;
  crc: number;
  size: number;
}

/** `bytes` as a gzip member at the archive's level (RFC 1952; the header's time is not used). */
export const gzipMember = (bytes: Uint8Array): Uint8Array => gzipSync(bytes, { level: DEFLATE_LEVEL });

const u32 = (b: Uint8Array, at: number) => (b[at]! | (b[at + 1]! << 8) | (b[at + 2]! << 16) | (b[at + 3]! << 24)) >>> 0;

/** The deflated entry a gzip member holds (as gzipMember writes it: a 10-byte header, no name or extra fields). */
function fromGzip(member: Uint8Array): Deflated {
  if (member.length < 18 || member[0] !== 0x1f || member[1] !== 0x8b || member[2] !== 8 || member[3] !== 0) throw new Error('not a gzip member as gzipMember writes it');
  const end = member.length - 8;
  return { data: member.subarray(10, end), crc: u32(member, end), size: u32(member, end + 4) };
}

/**
 * A zip entry's DOS time has no time zone, and fflate fills it from the local fields of a Date.
 * A Date made from the build date's UTC fields in local time gives the same fields, and so the
 * same bytes, in every time zone.
 */
function dosStamp(date: Date): Date {
  return new Date(date.getUTCFullYear(), date.getUTCMonth(), date.getUTCDate(), date.getUTCHours(), date.getUTCMinutes(), date.getUTCSeconds());
}

/** The archive of entries already deflated. */
function zipDeflated(entries: [name: string, entry: Deflated][], date: Date): Uint8Array {
  const mtime = dosStamp(date);
  const chunks: Uint8Array[] = [];
  // fflate's Zip calls back synchronously as entries are added and ended.
  const zip = new Zip((error, chunk) => {
    if (error) throw error;
    chunks.push(chunk);
  });
  for (const [filename, { data, crc, size }] of entries) {
    const file: ZipInputFile = { filename, mtime, crc, size, compression: 8 };
    zip.add(file);
    file.ondata!(null, data as Uint8Array<ArrayBuffer>, true);
  }
  zip.end();
  const bytes = new Uint8Array(chunks.reduce((n, c) => n + c.length, 0));
  let at = 0;
  for (const chunk of chunks) {
    bytes.set(chunk, at);
    at += chunk.length;
  }
  return bytes;
}

export function zipFiles(files: [name: string, bytes: Uint8Array][], date: Date): Uint8Array {
  return zipDeflated(files.map(([name, bytes]) => [name, fromGzip(gzipMember(bytes))]), date);
}

/** Where gzip members are kept between builds, by a key of the bytes they hold. */
export interface MemberStore {
  get(key: string): Promise<Uint8Array | undefined>;
  put(key: string, member: Uint8Array): Promise<void>;
}

const deflater = `fflate ${packageVersion('fflate')}, level ${DEFLATE_LEVEL}`;

/** The key a member of `bytes` is kept by: their hash, with the deflater's version and level. */
export const memberKey = (bytes: Uint8Array): string => createHash('sha256').update(`${deflater}\0`).update(bytes).digest('hex');

/** A kept member's entry, or nothing when the member is not one gzipMember writes for bytes of this size (then it is made again). */
function keptEntry(member: Uint8Array, size: number): Deflated | undefined {
  try {
    const entry = fromGzip(member);
    return entry.size === size >>> 0 ? entry : undefined;
  } catch {
    return undefined;
  }
}

/**
 * The archive zipFiles makes of `files`, each entry's member taken from `store` when it is kept
 * there, made and kept otherwise: deflating every file was 0.45 s of each build's zip, and an
 * edited summary changes a few of its forty files.
 */
export async function zipKept(files: [name: string, bytes: Uint8Array][], date: Date, store: MemberStore): Promise<Uint8Array> {
  const entries = await Promise.all(
    files.map(async ([name, bytes]): Promise<[string, Deflated]> => {
      const key = memberKey(bytes);
      const kept = await store.get(key);
      const entry = kept && keptEntry(kept, bytes.length);
      if (entry) return [name, entry];
      const member = gzipMember(bytes);
      await store.put(key, member);
      return [name, fromGzip(member)];
    }),
  );
  return zipDeflated(entries, date);
}

/** The same archive with its entries restamped: for zips that other libraries stamp with the clock. */
export function restampZip(bytes: Uint8Array, date: Date): Uint8Array {
  return zipFiles(Object.entries(unzipSync(bytes)), date);
}
