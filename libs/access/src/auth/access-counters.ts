import { createHash } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { RedisConnections } from '#lintas/queue';
import type { Redis } from 'ioredis';

/** How long the first use waits for Redis to connect; afterwards a command fails at once while it is down. */
const FIRST_CONNECT_MS = 2000;

/**
 * The Redis where access keeps its short-lived counters: failed logins and API key requests, all
 * with a TTL, under REDIS_KEY_PREFIX. A producer connection (no offline queue), so a Redis outage
 * answers in milliseconds instead of holding a request; opened on first use, so the CLI, which
 * never counts anything, never connects.
 */
@Injectable()
export class AccessCounters {
  private connection?: Redis;
  private connected?: Promise<void>;

  constructor(private readonly connections: RedisConnections) {}

  /** A key under the deployment's prefix; names and addresses appear only as a hash. */
  key(kind: string, subject: string, ...rest: string[]): string {
    const digest = createHash('sha256').update(subject).digest('base64url').slice(0, 22);
    return [this.connections.prefix, 'access', kind, digest, ...rest].join(':');
  }

  async redis(): Promise<Redis> {
    if (!this.connection) {
      this.connection = this.connections.producer();
      this.connected = whenReady(this.connection, FIRST_CONNECT_MS);
    }
    await this.connected;
    return this.connection;
  }
}

/** Settles when the connection is ready or the time is up; the command that follows tells which. */
function whenReady(connection: Redis, timeoutMs: number): Promise<void> {
  if (connection.status === 'ready') return Promise.resolve();
  return new Promise((resolve) => {
    const done = (): void => {
      clearTimeout(timer);
      connection.off('ready', done);
      resolve();
    };
    const timer = setTimeout(done, timeoutMs);
    connection.once('ready', done);
  });
}
