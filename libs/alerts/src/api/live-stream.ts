/**
 * `source`, each value mapped by `map`, skipping those it maps to undefined; one at a time, in order.
 * Unlike an async generator, `return()` reaches the source at once, even while a `next()` waits on
 * it: a subscriber who leaves stops listening to Redis then, not after the next message.
 */
export function filterMap<T, U>(
  source: AsyncIterator<T>,
  map: (value: T) => Promise<U | undefined>,
): AsyncIterableIterator<U> {
  const done = (): IteratorResult<U> => ({ done: true, value: undefined });
  return {
    async next(): Promise<IteratorResult<U>> {
      for (;;) {
        const pulled = await source.next();
        if (pulled.done) return done();
        const mapped = await map(pulled.value);
        if (mapped !== undefined) return { done: false, value: mapped };
      }
    },
    async return(): Promise<IteratorResult<U>> {
      await source.return?.();
      return done();
    },
    async throw(error: unknown): Promise<IteratorResult<U>> {
      await source.return?.();
      throw error;
    },
    [Symbol.asyncIterator](): AsyncIterableIterator<U> {
      return this;
    },
  };
}
