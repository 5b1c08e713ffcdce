import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { AuditTrailQueries, canonicalJson, decodeAuditCursor, type AuditEvent } from '#lintas/audit';
import { NotFoundError, type ConnectionShape } from '#lintas/core';
import type { DataSource, EntityManager } from 'typeorm';
import type { Principal } from '../auth/principal.js';
import { placementScope, workerScope } from '../scope/jurisdiction-scope.js';
import type { AuditEventModel } from './audit-trail.model.js';

interface EntityLookup {
  sql: string;
  params: Record<string, unknown>;
}

/**
 * A statement that finds the audited entity only when it lies in the caller's jurisdiction, read
 * the way the entity's own queries scope it — so the trail shows no more than the record would.
 * Undefined for the kinds that belong to no jurisdiction (agencies, users, API keys, recruiters, …):
 * only the national agency reads theirs.
 */
function entityInScope(entityType: string, principal: Principal): EntityLookup | undefined {
  switch (entityType) {
    case 'placement': {
      const scope = placementScope(principal.jurisdiction);
      return {
        sql: `SELECT 1 FROM placement p WHERE p.id = :entityId AND ${scope.sql}`,
        params: scope.params,
      };
    }
    case 'worker': {
      const scope = workerScope(principal.jurisdiction);
      return { sql: `SELECT 1 FROM worker w WHERE w.id = :entityId AND ${scope.sql}`, params: scope.params };
    }
    case 'alert': {
      // Where its placement is; an alert without one (DELIVERY_FAILED) is the national agency's.
      const scope = placementScope(principal.jurisdiction);
      return {
        sql: `SELECT 1 FROM alert a JOIN placement p ON p.id = a.placement_id
               WHERE a.id = :entityId AND ${scope.sql}`,
        params: scope.params,
      };
    }
    default:
      return undefined;
  }
}

/**
 * The audit trail of one entity, for oversight. An entity with no trail and one outside the
 * caller's jurisdiction answer the same NOT_FOUND, so the answer never tells that it exists.
 * The events keep what was recorded, as auditors need it, but for personal numbers: hash-chained
 * rows could never be re-encrypted, so of a worker's NIK, passport and phone, and of a requirement's
 * document number, they say only whether one is recorded or changed. Names and notes remain, so
 * none of it is logged here, and it reaches the client as text, never through a scalar whose
 * refusal could echo a value into an error log.
 */
@Injectable()
export class AuditTrailService {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  page(
    principal: Principal,
    entityId: string,
    first: number,
    after: string | undefined,
  ): Promise<ConnectionShape<AuditEventModel>> {
    const cursor = decodeAuditCursor(after);
    // One snapshot, so the scope decision, the count and the page agree while the trail grows.
    return this.dataSource.transaction('REPEATABLE READ', async (manager) => {
      const queries = new AuditTrailQueries(manager);
      const entityTypes = await queries.entityTypesOf(entityId);
      if (entityTypes.length === 0 || !(await this.mayRead(manager, principal, entityId, entityTypes))) {
        throw new NotFoundError('Entity', entityId, 'entityId');
      }
      const connection = await queries.page(entityId, first, cursor);
      return {
        ...connection,
        edges: connection.edges.map((edge) => ({ ...edge, node: toModel(edge.node) })),
      };
    });
  }

  /** Every kind recorded under the id must be in scope: an id is never half visible. */
  private async mayRead(
    manager: EntityManager,
    principal: Principal,
    entityId: string,
    entityTypes: string[],
  ): Promise<boolean> {
    if (principal.jurisdiction.national) return true;
    for (const entityType of entityTypes) {
      const lookup = entityInScope(entityType, principal);
      if (!lookup) return false;
      // Named parameters (the scope condition is written with them) become PostgreSQL's $n.
      const [statement, values] = manager.connection.driver.escapeQueryWithParameters(lookup.sql, {
        ...lookup.params,
        entityId,
      });
      const rows = await manager.query<unknown[]>(statement, values);
      if (rows.length === 0) return false;
    }
    return true;
  }
}

function toModel(event: AuditEvent): AuditEventModel {
  return {
    id: event.id,
    sequence: event.sequence,
    action: event.action,
    entityType: event.entityType,
    entityId: event.entityId,
    actorType: event.actorType,
    actorId: event.actorId,
    requestId: event.requestId,
    occurredAt: event.occurredAt,
    beforeJson: event.before === null ? null : canonicalJson(event.before),
    afterJson: event.after === null ? null : canonicalJson(event.after),
    previousHash: event.previousHash,
    hash: event.hash,
  };
}
