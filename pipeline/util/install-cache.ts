/**
 * Where results that depend only on the code and the installed packages are kept between
 * processes: the package manager's cache folder (node_modules/.cache), which `npm ci` empties (an
 * `npm install` may not: every key holds the versions of the packages its result depends on).
 * Only time is at stake: each user of it falls back to working the result out.
 */
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';

const require = createRequire(import.meta.url);

/** The folder `name` under node_modules/.cache/occupation-chronicle (found from where ajv is installed). */
export const installCache = (name: string): string =>
  path.join(path.dirname(path.dirname(require.resolve('ajv/package.json'))), '.cache', 'occupation-chronicle', name);

/**
 * The version of an installed package (as the package `from` loads it, when given), read from the
 * nearest package.json of that name above its entry: a package may not export its package.json,
 * and a linked one lies outside node_modules. 'unknown' when none is found, so that a command
 * never fails for the sake of a cache key.
 */
export function packageVersion(name: string, from?: string): string {
  try {
    const resolve = from ? createRequire(require.resolve(from)).resolve : require.resolve;
    for (let dir = path.dirname(resolve(name)); dir !== path.dirname(dir); dir = path.dirname(dir)) {
      const manifest = path.join(dir, 'package.json');
      if (!existsSync(manifest)) continue;
      const { name: found, version } = JSON.parse(readFileSync(manifest, 'utf8')) as { name?: string; version?: string };
      if (found === name && version) return version;
    }
  } catch {
    // Not resolvable from here: the key goes without it.
  }
  return 'unknown';
}
