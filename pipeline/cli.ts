/**
 * The command line: `build` and `validate`. Options are normalised once, here; diagnostics
 * become an exit code only here: 0 clean, 1 data errors (or warnings under --strict),
 * 2 usage or internal error.
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { hashInputs, recordBuild, upToDate } from './cache.js';
import type { Diagnostic } from './diagnostics.js';
import { describeChain, onProgress } from './errors.js';
import { cap, FORMATS, REPORTERS, type Format } from './report/diagnostics.js';
import { formatSummary, isOpen } from './report/findings-summary.js';
import { showInvisible } from './util/visible.js';

const COMMANDS = ['build', 'validate', 'watch'] as const;
type Command = (typeof COMMANDS)[number];

export interface Options {
  command: Command;
  root: string;
  format: Format;
  strict: boolean;
  maxPerCode: number;
  verbose: boolean;
}

export const USAGE = `usage: node pipeline/launch.mjs <build|validate|watch> [options]   (npm run build -- [options], npm run validate -- [options], npm run watch)

  build                  check the sources, reconcile them and write dist/
  validate               every check, writes nothing
  watch                  build, then again on each save in sources/, schemas/ or templates/ (Ctrl-C stops)

  --strict               fail on warnings, and on findings that have no final ruling
  --format FORMAT        text (default), json or github (workflow annotations)
  --max-per-code N       problems printed per code (default 20; 0 for all)
  --root DIR             another project folder, holding schemas/ and sources/
  -v, --verbose          list every change to the published record, not only a count
  -h, --help             print this help and exit

Exit codes: 0 clean, 1 problems in the data, 2 a usage or internal error.`;

class UsageError extends Error {}

/** What the command line asks for: a run, or the help text. */
export function parseOptions(argv: string[]): Options | 'help' {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      allowPositionals: true,
      options: {
        strict: { type: 'boolean', default: false },
        format: { type: 'string', default: 'text' },
        'max-per-code': { type: 'string', default: '20' },
        root: { type: 'string' },
        help: { type: 'boolean', short: 'h', default: false },
        verbose: { type: 'boolean', short: 'v', default: false },
      },
    });
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
  if (parsed.values.help) return 'help';
  const [command, ...rest] = parsed.positionals;
  if (!COMMANDS.includes(command as Command)) throw new UsageError(`expected a command (build, validate or watch), got ${command === undefined ? 'nothing' : `"${command}"`}`);
  if (rest.length > 0) throw new UsageError(`expected one command, got also "${rest.join(' ')}"`);
  const format = parsed.values.format;
  if (!FORMATS.includes(format as Format)) throw new UsageError(`expected --format text, json or github, got "${format}"`);
  // Digits only: Number('') and Number(' ') are 0, which would silently mean "no limit".
  const maxText = parsed.values['max-per-code'];
  const maxPerCode = /^\d+$/.test(maxText) ? Number(maxText) : NaN;
  if (!Number.isSafeInteger(maxPerCode)) throw new UsageError(`expected --max-per-code to be a whole number (0 for no limit), got "${maxText}"`);
  // An empty --root would resolve to the current folder: a slip, never a choice.
  if (parsed.values.root !== undefined && parsed.values.root.trim() === '') throw new UsageError(`expected --root to name a project folder, got "${parsed.values.root}"`);
  const root = path.resolve(parsed.values.root ?? path.join(path.dirname(fileURLToPath(import.meta.url)), '..'));
  if (!existsSync(path.join(root, 'schemas')) || !existsSync(path.join(root, 'sources'))) throw new UsageError(`expected --root to be a project folder holding schemas/ and sources/, got "${root}"`);
  return { command: command as Command, root, format: format as Format, strict: parsed.values.strict, maxPerCode, verbose: parsed.values.verbose };
}

/**
 * Where a run prints: the process's own streams, or (in the tests) streams that keep what is
 * written, so that a run of the command line can be checked without starting a process.
 */
export interface Io {
  stdout: Pick<NodeJS.WriteStream, 'write'>;
  stderr: Pick<NodeJS.WriteStream, 'write' | 'isTTY' | 'columns'>;
}

const PROCESS_IO: Io = { stdout: process.stdout, stderr: process.stderr };

/** 1 on errors; under --strict also on warnings and on findings without a final ruling. */
const exitCode = (errors: number, warnings: number, openFindings: number, strict: boolean) => (errors > 0 || (strict && (warnings > 0 || openFindings > 0)) ? 1 : 0);

