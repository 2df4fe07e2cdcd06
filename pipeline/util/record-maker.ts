/**
 * A function that makes a record of the given fields from their values, in that order, as an
 * object literal: one shape for every record of a table, its fields stored in the object itself,
 * which JSON.stringify writes on its fast path. (A record grown field by field through computed
 * names cost more than any check made on it, and JSON.stringify of it twice as much again.)
 */
export function recordMaker<T>(names: string[]): (values: T[]) => Record<string, T> {
  const fields = names.map((name, i) => `${JSON.stringify(name)}: v[${i}]`).join(', ');
  return new Function('v', `return { ${fields} };`) as (values: T[]) => Record<string, T>;
}
