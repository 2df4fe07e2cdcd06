/**
 * pdfmake's style lookups, without their allocations. pdfmake asks its style stack for some
 * twenty properties of every inline (a word and its space) it measures, and each question pushed
 * the inline and its style names onto the stack, made a closure, and, for each style name on the
 * stack, a closure and a Set to guard `extends` against cycles (StyleContextStack.getProperty):
 * the largest lines of pdfmake in a profile of the report, with the garbage they leave.
 *
 * The answers are the same, asked without pushing or allocating: an inline's own value, then its
 * style names (the last first), then the stack from its top, then the default style. A named
 * style's value, `extends` followed as pdfmake follows it, is kept per style dictionary (pdfmake
 * never changes a dictionary while it lays a document out). Like render.ts's, these are pdfmake's
 * internals; tests/pdf-styles.test.ts compares every answer with pdfmake's own.
 */
import { pdfmakeRequire } from './requires.js';

type Item = Record<string, unknown> | string;
type Dictionary = Record<string, Record<string, unknown> | undefined>;
interface Stack {
  styleDictionary: Dictionary;
  defaultStyle?: Record<string, unknown>;
  styleOverrides: Item[];
  /** levels[i]: the answers found from styleOverrides[i] down, while the stack up to i is as it was. */
  levels?: (Map<string, unknown> | undefined)[];
  getProperty(property: string): unknown;
  push(item: Item): void;
  pop(howMany?: number): void;
  clone(): Stack;
}
interface StackClass {
  prototype: Stack;
  getStyleProperty(item: Item, stack: Stack | undefined, property: string, defaultValue: unknown): unknown;
}

const isValue = (v: unknown) => v !== undefined && v !== null;

/** pdfmake's own lookup of a named style's property (its getStylePropertyFromStyle), run once per dictionary, name and property. */
function fromStyle(dictionary: Dictionary, name: string, property: string, visited: Set<string>): unknown {
  if (visited.has(name)) return undefined;
  visited.add(name);
  const style = dictionary[name];
  if (!style) return undefined;
  if (isValue(style[property])) return style[property];
  if (style.extends) {
    const parents = (Array.isArray(style.extends) ? style.extends : [style.extends]) as string[];
    for (let i = parents.length - 1; i >= 0; i--) {
      const value = fromStyle(dictionary, parents[i]!, property, visited);
      if (isValue(value)) return value;
    }
  }
  return undefined;
}

/** Each named style's properties, resolved once per dictionary: style name, then property. */
const resolved = new WeakMap<Dictionary, Map<string, Map<string, unknown>>>();

function named(dictionary: Dictionary, name: string, property: string): unknown {
  // pdfmake gives a watermark's stack no dictionary (and then fails on a named style, as before).
  if (!dictionary) return fromStyle(dictionary, name, property, new Set());
  let styles = resolved.get(dictionary);
  if (!styles) resolved.set(dictionary, (styles = new Map()));
  let values = styles.get(name);
  if (!values) styles.set(name, (values = new Map()));
  let value = values.get(property);
  if (value === undefined && !values.has(property)) {
    value = fromStyle(dictionary, name, property, new Set());
    values.set(property, value);
  }
  return value;
}

/**
 * The value of `property` from the top of the stack down, then the default style. Most
 * properties (links, decorations, superscript) are set nowhere, so each question walked the
 * whole stack; the answer from each level down is kept until that level is popped, and a clone
 * (pdfmake clones the stack for every paragraph) starts with its original's answers.
 */
function fromStack(stack: Stack, property: string): unknown {
  const overrides = stack.styleOverrides;
  const levels = (stack.levels ??= []);
  let value: unknown;
  let found = false;
  let i = overrides.length - 1;
  for (; i >= 0; i--) {
    const known = levels[i];
    if (known?.has(property)) {
      value = known.get(property);
      found = true;
      break;
    }
    const item = overrides[i]!;
    value = typeof item === 'string' ? named(stack.styleDictionary, item, property) : item[property];
    if (isValue(value)) {
      found = true;
      break;
    }
  }
  if (!found) value = stack.defaultStyle && stack.defaultStyle[property];
  // Every level walked past (and the one that answered) gives this answer.
  for (let j = overrides.length - 1; j >= Math.max(i, 0); j--) (levels[j] ??= new Map()).set(property, value);
  return value;
}

const StyleContextStack = (pdfmakeRequire('pdfmake/js/StyleContextStack.js') as { default: StackClass }).default;

/** pdfmake's own lookups, for the test that compares the answers. */
export const pdfmakeLookups = { getProperty: StyleContextStack.prototype.getProperty, getStyleProperty: StyleContextStack.getStyleProperty.bind(StyleContextStack), push: StyleContextStack.prototype.push, pop: StyleContextStack.prototype.pop, clone: StyleContextStack.prototype.clone };

/** The same answers as pdfmake's StyleContextStack.getStyleProperty. */
export function styleProperty(item: Item, stack: Stack | undefined, property: string, defaultValue: unknown): unknown {
  // As in pdfmake, a string's own properties count ('a'.bold is String.prototype.bold).
  const own = (item as Record<string, unknown>)[property];
  if (isValue(own)) return own;
  if (!stack) return defaultValue;
  // pdfmake pushes the item's style names and the item itself (which has no value here), except for a string or a section.
  if (typeof item !== 'string' && item.section === undefined && item.style) {
    const names = (Array.isArray(item.style) ? item.style : [item.style]) as Item[];
    for (let i = names.length - 1; i >= 0; i--) {
      const name = names[i]!;
      const value = typeof name === 'string' ? named(stack.styleDictionary, name, property) : name[property];
      if (isValue(value)) return value;
    }
  }
  const value = fromStack(stack, property);
  return isValue(value) ? value : defaultValue;
}

let installed = false;

export function installStyleLookups(): void {
  if (installed) return;
  installed = true;
  const { push, clone } = StyleContextStack.prototype;
  StyleContextStack.prototype.getProperty = function (this: Stack, property: string) {
    return fromStack(this, property);
  };
  // A level's answers hold while the levels under it stay. pdfmake changes its stack only by push,
  // pop and clone: a push drops the answers kept for its level and above (a pop leaves them, but
  // no question reads above the top, and the next push drops them), and a clone copies the rest.
  StyleContextStack.prototype.push = function (this: Stack, item: Item) {
    if (this.levels) this.levels.length = Math.min(this.levels.length, this.styleOverrides.length);
    push.call(this, item);
  };
  StyleContextStack.prototype.clone = function (this: Stack) {
    const copy = clone.call(this);
    if (this.levels) copy.levels = this.levels.slice(0, this.styleOverrides.length);
    return copy;
  };
  StyleContextStack.getStyleProperty = styleProperty;
}
