/**
 * Work run beside the build on the machine's second core: a named export of one of the
 * pipeline's modules, run on a worker thread (one per lane) kept for the life of the process
 * (watch mode pays its start and module loading once). A build is otherwise one thread's work;
 * the workbook (ExcelJS) is its largest piece that needs nothing but the published tables, so it
 * is made here while the main thread writes the rest, and so is the second half of a large
 * table (emit/stream-table.ts). Arguments go by structured clone, and bytes come back by
 * transfer. The same code runs either way, so the bytes are the same.
 */
import { Worker } from 'node:worker_threads';

interface Waiting {
  resolve: (value: unknown) => void;
  reject: (error: Error) => void;
}

/** A worker thread and the calls waiting on it. */
interface Lane {
  worker: Worker;
  waiting: Map<number, Waiting>;
}

const lanes = new Map<string, Lane>();
let nextId = 0;

/** Every call waiting on a worker that stopped fails with why; the next call starts a new worker. */
function stopped(name: string, lane: Lane, error: Error): void {
  if (lanes.get(name) !== lane) return;
  lanes.delete(name);
  for (const call of lane.waiting.values()) call.reject(error);
  lane.waiting.clear();
}

function started(name: string): Lane {
  const running = lanes.get(name);
  if (running) return running;
  const lane: Lane = { worker: new Worker(new URL('./off-thread-worker.mjs', import.meta.url)), waiting: new Map() };
  const { worker: w, waiting } = lane;
  w.on('message', ({ id, value, error }: { id: number; value?: unknown; error?: { message: string; stack: string } }) => {
    const call = waiting.get(id);
    waiting.delete(id);
    // An idle worker does not keep the process alive.
    if (waiting.size === 0) w.unref();
    if (!call) return;
    if (error) call.reject(Object.assign(new Error(error.message), { stack: error.stack }));
    else call.resolve(value);
  });
  w.on('error', (error) => stopped(name, lane, error));
  w.on('exit', (code) => stopped(name, lane, new Error(`the worker thread stopped (exit code ${code})`)));
  lanes.set(name, lane);
  return lane;
}

/**
 * `module`'s export `name` called with `args` on a worker thread (`module` a file URL, as
 * import.meta.url gives). Calls in one lane share its thread, in turn; a lane of its own keeps
 * work that streams (the second half of a large table) from waiting behind a long synchronous
 * call (the workbook).
 */
export function offThread<T>(module: string, name: string, args: unknown[], lane = 'main'): Promise<T> {
  const { worker: w, waiting } = started(lane);
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
