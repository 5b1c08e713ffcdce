import { cursorCodec, toConnection, type ConnectionShape } from '#lintas/core';
import type { EntityManager } from 'typeorm';
import { AuditEvent } from './audit-event.entity.js';

/** Where a page of a trail ends: the chain position of its last event. */
export interface AuditCursor {
  sequence: string;
}

const SEQUENCE = /^[1-9]\d{0,18}$/;
const MAX_SEQUENCE = 2n ** 63n - 1n;

const auditCursor = cursorCodec<AuditCursor>(
  (cursor) => ({ sequence: cursor.sequence }),
  (json) => {
    const sequence: unknown =
      typeof json === 'object' && json !== null && 'sequence' in json ? json.sequence : undefined;
    return typeof sequence === 'string' && SEQUENCE.test(sequence) && BigInt(sequence) <= MAX_SEQUENCE
      ? { sequence }
      : undefined;
  },
);

export function decodeAuditCursor(cursor: string | undefined, path = 'after'): AuditCursor | undefined {
  return auditCursor.decode(cursor, path);
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
    return toConnection(
      rows,
      first,
      totalCount,
      (event) => event,
      (event) => auditCursor.encode({ sequence: event.sequence }),
    );
  }
}
