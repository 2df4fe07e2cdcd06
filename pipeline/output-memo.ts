/**
 * The bytes of the costly outputs (workbook, database, zip) by a hash of everything they are made
 * from, kept for the life of a warm process (watch mode), which makes again only the outputs
 * whose inputs changed. Each maker must be a function of the inputs it is keyed by, and nothing
 * else; one entry per output is kept, the last.
 */
import { createHash } from 'node:crypto';

/** Values that JSON would make alike (undefined and null, a Date and its ISO string, NaN and null) hash apart. */
function distinct(this: Record<string, unknown>, key: string, value: unknown): unknown {
  const raw = this[key];
  if (raw === undefined) return '\0undefined';
  if (raw instanceof Date) return `\0date ${raw.toISOString()}`;
  if (typeof raw === 'number' && (!Number.isFinite(raw) || Object.is(raw, -0))) return `\0number ${Object.is(raw, -0) ? '-0' : raw}`;
  if (typeof raw === 'bigint') return `\0bigint ${raw}`;
  return value;
}

/** A hash of the inputs: bytes as they are, anything else as JSON. */
export function inputsKey(inputs: unknown[]): string {
  const hash = createHash('sha256');
  for (const input of inputs) {
    if (input instanceof Uint8Array) hash.update(`\0bytes ${input.length}\0`).update(input);
    else hash.update(`\0json\0${JSON.stringify(input, distinct)}`);
  }
  return hash.digest('hex');
}

const last = new Map<string, { key: string; bytes: Uint8Array }>();

/**
 * Outputs are kept only in a process that builds again (watch mode): a single build would pay
 * for the keys (JSON of every published table, hashed: about 0.15 s each for the workbook and the
 * database) and never use them.
 */
let keeping = false;

/** Keep outputs from now on (watch mode), or stop keeping them and forget those kept. */
export function keepOutputs(on = true): void {
  keeping = on;
  if (!on) last.clear();
}

/**
 * The output `name` made by `make` from the inputs `inputs()` gives, or, when outputs are kept,
 * the bytes made last time from the same inputs. The inputs are worked out only when kept.
 */
export async function memoOutput(name: string, inputs: () => unknown[], make: () => Promise<Uint8Array> | Uint8Array): Promise<Uint8Array> {
  if (!keeping) return make();
  const key = inputsKey(inputs());
  const hit = last.get(name);
  if (hit?.key === key) return hit.bytes;
  const bytes = await make();
  last.set(name, { key, bytes });
  return bytes;
}
