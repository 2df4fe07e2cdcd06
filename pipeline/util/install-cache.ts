/**
 * Where results that depend only on the code and the installed packages are kept between
 * processes: the package manager's cache folder (node_modules/.cache), which every install empties.
 * Only time is at stake: each user of it falls back to working the result out.
 */
import { createRequire } from 'node:module';
import path from 'node:path';

const require = createRequire(import.meta.url);

/** The folder `name` under node_modules/.cache/occupation-chronicle (found from where ajv is installed). */
export const installCache = (name: string): string =>
  path.join(path.dirname(path.dirname(require.resolve('ajv/package.json'))), '.cache', 'occupation-chronicle', name);

/** The version of an installed package, read from its package.json (beside its entry, for a package that does not export it). */
export function packageVersion(name: string): string {
  const entry = require.resolve(name);
  const root = entry.slice(0, entry.lastIndexOf(`${path.sep}node_modules${path.sep}${name}${path.sep}`) + `${path.sep}node_modules${path.sep}${name}`.length);
  return (require(path.join(root, 'package.json')) as { version: string }).version;
}