export async function main(argv: string[], io: Io = PROCESS_IO): Promise<number> {
  let options: Options;
  try {
    const parsed = parseOptions(argv);
    if (parsed === 'help') {
      io.stdout.write(`${USAGE}\n`);
      return 0;
    }
    options = parsed;
  } catch (error) {
    io.stderr.write(`${showInvisible((error as Error).message)}\n${USAGE.split('\n')[0]}\nRun with --help for every option.\n`);
    return 2;
  }
  if (options.command === 'watch') {
    const [{ watchProject }, { keepOutputs }] = await Promise.all([import('./watch.js'), import('./output-memo.js')]);
    keepOutputs();
    return watchProject(options.root, { build: () => runOnce({ ...options, command: 'build' }, io), warm: () => warmUp(options.root) }, io.stdout);
  }
  return runOnce(options, io);
}

/** Loads what a build loads on demand and checks the sources once, so that the first save in watch mode is as quick as the next. */
async function warmUp(root: string): Promise<void> {
  const [{ runPipeline }] = await Promise.all([import('./build.js'), import('./report/changes.js'), import('./write-dist.js'), import('./pdf/render.js').then((m) => m.loadPdfmake()), import('vega'), import('vega-lite')]);
  await runPipeline(root, { write: false });
}

/** One build or validation, as `npm run build` or `npm run validate` does it; watch mode runs it again on each save. */
export async function runOnce(options: Options, io: Io = PROCESS_IO): Promise<number> {
  try {
    const write = options.command === 'build';
    const text = options.format === 'text';
    // A rebuild with nothing changed replays the last report without loading the pipeline.
    const inputs = write && text ? await hashInputs(options.root) : undefined;
    const last = inputs ? await upToDate(options.root, inputs) : undefined;
    if (last) {
      io.stdout.write(`${last.output}dist/ is up to date: no input changed since the last build.\n`);
      return exitCode(0, last.warnings, last.openFindings, options.strict);
    }

    // The pipeline (ajv, handlebars, and pdfmake and vega when PDFs are written) loads only when there is work.
    const [{ runPipeline }, { formatChanges, readPublished }] = await Promise.all([import('./build.js'), import('./report/changes.js')]);
    let output = '';
    const print = (s: string) => {
      output += s;
      io.stdout.write(s);
    };
    // On a terminal, say what is being done while a build runs; a pipe or a file gets only the report.
    const live = text && io.stderr.isTTY;
    if (live) onProgress((doing) => io.stderr.write(`\r\x1b[K${doing.slice(0, (io.stderr.columns || 80) - 2)}…`));
    let before: Awaited<ReturnType<typeof readPublished>> | undefined;
    // The problems are printed as soon as the checks are done, before any output is written (watch mode shows them at once).
    const checked = async (diagnostics: Diagnostic[]) => {
      if (live) io.stderr.write('\r\x1b[K');
      const report = REPORTERS[options.format](cap(diagnostics, options.maxPerCode));
      if (report) print(`${report}\n`);
      // What dist/ published before this run, to say what the run changes; read before the new dist/ is swapped in.
      if (text) before = await readPublished(options.root);
    };
    const result = await runPipeline(options.root, { write, checked }).finally(() => {
      if (live) io.stderr.write('\r\x1b[K');
      onProgress(undefined);
    });
    const errors = result.diagnostics.filter((d) => d.severity === 'error').length;
    const warnings = result.diagnostics.length - errors;
    if (!result.reconciled) {
      if (text && write) print('Build stopped: dist/ was left as it was.\n');
      return 1;
    }
    const openFindings = result.reconciled.findings.filter(isOpen).length;
    if (text) print(`${formatSummary(result.reconciled.findings)}\n`);
    const changes = before && result.record ? formatChanges(before, result.reconciled, result.record, options.verbose) : '';
    if (changes) print(`${changes}\n`);
    if (text && result.published) {
      const rows = result.published.reduce((n, t) => n + t.rows.length, 0);
      print(`Built dist/: ${result.published.length} tables (${rows} rows) as CSV and JSON, the workbook, the SQLite database and the zip, datapackage.json, report.pdf, the chronology and its handouts, CHANGELOG.md, SHA256SUMS. Start at dist/index.html.\n`);
    }
    if (inputs && result.written && result.cacheEntries) await recordBuild(options.root, { inputs, output, warnings, openFindings, files: result.written, cacheEntries: result.cacheEntries });
    // Findings never fail a build: sources disagree, and the publication says so. --strict asks for a ruling on each.
    return exitCode(errors, warnings, openFindings, options.strict);
  } catch (error) {
    io.stderr.write(`internal error: ${describeChain(error)}\n`);
    return 2;
  }
}

/** The command line as this process's program: `npm run build` starts it through launch.mjs, `tsx pipeline/cli.ts` directly. */
export async function run(argv: string[]): Promise<void> {
  // A reader that stops early (`npm run validate | head`) closes the pipe: stop printing, without a stack trace.
  process.stdout.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code !== 'EPIPE') throw error;
  });
  process.exitCode = await main(argv);
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) await run(process.argv.slice(2));
