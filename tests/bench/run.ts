/**
 * npm run bench: whole-process wall time and peak RSS for the pipeline's commands and stages,
 * each beside its floor, as the median of several runs with min and max. Prints a markdown
 * table for README.md. Synthetic registers are made under the system temporary folder.
 * Peak RSS comes from GNU time (/usr/bin/time, Debian package "time").
 */
import { spawnSync } from 'node:child_process';
import { existsSync, rmSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { ROOT } from '../helpers.js';
import { syntheticProject } from './synthetic.js';

interface Measure {
  label: string;
  seconds: number[];
  rssMb: number[];
  /** What the stage printed on its last run (counts, inner timings). */
  said: string;
}

const TIME = '/usr/bin/time';
const hasTime = existsSync(TIME);
const RUNS = Number(process.env.BENCH_RUNS ?? 3);
const STAGE = path.join(ROOT, 'tests/bench/stage.ts');
const results: Measure[] = [];

function once(command: string[], before?: () => void): { seconds: number; rssMb: number; said: string } {
  before?.();
  const started = performance.now();
  const args = hasTime ? ['-f', '%M', ...command] : command.slice(1);
  const run = spawnSync(hasTime ? TIME : command[0]!, args, { cwd: ROOT, encoding: 'utf8', maxBuffer: 256 << 20 });
  const seconds = (performance.now() - started) / 1000;
  if (run.status !== 0) throw new Error(`${command.join(' ')} failed:\n${run.stderr}`);
  const rss = hasTime ? Number(run.stderr.trim().split('\n').at(-1)) / 1024 : NaN;
  return { seconds, rssMb: rss, said: command[0] === 'npm' ? '' : run.stdout.trim() };
}

function measure(label: string, command: string[], before?: () => void, runs = RUNS): Measure {
  const m: Measure = { label, seconds: [], rssMb: [], said: '' };
  for (let i = 0; i < runs; i++) {
    const r = once(command, before);
    m.seconds.push(r.seconds);
    m.rssMb.push(r.rssMb);
    m.said = r.said;
  }
  results.push(m);
  process.stderr.write(`${label}: ${median(m.seconds).toFixed(2)} s\n`);
  return m;
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const npm = (script: string) => ['npm', 'run', '-s', script];
const tsx = (...args: string[]) => [process.execPath, '--import', 'tsx', STAGE, ...args];

// Shipped sources: the floor, validate, build cold (no cache of the last build) and warm (nothing changed).
const floor = measure('floor: npm run + tsx on an empty file', npm('bench:floor'));
measure('npm run validate (shipped sources)', npm('validate'));
// Cold: no record of the last build and no rendered PDFs to reuse.
const forgetBuilds = () => rmSync(path.join(ROOT, '.build'), { recursive: true, force: true });
const cold = measure('npm run build, cold (shipped sources)', npm('build'), forgetBuilds);
const warm = measure('npm run build, nothing changed', npm('build'));
measure('report.pdf of the shipped record (process: validate, reconcile, report)', tsx('report', ROOT, path.join(os.tmpdir(), 'chronicle-bench', 'report')));

const ratios: string[] = [];
for (const rows of [10_000, 100_000, 1_000_000]) {
  const dir = await syntheticProject(rows);
  const file = path.join(dir, 'sources/figures.csv');
  const n = rows.toLocaleString('en-US');
  measure(`${n} rows: read the bytes (floor)`, tsx('read', file));
  const parse = measure(`${n} rows: csv-parse alone (floor)`, tsx('parse', file));
  const validate = measure(`${n} rows: validate`, tsx('validate', dir));
  const emit = measure(`${n} rows: emit CSV and JSON`, tsx('emit', dir, path.join(os.tmpdir(), 'chronicle-bench', `out-${rows}`)));
  if (rows <= 100_000) measure(`${n} rows: validate and reconcile`, tsx('reconcile', dir));
  const perSecond = (m: Measure) => Math.round(rows / median(m.seconds)).toLocaleString('en-US');
  ratios.push(`${n} rows: validate ${perSecond(validate)} rows/s, ${(median(validate.seconds) / median(parse.seconds)).toFixed(2)}x csv-parse; emit ${perSecond(emit)} rows/s, ${(median(emit.seconds) / median(parse.seconds)).toFixed(2)}x csv-parse, peak RSS validate ${median(validate.rssMb).toFixed(0)} MB, emit ${median(emit.rssMb).toFixed(0)} MB`);
}
await rm(path.join(os.tmpdir(), 'chronicle-bench'), { recursive: true, force: true });

const fmt = (xs: number[], digits: number) => `${median(xs).toFixed(digits)} (${Math.min(...xs).toFixed(digits)}–${Math.max(...xs).toFixed(digits)})`;
const lines = [
  `Machine: ${os.cpus().length} × ${os.cpus()[0]?.model.trim()}, ${(os.totalmem() / 2 ** 30).toFixed(0)} GiB, Node ${process.version}; ${RUNS} runs each; median (min–max).`,
  '',
  '| what | wall s | peak RSS MB | the stage said |',
  '|---|---|---|---|',
  ...results.map((m) => `| ${m.label} | ${fmt(m.seconds, 2)} | ${hasTime ? fmt(m.rssMb, 0) : 'n/a (no /usr/bin/time)'} | ${m.said} |`),
  '',
  `Build above the floor: cold ${(median(cold.seconds) - median(floor.seconds)).toFixed(2)} s, nothing changed ${(median(warm.seconds) - median(floor.seconds)).toFixed(2)} s.`,
  ...ratios,
];
process.stdout.write(`${lines.join('\n')}\n`);
if (!hasTime) process.stderr.write('Peak RSS needs GNU time: apt-get install time\n');
