/** The workbook, database and zip kept between builds of a warm process (pipeline/output-memo.ts). */
import { afterEach, describe, expect, it } from 'vitest';
import { keepOutputs, memoOutput } from '../pipeline/output-memo.js';

describe('outputs kept between builds', () => {
  afterEach(() => keepOutputs(false));

  it('are made anew in a single build, which never works out their inputs', async () => {
    let [made, asked] = [0, 0];
    const inputs = () => {
      asked++;
      return [1];
    };
    for (let i = 0; i < 2; i++) expect([...(await memoOutput('x', inputs, () => new Uint8Array([++made])))]).toEqual([made]);
    expect(made).toBe(2);
    expect(asked).toBe(0);
  });

  it('are made again in watch mode only when what they are made from changed', async () => {
    keepOutputs();
    let made = 0;
    const output = async (input: unknown) => [...(await memoOutput('x', () => [input], () => new Uint8Array([++made])))];
    expect(await output({ a: 1 })).toEqual([1]);
    expect(await output({ a: 1 })).toEqual([1]);
    expect(await output({ a: 2 })).toEqual([2]);
    // Values JSON would write alike are inputs apart.
    expect(await output({ a: null })).toEqual([3]);
    expect(await output({ a: undefined })).toEqual([4]);
    expect(await output(new Uint8Array([1, 2]))).toEqual([5]);
    expect(await output(new Uint8Array([1, 2]))).toEqual([5]);
  });
});
