/**
 * The whole pipeline: validate, then (only when no error stands) write every output into a
 * staging directory and swap it in for dist/.
 */
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { hasErrors, type Diagnostic } from './diagnostics.js';
import { datasetColumns, datasetRows } from './emit/datasets.js';
import { writeTable, type WrittenTable } from './emit/write-table.js';
import { step } from './errors.js';
import { publish } from './publish.js';
import { validate } from './validate/index.js';

export interface BuildResult {
  diagnostics: Diagnostic[];
  /** Undefined when validation failed and nothing was written. */
  written?: WrittenTable[];
}

export async function build(root: string): Promise<BuildResult> {
  const { tables, diagnostics } = await step('validating sources/', () => validate(root));
  if (hasErrors(diagnostics)) return { diagnostics };
  const written: WrittenTable[] = [];
  await publish(root, async (dir) => {
    const data = path.join(dir, 'data');
    await mkdir(data);
    for (const table of tables.values()) {
      written.push(await step(`writing dist/data/${table.spec.name}`, () => writeTable(data, table.spec.name, datasetColumns(table.spec.columns), datasetRows(table))));
    }
  });
  return { diagnostics, written };
}
