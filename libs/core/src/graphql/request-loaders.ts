import DataLoader from 'dataloader';

/** The part of the GraphQL context that holds this request's loaders. */
export interface LoaderContext {
  loaders: Map<string, DataLoader<string, unknown>>;
}

/**
 * A DataLoader that lives for one request: relations of a page are fetched in one query by key,
 * after the page itself, rather than once per row (or joined before the LIMIT).
 * `batch` answers in any order; results are matched back to keys by `keyOf`.
 */
export function requestLoader<V>(
  context: LoaderContext,
  name: string,
  batch: (keys: readonly string[]) => Promise<V[]>,
  keyOf: (value: V) => string,
): DataLoader<string, V | undefined> {
  let loader = context.loaders.get(name) as DataLoader<string, V | undefined> | undefined;
  if (!loader) {
    loader = new DataLoader<string, V | undefined>(async (keys) => {
      const found = new Map((await batch(keys)).map((value) => [keyOf(value), value]));
      return keys.map((key) => found.get(key));
    });
    context.loaders.set(name, loader);
  }
  return loader;
}

/** Like requestLoader, for one-to-many relations: every value whose `keyOf` is the key, in order. */
export function requestListLoader<V>(
  context: LoaderContext,
  name: string,
  batch: (keys: readonly string[]) => Promise<V[]>,
  keyOf: (value: V) => string,
): DataLoader<string, V[]> {
  let loader = context.loaders.get(name) as DataLoader<string, V[]> | undefined;
  if (!loader) {
    loader = new DataLoader<string, V[]>(async (keys) => {
      const grouped = new Map<string, V[]>();
      for (const value of await batch(keys)) {
        const key = keyOf(value);
        const group = grouped.get(key);
        if (group) group.push(value);
        else grouped.set(key, [value]);
      }
      return keys.map((key) => grouped.get(key) ?? []);
    });
    context.loaders.set(name, loader);
  }
  return loader;
}
