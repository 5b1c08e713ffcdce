import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { Clock, currentRequestId } from '#lintas/core';
import type { EntityManager } from 'typeorm';
import { OutboxEvent } from './outbox-event.entity.js';

export interface DomainEvent {
  /** `<aggregate>.<past-tense verb>`, e.g. `worker.registered`. */
  topic: string;
  aggregateType: string;
  aggregateId: string;
  /** Ids only, never personal data. */
  payload?: Record<string, string>;
}

/** Writes domain events inside the caller's transaction: they commit or vanish with the change. */
@Injectable()
export class OutboxWriter {
  constructor(private readonly clock: Clock) {}

  async publish(manager: EntityManager, event: DomainEvent): Promise<string> {
    const id = randomUUID();
    await manager.insert(OutboxEvent, {
      id,
      topic: event.topic,
      aggregateType: event.aggregateType,
      aggregateId: event.aggregateId,
      payload: { ...event.payload, [`${event.aggregateType}Id`]: event.aggregateId },
      requestId: currentRequestId() ?? null,
      occurredAt: this.clock.now(),
      sentAt: null,
    });
    return id;
  }
}
