/** An unexpected failure, wrapped with what was being done, keeping its cause. */
export class PipelineError extends Error {
  constructor(doing: string, cause: unknown) {
    super(doing, { cause });
    this.name = 'PipelineError';
  }
}

/** Told what each step is doing as it starts: the command line shows it as progress on a terminal. */
let progress: ((doing: string) => void) | undefined;
export const onProgress = (listener: ((doing: string) => void) | undefined) => {
  progress = listener;
};

/** Runs `work`, wrapping any exception with what it was doing; CHRONICLE_TIMINGS=1 prints how long it took, and when it ended (since the process started). */
export async function step<T>(doing: string, work: () => Promise<T> | T): Promise<T> {
  const started = performance.now();
  progress?.(doing);
  try {
    return await work();
  } catch (error) {
    throw new PipelineError(doing, error);
  } finally {
    if (process.env.CHRONICLE_TIMINGS) process.stderr.write(`${(performance.now() - started).toFixed(0).padStart(6)} ms  ${doing}  (at ${performance.now().toFixed(0)} ms)\n`);
  }
}

/** "building dist/data\n  caused by: writing figures.csv\n  caused by: ENOSPC ..." */
export function describeChain(error: unknown): string {
  const lines: string[] = [];
  let current: unknown = error;
  for (let depth = 0; current !== undefined && depth < 10; depth++) {
    const message = current instanceof Error ? current.message : String(current);
    lines.push(depth === 0 ? message : `  caused by: ${message}`);
    current = current instanceof Error ? current.cause : undefined;
  }
  return lines.join('\n');
}
