/**
 * Test trees: a copy of the project's schemas and sources (or of a fixture) in a temporary
 * directory, which a test may then break on purpose. Tests never touch the real sources/ or dist/.
 */
import { execFile } from 'node:child_process';
import { cp, mkdtemp, readFile, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';

/** Temporary projects made by this test file, removed when it ends (tests/setup.ts). */
export const created: string[] = [];

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

/**
 * A temporary project holding a copy of schemas/, templates/ and of sources/ (or of a fixture's sources,
 * e.g. `tests/fixtures/minimal/sources`, with the files of the fixture's templates/ over the
 * project's), and, if asked, of a dist/ (the folder given).
 */
export async function copyProject(options: { dist?: string; sources?: string } = {}): Promise<string> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'chronicle-'));
  created.push(dir);
  await fillProject(dir, options);
  return dir;
}

/** Fills `dir` as copyProject does; the caller owns the folder. */
export async function fillProject(dir: string, options: { dist?: string; sources?: string } = {}): Promise<void> {
  await cp(path.join(ROOT, 'schemas'), path.join(dir, 'schemas'), { recursive: true });
  await cp(path.join(ROOT, 'templates'), path.join(dir, 'templates'), { recursive: true });
  await cp(path.join(ROOT, options.sources ?? 'sources'), path.join(dir, 'sources'), { recursive: true });
  // A fixture's own templates (its handouts name its own territories) replace the project's.
  if (options.sources) await cp(path.join(ROOT, options.sources, '../templates'), path.join(dir, 'templates'), { recursive: true, force: true }).catch(() => undefined);
  if (options.dist) await cp(options.dist, path.join(dir, 'dist'), { recursive: true });
}

/** Replaces text in a file of a test tree; fails loudly if the text is not there. */
export async function edit(dir: string, file: string, from: string | RegExp, to: string): Promise<void> {
  const full = path.join(dir, file);
  const text = await readFile(full, 'utf8');
  const next = text.replace(from, to);
  if (next === text) throw new Error(`edit: ${String(from)} not found in ${file}`);
  await writeFile(full, next);
}

export interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

const exec = promisify(execFile);

/** Runs the CLI as a user would (through launch.mjs, as npm run build does), on the given project root. */
export async function runCli(args: string[], env: NodeJS.ProcessEnv = {}): Promise<Run> {
  try {
    const { stdout, stderr } = await exec(process.execPath, [path.join(ROOT, 'pipeline/launch.mjs'), ...args], { cwd: ROOT, env: { ...process.env, ...env }, maxBuffer: 64 * 1024 * 1024 });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const e = error as { code: number; stdout: string; stderr: string };
    return { code: e.code, stdout: e.stdout, stderr: e.stderr };
  }
}

/**
 * The command line run in this process: `main` with streams that keep what is written. What a
 * run prints, without the second or so a process takes to start and load the pipeline; the exit
 * code of a real process, its streams and signals are runCli's to check.
 */
export async function runMain(args: string[]): Promise<Run> {
  const { main } = await import('../pipeline/cli.js');
  const kept = { stdout: '', stderr: '' };
  const stream = (name: keyof typeof kept) => ({ write: (chunk: string | Uint8Array) => ((kept[name] += String(chunk)), true), isTTY: false, columns: 80 }) as unknown as NodeJS.WriteStream;
  const code = await main(args, { stdout: stream('stdout'), stderr: stream('stderr') });
  return { code, ...kept };
}

/** Every file under `dir` with its bytes' sha256, for comparing whole trees. */
export async function snapshot(dir: string): Promise<Record<string, string>> {
  const { createHash } = await import('node:crypto');
  const { readdir } = await import('node:fs/promises');
  const out: Record<string, string> = {};
  for (const entry of await readdir(dir, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile()) continue;
    const full = path.join(entry.parentPath, entry.name);
    out[path.relative(dir, full)] = createHash('sha256').update(await readFile(full)).digest('hex');
  }
  return out;
}
