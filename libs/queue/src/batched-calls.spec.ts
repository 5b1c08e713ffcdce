import { batchedCalls } from './batched-calls.js';

describe('batchedCalls', () => {
  it('runs the calls made together as one batch, answering each its own result', async () => {
    const batches: number[][] = [];
    const double = batchedCalls(
      async (keys: readonly number[]) => {
        batches.push([...keys]);
        return keys.map((key) => key * 2);
      },
      () => undefined,
    );

    await expect(Promise.all([double(1), double(2), double(3)])).resolves.toEqual([2, 4, 6]);
    expect(batches).toEqual([[1, 2, 3]]);
  });

  it('runs each call of a failed batch alone, so only the bad key fails', async () => {
    const batches: number[][] = [];
    const failures: [unknown, number][] = [];
    const inverse = batchedCalls(
      async (keys: readonly number[]) => {
        batches.push([...keys]);
        if (keys.includes(0)) throw new Error('no inverse of 0');
        return keys.map((key) => 1 / key);
      },
      (error, size) => failures.push([error, size]),
    );

    const answers = await Promise.allSettled([inverse(1), inverse(0), inverse(4)]);

    expect(answers).toEqual([
      { status: 'fulfilled', value: 1 },
      { status: 'rejected', reason: new Error('no inverse of 0') },
      { status: 'fulfilled', value: 0.25 },
    ]);
    expect(batches).toEqual([[1, 0, 4], [1], [0], [4]]);
    expect(failures).toEqual([[new Error('no inverse of 0'), 3]]);
  });

  it('answers a lone call that fails with its own error, run once', async () => {
    let runs = 0;
    const failures: number[] = [];
    const refuse = batchedCalls(
      async (keys: readonly string[]): Promise<string[]> => {
        runs += 1;
        throw new Error(`refused ${keys.join()}`);
      },
      (_error, size) => failures.push(size),
    );

    await expect(refuse('a')).rejects.toThrow('refused a');
    expect(runs).toBe(1);
    expect(failures).toEqual([]);
  });
});
