import { Redis } from 'ioredis';

/** The machine's Redis, which every test file shares under key prefixes of its own. */
export const REDIS_URL = process.env.LINTAS_TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';

/** Deletes every key a test file's queues left under its prefix, a SCAN page at a time. */
export async function deleteRedisKeys(prefix: string): Promise<void> {
  const redis = new Redis(REDIS_URL, { lazyConnect: true, maxRetriesPerRequest: 1 });
  await redis.connect();
  try {
    let cursor = '0';
    do {
      const [next, keys] = await redis.scan(cursor, 'MATCH', `${prefix}:*`, 'COUNT', 1000);
      if (keys.length > 0) await redis.unlink(...keys);
      cursor = next;
    } while (cursor !== '0');
  } finally {
    redis.disconnect();
  }
}
