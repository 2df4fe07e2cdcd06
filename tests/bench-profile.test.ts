import { describe, expect, it } from 'vitest';
import { bundledModules, placeOf, selfTimes } from './bench/profile.js';

const BUNDLE = ['import x from "csv-parse";', '', '// pipeline/validate/table.ts', 'function onRecord() {}', '', '// pipeline/load/read-csv.ts', 'function drain() {}'].join('\n');
const bundle = { url: 'file:///p/node_modules/.cache/stage.mjs', modules: bundledModules(BUNDLE) };
const frame = (functionName: string, url: string, lineNumber = 0) => ({ functionName, url, lineNumber });

describe('the profile of a bench stage (npm run bench:profile)', () => {
  it('finds the modules esbuild bundled, by the line each starts on', () => {
    expect(bundle.modules).toEqual([
      { line: 2, module: 'pipeline/validate/table.ts' },
      { line: 5, module: 'pipeline/load/read-csv.ts' },
    ]);
  });

  it('counts a frame under its module, its package, Node or V8', () => {
    expect(placeOf(frame('onRecord', bundle.url, 3), bundle)).toBe('pipeline/validate/table.ts');
    expect(placeOf(frame('drain', bundle.url, 6), bundle)).toBe('pipeline/load/read-csv.ts');
    expect(placeOf(frame('', bundle.url, 0), bundle)).toBe('the bundle');
    expect(placeOf(frame('parse', 'file:///p/node_modules/csv-parse/dist/esm/index.js'), bundle)).toBe('package csv-parse');
    expect(placeOf(frame('x', 'file:///p/node_modules/@scope/pkg/lib/a.js'), bundle)).toBe('package @scope/pkg');
    expect(placeOf(frame('slice', 'node:buffer'), bundle)).toBe("Node's internals (streams, buffers, files)");
    expect(placeOf(frame('(garbage collector)', ''), bundle)).toBe('(garbage collector)');
    expect(placeOf(frame('utf8Slice', ''), bundle)).toBe('V8 built-ins');
  });

  it('sums self time by place and by function, each sample taking the delta after it', () => {
    const profile = {
      nodes: [
        { id: 1, callFrame: frame('onRecord', bundle.url, 3) },
        { id: 2, callFrame: frame('drain', bundle.url, 6) },
        { id: 3, callFrame: frame('(garbage collector)', '') },
      ],
      samples: [1, 1, 2, 3, 1],
      timeDeltas: [0, 1000, 2000, 3000, 4000],
    };
    const { byPlace, byFunction, total } = selfTimes(profile, (f) => placeOf(f, bundle));
    // Samples 1, 1, 2, 3 take the deltas after them (1, 2, 3, 4 ms); the last sample has none.
    expect(Object.fromEntries(byPlace)).toEqual({ 'pipeline/validate/table.ts': 3, 'pipeline/load/read-csv.ts': 3, '(garbage collector)': 4 });
    expect(byFunction.get('onRecord  pipeline/validate/table.ts')).toBe(3);
    expect(total).toBe(10);
  });
});
