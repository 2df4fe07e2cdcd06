/**
 * Work run beside the build on the machine's second core: a named export of one of the
 * pipeline's modules, run on a worker thread kept for the life of the process (watch mode pays
 * its start and module loading once). A build is otherwise one thread's work; the workbook
 * (ExcelJS) is its largest piece that needs nothing but the published tables, so it is made here
 * while the main thread writes the rest. Arguments go by structured clone, and bytes come back by
 * transfer. The same code runs either way, so the bytes are the same.
 */
import { Worker } from 'node:worker_threads';

interface Waiting {
  resolve: (value: unknown) => void;
  reject: (error: Error) => void;
}

let worker: Worker | undefined;
const waiting = new Map<number, Waiting>();
let nextId = 0;

/** Every call waiting on a worker that stopped fails with why; the next call starts a new worker. */
function stopped(w: Worker, error: Error): void {
  if (worker !== w) return;
  worker = undefined;
  for (const call of waiting.values()) call.reject(error);
  waiting.clear();
}

function started(): Worker {
  if (worker) return worker;
  const w = new Worker(new URL('./off-thread-worker.mjs', import.meta.url));
  w.on('message', ({ id, value, error }: { id: number; value?: unknown; error?: { message: string; stack: string } }) => {
    const call = waiting.get(id);
    waiting.delete(id);
    // An idle worker does not keep the process alive.
    if (waiting.size === 0) w.unref();
    if (!call) return;
    if (error) call.reject(Object.assign(new Error(error.message), { stack: error.stack }));
    else call.resolve(value);
  });
  w.on('error', (error) => stopped(w, error));
  w.on('exit', (code) => stopped(w, new Error(`the worker thread stopped (exit code ${code})`)));
  worker = w;
  return w;
}

/** `module`'s export `name` called with `args` on the worker thread (`module` a file URL, as import.meta.url gives). */
export function offThread<T>(module: string, name: string, args: unknown[]): Promise<T> {
  const w = started();
  const id = nextId++;
  return new Promise<T>((resolve, reject) => {
    try {
      // Throws when an argument cannot be sent (a function, say): then nothing waits on the worker.
      w.postMessage({ id, module, name, args });
    } catch (error) {
      reject(error as Error);
      return;
    }
    waiting.set(id, { resolve: resolve as (value: unknown) => void, reject });
    w.ref();
  });
}
