import { InvalidInputError, type ConnectionShape } from '#lintas/core';
import type { EntityManager } from 'typeorm';
import { AuditEvent } from './audit-event.entity.js';

/** Where a page of a trail ends: the chain position of its last event. */
export interface AuditCursor {
  sequence: string;
}

const SEQUENCE = /^[1-9]\d{0,18}$/;
const MAX_SEQUENCE = 2n ** 63n - 1n;

export function encodeAuditCursor(cursor: AuditCursor): string {
  return Buffer.from(JSON.stringify({ sequence: cursor.sequence })).toString('base64url');
}

export function decodeAuditCursor(cursor: string | undefined, path = 'after'): AuditCursor | undefined {
  if (cursor === undefined) return undefined;
  try {
    const decoded: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    const sequence: unknown =
      typeof decoded === 'object' && decoded !== null && 'sequence' in decoded ? decoded.sequence : undefined;
    if (typeof sequence === 'string' && SEQUENCE.test(sequence) && BigInt(sequence) <= MAX_SEQUENCE) {
      return { sequence };
    }
  } catch {
    // falls through to the error below: a cursor that is not ours is bad input, not a crash
  }
  throw InvalidInputError.of(path, 'is not a cursor returned by this API');
}

/**
 * Reads the trail of one entity, inside the caller's transaction. Who may read it is not decided
 * here: the audit library knows no principals (access depends on audit, not the other way round).
 */
export class AuditTrailQueries {
  constructor(private readonly manager: EntityManager) {}

  /** The kinds of entity recorded under this id: none when nothing was ever recorded for it. */
  async entityTypesOf(entityId: string): Promise<string[]> {
    const rows = await this.manager.query<{ entityType: string }[]>(
      'SELECT DISTINCT entity_type AS "entityType" FROM audit_event WHERE entity_id = $1',
      [entityId],
    );
    return rows.map((row) => row.entityType);
  }

  /**
   * Oldest first, as the chain recorded it. The keyset is the sequence, not the time: events
   * recorded in the same millisecond still have one order, and a page never shifts as the trail
   * grows. `first + 1` rows are read so that the extra one proves a next page.
   */
  async page(
    entityId: string,
    first: number,
    after: AuditCursor | undefined,
  ): Promise<ConnectionShape<AuditEvent>> {
    const repository = this.manager.getRepository(AuditEvent);
    const totalCount = await repository.countBy({ entityId });
    const query = repository.createQueryBuilder('event').where('event.entityId = :entityId', { entityId });
    if (after) query.andWhere('event.sequence > :after', { after: after.sequence });
    const rows = await query
      .orderBy('event.sequence', 'ASC')
      .limit(first + 1)
      .getMany();
    const edges = rows.slice(0, first).map((event) => ({
      cursor: encodeAuditCursor({ sequence: event.sequence }),
      node: event,
    }));
    return {
      edges,
      totalCount,
      pageInfo: { hasNextPage: rows.length > first, endCursor: edges.at(-1)?.cursor ?? null },
    };
  }
}
