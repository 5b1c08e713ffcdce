import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { Clock, currentRequestId } from '#lintas/core';
import type { EntityManager } from 'typeorm';
import { verifyAuditChain, type ChainVerification } from './audit-chain.js';
import { auditHash, GENESIS_HASH } from './audit-hash.js';
import { AuditEvent } from './audit-event.entity.js';

export interface AuditActor {
  type: 'user' | 'api-key' | 'system' | 'cli';
  id: string | null;
}

export interface AuditEntry {
  actor: AuditActor;
  action: string;
  entityType: string;
  entityId: string;
  before: object | null;
  after: object | null;
}

/** Any fixed number: it names the lock that gives the chain one order. */
const AUDIT_CHAIN_LOCK = 7_220_017;

@Injectable()
export class AuditTrail {
  constructor(private readonly clock: Clock) {}

  /**
   * Appends to the chain inside the caller's transaction. The chain lock is held until that
   * transaction ends, so call this as the last write of a change to keep the wait short.
   */
  async record(manager: EntityManager, entry: AuditEntry): Promise<AuditEvent> {
    await manager.query('SELECT pg_advisory_xact_lock($1)', [AUDIT_CHAIN_LOCK]);
    const [last] = await manager
      .getRepository(AuditEvent)
      .find({ select: { sequence: true, hash: true }, order: { sequence: 'DESC' }, take: 1 });
    const event = {
      sequence: String(BigInt(last?.sequence ?? '0') + 1n),
      id: randomUUID(),
      actorType: entry.actor.type,
      actorId: entry.actor.id,
      action: entry.action,
      entityType: entry.entityType,
      entityId: entry.entityId,
      before: asJson(entry.before),
      after: asJson(entry.after),
      requestId: currentRequestId() ?? null,
      occurredAt: this.clock.now().toISOString(),
      previousHash: last?.hash ?? GENESIS_HASH,
    };
    const hash = auditHash(event);
    await manager.query(
      `INSERT INTO audit_event (sequence, id, actor_type, actor_id, action, entity_type, entity_id,
         before, after, request_id, occurred_at, previous_hash, hash)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13)`,
      [
        event.sequence,
        event.id,
        event.actorType,
        event.actorId,
        event.action,
        event.entityType,
        event.entityId,
        event.before,
        event.after,
        event.requestId,
        event.occurredAt,
        event.previousHash,
        hash,
      ],
    );
    return manager.create(AuditEvent, { ...event, occurredAt: new Date(event.occurredAt), hash });
  }

  /** Recomputes every hash in order; any edit that slipped past the trigger breaks the chain here. */
  verifyChain(manager: EntityManager): Promise<ChainVerification> {
    return verifyAuditChain(manager);
  }
}

function asJson(value: object | null): Record<string, unknown> | null {
  return value === null ? null : (JSON.parse(JSON.stringify(value)) as Record<string, unknown>);
}
