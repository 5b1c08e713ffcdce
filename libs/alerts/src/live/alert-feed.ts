import { Injectable, type OnApplicationShutdown } from '@nestjs/common';
import { RedisConnections } from '#lintas/queue';
import { RedisPubSub } from 'graphql-redis-subscriptions';

/** What crosses Redis when an alert is raised or escalated: ids and the codes scoping needs, no personal data. */
export interface AlertRaisedMessage {
  alertId: string;
  kind: string;
  originProvinceCode: string | null;
  originRegencyCode: string | null;
  destination: string | null;
}

const CHANNEL = 'alert-raised';

/**
 * The live feed of raised alerts, over Redis pub/sub: the worker publishes, every API replica
 * hears it and passes it to its own subscribers (each one filtered by jurisdiction).
 */
@Injectable()
export class AlertFeed implements OnApplicationShutdown {
  private pubSub?: RedisPubSub;

  constructor(private readonly connections: RedisConnections) {}

  publish(message: AlertRaisedMessage): Promise<void> {
    return this.bus().publish(this.channel, message);
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

  private bus(): RedisPubSub {
    return (this.pubSub ??= new RedisPubSub({
      publisher: this.connections.producer(),
      subscriber: this.connections.worker(),
    }));
  }
}
