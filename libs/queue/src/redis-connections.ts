import { Injectable, type OnApplicationShutdown } from '@nestjs/common';
import { LintasConfig } from '#lintas/core';
import { Redis, type RedisOptions } from 'ioredis';

/**
 * Redis connections for queues. Producers fail fast while Redis is down (no offline queue): the
 * outbox holds the event, so nothing waits on Redis inside a request. Workers block on Redis by
 * design and must never give up a command (maxRetriesPerRequest: null).
 */
@Injectable()
export class RedisConnections implements OnApplicationShutdown {
  private readonly opened: Redis[] = [];

  constructor(private readonly config: LintasConfig) {}

  get prefix(): string {
    return this.config.REDIS_KEY_PREFIX;
  }

  producer(): Redis {
    return this.open({
      enableOfflineQueue: false,
      maxRetriesPerRequest: 1,
      connectTimeout: 2000,
      commandTimeout: 5000,
    });
  }

  worker(): Redis {
    return this.open({ maxRetriesPerRequest: null });
  }

  async onApplicationShutdown(): Promise<void> {
    await Promise.allSettled(this.opened.map((connection) => connection.quit()));
  }

  private open(options: RedisOptions): Redis {
    const connection = new Redis(this.config.REDIS_URL, {
      ...options,
      // Reconnect for ever, never more than 2 s apart: an outage ends, and work resumes by itself.
      retryStrategy: (times) => Math.min(times * 200, 2000),
    });
    // ioredis reports every failed reconnect as an error event; the relay and readiness report the outage.
    connection.on('error', () => undefined);
    this.opened.push(connection);
    return connection;
  }
}
