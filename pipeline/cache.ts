/**
 * Skips a build whose inputs did not change. The inputs are every file the build reads
 * (sources/, schemas/, templates/, the pipeline's own code, package-lock.json) plus the Node
 * version and SOURCE_DATE_EPOCH, hashed by content; the last successful build's hash, printed
 * report, the hash of every file it wrote into dist/ and the PDF cache entries it used are kept
 * in .build/last-build.checked. A build is skipped only when the hash is the same, dist/ holds
 * exactly the files that build wrote, byte for byte (checked against this record, not against
 * dist/SHA256SUMS, which an editor can regenerate), and every cache entry it used is still whole
 * (so that removing .build/pdf-cache forces a full build). A stale or edited dist/ is never
 * served. This module is light on purpose: it runs before the pipeline is loaded.
 *
 * Reading and hashing dist/ and the cache entries (some 30 MB) was most of the time a skipped build
 * took. The record also keeps each such file's stamp as the build left it (util/stamp.ts: size,
 * modification and change times to the nanosecond, inode), and a file whose stamp is unchanged is taken to hold what it
 * held, as git and make take it; a file with any other stamp (edited, replaced, copied) is read
 * and hashed as before.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { readChecked, writeChecked } from './util/checked-file.js';
import { stampOf } from './util/stamp.js';

const INPUT_DIRS = ['sources', 'schemas', 'templates', 'pipeline'];
const INPUT_FILES = ['package-lock.json'];
const RECORD = '.build/last-build.checked';

export interface LastBuild {
  inputs: string;
  /** What the build printed, replayed when it is skipped. */
  output: string;
  /** Counts that decide the exit code under --strict. */
  warnings: number;
  openFindings: number;
  /** Every file the build wrote into dist/ (path relative to dist/, forward slashes) and its sha256. */
  files: Record<string, string>;
  /** The PDF cache entries the build used, relative to the project root. */
  cacheEntries: string[];
  /** The stamp of each file in dist/ and of each cache entry, by path relative to the root, as the build left it (util/stamp.ts). */
  stamps?: Record<string, string>;
}

const sha256 = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');

/** True when the file at `relative` still has the stamp the record gives it. */
async function unchanged(root: string, relative: string, stamps: Record<string, string> | undefined): Promise<boolean> {
  const recorded = stamps?.[relative];
  return recorded !== undefined && recorded === (await stampOf(path.join(root, relative)));
}

async function listFiles(root: string, dir: string): Promise<string[]> {
  try {
    const entries = await readdir(path.join(root, dir), { recursive: true, withFileTypes: true });
    return entries.filter((e) => e.isFile()).map((e) => path.relative(root, path.join(e.parentPath, e.name)));
  } catch {
    return [];
  }
}

export async function hashInputs(root: string): Promise<string> {
  const files = (await Promise.all(INPUT_DIRS.map((d) => listFiles(root, d)))).flat().concat(INPUT_FILES).sort();
  const hash = createHash('sha256').update(`node ${process.version}\nSOURCE_DATE_EPOCH ${process.env.SOURCE_DATE_EPOCH ?? ''}\n`);
  // Read one after another without waiting on the thread pool for each: some 130 small files, 25 to 35 ms
  // this way against 67 ms awaited one by one, in every build (nothing changed included).
  for (const file of files) {
    let bytes: Buffer | undefined;
    try {
      bytes = readFileSync(path.join(root, file));
    } catch {
      bytes = undefined;
    }
    hash.update(`${file.split(path.sep).join('/')}\0${bytes ? sha256(bytes) : 'missing'}\n`);
  }
  return hash.digest('hex');
}

/** True when dist/ holds exactly the files the last build wrote, each with the bytes it wrote. */
async function distAsWritten(root: string, written: Record<string, string>, stamps: Record<string, string> | undefined): Promise<boolean> {
  const dist = path.join(root, 'dist');
  const present = (await listFiles(dist, '.')).map((f) => f.split(path.sep).join('/'));
  if (present.length !== Object.keys(written).length) return false;
  for (const file of present) {
    if (written[file] !== undefined && (await unchanged(root, `dist/${file}`, stamps))) continue;
    const bytes = await readFile(path.join(dist, file)).catch(() => undefined);
    if (!bytes || written[file] !== sha256(bytes)) return false;
  }
  return true;
}

/** The last build's record when it still stands for the current inputs and dist/. */
export async function upToDate(root: string, inputs: string): Promise<LastBuild | undefined> {
  let last: LastBuild;
  try {
    last = JSON.parse((await readChecked(path.join(root, RECORD)))?.toString('utf8') ?? '') as LastBuild;
  } catch {
    return undefined;
  }
  if (last.inputs !== inputs || !last.files || !last.cacheEntries || !(await distAsWritten(root, last.files, last.stamps))) return undefined;
  for (const entry of last.cacheEntries) if (!(await unchanged(root, entry, last.stamps)) && !(await readChecked(path.join(root, entry)))) return undefined;
  return last;
}

/** Keeps the record of a build that just wrote dist/, with the stamps of what it left there and in the cache. */
export async function recordBuild(root: string, last: Omit<LastBuild, 'stamps'>): Promise<void> {
  const paths = [...Object.keys(last.files).map((f) => `dist/${f}`), ...last.cacheEntries];
  const stamps = Object.fromEntries((await Promise.all(paths.map(async (p) => [p, await stampOf(path.join(root, p))] as const))).filter(([, s]) => s !== undefined));
  await writeChecked(path.join(root, RECORD), Buffer.from(JSON.stringify({ ...last, stamps })));
}
