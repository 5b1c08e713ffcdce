import { ConflictError } from '#lintas/core';
import type { EntityManager } from 'typeorm';
import { auditHash, GENESIS_HASH, type HashedFields } from './audit-hash.js';

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

/**
 * A row's sequence and hash, kept by an operator outside the database (a signed report, another
 * system): the chain alone cannot show that rows were removed from its end, or that it was rewritten
 * from some row on with every later hash recomputed; a checkpoint the trail no longer holds does.
 */
export interface AuditCheckpoint {
  sequence: string;
  hash: string;
}

/**
 * Why a chain that holds together is still refused:
 * - `checkpoint-missing`: the trail ends before the checkpoint's row, so rows at its end were deleted;
 * - `checkpoint-mismatch`: the row at the checkpoint's sequence has another hash, so the trail was
 *   rewritten from that row or one before it, with the hashes recomputed.
 */
export type CheckpointFailureReason = 'checkpoint-missing' | 'checkpoint-mismatch';

/** What `audit:verify` reports: the chain, where it ends, and whether it still holds the checkpoint. */
export type TrailVerification =
  | {
      valid: true;
      checked: number;
      /** The last row: the checkpoint to keep for the next run (null while the trail is empty). */
      lastSequence: string | null;
      lastHash: string | null;
      /** The checkpoint given, which the trail holds. */
      checkpoint?: AuditCheckpoint;
    }
  | { valid: false; checked: number; firstBroken: BrokenLink }
  | {
      valid: false;
      checked: number;
      reason: CheckpointFailureReason;
      checkpoint: AuditCheckpoint;
      detail: string;
    };

/** The history in the database no longer matches its hash chain: someone changed it behind the trigger. */
export class AuditChainBrokenError extends ConflictError {
  constructor(readonly broken: BrokenLink) {
    super(`The audit trail is broken at sequence ${broken.sequence}: ${broken.detail}`);
  }
}

/** The chain holds together, but not the checkpoint kept outside the database: its end was changed. */
export class AuditCheckpointError extends ConflictError {
  constructor(
    readonly reason: CheckpointFailureReason,
    readonly checkpoint: AuditCheckpoint,
    readonly detail: string,
  ) {
    super(`The audit trail does not hold the checkpoint at sequence ${checkpoint.sequence}: ${detail}`);
  }
}

/** `<sequence>:<hash>`, as an operator writes a checkpoint down: a sequence from 1, a SHA-256 in hex. */
const CHECKPOINT = /^([1-9][0-9]{0,18}):([0-9a-fA-F]{64})$/;
const HIGHEST_SEQUENCE = 2n ** 63n - 1n;

/** The checkpoint `text` names, or null when it is not `<sequence>:<hash>`. */
export function parseAuditCheckpoint(text: string): AuditCheckpoint | null {
  const match = CHECKPOINT.exec(text.trim());
  if (!match || BigInt(match[1]) > HIGHEST_SEQUENCE) return null;
  return { sequence: match[1], hash: match[2].toLowerCase() };
}

/** A row as the walk reads it: what its hash covers (the time as a Date), and the hash. */
interface ChainRow extends Omit<HashedFields, 'occurredAt'> {
  occurredAt: Date;
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
  const { checked, firstBroken } = await walkChain(manager, batchSize, null);
  return firstBroken ? { valid: false, checked, firstBroken } : { valid: true, checked };
}

/**
 * The chain as `verifyAuditChain` proves it, then the checkpoint, when one is given: the row at its
 * sequence must still be there with its hash. A valid answer names the last row, the next checkpoint.
 */
export async function verifyAuditTrail(
  manager: EntityManager,
  checkpoint: AuditCheckpoint | null,
  batchSize = VERIFY_BATCH,
): Promise<TrailVerification> {
  const walk = await walkChain(manager, batchSize, checkpoint);
  const { checked, firstBroken, last } = walk;
  if (firstBroken) return { valid: false, checked, firstBroken };
  if (checkpoint && walk.checkpointHash === undefined) {
    const ends = last ? `the trail ends at sequence ${last.sequence}` : 'the trail is empty';
    return {
      valid: false,
      checked,
      reason: 'checkpoint-missing',
      checkpoint,
      detail: `${ends}, before the checkpoint's row ${checkpoint.sequence}: rows at its end were deleted`,
    };
  }
  if (checkpoint && walk.checkpointHash !== checkpoint.hash) {
    return {
      valid: false,
      checked,
      reason: 'checkpoint-mismatch',
      checkpoint,
      detail:
        `row ${checkpoint.sequence} no longer has the checkpoint's hash: the trail was rewritten ` +
        'from that row or one before it, with the hashes recomputed',
    };
  }
  return {
    valid: true,
    checked,
    lastSequence: last?.sequence ?? null,
    lastHash: last?.hash ?? null,
    ...(checkpoint && { checkpoint }),
  };
}

interface ChainWalk {
  checked: number;
  firstBroken?: BrokenLink;
  /** The last row proven good. */
  last: AuditCheckpoint | null;
  /** The hash of the row at the checkpoint's sequence, when the walk proved that row good. */
  checkpointHash?: string;
}

/** Stops at the first broken row, or at the checkpoint's row when its hash differs: nothing after counts. */
async function walkChain(
  manager: EntityManager,
  batchSize: number,
  checkpoint: AuditCheckpoint | null,
): Promise<ChainWalk> {
  const checkpointSequence = checkpoint ? BigInt(checkpoint.sequence) : null;
  let previousHash = GENESIS_HASH;
  let expectedSequence = 1n;
  let from = LOWEST_SEQUENCE;
  let checked = 0;
  let last: AuditCheckpoint | null = null;
  let checkpointHash: string | undefined;
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
        return { checked, firstBroken: brokenLink(row, reason, expectedSequence), last };
      }
      if (expectedSequence === checkpointSequence) {
        checkpointHash = row.hash;
        if (row.hash !== checkpoint?.hash) return { checked, last, checkpointHash };
      }
      previousHash = row.hash;
      expectedSequence += 1n;
      checked += 1;
      last = { sequence: row.sequence, hash: row.hash };
    }
    if (rows.length < batchSize) return { checked, last, checkpointHash };
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
