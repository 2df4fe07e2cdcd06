/**
 * npm run bench: every target of the "Done when" list of issue 17, each measured beside its floor
 * in the same run, then a table saying whether each holds. Whole processes: wall time and peak
 * RSS (GNU time, Debian package "time"), median of BENCH_RUNS runs (default 3) with min and max.
 *
 * A target is a ratio to, or a margin over, a floor measured in the same run and interleaved with
 * what it bounds (round by round), so that a machine busy with other work slows both alike. The
 * load average is printed beside the results: on a busy machine the absolute figures grow, the
 * ratios much less.
 *
 *   npm run bench                       every group
 *   npm run bench -- build registers    only these groups (build, watch, tests, registers)
 *
 * Builds run on a copy of the project under the system temporary folder (`--root`), so the bench
 * never touches this worktree's dist/ or .build/.
 */
import { spawn, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { cp, mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { parse } from 'csv-parse/sync';
import { ROOT } from '../helpers.js';
import { syntheticProject } from './synthetic.js';

interface Measure {
  label: string;
  seconds: number[];
  rssMb: number[];
  /** What the stage printed on each run (counts, inner timings); the table shows the last. */
  said: string[];
}

const TIME = '/usr/bin/time';
const hasTime = existsSync(TIME);
const RUNS = Number(process.env.BENCH_RUNS ?? 3);
const STAGE = path.join(ROOT, 'tests/bench/stage.ts');
const WORK = path.join(os.tmpdir(), 'chronicle-bench');
const GROUPS = ['build', 'watch', 'tests', 'registers'] as const;
/** Register sizes (rows of figures.csv); BENCH_SIZES=10000,100000 for a quick look (the 10^6 targets then go unmeasured). */
const SIZES = (process.env.BENCH_SIZES ?? '10000,100000,1000000').split(',').map(Number);
const asked = process.argv.slice(2);
for (const g of asked) if (!GROUPS.includes(g as (typeof GROUPS)[number])) throw new Error(`expected a group of ${GROUPS.join(', ')}, got "${g}"`);
const wanted = (group: (typeof GROUPS)[number]) => asked.length === 0 || asked.includes(group);

const results: Measure[] = [];
const targets: { target: string; measured: string; holds: boolean }[] = [];
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const npm = (script: string, ...args: string[]) => ['npm', 'run', '-s', script, ...(args.length ? ['--', ...args] : [])];
const tsx = (...args: string[]) => [process.execPath, '--import', 'tsx', STAGE, ...args];
const s = (x: number) => `${x.toFixed(2)} s`;

function once(command: string[]): { seconds: number; rssMb: number; said: string } {
  const started = performance.now();
  const args = hasTime ? ['-f', '%M', ...command] : command.slice(1);
  const run = spawnSync(hasTime ? TIME : command[0]!, args, { cwd: ROOT, encoding: 'utf8', maxBuffer: 256 << 20 });
  const seconds = (performance.now() - started) / 1000;
  if (run.status !== 0) throw new Error(`${command.join(' ')} failed:\n${run.stdout}\n${run.stderr}`);
  const rss = hasTime ? Number(run.stderr.trim().split('\n').at(-1)) / 1024 : NaN;
  return { seconds, rssMb: rss, said: command[0] === 'npm' ? '' : run.stdout.trim() };
}

interface Job {
  label: string;
  command: string[];
  /** Run before each measured run, untimed (e.g. forget the last build). */
  before?: () => Promise<void>;
}

/** Runs the jobs round by round (each job once per round), so that they share the machine's moods alike. */
async function rounds(jobs: Job[], runs = RUNS): Promise<Measure[]> {
  const ms = jobs.map((j): Measure => ({ label: j.label, seconds: [], rssMb: [], said: [] }));
  for (let r = 0; r < runs; r++) {
    for (const [i, job] of jobs.entries()) {
      await job.before?.();
      const m = once(job.command);
      ms[i]!.seconds.push(m.seconds);
      ms[i]!.rssMb.push(m.rssMb);
      ms[i]!.said.push(m.said);
    }
  }
  for (const m of ms) process.stderr.write(`${m.label}: ${median(m.seconds).toFixed(2)} s\n`);
  results.push(...ms);
  return ms;
}

/** A copy of the project (sources, schemas, templates, code, lock file) to build with --root. */
async function projectCopy(name: string): Promise<string> {
  const dir = path.join(WORK, name);
  await rm(dir, { recursive: true, force: true });
  await mkdir(dir, { recursive: true });
  for (const d of ['schemas', 'sources', 'templates', 'pipeline']) await cp(path.join(ROOT, d), path.join(dir, d), { recursive: true });
  await cp(path.join(ROOT, 'package-lock.json'), path.join(dir, 'package-lock.json'));
  return dir;
}

/**
 * The two kinds of summary an editor corrects: one the chronology, its handouts and the report print
 * (the summary of the claim an event is published from: most edits), and one only the data tables
 * hold (another claim of an event with several), which changes no PDF.
 */
type SummaryKind = 'printed' | 'data only';

/**
 * Edits one event's summary of each kind: each call changes that summary, or changes it back (each an
 * edit since the last build), and leaves the other as it stands; `bad` makes the printed one a
 * spreadsheet formula instead (text/formula, an error).
 */
async function summaryEditor(dir: string): Promise<(kind: SummaryKind, bad?: boolean) => Promise<void>> {
  const file = path.join(dir, 'sources/events.csv');
  const text = await readFile(file, 'utf8');
  const rows = parse(text, { columns: true, bom: true }) as Record<string, string>[];
  // What the shipped chronology prints (dist/ is the build of these sources); a summary with no character HTML escapes reads there as in the file.
  const printed = await readFile(path.join(ROOT, 'dist/chronology.html'), 'utf8');
  const summary = (kind: SummaryKind): string => {
    // An event of one territory, whose summary is written out in the file as it reads.
    const row = rows.find((r, i) => i > rows.length / 2 && !r.territories!.includes(';') && text.split(r.summary!).length === 2 && !/[&<>"']/.test(r.summary!) && printed.includes(r.summary!) === (kind === 'printed'));
    if (!row) throw new Error(`no event summary of the kind "${kind}" to edit`);
    return row.summary!;
  };
  const summaries: Record<SummaryKind, string> = { printed: summary('printed'), 'data only': summary('data only') };
  const edited: Record<SummaryKind, boolean> = { printed: false, 'data only': false };
  const now = (k: SummaryKind) => (edited[k] ? `${summaries[k].replace(/\.$/, '')} (edited).` : summaries[k]);
  return async (kind, bad = false) => {
    if (!bad) edited[kind] = !edited[kind];
    let next = text;
    for (const k of ['printed', 'data only'] as const) next = next.replace(summaries[k], bad && k === kind ? `=${now(k)}` : now(k));
    await writeFile(file, next);
  };
}

async function benchBuilds(): Promise<Measure> {
  const cold = await projectCopy('cold');
  const edit = await projectCopy('edit');
  once(npm('build', '--root', cold));
  once(npm('build', '--root', edit));
  const toggle = await summaryEditor(edit);
  const [floor, c, w, e, d] = await rounds([
    { label: 'floor: npm run + tsx on an empty file', command: npm('bench:floor') },
    { label: 'npm run validate (shipped sources)', command: npm('validate') },
    { label: 'npm run build, cold (no .build/: no last build, no PDF cache)', command: npm('build', '--root', cold), before: () => rm(path.join(cold, '.build'), { recursive: true, force: true }) },
    { label: 'npm run build, nothing changed', command: npm('build', '--root', cold) },
    { label: 'one printed event summary edited (chronology, handout, report), then npm run build', command: npm('build', '--root', edit), before: () => toggle('printed') },
    { label: 'one event summary the data tables alone hold edited, then npm run build', command: npm('build', '--root', edit), before: () => toggle('data only') },
  ]).then((ms) => [ms[0]!, ms[2]!, ms[3]!, ms[4]!, ms[5]!]);
  const above = (m: Measure) => median(m.seconds) - median(floor!.seconds);
  const margin = (label: string, m: Measure, limit: number) => targets.push({ target: `${label}: at most ${limit.toFixed(2)} s above the floor`, measured: `${s(above(m))} above (${s(median(m.seconds))} against ${s(median(floor!.seconds))})`, holds: above(m) <= limit });
  margin('build, cold', c!, 3.0);
  margin('build, nothing changed', w!, 0.25);
  margin('one printed summary edited, then build', e!, 2.0);
  margin('one summary the data alone holds edited, then build', d!, 2.0);
  return floor!;
}

/** Watch mode on the shipped record: from a save to the diagnostic printed (a bad save), and to dist/ swapped in (a good one). */
async function benchWatch(): Promise<void> {
  const dir = await projectCopy('watch');
  const edit = await summaryEditor(dir);
  // The CLI itself rather than through npm, which does not pass on a signal that does not come from a terminal: Ctrl-C must reach it.
  const child = spawn(process.execPath, [path.join(ROOT, 'pipeline/launch.mjs'), 'watch', '--root', dir], { cwd: ROOT, stdio: ['ignore', 'pipe', 'inherit'] });
  const exited = new Promise((resolve) => child.on('exit', resolve));
  let out = '';
  child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
  const seen = async (pattern: RegExp, from: number): Promise<[number, number]> => {
    for (;;) {
      const m = pattern.exec(out.slice(from));
      if (m) return [performance.now(), from + m.index + m[0].length];
      if (child.exitCode !== null) throw new Error(`npm run watch exited:\n${out}`);
      await new Promise((r) => setTimeout(r, 5));
    }
  };
  const diagnostic: Measure = { label: 'watch: a bad save, until its diagnostic is printed', seconds: [], rssMb: [], said: [] };
  const updated: Record<SummaryKind, Measure> = {
    printed: { label: 'watch: one printed event summary edited, until dist/ is swapped in', seconds: [], rssMb: [], said: [] },
    'data only': { label: 'watch: one event summary the data tables alone hold edited, until dist/ is swapped in', seconds: [], rssMb: [], said: [] },
  };
  try {
    let [, at] = await seen(/watching/, 0);
    for (let r = 0; r < RUNS; r++) {
      let saved = performance.now();
      await edit('printed', true);
      let seenAt: number;
      [seenAt, at] = await seen(/error {2}text\/formula/, at);
      diagnostic.seconds.push((seenAt - saved) / 1000);
      [, at] = await seen(/watching/, at);
      for (const kind of ['printed', 'data only'] as const) {
        saved = performance.now();
        await edit(kind);
        [seenAt, at] = await seen(/built in [\d.]+ s; watching/, at);
        updated[kind].seconds.push((seenAt - saved) / 1000);
      }
    }
  } finally {
    child.kill('SIGINT');
    await exited;
  }
  const measures = [diagnostic, updated.printed, updated['data only']];
  for (const m of measures) {
    m.rssMb = m.seconds.map(() => NaN);
    process.stderr.write(`${m.label}: ${median(m.seconds).toFixed(2)} s\n`);
  }
  results.push(...measures);
  targets.push({ target: 'watch: diagnostic printed at most 0.5 s after the save', measured: s(median(diagnostic.seconds)), holds: median(diagnostic.seconds) <= 0.5 });
  for (const [kind, m] of Object.entries(updated)) targets.push({ target: `watch: dist/ updated at most 1.0 s after the save (${kind === 'printed' ? 'a printed summary' : 'a summary the data alone holds'})`, measured: s(median(m.seconds)), holds: median(m.seconds) <= 1.0 });
}

async function benchTests(): Promise<void> {
  // Once: the suite is long, and its own figure is what the target bounds.
  const started = performance.now();
  const run = spawnSync('npm', ['test'], { cwd: ROOT, env: { ...process.env, CI: 'true' }, encoding: 'utf8', maxBuffer: 256 << 20 });
  const seconds = (performance.now() - started) / 1000;
  results.push({ label: `CI=true npm test (exit ${run.status})`, seconds: [seconds], rssMb: [NaN], said: [] });
  targets.push({ target: 'npm test (CI=true) under 120 s wall', measured: `${s(seconds)}${run.status === 0 ? '' : `, exit ${run.status}`}`, holds: seconds < 120 && run.status === 0 });
}

async function benchRegisters(): Promise<void> {
  const at: Record<number, { parse: Measure; validate: Measure; emit: Measure; reconcile: Measure }> = {};
  for (const rows of SIZES) {
    const dir = await syntheticProject(rows);
    const file = path.join(dir, 'sources/figures.csv');
    const n = rows.toLocaleString('en-US');
    const [, parse, validate, emit, reconcile] = await rounds([
      { label: `${n} rows: read the bytes (floor)`, command: tsx('read', file) },
      { label: `${n} rows: csv-parse alone (floor)`, command: tsx('parse', file) },
      { label: `${n} rows: validate`, command: tsx('validate', dir) },
      { label: `${n} rows: emit CSV and JSON`, command: tsx('emit', dir, path.join(WORK, `out-${rows}`)) },
      { label: `${n} rows: validate and reconcile`, command: tsx('reconcile', dir) },
    ]);
    at[rows] = { parse: parse!, validate: validate!, emit: emit!, reconcile: reconcile! };
    await rm(path.join(WORK, `out-${rows}`), { recursive: true, force: true });
  }
  const big = at[1_000_000];
  if (!big || !at[100_000]) return;
  const ratio = (m: Measure) => median(m.seconds) / median(big.parse.seconds);
  targets.push({ target: '10^6 rows: validate within 1.3x csv-parse', measured: `${ratio(big.validate).toFixed(2)}x (${s(median(big.validate.seconds))} against ${s(median(big.parse.seconds))})`, holds: ratio(big.validate) <= 1.3 });
  targets.push({ target: '10^6 rows: emit CSV and JSON within 2x csv-parse', measured: `${ratio(big.emit).toFixed(2)}x (${s(median(big.emit.seconds))} against ${s(median(big.parse.seconds))})`, holds: ratio(big.emit) <= 2 });
  // Reconciliation's own time, as the stage measured it inside the process (validation excluded): the median over the runs, as for wall times.
  const alone = (m: Measure) => median(m.said.map((said) => Number(/reconcile alone (\d+) ms/.exec(said)?.[1])));
  const growth = alone(big.reconcile) / alone(at[100_000]!.reconcile);
  targets.push({ target: 'reconciliation linear: 10^6 claims within 12x the time of 10^5', measured: `${growth.toFixed(1)}x (medians ${alone(at[100_000]!.reconcile)} ms, then ${alone(big.reconcile)} ms)`, holds: growth <= 12 });
  const peaks = { validate: big.validate, emit: big.emit, reconcile: big.reconcile };
  const peak = Math.max(...Object.values(peaks).map((m) => median(m.rssMb)));
  targets.push({
    target: '10^6 rows: peak RSS under 300 MB (memory flat)',
    measured: hasTime ? Object.entries(peaks).map(([k, m]) => `${k} ${median(m.rssMb).toFixed(0)} MB`).join(', ') : 'n/a (no /usr/bin/time)',
    holds: hasTime && peak < 300,
  });
}

const load = () => os.loadavg().map((l) => l.toFixed(2)).join(' ');
const loadBefore = load();
await mkdir(WORK, { recursive: true });
try {
  if (wanted('build')) await benchBuilds();
  if (wanted('watch')) await benchWatch();
  if (wanted('tests')) await benchTests();
  if (wanted('registers')) await benchRegisters();
} finally {
  await rm(WORK, { recursive: true, force: true });
}

const fmt = (xs: number[], digits: number) => (xs.some(Number.isNaN) ? 'n/a' : `${median(xs).toFixed(digits)} (${Math.min(...xs).toFixed(digits)}–${Math.max(...xs).toFixed(digits)})`);
const lines = [
  `Machine: ${os.cpus().length} × ${os.cpus()[0]?.model.trim()}, ${(os.totalmem() / 2 ** 30).toFixed(0)} GiB, Node ${process.version}; ${RUNS} runs each, round by round; median (min–max).`,
  `Load average (1, 5, 15 min): ${loadBefore} at the start, ${load()} at the end; other work on the machine slows the absolute figures, the ratios to a floor of the same run much less.`,
  '',
  '| what | wall s | peak RSS MB | the stage said |',
  '|---|---|---|---|',
  ...results.map((m) => `| ${m.label} | ${fmt(m.seconds, 2)} | ${hasTime ? fmt(m.rssMb, 0) : 'n/a (no /usr/bin/time)'} | ${m.said.at(-1) ?? ''} |`),
  '',
  '| target | measured | holds? |',
  '|---|---|---|',
  ...targets.map((t) => `| ${t.target} | ${t.measured} | ${t.holds ? 'yes' : 'NO'} |`),
];
process.stdout.write(`${lines.join('\n')}\n`);
if (!hasTime) process.stderr.write('Peak RSS needs GNU time: apt-get install time\n');
