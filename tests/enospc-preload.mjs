/**
 * Preloaded (NODE_OPTIONS=--import) by tests/cache.test.ts: every write into a pdf-cache
 * directory stops half-way with ENOSPC, as on a full disk, leaving the partial file behind.
 */
import fs from 'node:fs';
import { syncBuiltinESMExports } from 'node:module';
import path from 'node:path';

const original = fs.promises.writeFile;
fs.promises.writeFile = async (file, data, options) => {
  if (String(file).includes(`${path.sep}pdf-cache${path.sep}`) && Buffer.isBuffer(data)) {
    await original(file, data.subarray(0, data.length >> 1), options);
    throw Object.assign(new Error(`ENOSPC: no space left on device, write '${file}'`), { code: 'ENOSPC', errno: -28 });
  }
  return original(file, data, options);
};
syncBuiltinESMExports();
