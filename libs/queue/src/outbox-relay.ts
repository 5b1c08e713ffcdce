import { Inject, Injectable, type OnApplicationShutdown } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { APP_LOGGER, LintasConfig } from '#lintas/core';
import type { Logger } from 'pino';
import type { DataSource } from 'typeorm';
import { QueueProducer } from './queue-producer.js';
import { QueueName } from './queue-names.js';

const BATCH_SIZE = 200;

interface UnsentEvent {
  id: string;
  topic: string;
  aggregate_type: string;
  aggregate_id: string;
  payload: Record<string, string>;
  occurred_at: Date;
}

/**
 * Moves committed outbox events into BullMQ. A batch is locked (SKIP LOCKED, so several workers
 * share the work), added with each event id as job id, and marked sent in the same transaction:
 * if Redis refuses, the transaction rolls back and the events simply wait for the next pass.
 * If the commit fails after Redis took them, the next pass offers them again and BullMQ drops
 * the repeats by job id.
 */
@Injectable()
export class OutboxRelay implements OnApplicationShutdown {
  private timer?: NodeJS.Timeout;
  private running?: Promise<void>;
  private failing = false;

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly producer: QueueProducer,
    private readonly config: LintasConfig,
    @Inject(APP_LOGGER) private readonly logger: Logger,
  ) {}

  start(): void {
    const tick = (): void => {
      this.running = this.relayPending()
        .then(() => undefined)
        .finally(() => {
          if (this.timer) this.timer = setTimeout(tick, this.config.OUTBOX_RELAY_INTERVAL_MS);
        });
    };
    this.timer = setTimeout(tick, 0);
  }

  /** Relays until nothing is pending or Redis refuses; returns how many events it moved. */
  async relayPending(): Promise<number> {
    let relayed = 0;
    for (;;) {
      let moved: number;
      try {
        moved = await this.relayBatch();
      } catch (error) {
        // Once per outage, not once per pass: the events wait in the outbox meanwhile.
        if (!this.failing) this.logger.warn({ err: error }, 'outbox relay paused; events wait in the outbox');
        this.failing = true;
        return relayed;
      }
      if (this.failing) this.logger.info('outbox relay resumed');
      this.failing = false;
      relayed += moved;
      if (moved < BATCH_SIZE) return relayed;
    }
  }

  async onApplicationShutdown(): Promise<void> {
    clearTimeout(this.timer);
    this.timer = undefined;
    await this.running;
  }

  private async relayBatch(): Promise<number> {
    // While Redis is away, no transaction is opened and no row is locked.
    if (!(await this.producer.waitUntilConnected(1000))) throw new Error('Redis is not connected');
    return this.dataSource.transaction(async (manager) => {
      const events: UnsentEvent[] = await manager.query(
        `SELECT id, topic, aggregate_type, aggregate_id, payload, occurred_at
           FROM outbox_event
          WHERE sent_at IS NULL
          ORDER BY occurred_at, id
          LIMIT $1
            FOR UPDATE SKIP LOCKED`,
        [BATCH_SIZE],
      );
      if (events.length === 0) return 0;
      await this.producer.addBulk(
        QueueName.DomainEvents,
        events.map((event) => ({
          name: event.topic,
          jobId: event.id,
          data: {
            eventId: event.id,
            topic: event.topic,
            aggregateType: event.aggregate_type,
            aggregateId: event.aggregate_id,
            payload: event.payload,
            occurredAt: event.occurred_at.toISOString(),
          },
        })),
      );
      await manager.query('UPDATE outbox_event SET sent_at = now() WHERE id = ANY($1::uuid[])', [
        events.map((event) => event.id),
      ]);
      return events.length;
    });
  }
}
