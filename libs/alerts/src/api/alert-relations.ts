import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { type Principal } from '#lintas/access';
import { PlacementStore, type Placement } from '#lintas/pre-placement';
import type { DataSource } from 'typeorm';
import type { AlertDeliveryAttemptModel, DeliveryAttemptOutcome } from './alert.model.js';
import { AlertQueries, alertScope, type AlertView } from './alert.queries.js';
import type { AlertSeverity, DeliveryChannel, DeliveryStatus } from '../model/alert.enums.js';

export interface UserSummary {
  id: string;
  displayName: string;
}

export interface RecipientView {
  alertId: string;
  agencyId: string;
  reason: string;
  addedAt: Date;
}

export interface DeliveryView {
  id: string;
  alertId: string;
  agencyId: string;
  channel: DeliveryChannel;
  /** Null unless the delivery went to the viewer's own agency, or the viewer is national. */
  target: string | null;
  severity: AlertSeverity;
  status: DeliveryStatus;
  attempts: number;
  lastError: string | null;
  deliveredAt: Date | null;
  failedAt: Date | null;
  createdAt: Date;
}

export interface AttemptView extends AlertDeliveryAttemptModel {
  deliveryId: string;
  outcome: DeliveryAttemptOutcome;
}

/**
 * What an alert links to, read by key for a whole page at once (the per-request loaders call
 * these): one query per relation, whatever the number of alerts on the page. The alerts
 * themselves were scoped already; their relations are read for those alerts only.
 */
@Injectable()
export class AlertRelations {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly placements: PlacementStore,
  ) {}

  /** The placements the principal may see; an alert never shows one it may not. */
  placementsOf(principal: Principal, ids: readonly string[]): Promise<Placement[]> {
    return this.placements
      .scoped(this.dataSource.manager, principal)
      .andWhere('p.id = ANY(:ids)', { ids })
      .getMany();
  }

  /** The newest `limit` alerts of each of several placements, newest first, within the principal's scope. */
  alertsOfPlacements(
    principal: Principal,
    placementIds: readonly string[],
    limit: number,
  ): Promise<AlertView[]> {
    return new AlertQueries(this.dataSource.manager, alertScope(principal.jurisdiction)).ofPlacements(
      placementIds,
      limit,
    );
  }

  users(ids: readonly string[]): Promise<UserSummary[]> {
    return this.dataSource.query<UserSummary[]>(
      'SELECT id, display_name AS "displayName" FROM user_account WHERE id = ANY($1::uuid[])',
      [ids],
    );
  }

  recipients(alertIds: readonly string[]): Promise<RecipientView[]> {
    return this.dataSource.query<RecipientView[]>(
      `SELECT alert_id AS "alertId", agency_id AS "agencyId", reason, added_at AS "addedAt"
         FROM alert_recipient WHERE alert_id = ANY($1::uuid[])
        ORDER BY added_at, agency_id`,
      [alertIds],
    );
  }

  /**
   * Oldest first: an escalation's deliveries follow the first ones. Everyone who sees the alert sees
   * whom it reached and how; only the agency itself (and the national agency) sees where — a
   * webhook URL may itself be a credential, and e-mail addresses are people's.
   */
  deliveries(alertIds: readonly string[], viewer: Principal): Promise<DeliveryView[]> {
    return this.dataSource.query<DeliveryView[]>(
      `SELECT id, alert_id AS "alertId", agency_id AS "agencyId", channel,
              CASE WHEN $2::boolean OR agency_id = $3::uuid THEN target END AS target, severity, status,
              attempts, last_error AS "lastError", delivered_at AS "deliveredAt", failed_at AS "failedAt",
              created_at AS "createdAt"
         FROM alert_delivery WHERE alert_id = ANY($1::uuid[])
        ORDER BY created_at, id`,
      [alertIds, viewer.jurisdiction.national, viewer.agency.id],
    );
  }

  attempts(deliveryIds: readonly string[]): Promise<AttemptView[]> {
    return this.dataSource.query<AttemptView[]>(
      `SELECT delivery_id AS "deliveryId", attempt, attempted_at AS "attemptedAt", latency_ms AS "latencyMs",
              status_code AS "statusCode", outcome, error
         FROM alert_delivery_attempt WHERE delivery_id = ANY($1::uuid[])
        ORDER BY attempt, id`,
      [deliveryIds],
    );
  }
}
