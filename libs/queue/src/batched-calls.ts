import DataLoader from 'dataloader';

/** How long a call waits for others to share its statement: a few ms of latency for far fewer round trips. */
const BATCH_WINDOW_MS = 2;
const MAX_BATCH_SIZE = 200;

/**
 * Runs the calls that jobs make within `BATCH_WINDOW_MS` of each other as one batch: a queue
 * worker runs many jobs at once, and one statement for fifty of them costs PostgreSQL about what
 * one statement for one does. `runBatch` answers one result per key, in order. When a batch fails,
 * `onBatchFailed` hears why, and each of its calls runs again alone, so one bad key fails its own
 * job and no other.
 */
export function batchedCalls<Key, Result>(
  runBatch: (keys: readonly Key[]) => Promise<readonly Result[]>,
  onBatchFailed: (error: unknown, size: number) => void,
): (key: Key) => Promise<Result> {
  const runAlone = async (key: Key): Promise<Result | Error> => {
    try {
      const [result] = await runBatch([key]);
      return result;
    } catch (error) {
      return error instanceof Error ? error : new Error(String(error));
    }
  };
  const loader = new DataLoader<Key, Result>(
    async (keys) => {
      if (keys.length === 1) return [await runAlone(keys[0])];
      try {
        return await runBatch(keys);
      } catch (error) {
        onBatchFailed(error, keys.length);
        return Promise.all(keys.map(runAlone));
      }
    },
    {
      cache: false,
      maxBatchSize: MAX_BATCH_SIZE,
      batchScheduleFn: (run) => setTimeout(run, BATCH_WINDOW_MS),
    },
  );
  return (key) => loader.load(key);
}
