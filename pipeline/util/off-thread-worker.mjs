// The worker behind off-thread.ts: loads the TypeScript module it is asked for, runs the named
// export and posts back its value, or the error it threw. A worker thread does not inherit the
// main thread's loader hooks on Node 20, so the module is loaded from a bundle of it that the
// launcher makes and keeps as it does the command line's (launch.mjs): 20 to 30 ms, where tsx's
// tsImport took 280 to 390 ms of the thread's start, on the core the build's checks run on
// beside it. Through tsImport, as before, if the bundle cannot be made. Plain JavaScript,
// because it is what makes TypeScript loadable here.
import { fileURLToPath, pathToFileURL } from 'node:url';
import { parentPort } from 'node:worker_threads';
import { bundle } from '../launch.mjs';

async function load(module) {
  try {
    return await import(pathToFileURL(await bundle(undefined, fileURLToPath(module))).href);
  } catch {
    const { tsImport } = await import('tsx/esm/api');
    return tsImport(module, import.meta.url);
  }
}

const modules = new Map();

parentPort.on('message', async ({ id, module, name, args }) => {
  try {
    if (!modules.has(module)) modules.set(module, load(module));
    const value = await (await modules.get(module))[name](...args);
    // Bytes are handed over, not copied.
    parentPort.postMessage({ id, value }, value instanceof Uint8Array && value.byteLength === value.buffer.byteLength ? [value.buffer] : []);
  } catch (error) {
    parentPort.postMessage({ id, error: { message: String(error?.message ?? error), stack: String(error?.stack ?? '') } });
  }
});
