/**
 * Zip archives with reproducible bytes: entries in the order given, every entry stamped with the
 * build date, deflated at one fixed level.
 */
import { zipSync, unzipSync, type Zippable } from 'fflate';

/**
 * A zip entry's DOS time has no time zone, and fflate fills it from the local fields of a Date.
 * A Date made from the build date's UTC fields in local time gives the same fields, and so the
 * same bytes, in every time zone.
 */
function dosStamp(date: Date): Date {
  return new Date(date.getUTCFullYear(), date.getUTCMonth(), date.getUTCDate(), date.getUTCHours(), date.getUTCMinutes(), date.getUTCSeconds());
}

export function zipFiles(files: [name: string, bytes: Uint8Array][], date: Date): Uint8Array {
  const mtime = dosStamp(date);
  const entries: Zippable = {};
  for (const [name, bytes] of files) entries[name] = [bytes, { mtime, level: 6 }];
  return zipSync(entries);
}

/** The same archive with its entries restamped: for zips that other libraries stamp with the clock. */
export function restampZip(bytes: Uint8Array, date: Date): Uint8Array {
  return zipFiles(Object.entries(unzipSync(bytes)), date);
}
