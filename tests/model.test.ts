/** The typed rows of pipeline/model.ts name exactly the columns of the schemas, in their order. */
import { describe, expect, it } from 'vitest';
import { MODEL_COLUMNS } from '../pipeline/model.js';
import { loadSpecs } from '../pipeline/tables.js';
import { ROOT } from './helpers.js';

describe('model and schemas', () => {
  it('agree column for column', async () => {
    const { specs, diagnostics } = await loadSpecs(ROOT);
    expect(diagnostics).toEqual([]);
    expect(Object.keys(MODEL_COLUMNS).sort()).toEqual(specs.map((s) => s.name).sort());
    for (const spec of specs) expect(MODEL_COLUMNS[spec.name as keyof typeof MODEL_COLUMNS], spec.name).toEqual(spec.columns.map((c) => c.name));
  });
});
