/**
 * `npm run release -- [VERSION] [--date YYYY-MM-DD] [--root DIR]`: records a release of the data.
 * It checks the record, works out the version step the changes since the last release need
 * (semantic versioning for data), writes what the release contains to
 * sources/releases/<version>.json, and sets the version and release day in sources/dataset.json.
 * Without VERSION it takes the next version of that step; a VERSION below it is refused.
 */
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { DATASET_FILE } from '../dataset.js';
import { describeChain } from '../errors.js';
import { diffSnapshots, nextVersion } from './changelog.js';
import { compareVersions, loadReleases, RELEASES_DIR, snapshot } from './snapshot.js';

const USAGE = 'usage: npm run release -- [VERSION] [--date YYYY-MM-DD] [--root DIR]';

export async function release(argv: string[], today = new Date()): Promise<number> {
  let values, positionals;
  try {
    ({ values, positionals } = parseArgs({ args: argv, allowPositionals: true, options: { date: { type: 'string' }, root: { type: 'string' }, help: { type: 'boolean', short: 'h' } } }));
  } catch (error) {
    process.stderr.write(`${(error as Error).message}\n${USAGE}\n`);
    return 2;
  }
  if (values.help) {
    process.stdout.write(`${USAGE}\n`);
    return 0;
  }
  const [asked, ...rest] = positionals;
  const date = values.date ?? today.toISOString().slice(0, 10);
  const problems = [
    rest.length ? `expected one version, got also "${rest.join(' ')}"` : '',
    asked !== undefined && !/^\d+\.\d+\.\d+$/.test(asked) ? `expected a version such as 1.2.0, got "${asked}"` : '',
    !/^\d{4}-\d{2}-\d{2}$/.test(date) ? `expected --date as YYYY-MM-DD, got "${date}"` : '',
    values.root === '' ? 'expected --root to name a folder, got an empty string' : '',
  ].filter(Boolean);
  if (problems.length) {
    process.stderr.write(`${problems.join('\n')}\n${USAGE}\n`);
    return 2;
  }
  const root = path.resolve(values.root ?? path.join(path.dirname(fileURLToPath(import.meta.url)), '../..'));
  try {
    const [{ runPipeline }, { publishedTables }] = await Promise.all([import('../build.js'), import('../emit/published-tables.js')]);
    const result = await runPipeline(root, { write: false });
    if (!result.reconciled || !result.record || !result.tables || !result.meta || !result.settings) {
      process.stderr.write('The record has errors (run npm run validate): no release was recorded.\n');
      return 1;
    }
    const published = publishedTables(result.tables, result.record, result.reconciled, result.settings);
    const releases = await loadReleases(root);
    const latest = releases.at(-1);
    const current = snapshot(result.meta.version, date, published);
    const bump = latest ? diffSnapshots(latest, current).bump : 'none';
    const needed = latest ? nextVersion(latest.version, bump === 'none' ? 'patch' : bump) : result.meta.version;
    const version = asked ?? needed;
    if (latest && compareVersions(version, latest.version) <= 0) {
      process.stderr.write(`expected a version above the last release ${latest.version}, got ${version}\n`);
      return 1;
    }
    if (latest && compareVersions(version, needed) < 0) {
      process.stderr.write(`expected at least ${needed}: the changes since ${latest.version} are a ${bump} change, got ${version}\n`);
      return 1;
    }
    await mkdir(path.join(root, RELEASES_DIR), { recursive: true });
    await writeFile(path.join(root, RELEASES_DIR, `${version}.json`), `${JSON.stringify({ ...current, version, released: date })}\n`);
    const datasetPath = path.join(root, DATASET_FILE);
    const dataset = await readFile(datasetPath, 'utf8');
    await writeFile(datasetPath, dataset.replace(/("version":\s*)"[^"]*"/, `$1"${version}"`).replace(/("released":\s*)"[^"]*"/, `$1"${date}"`));
    process.stdout.write(`Recorded release ${version} (${date}) in ${RELEASES_DIR}/${version}.json${latest ? `: a ${bump} change since ${latest.version}` : ''}. Run npm run build and commit sources/ and dist/.\n`);
    return 0;
  } catch (error) {
    process.stderr.write(`internal error: ${describeChain(error)}\n`);
    return 2;
  }
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  process.exitCode = await release(process.argv.slice(2));
}
