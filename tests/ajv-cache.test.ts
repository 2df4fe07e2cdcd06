/** Validators kept between processes (pipeline/validate/ajv.ts): the same errors as ajv's own, and a damaged entry never run. */
import { randomUUID } from 'node:crypto';
import { readFile, rm, truncate } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { ajvWork, compileSchema, keptFile } from '../pipeline/validate/ajv.js';

/** A schema no other run has kept: its title makes its text new. */
const schema = () => ({
  title: `a table of this test ${randomUUID()}`,
  type: 'object',
  additionalProperties: false,
  required: ['id', 'value'],
  properties: { id: { type: 'string', pattern: '^[a-z]+$' }, value: { type: 'integer', minimum: 0 }, day: { type: 'string', format: 'date' } },
});
const bad = { id: 'Ā1', value: -3, day: '1941-02-30', other: true };

describe('validators kept between processes', () => {
  it('give the errors of the validator ajv compiled, and a damaged entry is compiled again', async () => {
    const s = schema();
    const text = JSON.stringify(s);
    const before = { ...ajvWork };
    // Under one file name it is compiled and kept; under another (as a new process would ask), it is loaded.
    const fresh = compileSchema('schemas/first.schema.json', s);
    expect(ajvWork.compiled).toBe(before.compiled + 1);
    expect((await readFile(keptFile(text), 'utf8')).split('\n')[0]).toMatch(/^sha256 [0-9a-f]{64}$/);
    const loaded = compileSchema('schemas/second.schema.json', s);
    expect(ajvWork.loaded).toBe(before.loaded + 1);
    expect(loaded).not.toBe(fresh);
    expect(fresh(bad)).toBe(false);
    expect(loaded(bad)).toBe(false);
    expect(loaded.errors).toEqual(fresh.errors);
    expect(loaded.errors!.map((e) => e.keyword).sort()).toEqual(['additionalProperties', 'format', 'minimum', 'pattern']);
    expect(loaded({ id: 'abc', value: 3, day: '1941-06-14' })).toBe(true);

    // Cut short (a full disk, a crash): the entry is not run, the schema is compiled again and kept whole.
    await truncate(keptFile(text), 200);
    compileSchema('schemas/third.schema.json', s);
    expect(ajvWork.compiled).toBe(before.compiled + 2);
    compileSchema('schemas/fourth.schema.json', s);
    expect(ajvWork.loaded).toBe(before.loaded + 2);
    await rm(keptFile(text));
  });
});
