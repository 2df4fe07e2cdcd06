/**
 * pipeline/pdf/styles.ts answers pdfmake's style questions without its allocations, and keeps
 * answers per level of the stack. Its answers must be pdfmake's own, whatever the stack holds and
 * however it was pushed, popped and cloned: checked here on random runs of those operations.
 */
import fc from 'fast-check';
import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import { installStyleLookups, pdfmakeLookups, styleProperty } from '../pipeline/pdf/styles.js';

installStyleLookups();

type Item = Record<string, unknown> | string;
interface Stack {
  styleOverrides: Item[];
  push(item: Item): void;
  pop(howMany?: number): void;
  clone(): Stack;
  getProperty(property: string): unknown;
}
const StyleContextStack = (createRequire(createRequire(import.meta.url).resolve('pdfmake'))('pdfmake/js/StyleContextStack.js') as { default: new (dictionary: object, defaultStyle?: object) => Stack }).default;

/** A stack that runs pdfmake's own methods, whatever the prototype has. */
function own(stack: Stack): Stack {
  return Object.assign(stack, {
    push: pdfmakeLookups.push,
    pop: pdfmakeLookups.pop,
    getProperty: pdfmakeLookups.getProperty,
    clone(this: Stack) {
      return own(pdfmakeLookups.clone.call(this) as Stack);
    },
  });
}

const properties = ['font', 'fontSize', 'bold', 'color', 'link', 'margin'];
// Named styles with `extends` chains, a diamond, a cycle, and a name that is not defined.
const dictionary: Record<string, Record<string, unknown>> = {
  base: { font: 'Roboto', fontSize: 10 },
  h1: { extends: 'base', fontSize: 16, bold: true },
  note: { extends: ['base', 'h1'], color: 'grey' },
  left: { extends: 'base', margin: [1, 2] },
  right: { extends: 'base', color: null },
  diamond: { extends: ['left', 'right'] },
  a: { extends: 'b', link: 'x' },
  b: { extends: 'a', color: 'red' },
};
const names = [...Object.keys(dictionary), 'missing'];
// Mostly values, so that a stale answer shows; sometimes undefined or null, which pdfmake passes over.
const value = fc.oneof({ arbitrary: fc.constantFrom(undefined, null), weight: 1 }, { arbitrary: fc.constantFrom(0, 8, 12, false, true, 'blue', 'Other'), weight: 4 });
const override = fc.dictionary(fc.constantFrom(...properties), value, { maxKeys: 3 });
const item = fc.oneof(fc.constantFrom(...names), override);
const styled = fc.record({ style: fc.oneof(fc.constantFrom(...names), fc.array(fc.oneof(fc.constantFrom(...names), override), { maxLength: 3 })), section: fc.constantFrom(undefined, true) }, { requiredKeys: [] });
const question = fc.oneof(fc.constant({}), override, styled, fc.constant('a string'));
// Each operation acts on one of the stacks made so far (the first, or a clone), as pdfmake keeps using a stack after cloning it.
const on = fc.nat({ max: 2 });
const operation = fc.oneof(
  fc.record({ on, push: item }),
  fc.record({ on, pop: fc.integer({ min: 1, max: 3 }) }),
  fc.record({ on, clone: fc.constant(true) }),
  fc.record({ on, get: fc.constantFrom(...properties) }),
  fc.record({ on, ask: question, property: fc.constantFrom(...properties) }),
);

describe('pdfmake style lookups', () => {
  it("answer every question as pdfmake's own, through pushes, pops and clones", () => {
    fc.assert(
      fc.property(fc.array(operation, { maxLength: 60 }), fc.constantFrom({}, { font: 'Roboto', fontSize: 9 }), (operations, defaults) => {
        const fasts = [new StyleContextStack(dictionary, defaults)];
        const slows = [own(new StyleContextStack(dictionary, defaults))];
        for (const op of operations) {
          const i = op.on % fasts.length;
          const fast = fasts[i]!;
          const slow = slows[i]!;
          if ('push' in op) {
            fast.push(op.push);
            slow.push(op.push);
          } else if ('pop' in op) {
            const n = Math.min(op.pop, fast.styleOverrides.length);
            fast.pop(n);
            slow.pop(n);
          } else if ('clone' in op) {
            fasts.push(fast.clone());
            slows.push(slow.clone());
          } else if ('get' in op) {
            expect(fast.getProperty(op.get)).toEqual(slow.getProperty(op.get));
          } else {
            const ask = op.ask as Item;
            expect(styleProperty(ask, fast as never, op.property, 'default')).toEqual(pdfmakeLookups.getStyleProperty(ask, slow as never, op.property, 'default'));
          }
          expect(fast.styleOverrides).toEqual(slow.styleOverrides);
        }
      }),
      { numRuns: 2000 },
    );
  });

  it('keeps the answers of a stack apart from those of its clone', () => {
    const stack = new StyleContextStack(dictionary, {});
    stack.push({ color: 'red' });
    stack.push({ color: 'green' });
    expect(stack.getProperty('color')).toBe('green');
    const clone = stack.clone();
    clone.pop(1);
    clone.push({ color: 'blue' });
    expect(clone.getProperty('color')).toBe('blue');
    expect(stack.getProperty('color')).toBe('green');
    stack.pop(1);
    stack.push({});
    expect(stack.getProperty('color')).toBe('red');
    expect(clone.getProperty('color')).toBe('blue');
  });
});
