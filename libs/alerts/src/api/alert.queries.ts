import { placementScope, type Jurisdiction, type ScopeCondition } from '#lintas/access';
import type { KeysetCursor } from '#lintas/core';
import { firstPerKey } from '#lintas/database';
import type { EntityManager, SelectQueryBuilder } from 'typeorm';
import { Alert } from '../model/alert.entity.js';
import { AlertKind, type AlertSeverity, type AlertStatus } from '../model/alert.enums.js';

/** An alert as the API shows it, with the placement codes that place it in a jurisdiction. */
export interface AlertView {
  id: string;
  kind: AlertKind;
  severity: AlertSeverity;
  status: AlertStatus;
  placementId: string | null;
  subjectAlertId: string | null;
  reason: string;
  raisedAt: Date;
  escalatedAt: Date | null;
  acknowledgedAt: Date | null;
  acknowledgedById: string | null;
  assigneeId: string | null;
  assignedAt: Date | null;
  resolvedAt: Date | null;
  resolvedById: string | null;
  resolutionNote: string | null;
  createdAt: Date;
  updatedAt: Date;
  version: number;
  originProvinceCode: string | null;
  originRegencyCode: string | null;
  destination: string | null;
}

export interface AlertListFilter {
  kind?: AlertKind[];
  severity?: AlertSeverity[];
  status?: AlertStatus[];
  agencyId?: string;
  placementId?: string;
  assigneeId?: string;
  raisedFrom?: Date;
  raisedTo?: Date;
}

/** Kinds about Lintas itself, not a worker: only the national agency sees them. */
const NATIONAL_KINDS: readonly AlertKind[] = [AlertKind.DELIVERY_FAILED];

/** The caller's scope on alerts: `sql` on the alert `a` and its placement `p`. */
export interface AlertScope extends ScopeCondition {
  /** The kinds the caller may not see wherever their placement lies. */
  hiddenKinds: readonly AlertKind[];
}

/**
 * Where an alert belongs: with its placement (origin province or regency, destination country).
 * DELIVERY_FAILED is about Lintas itself, not a worker, and only the national agency sees it.
 */
export function alertScope(jurisdiction: Jurisdiction): AlertScope {
  if (jurisdiction.national) return { sql: 'TRUE', params: {}, hiddenKinds: [] };
  const placement = placementScope(jurisdiction);
  return {
    sql: `(${kindNotIn('a', NATIONAL_KINDS)} AND ${placement.sql})`,
    params: placement.params,
    hiddenKinds: NATIONAL_KINDS,
  };
}

function kindNotIn(alias: string, kinds: readonly AlertKind[]): string {
  return `${alias}.kind NOT IN (${kinds.map((kind) => `'${kind}'`).join(', ')})`;
}

/** The SQL that reads alerts, in one place; each statement carries the caller's scope. */
export class AlertQueries {
  constructor(
    private readonly manager: EntityManager,
    private readonly scope: AlertScope,
  ) {}

  byId(id: string): Promise<AlertView | undefined> {
    return this.scoped().andWhere('a.id = :id', { id }).getRawOne<AlertView>();
  }

  /**
   * The newest `limit` alerts of each placement that the caller may see, newest first. The kinds it
   * may not see are dropped before the limit, so they never crowd out the ones it may; the rest of
   * the scope is the placement's, the same for all of a placement's alerts, and applies after.
   */
  ofPlacements(placementIds: readonly string[], limit: number): Promise<AlertView[]> {
    return this.scoped()
      .andWhere(
        firstPerKey('a', 'placementIds', {
          table: 'alert',
          keyColumn: 'placement_id',
          order: 'x.raised_at DESC, x.id DESC',
          limit,
          where: this.scope.hiddenKinds.length > 0 ? kindNotIn('x', this.scope.hiddenKinds) : undefined,
        }),
        { placementIds },
      )
      .orderBy('a.raised_at', 'DESC')
      .addOrderBy('a.id', 'DESC')
      .getRawMany<AlertView>();
  }

  /**
   * Newest first by keyset on (raised_at, id) — the order of `alert_raised_idx` — with `first + 1`
   * rows so the caller can tell whether a next page exists.
   */
  async page(
    filter: AlertListFilter,
    first: number,
    after: KeysetCursor | undefined,
  ): Promise<{ rows: AlertView[]; totalCount: number }> {
    const query = this.scoped();
    const anyOf: [keyof AlertListFilter, string][] = [
      ['kind', 'a.kind'],
      ['severity', 'a.severity'],
      ['status', 'a.status'],
    ];
    for (const [field, column] of anyOf) {
      const values = filter[field];
      if (Array.isArray(values) && values.length > 0) {
        query.andWhere(`${column} = ANY(:${field})`, { [field]: values });
      }
    }
    if (filter.agencyId) {
      query.andWhere(
        'EXISTS (SELECT 1 FROM alert_recipient r WHERE r.alert_id = a.id AND r.agency_id = :agencyId)',
        { agencyId: filter.agencyId },
      );
    }
    if (filter.placementId)
      query.andWhere('a.placement_id = :placementId', { placementId: filter.placementId });
    if (filter.assigneeId) query.andWhere('a.assignee_id = :assigneeId', { assigneeId: filter.assigneeId });
    if (filter.raisedFrom) query.andWhere('a.raised_at >= :raisedFrom', { raisedFrom: filter.raisedFrom });
    if (filter.raisedTo) query.andWhere('a.raised_at < :raisedTo', { raisedTo: filter.raisedTo });
    const totalCount = await query.clone().getCount();
    if (after) {
      query.andWhere('(a.raised_at, a.id) < (:afterRaisedAt, :afterId)', {
        afterRaisedAt: after.createdAt,
        afterId: after.id,
      });
    }
    const rows = await query
      .orderBy('a.raised_at', 'DESC')
      .addOrderBy('a.id', 'DESC')
      .limit(first + 1)
      .getRawMany<AlertView>();
    return { rows, totalCount };
  }

  private scoped(): SelectQueryBuilder<Alert> {
    return this.manager
      .createQueryBuilder(Alert, 'a')
      .leftJoin('placement', 'p', 'p.id = a.placement_id')
      .select([
        'a.id AS "id"',
        'a.kind AS "kind"',
        'a.severity AS "severity"',
        'a.status AS "status"',
        'a.placement_id AS "placementId"',
        'a.subject_alert_id AS "subjectAlertId"',
        'a.reason AS "reason"',
        'a.raised_at AS "raisedAt"',
        'a.escalated_at AS "escalatedAt"',
        'a.acknowledged_at AS "acknowledgedAt"',
        'a.acknowledged_by_id AS "acknowledgedById"',
        'a.assignee_id AS "assigneeId"',
        'a.assigned_at AS "assignedAt"',
        'a.resolved_at AS "resolvedAt"',
        'a.resolved_by_id AS "resolvedById"',
        'a.resolution_note AS "resolutionNote"',
        'a.created_at AS "createdAt"',
        'a.updated_at AS "updatedAt"',
        'a.version AS "version"',
        'p.origin_province_code AS "originProvinceCode"',
        'p.origin_regency_code AS "originRegencyCode"',
        'p.destination AS "destination"',
      ])
      .where(this.scope.sql, this.scope.params);
  }
}
