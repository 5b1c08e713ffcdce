import { Injectable } from '@nestjs/common';
import { auditActor, type Principal } from '#lintas/access';
import { AuditTrail } from '#lintas/audit';
import { OutboxWriter } from '#lintas/database';
import { PlacementStore, type Placement } from '#lintas/pre-placement';
import type { EntityManager } from 'typeorm';

/** One change of purna penempatan, as the timeline, the outbox and the audit trail record it. */
export interface RecordedChange {
  /** The placement as it was locked, before the change. */
  before: Placement;
  /** The placement after it: the same row when only a related record changed. */
  after: Placement;
  /** The timeline entry's type, e.g. `repatriation.requested`. */
  event: string;
  detail: Record<string, unknown>;
  /** The outbox topic an alert rule listens to, if any. */
  topic: string | null;
  /** Ids only: outbox payloads never carry personal data. */
  payload?: Record<string, string>;
  action: string;
  audit: { before: object | null; after: object };
}

/**
 * Writes what every purna penempatan change leaves behind, inside the change's transaction: the
 * timeline entry with actor and time, the outbox event, and the audit record — last, because the
 * audit chain's lock is held until the transaction ends.
 */
@Injectable()
export class ChangeRecorder {
  constructor(
    private readonly store: PlacementStore,
    private readonly outbox: OutboxWriter,
    private readonly audit: AuditTrail,
  ) {}

  async record(manager: EntityManager, principal: Principal, change: RecordedChange): Promise<void> {
    await this.store.recordEvent(
      manager,
      principal,
      change.after,
      change.event,
      change.before.stage,
      change.detail,
    );
    if (change.topic) {
      await this.outbox.publish(manager, {
        topic: change.topic,
        aggregateType: 'placement',
        aggregateId: change.after.id,
        payload: change.payload,
      });
    }
    await this.audit.record(manager, {
      actor: auditActor(principal),
      action: change.action,
      entityType: 'placement',
      entityId: change.after.id,
      before: change.audit.before,
      after: change.audit.after,
    });
  }
}
