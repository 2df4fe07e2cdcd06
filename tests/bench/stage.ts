/**
 * One benchmark stage as a whole process, so that wall time and peak RSS are the process's own:
 *   read FILE        read the bytes (floor)
 *   parse FILE       csv-parse alone, records as arrays (floor)
 *   validate ROOT    the validate stage, rows not kept
 *   reconcile ROOT   validate keeping rows, then reconcile
 *   emit ROOT OUT    stream sources/figures.csv to CSV and JSON
 */
import { createReadStream } from 'node:fs';
import { mkdir, readFile } from 'node:fs/promises';
import path from 'node:path';

// Each stage imports only what it uses, so that a floor carries no cost of the pipeline's modules.
const [stage, target, out] = process.argv.slice(2);

async function run(): Promise<string> {
  switch (stage) {
    case 'read':
      return `${(await readFile(target!)).length} bytes`;
    case 'parse': {
      const { parse } = await import('csv-parse');
      let n = 0;
      const parser = createReadStream(target!, { highWaterMark: 1 << 20 }).pipe(parse({ bom: true }));
      for await (const _ of parser) n++;
      return `${n} records`;
    }
    case 'validate': {
      const { validate } = await import('../../pipeline/validate/index.js');
      const { diagnostics } = await validate(target!, { keepRows: false });
      return `${diagnostics.length} diagnostics`;
    }
    case 'reconcile': {
      const [{ validate }, { loadSettings }, { reconcile }, { toRecord }] = await Promise.all([import('../../pipeline/validate/index.js'), import('../../pipeline/reconcile/settings.js'), import('../../pipeline/reconcile/index.js'), import('../../pipeline/model.js')]);
      const { tables, diagnostics } = await validate(target!);
      // What the kept rows hold, when the profiler (bench-profile) exposes a collection to run first; the bench itself does not.
      const gc = (globalThis as { gc?: () => void }).gc;
      gc?.();
      const held = gc ? `; heap after validation ${(process.memoryUsage().heapUsed / 2 ** 20).toFixed(0)} MiB` : '';
      const { settings } = await loadSettings(target!, tables.get('figures')!.spec.columns.find((c) => c.name === 'qualifier')!.enum!);
      const started = performance.now();
      const r = reconcile(toRecord(tables), settings!);
      const alone = performance.now() - started;
      gc?.();
      const after = gc ? `, ${(process.memoryUsage().heapUsed / 2 ** 20).toFixed(0)} MiB after reconciliation` : '';
      return `${diagnostics.length} diagnostics, ${r.findings.length} findings, ${r.figures.length} quantities; reconcile alone ${alone.toFixed(0)} ms${held}${after}`;
    }
    case 'emit': {
      const [{ loadSpec }, { publishSourceTable }] = await Promise.all([import('../../pipeline/tables.js'), import('../../pipeline/emit/stream-table.js')]);
      const { spec } = await loadSpec(target!, 'figures');
      await mkdir(out!, { recursive: true });
      const rows = await publishSourceTable(path.join(target!, spec!.file), spec!, out!);
      return `${rows} rows written`;
    }
    default:
      throw new Error(`unknown stage ${stage}`);
  }
}

process.stdout.write(`${await run()}\n`);
