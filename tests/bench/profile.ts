/**
 * npm run bench:profile: the profile behind the README's account of what bounds the register
 * targets. One stage of tests/bench/stage.ts runs on a synthetic register under `node --cpu-prof`,
 * and its main thread's time is summed by where it is spent (csv-parse, each pipeline module,
 * Node's own streams and buffers, garbage collection), then its busiest functions are listed.
 *
 *   npm run bench:profile -- validate            10^6 rows
 *   npm run bench:profile -- reconcile 100000    another size
 *
 * The stage runs from one file that esbuild bundles, as the commands run (pipeline/launch.mjs),
 * so that functions keep their names (tsx's loader hooks lose them, and add their own work); each
 * function is counted under the module it was bundled from. The profile stays under the system's
 * temporary folder, its path printed, to be opened in Chrome's DevTools (Performance, "Load
 * profile"), where its lines are the bundle's. Times are self times: a function's own work, not
 * that of what it calls.
 */
import { spawnSync } from 'node:child_process';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { installCache } from '../../pipeline/util/install-cache.js';
import { ROOT } from '../helpers.js';
import { syntheticProject } from './synthetic.js';

const STAGES = ['validate', 'reconcile', 'emit'] as const;

interface CallFrame {
  functionName: string;
  url: string;
  lineNumber: number;
}
interface Profile {
  nodes: { id: number; callFrame: CallFrame }[];
  samples: number[];
  timeDeltas: number[];
}

/** The modules of an esbuild bundle, by the line each starts on (esbuild heads each with a comment naming it). */
export function bundledModules(bundle: string): { line: number; module: string }[] {
  const starts: { line: number; module: string }[] = [];
  bundle.split('\n').forEach((text, line) => {
    const named = /^\/\/ (\S+\.[cm]?[jt]s)$/.exec(text);
    if (named) starts.push({ line, module: named[1]! });
  });
  return starts;
}

/**
 * Where a frame's time is counted: a module of the bundle by its path, a package by its name,
 * Node's internals, or V8's own. `bundle` is the bundle's address and its modules.
 */
export function placeOf(frame: CallFrame, bundle: { url: string; modules: { line: number; module: string }[] }): string {
  if (frame.url === '') return frame.functionName.startsWith('(') ? frame.functionName : 'V8 built-ins';
  if (frame.url.startsWith('node:')) return "Node's internals (streams, buffers, files)";
  if (frame.url === bundle.url) {
    let module = 'the bundle';
    for (const m of bundle.modules) if (m.line <= frame.lineNumber) module = m.module;
    return module;
  }
  const inPackage = /node_modules\/((?:@[^/]+\/)?[^/]+)\//.exec(frame.url);
  return inPackage ? `package ${inPackage[1]}` : frame.url;
}

/** Milliseconds of self time by place and by function (a sample's time is the delta that follows it, as DevTools counts it). */
export function selfTimes(profile: Profile, place: (frame: CallFrame) => string): { byPlace: Map<string, number>; byFunction: Map<string, number>; total: number } {
  const frames = new Map(profile.nodes.map((n) => [n.id, n.callFrame]));
  const byPlace = new Map<string, number>();
  const byFunction = new Map<string, number>();
  let total = 0;
  profile.samples.forEach((id, i) => {
    const ms = (profile.timeDeltas[i + 1] ?? 0) / 1000;
    const frame = frames.get(id)!;
    const where = place(frame);
    byPlace.set(where, (byPlace.get(where) ?? 0) + ms);
    const name = `${frame.functionName || '(anonymous)'}  ${where}`;
    byFunction.set(name, (byFunction.get(name) ?? 0) + ms);
    total += ms;
  });
  return { byPlace, byFunction, total };
}

function table(times: Map<string, number>, total: number, limit: number): string {
  const rows = [...times].sort((a, b) => b[1] - a[1]).slice(0, limit);
  return rows.map(([k, ms]) => `${ms.toFixed(0).padStart(8)} ms ${((100 * ms) / total).toFixed(1).padStart(5)}%  ${k}`).join('\n');
}

async function main(): Promise<void> {
  const [stage = 'validate', size = '1000000'] = process.argv.slice(2);
  if (!STAGES.includes(stage as (typeof STAGES)[number])) throw new Error(`expected a stage of ${STAGES.join(', ')}, got "${stage}"`);
  const rows = Number(size);
  if (!Number.isSafeInteger(rows) || rows < 1) throw new Error(`expected a number of rows, got "${size}"`);
  process.stderr.write(`writing a synthetic register of ${rows.toLocaleString('en-US')} rows…\n`);
  const project = await syntheticProject(rows);
  const dir = await mkdtemp(path.join(os.tmpdir(), 'chronicle-profile-'));
  const out = path.join(dir, 'out');
  try {
    // In the packages' cache folder, inside node_modules, so that the packages the bundle leaves out
    // resolve as they do for the commands. esbuild loads here only, not for the summing tests import.
    const bundled = path.join(installCache('profile'), 'stage.mjs');
    const esbuild = await import('esbuild');
    await esbuild.build({ entryPoints: [path.join(ROOT, 'tests/bench/stage.ts')], outfile: bundled, bundle: true, platform: 'node', format: 'esm', target: 'node20', packages: 'external', logLevel: 'silent' });
    const bundle = { url: pathToFileURL(bundled).href, modules: bundledModules(await readFile(bundled, 'utf8')) };
    const args = ['--expose-gc', '--cpu-prof', '--cpu-prof-dir', dir, bundled, stage, project, ...(stage === 'emit' ? [out] : [])];
    const started = performance.now();
    const run = spawnSync(process.execPath, args, { cwd: ROOT, encoding: 'utf8', maxBuffer: 64 << 20 });
    const wall = (performance.now() - started) / 1000;
    if (run.status !== 0) throw new Error(`the ${stage} stage failed:\n${run.stdout}\n${run.stderr}`);
    const file = (await readdir(dir)).find((f) => f.endsWith('.cpuprofile'));
    if (!file) throw new Error(`node wrote no profile into ${dir}`);
    const { byPlace, byFunction, total } = selfTimes(JSON.parse(await readFile(path.join(dir, file), 'utf8')) as Profile, (frame) => placeOf(frame, bundle));
    process.stdout.write(
      [
        `${stage}, ${rows.toLocaleString('en-US')} rows: ${wall.toFixed(2)} s wall under the profiler; the stage said: ${run.stdout.trim()}`,
        '',
        'Self time by place:',
        table(byPlace, total, 20),
        '',
        'Busiest functions (self time):',
        table(byFunction, total, 25),
        '',
        `The profile: ${path.join(dir, file)}`,
        '',
      ].join('\n'),
    );
  } finally {
    await rm(out, { recursive: true, force: true });
    await rm(project, { recursive: true, force: true });
  }
}

// Run, not imported (tests/bench-profile.test.ts imports the summing).
if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) await main();
