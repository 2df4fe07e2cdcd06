/**
 * Skips a build whose inputs did not change. The inputs are every file the build reads
 * (sources/, schemas/, templates/, the pipeline's own code, package-lock.json) plus the Node
 * version and SOURCE_DATE_EPOCH, hashed by content; the last successful build's hash and
 * printed report are kept in .build/last-build.json. A build is skipped only when the hash is
 * the same and every file in dist/ still matches dist/SHA256SUMS, so a stale or edited dist/
 * is never served. This module is light on purpose: it runs before the pipeline is loaded.
 */
import { createHash } from 'node:crypto';
import { readdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';

const INPUT_DIRS = ['sources', 'schemas', 'templates', 'pipeline'];
const INPUT_FILES = ['package-lock.json'];
const RECORD = '.build/last-build.json';

export interface LastBuild {
  inputs: string;
  /** What the build printed, replayed when it is skipped. */
  output: string;
  /** Counts that decide the exit code under --strict. */
  warnings: number;
  openFindings: number;
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
  for (const file of files) {
    const bytes = await readFile(path.join(root, file)).catch(() => undefined);
    hash.update(`${file.split(path.sep).join('/')}\0${bytes ? createHash('sha256').update(bytes).digest('hex') : 'missing'}\n`);
  }
  return hash.digest('hex');
}

/** True when dist/ holds exactly the files SHA256SUMS lists, each with its listed hash. */
export async function distIntact(root: string): Promise<boolean> {
  const dist = path.join(root, 'dist');
  let sums: string;
  try {
    sums = await readFile(path.join(dist, 'SHA256SUMS'), 'utf8');
  } catch {
    return false;
  }
  const listed = sums.split('\n').filter(Boolean).map((line) => [line.slice(66), line.slice(0, 64)] as const);
  const present = (await listFiles(dist, '.')).map((f) => f.split(path.sep).join('/')).filter((f) => f !== 'SHA256SUMS');
  if (present.length !== listed.length) return false;
  for (const [file, expected] of listed) {
    const bytes = await readFile(path.join(dist, file)).catch(() => undefined);
    if (!bytes || createHash('sha256').update(bytes).digest('hex') !== expected) return false;
  }
  return true;
}

/** The last build's record when it still stands for the current inputs and dist/. */
export async function upToDate(root: string, inputs: string): Promise<LastBuild | undefined> {
  let last: LastBuild;
  try {
    last = JSON.parse(await readFile(path.join(root, RECORD), 'utf8')) as LastBuild;
  } catch {
    return undefined;
  }
  if (last.inputs !== inputs || !(await distIntact(root))) return undefined;
  return last;
}

export async function recordBuild(root: string, last: LastBuild): Promise<void> {
  await writeFile(path.join(root, RECORD), JSON.stringify(last));
}
