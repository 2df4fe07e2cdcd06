// Starts the command line (cli.ts) from one JavaScript file bundled from the pipeline's
// TypeScript, rather than module by module through tsx's loader: tsx transforms and resolves each
// of some eighty modules through hooks on a thread of their own, about half a second of every
// command, more than Node takes to start (docs/performance.md).
//
// The bundle is kept in node_modules/.cache/occupation-chronicle/bundle under the folder's path
// and the hash of every file in pipeline/, esbuild's version and this file, so that any change to
// the code bundles it again (about a tenth of a second). Each module keeps its own import.meta.url, the address of its
// .ts file: what a module finds beside itself (the worker thread's script, its own text in a
// cache key, createRequire's resolution) is what it finds under tsx. Packages stay outside the
// bundle, loaded from node_modules as before. If the bundle cannot be made, the command runs
// through tsx as it did before. Plain JavaScript, because it is what runs before any TypeScript can.
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { mkdir, readdir, readFile, rename, rm } from 'node:fs/promises';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { isMainThread } from 'node:worker_threads';

const here = path.dirname(fileURLToPath(import.meta.url));
const CLI = path.join(here, 'cli.ts');

/**
 * The hash of every file under `dir` (names and bytes, in a fixed order) with `extra`. Read
 * synchronously: a hundred small files one after another, with nothing else to do meanwhile, take
 * a third of the time that awaiting each read took (17 ms against 50 ms).
 */
export async function codeKey(dir, extra = '') {
  const files = readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile())
    .map((e) => path.relative(dir, path.join(e.parentPath ?? e.path, e.name)).split(path.sep).join('/'))
    .sort();
  const hash = createHash('sha256').update(extra);
  for (const file of files) hash.update(`\0${file}\0`).update(readFileSync(path.join(dir, file)));
  return hash.digest('hex').slice(0, 32);
}

/** esbuild's plugin giving each TypeScript module its own import.meta.url, as tsx gives it. */
const ownUrls = {
  name: 'own-import-meta-url',
  setup(build) {
    build.onLoad({ filter: /\.ts$/ }, async (args) => ({
      contents: (await readFile(args.path, 'utf8')).replaceAll('import.meta.url', JSON.stringify(pathToFileURL(args.path).href)),
      loader: 'ts',
    }));
  },
};

/**
 * The bundle of `entry` (cli.ts unless told: the worker thread bundles the module it runs) and
 * every pipeline module it imports, made if it is not kept already; its path.
 */
export async function bundle(root = path.dirname(here), entry = CLI) {
  // esbuild's version from its package.json: loading esbuild itself (50 ms) waits until there is a bundle to make.
  const { version } = createRequire(import.meta.url)('esbuild/package.json');
  const key = await codeKey(here, `${version}\0${await readFile(fileURLToPath(import.meta.url), 'utf8')}`);
  // Named by its entry and the folder too, since the bundle holds each module's address: a copy of the code elsewhere has a bundle of its own.
  const name = path.relative(here, entry).replace(/\.ts$/, '').split(path.sep).join('.');
  // The key covers pipeline/ alone: a module outside it (its caller loads it through tsx) could be served stale.
  if (name.startsWith('..') || path.isAbsolute(name)) throw new Error(`only the pipeline's own modules are bundled, not ${entry}`);
  const folder = `${name}-${createHash('sha256').update(here).digest('hex').slice(0, 12)}-`;
  const dir = path.join(root, 'node_modules/.cache/occupation-chronicle/bundle');
  const file = path.join(dir, `${folder}${key}.mjs`);
  const kept = await readdir(dir).catch(() => []);
  if (kept.includes(path.basename(file))) return file;
  await mkdir(dir, { recursive: true });
  // Written beside its place and renamed there, so that a command started at the same moment never reads half a bundle.
  const temporary = `${file}.${process.pid}.tmp`;
  const esbuild = await import('esbuild');
  await esbuild.build({ entryPoints: [entry], outfile: temporary, bundle: true, platform: 'node', format: 'esm', target: 'node20', packages: 'external', plugins: [ownUrls], logLevel: 'silent' });
  await rename(temporary, file);
  // Only the folder's current bundle is kept; a command still running an older one has read it already.
  await Promise.all(kept.filter((f) => f.startsWith(folder) && f.endsWith('.mjs')).map((f) => rm(path.join(dir, f), { force: true })));
  return file;
}

/** The command line's module: from the bundle, or through tsx when no bundle can be made. */
async function cli() {
  try {
    return await import(pathToFileURL(await bundle()).href);
  } catch {
    const { tsImport } = await import('tsx/esm/api');
    return tsImport(pathToFileURL(CLI).href, import.meta.url);
  }
}

// Not on a worker thread, which imports bundle() from here and sees the main thread's argv.
if (isMainThread && process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) await (await cli()).run(process.argv.slice(2));
