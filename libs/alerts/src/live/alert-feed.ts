import { Inject, Injectable, type OnApplicationShutdown } from '@nestjs/common';
import { APP_LOGGER } from '#lintas/core';
import { RedisConnections } from '#lintas/queue';
import { RedisPubSub } from 'graphql-redis-subscriptions';
import type { Redis } from 'ioredis';
import type { Logger } from 'pino';

/** What crosses Redis when an alert is raised or escalated: ids and the codes scoping needs, no personal data. */
export interface AlertRaisedMessage {
  alertId: string;
  kind: string;
  originProvinceCode: string | null;
  originRegencyCode: string | null;
  destination: string | null;
}

const CHANNEL = 'alert-raised';
const READY_TIMEOUT_MS = 2000;

/**
 * The live feed of raised alerts, over Redis pub/sub: the worker publishes, every API replica
 * hears it and passes it to its own subscribers (each one filtered by jurisdiction).
 * Best effort by design: the alert and its deliveries are already committed and queued, and a
 * subscriber that missed a message finds the alert in the `alerts` list.
 */
@Injectable()
export class AlertFeed implements OnApplicationShutdown {
  private pubSub?: RedisPubSub;
  private publisher?: Redis;
  private waitingForPublisher?: Promise<boolean>;

  constructor(
    private readonly connections: RedisConnections,
    @Inject(APP_LOGGER) private readonly logger: Logger,
  ) {}

  /** True when Redis took the message; false (logged) when it could not. */
  async publish(message: AlertRaisedMessage): Promise<boolean> {
    const bus = this.bus();
    try {
      // The publisher fails fast while disconnected, so a first publish waits for the connection.
      if (!(await this.ready())) throw new Error('Redis is not connected');
      await bus.publish(this.channel, message);
      return true;
    } catch (error) {
      this.logger.warn({ err: error, alertId: message.alertId }, 'live feed: alert not published');
      return false;
    }
  }

  messages(): AsyncIterableIterator<AlertRaisedMessage> {
    return this.bus().asyncIterableIterator<AlertRaisedMessage>(
      this.channel,
    ) as AsyncIterableIterator<AlertRaisedMessage>;
  }

  async onApplicationShutdown(): Promise<void> {
    await this.pubSub?.close();
  }

  private get channel(): string {
    return `${this.connections.prefix}:${CHANNEL}`;
  }

  /**
   * Whether the publisher is connected, waiting up to READY_TIMEOUT_MS. The alerts of one batch
   * publish together: while the connection opens they share one wait (one 'ready' listener), not
   * one each.
   */
  private ready(): Promise<boolean> {
    const publisher = this.publisher;
    if (!publisher || publisher.status === 'ready') return Promise.resolve(publisher !== undefined);
    this.waitingForPublisher ??= new Promise<boolean>((resolve) => {
      const onReady = (): void => {
        clearTimeout(timer);
        resolve(true);
      };
      const timer = setTimeout(() => {
        publisher.off('ready', onReady);
        resolve(false);
      }, READY_TIMEOUT_MS);
      publisher.once('ready', onReady);
    }).finally(() => {
      this.waitingForPublisher = undefined;
    });
    return this.waitingForPublisher;
  }

  private bus(): RedisPubSub {
    if (!this.pubSub) {
      this.publisher = this.connections.producer();
      this.pubSub = new RedisPubSub({ publisher: this.publisher, subscriber: this.connections.worker() });
    }
    return this.pubSub;
  }
}
