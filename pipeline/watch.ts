/**
 * Watch mode (`npm run watch`, `npm run dev`): one warm process that builds, then builds again
 * whenever a file under sources/, schemas/ or templates/ is saved. Each run is exactly
 * `npm run build` (the same function: the same checks, report and atomic swap of dist/), so a
 * save with a mistake prints its diagnostics and leaves dist/ as it was. What makes it quick is
 * that the process stays warm: modules loaded and compiled once, JSON Schemas compiled once, and
 * the outputs whose inputs did not change taken from the last run (PDFs from .build/pdf-cache,
 * the workbook, database and zip from memory).
 *
 * Saves that come close together (an editor writing a file in several steps, a "save all") are
 * taken as one after DEBOUNCE_MS of quiet; a save during a build starts one more build when it
 * ends. Ctrl-C stops watching, lets a build under way finish (dist/ is never left half swapped)
 * and exits 0; a second Ctrl-C exits at once (the next build cleans up after it, see publish.ts).
 */
import { existsSync, readdirSync, watch, type FSWatcher } from 'node:fs';
import path from 'node:path';

const WATCHED = ['sources', 'schemas', 'templates'];
/** Long enough to join the writes of one save, short enough to stay well inside the half second an editor waits for a diagnostic. */
const DEBOUNCE_MS = 40;

const clock = () => new Date().toTimeString().slice(0, 8);

export interface WatchWork {
  /** One build, as `npm run build`: its exit code. */
  build: () => Promise<number>;
  /** Run once after the first build: loads and runs what builds use, so the first save is as quick as the next. */
  warm: () => Promise<void>;
}

export async function watchProject(root: string, work: WatchWork, out: Pick<NodeJS.WritableStream, 'write'> = process.stdout): Promise<number> {
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<void> | undefined;
  let again = false;
  let stopping = false;
  const changed = new Set<string>();

  let warmed = false;
  const runBuilds = async () => {
    do {
      again = false;
      const files = [...changed].sort();
      changed.clear();
      // An editor's temporary files come and go within a save: name the files that are there.
      const saved = files.filter((f) => existsSync(path.join(root, f)));
      if (files.length > 0) out.write(`\n[${clock()}] saved: ${(saved.length > 0 ? saved : files).join(', ')}\n`);
      const started = performance.now();
      const code = await work.build();
      if (!warmed) {
        warmed = true;
        // Only time is at stake: a failure here is the next build's to report.
        await work.warm().catch(() => undefined);
      }
      out.write(`[${clock()}] ${code === 0 ? 'built' : 'stopped'} in ${((performance.now() - started) / 1000).toFixed(1)} s; watching sources/, schemas/ and templates/ (Ctrl-C stops)\n`);
    } while (again && !stopping);
  };
  const kick = () => {
    timer = undefined;
    if (running) {
      again = true;
      return;
    }
    running = runBuilds().finally(() => {
      running = undefined;
    });
  };

  const watchers: FSWatcher[] = [];
  const onChange = (dir: string) => (_event: string, file: string | Buffer | null) => {
    if (stopping) return;
    const name = path.posix.join(dir, file ? String(file) : '');
    changed.add(name);
    // A folder made since (sources/texts/ in a new project) is watched from now on.
    if (file) watchTree(name);
    clearTimeout(timer);
    timer = setTimeout(kick, DEBOUNCE_MS);
  };
  // Each folder is watched on its own (not `recursive`, which in Node 20 on Linux follows files, and
  // loses one an editor or `sed -i` replaces by a rename): a folder's watch sees every file in it come and go.
  const watched = new Set<string>();
  const watchTree = (dir: string) => {
    if (stopping || watched.has(dir)) return;
    let entries;
    try {
      entries = readdirSync(path.join(root, dir), { withFileTypes: true });
      watchers.push(watch(path.join(root, dir), onChange(dir)));
    } catch (error) {
      // A folder the project lacks (a fixture without templates/) or one removed meanwhile: nothing to watch.
      if ((error as NodeJS.ErrnoException).code === 'ENOENT' || (error as NodeJS.ErrnoException).code === 'ENOTDIR') return;
      throw error;
    }
    watched.add(dir);
    for (const e of entries) if (e.isDirectory()) watchTree(path.posix.join(dir, e.name));
  };
  for (const dir of WATCHED) watchTree(dir);

  const stopped = new Promise<number>((resolve) => {
    let first = 0;
    const stop = () => {
      // One Ctrl-C can arrive twice (from the terminal and relayed by tsx): only a later one means "now".
      if (stopping && performance.now() - first > 500) process.exit(130);
      if (stopping) return;
      first = performance.now();
      stopping = true;
      clearTimeout(timer);
      for (const w of watchers) w.close();
      out.write(running ? '\nStopping when this build ends (Ctrl-C again to stop now).\n' : '\nStopped watching.\n');
      void (running ?? Promise.resolve()).then(() => resolve(0));
    };
    process.on('SIGINT', stop);
    process.on('SIGTERM', stop);
  });
  // The first build, then one per save.
  kick();
  return stopped;
}
