import { randomBytes } from 'node:crypto';
import { loadConfig } from '#lintas/core';
import { RedisConnections } from '#lintas/queue';
import type { Redis } from 'ioredis';
import pino from 'pino';
import { AlertFeed } from './alert-feed.js';

/** The connections, keeping the publisher the feed opens so the test can look at it. */
class WatchedConnections extends RedisConnections {
  publisher?: Redis;

  override producer(): Redis {
    this.publisher = super.producer();
    return this.publisher;
  }
}

describe('the live feed of raised alerts', () => {
  it('lets a batch of alerts published while its connection opens wait together', async () => {
    const connections = new WatchedConnections(
      loadConfig({
        REDIS_URL: 'redis://127.0.0.1:6379',
        REDIS_KEY_PREFIX: `lintas-feed-${randomBytes(4).toString('hex')}`,
      }),
    );
    const feed = new AlertFeed(connections, pino({ enabled: false }));
    try {
      // More than Node's ten listeners an emitter may have before it warns of a leak.
      const publishing = Promise.all(
        Array.from({ length: 25 }, (_, index) =>
          feed.publish({
            alertId: `alert-${index}`,
            kind: 'CONTRACT_ENDING',
            originProvinceCode: '63',
            originRegencyCode: '6372',
            destination: 'HK',
          }),
        ),
      );
      // ioredis's own listener and the feed's one wait: not one per alert, past the ten at which
      // Node warns of a leak.
      await new Promise((resolve) => setImmediate(resolve));
      expect(connections.publisher?.listenerCount('ready')).toBe(2);
      expect(await publishing).toEqual(Array.from({ length: 25 }, () => true));
    } finally {
      await connections.onApplicationShutdown();
    }
  });
});
