// The worker behind off-thread.ts: loads the TypeScript module it is asked for through tsx's
// tsImport (a worker thread does not inherit the main thread's loader hooks on Node 20), runs
// the named export and posts back its value, or the error it threw. Plain JavaScript, because
// it is what makes TypeScript loadable here.
import { parentPort } from 'node:worker_threads';
import { tsImport } from 'tsx/esm/api';

const modules = new Map();

parentPort.on('message', async ({ id, module, name, args }) => {
  try {
    if (!modules.has(module)) modules.set(module, tsImport(module, import.meta.url));
    const value = await (await modules.get(module))[name](...args);
    // Bytes are handed over, not copied.
    parentPort.postMessage({ id, value }, value instanceof Uint8Array && value.byteLength === value.buffer.byteLength ? [value.buffer] : []);
  } catch (error) {
    parentPort.postMessage({ id, error: { message: String(error?.message ?? error), stack: String(error?.stack ?? '') } });
  }
});
