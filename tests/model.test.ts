/** The typed rows of pipeline/model.ts name exactly the columns of the schemas, in their order; every text has a length limit. */
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
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

  it('give every text, in every table and settings file, a maximum length', async () => {
    const unbounded: string[] = [];
    const visit = (node: unknown, where: string): void => {
      if (!node || typeof node !== 'object') return;
      const schema = node as Record<string, unknown>;
      if (schema.type === 'string' || (Array.isArray(schema.type) && schema.type.includes('string'))) {
        if (typeof schema.maxLength !== 'number' && !schema.enum) unbounded.push(where);
      }
      for (const [key, value] of Object.entries(schema)) visit(value, `${where}/${key}`);
    };
    const files = (await readdir(path.join(ROOT, 'schemas'))).filter((f) => f.endsWith('.schema.json'));
    expect(files.length).toBeGreaterThan(8);
    for (const file of files) visit(JSON.parse(await readFile(path.join(ROOT, 'schemas', file), 'utf8')), file);
    expect(unbounded).toEqual([]);
  });
});
