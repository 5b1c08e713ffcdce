import { ConflictError } from '#lintas/core';
import type { EntityManager } from 'typeorm';
import { auditHash, GENESIS_HASH } from './audit-hash.js';

/**
 * Why a row breaks the chain, checked in this order:
 * - `sequence-before-start`: its sequence is below 1, where no row is ever recorded: it was inserted;
 * - `sequence-gap`: the row is not the one after the last good row, so rows before it were deleted;
 * - `previous-hash-mismatch`: it does not carry the last good row's hash, so a row was inserted or
 *   replaced before it;
 * - `content-hash-mismatch`: its hash is not the hash of what it holds, so it was edited.
 */
export type ChainBreakReason =
  'sequence-before-start' | 'sequence-gap' | 'previous-hash-mismatch' | 'content-hash-mismatch';

/** The first row that breaks the chain: what names it, never what it holds (before/after may carry PII). */
export interface BrokenLink {
  sequence: string;
  id: string;
  action: string;
  entityType: string;
  entityId: string;
  reason: ChainBreakReason;
  /** The same, told for the operator who has to find out what happened. */
  detail: string;
}

export interface ChainVerification {
  valid: boolean;
  /** Rows proven good, in chain order, before the first broken one. */
  checked: number;
  firstBroken?: BrokenLink;
}

/** The history in the database no longer matches its hash chain: someone changed it behind the trigger. */
export class AuditChainBrokenError extends ConflictError {
  constructor(readonly broken: BrokenLink) {
    super(`The audit trail is broken at sequence ${broken.sequence}: ${broken.detail}`);
  }
}

interface ChainRow {
  sequence: string;
  id: string;
  actorType: string;
  actorId: string | null;
  action: string;
  entityType: string;
  entityId: string;
  before: unknown;
  after: unknown;
  requestId: string | null;
  occurredAt: Date;
  previousHash: string;
  hash: string;
}

/** Rows per query: the trail grows for years, so it is read a batch at a time, never whole. */
const VERIFY_BATCH = 1000;
/** The lowest bigint: the walk starts there so that a row forged below sequence 1 is seen too. */
const LOWEST_SEQUENCE = -(2n ** 63n);

/**
 * Walks the whole chain from the first row, a keyset batch at a time (raw rows: no entity
 * hydration), and stops at the first row that breaks it. Rows appended meanwhile only extend the
 * chain, so no snapshot is needed.
 */
export async function verifyAuditChain(
  manager: EntityManager,
  batchSize = VERIFY_BATCH,
): Promise<ChainVerification> {
  let previousHash = GENESIS_HASH;
  let expectedSequence = 1n;
  let from = LOWEST_SEQUENCE;
  let checked = 0;
  for (;;) {
    const rows = await manager.query<ChainRow[]>(
      `SELECT sequence, id, actor_type AS "actorType", actor_id AS "actorId", action,
              entity_type AS "entityType", entity_id AS "entityId", before, after,
              request_id AS "requestId", occurred_at AS "occurredAt", previous_hash AS "previousHash", hash
         FROM audit_event
        WHERE sequence >= $1
        ORDER BY sequence
        LIMIT $2`,
      [String(from), batchSize],
    );
    for (const row of rows) {
      const reason = breakOf(row, expectedSequence, previousHash);
      if (reason) {
        return { valid: false, checked, firstBroken: brokenLink(row, reason, expectedSequence) };
      }
      previousHash = row.hash;
      expectedSequence += 1n;
      checked += 1;
    }
    if (rows.length < batchSize) return { valid: true, checked };
    from = expectedSequence;
  }
}

function breakOf(row: ChainRow, expectedSequence: bigint, previousHash: string): ChainBreakReason | null {
  const sequence = BigInt(row.sequence);
  if (sequence < 1n) return 'sequence-before-start';
  if (sequence !== expectedSequence) return 'sequence-gap';
  if (row.previousHash !== previousHash) return 'previous-hash-mismatch';
  const recomputed = auditHash({
    sequence: row.sequence,
    id: row.id,
    actorType: row.actorType,
    actorId: row.actorId,
    action: row.action,
    entityType: row.entityType,
    entityId: row.entityId,
    before: row.before,
    after: row.after,
    requestId: row.requestId,
    occurredAt: row.occurredAt.toISOString(),
    previousHash: row.previousHash,
  });
  return row.hash === recomputed ? null : 'content-hash-mismatch';
}

function brokenLink(row: ChainRow, reason: ChainBreakReason, expectedSequence: bigint): BrokenLink {
  const missingTo = BigInt(row.sequence) - 1n;
  const detail = {
    'sequence-before-start': 'no row is ever recorded below sequence 1: it was inserted',
    'sequence-gap':
      missingTo === expectedSequence
        ? `row ${expectedSequence} is missing (deleted)`
        : `rows ${expectedSequence} to ${missingTo} are missing (deleted)`,
    'previous-hash-mismatch':
      expectedSequence === 1n
        ? 'the first row does not start from the genesis hash: it was inserted or replaced'
        : `its previous hash is not the hash of row ${expectedSequence - 1n}: a row before it was inserted or replaced`,
    'content-hash-mismatch': 'what it holds no longer matches its hash: the row was edited',
  }[reason];
  return {
    sequence: row.sequence,
    id: row.id,
    action: row.action,
    entityType: row.entityType,
    entityId: row.entityId,
    reason,
    detail,
  };
}
