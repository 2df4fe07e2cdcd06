/**
 * Builds that several test files share, made once per test run whichever of vitest's workers
 * asks first: the small fixture built in two time zones and locales, and the shipped record's
 * dist/. They live in the run's folder (tests/global-setup.ts). A test only reads a shared tree;
 * one that breaks or builds again works on a copy (copyBuilt).
 */
import { cp, mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { inject } from 'vitest';
import { hashInputs, upToDate } from '../pipeline/cache.js';
import { copyProject, edit, fillProject, ROOT, runCli, type Run } from './helpers.js';

export const FIXTURE = 'tests/fixtures/minimal/sources';

/**
 * The two builds of the fixture: the same sources in time zones 22 hours apart and in two
 * locales, which must give the same bytes (publish.test.ts, downloads.test.ts). The second also
 * runs out of disk whenever it writes its PDF cache (tests/enospc-preload.mjs), which must change
 * nothing it publishes (cache.test.ts checks that it kept no entry, whole or partial).
 */
const ZONES = {
  'los-angeles': { TZ: 'America/Los_Angeles', LANG: 'C' },
  kiritimati: { TZ: 'Pacific/Kiritimati', LANG: 'lv_LV.UTF-8', NODE_OPTIONS: `--import ${path.join(ROOT, 'tests/enospc-preload.mjs')}` },
};

export interface SharedBuild {
  /** The project folder built; read it, never change it. */
  root: string;
  dist: string;
  /** What `build` printed and its exit code, for the tests to assert on. */
  run: Run;
}

/** The fixture built once per run (by default in Los Angeles, locale C). */
export function builtFixture(zone: keyof typeof ZONES = 'los-angeles'): Promise<SharedBuild> {
  return once(`fixture-${zone}`, async (root) => {
    await fillProject(root, { sources: FIXTURE });
    const run = await runCli(['build', '--root', root], ZONES[zone]);
    return { root, dist: path.join(root, 'dist'), run };
  });
}

/** The homepage of the variant build: a fixture address, since the shipped record has none yet. */
export const HOME = 'https://example.org/occupation-chronicle/';
/** The variant's build date: SOURCE_DATE_EPOCH of 2000-01-01, so that the dates it prints come from it, not from dataset.json. */
export const VARIANT_EPOCH = { SOURCE_DATE_EPOCH: '946684800' };
/** A hundred short lines: taller than an A4 page in every PDF, and within the 5,000 characters of a summary. */
export const LONG_SUMMARY = Array.from({ length: 100 }, (_, i) => `Day ${i + 1}: the trains left with the deported.`).join('\n');
export const LONG_URL = `https://blog.example/${'a'.repeat(1979)}`;
export const LONG_TOKEN = 'x'.repeat(3000);

/**
 * The edits that make the variant of the fixture: a homepage (every handout then prints its address
 * and QR code), a handout at a glance of the fixture's Latvia (so that every kind of handout is built),
 * an event taller than a page, and a 2,000-character URL and a 3,000-character note without spaces.
 */
export async function makeVariant(dir: string): Promise<void> {
  await edit(dir, 'sources/dataset.json', '"homepage": null', `"homepage": "${HOME}"`);
  await edit(dir, 'templates/chronology.json', '"handouts": [', '"glance": [{ "territory": "lv", "file": "glance-lv", "name": "Latvia", "lesson": ["lv-occupation", "june-deportation"], "figures": ["deported|lv|all|june-deportation"] }],\n  "handouts": [');
  await edit(dir, 'sources/events.csv', 'People were deported.', `"${LONG_SUMMARY}"`);
  await edit(dir, 'sources/sources.csv', 'https://blog.example/post,2026-11-27,en,1,', `${LONG_URL},2026-11-27,en,1,${LONG_TOKEN}`);
}

/**
 * The variant of the fixture (makeVariant), built once per run under VARIANT_EPOCH, for the tests of
 * what it holds: the address on paper (address.test.ts), content no page can hold (pdf-layout.test.ts),
 * the package dated from SOURCE_DATE_EPOCH, and the build a SIGKILL test must end with (publish.test.ts).
 */
export function builtVariant(): Promise<SharedBuild> {
  return once('variant', async (root) => {
    await fillProject(root, { sources: FIXTURE });
    await makeVariant(root);
    const run = await runCli(['build', '--root', root], VARIANT_EPOCH);
    return { root, dist: path.join(root, 'dist'), run };
  });
}

/**
 * A copy of the fixture as its build left it: dist/ and .build/ (the record of the build and the
 * PDF cache) included, so that a test that needs a built tree to break or build again does not
 * build it first. The shared build's exit code is checked here.
 */
export async function copyBuilt(): Promise<string> {
  const built = await builtFixture();
  if (built.run.code !== 0) throw new Error(`the shared build of the fixture failed (exit ${built.run.code}):\n${built.run.stdout}${built.run.stderr}`);
  const dir = await copyProject({ sources: FIXTURE, dist: built.dist });
  await cp(path.join(built.root, '.build'), path.join(dir, '.build'), { recursive: true });
  return dir;
}

/**
 * dist/ of the shipped record, for the tests that only read it. It is the committed dist/ when
 * the record of the last build (.build/last-build.checked, pipeline/cache.ts) shows that dist/ is,
 * byte for byte, the build of the current sources, schemas, templates, code and lock file: .ci/run
 * builds before it tests, so CI reads what is shipped, at no cost. Otherwise (an edit since the
 * last build, a dist/ checked out afresh) the tests read a build of a copy, made once per run, so
 * that they never pass or fail on a stale dist/.
 */
export function shippedDist(): Promise<string> {
  return once('shipped', async (root) => {
    if (await upToDate(ROOT, await hashInputs(ROOT))) return path.join(ROOT, 'dist');
    console.warn(`dist/ is not the build of the current inputs (run npm run build): the tests read a fresh build in ${root}`);
    await fillProject(root);
    const run = await runCli(['build', '--root', root]);
    if (run.code !== 0) throw new Error(`building the shipped record failed (exit ${run.code}):\n${run.stdout}${run.stderr}`);
    return path.join(root, 'dist');
  });
}

const SHARED = inject('sharedDir');
const WAIT_MS = 10 * 60_000;
const asked = new Map<string, Promise<unknown>>();

/** The value `make` gives, made once per run: the first worker to ask makes it in its own folder, the others wait for its result file. */
function once<T>(name: string, make: (dir: string) => Promise<T>): Promise<T> {
  if (!asked.has(name)) asked.set(name, claim(name, make));
  return asked.get(name) as Promise<T>;
}

type Outcome<T> = { value: T } | { error: string };

async function claim<T>(name: string, make: (dir: string) => Promise<T>): Promise<T> {
  const dir = path.join(SHARED, name);
  const result = path.join(SHARED, `${name}.json`);
  try {
    await mkdir(dir);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    return settle(await waitFor<T>(result));
  }
  let outcome: Outcome<T>;
  try {
    outcome = { value: await make(dir) };
  } catch (error) {
    // A failure is shared too: every test that needs the value fails with its cause.
    outcome = { error: (error as Error).stack ?? String(error) };
  }
  await writeFile(`${result}.tmp`, JSON.stringify(outcome));
  await rename(`${result}.tmp`, result);
  return settle(outcome);
}

async function waitFor<T>(file: string): Promise<Outcome<T>> {
  for (const start = Date.now(); Date.now() - start < WAIT_MS; await sleep(100)) {
    const text = await readFile(file, 'utf8').catch(() => undefined);
    if (text !== undefined) return JSON.parse(text) as Outcome<T>;
  }
  throw new Error(`waited ${WAIT_MS / 60_000} minutes for ${file}, which another test worker was making`);
}

function settle<T>(outcome: Outcome<T>): T {
  if ('error' in outcome) throw new Error(`a shared build failed: ${outcome.error}`);
  return outcome.value;
}
