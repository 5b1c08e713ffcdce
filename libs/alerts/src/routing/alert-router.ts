import { Inject, Injectable } from '@nestjs/common';
import { APP_LOGGER } from '#lintas/core';
import type { Logger } from 'pino';
import type { EntityManager } from 'typeorm';
import { AlertKind, AlertSeverity } from '../model/alert.enums.js';
import { RecipientRole, recipientRoles } from './recipient-policy.js';

/** The facts routing reads: the alert, and where its placement's worker comes from and went. */
export interface RoutableAlert {
  id: string;
  kind: AlertKind;
  severity: AlertSeverity;
  originProvinceCode: string | null;
  originRegencyCode: string | null;
  destination: string | null;
}

/** An agency an alert goes to, with its channels as they are now. */
export interface Recipient {
  agencyId: string;
  agencyCode: string;
  reason: string;
  webhookUrl: string | null;
  alertEmails: string[];
}

interface AgencyRow {
  id: string;
  code: string;
  webhookUrl: string | null;
  alertEmails: string[];
}

const AGENCY_COLUMNS = `id, code, webhook_url AS "webhookUrl", alert_emails AS "alertEmails"`;

/**
 * Finds the agencies an alert goes to from their jurisdictions, and records them. Where no agency
 * covers a region (or the origin is unknown), the national agency receives the alert and the
 * recipient's reason says so: an alert is never routed to nobody.
 */
@Injectable()
export class AlertRouter {
  constructor(@Inject(APP_LOGGER) private readonly logger: Logger) {}

  async route(manager: EntityManager, alert: RoutableAlert): Promise<Recipient[]> {
    const recipients = new Map<string, Recipient>();
    const add = (agency: AgencyRow, reason: string): void => {
      const known = recipients.get(agency.id);
      if (known) known.reason = `${known.reason}; ${reason}`;
      else
        recipients.set(agency.id, {
          agencyId: agency.id,
          agencyCode: agency.code,
          reason,
          webhookUrl: agency.webhookUrl,
          alertEmails: agency.alertEmails,
        });
    };
    for (const role of recipientRoles(alert.kind, alert.severity)) {
      const { agencies, covered, fallback } = await this.agenciesFor(manager, role, alert);
      for (const agency of agencies) add(agency, covered);
      if (agencies.length === 0) {
        const national = await this.nationalAgencies(manager);
        if (national.length === 0)
          this.logger.error({ alertId: alert.id, role }, 'no national agency to route to');
        for (const agency of national) add(agency, fallback);
      }
    }
    const routed = [...recipients.values()];
    if (routed.length > 0) {
      await manager.query(
        `INSERT INTO alert_recipient (alert_id, agency_id, reason)
         SELECT $1, agency_id, reason FROM unnest($2::uuid[], $3::text[]) AS r(agency_id, reason)
         ON CONFLICT (alert_id, agency_id) DO NOTHING`,
        [alert.id, routed.map((r) => r.agencyId), routed.map((r) => r.reason)],
      );
    }
    return routed;
  }

  private async agenciesFor(
    manager: EntityManager,
    role: RecipientRole,
    alert: RoutableAlert,
  ): Promise<{ agencies: AgencyRow[]; covered: string; fallback: string }> {
    const national = 'sent to the national agency';
    switch (role) {
      case RecipientRole.ORIGIN_BP3MI:
        return alert.originProvinceCode
          ? {
              agencies: await this.select(
                manager,
                `kind = 'BP3MI' AND $1 = ANY(province_codes)`,
                alert.originProvinceCode,
              ),
              covered: `BP3MI of origin province ${alert.originProvinceCode}`,
              fallback: `no BP3MI covers province ${alert.originProvinceCode}: ${national}`,
            }
          : { agencies: [], covered: '', fallback: `the worker's origin is unknown: ${national}` };
      case RecipientRole.ORIGIN_DISNAKER:
        return alert.originRegencyCode
          ? {
              agencies: await this.select(
                manager,
                `kind = 'DISNAKER' AND $1 = ANY(regency_codes)`,
                alert.originRegencyCode,
              ),
              covered: `Disnaker of origin regency ${alert.originRegencyCode}`,
              fallback: `no Disnaker covers regency ${alert.originRegencyCode}: ${national}`,
            }
          : { agencies: [], covered: '', fallback: `the worker's origin is unknown: ${national}` };
      case RecipientRole.DESTINATION_PARTNER:
        return alert.destination
          ? {
              agencies: await this.select(
                manager,
                `kind IN ('EMBASSY', 'PARTNER') AND $1 = ANY(country_codes)`,
                alert.destination,
              ),
              covered: `embassy or partner in ${alert.destination}`,
              fallback: `no embassy or partner covers ${alert.destination}: ${national}`,
            }
          : { agencies: [], covered: '', fallback: `the destination is unknown: ${national}` };
      case RecipientRole.NATIONAL:
        return {
          agencies: await this.nationalAgencies(manager),
          covered: 'national agency',
          fallback: 'national agency',
        };
    }
  }

  private select(manager: EntityManager, condition: string, code: string): Promise<AgencyRow[]> {
    return manager.query<AgencyRow[]>(
      `SELECT ${AGENCY_COLUMNS} FROM agency WHERE ${condition} ORDER BY code`,
      [code],
    );
  }

  private nationalAgencies(manager: EntityManager): Promise<AgencyRow[]> {
    return manager.query<AgencyRow[]>(
      `SELECT ${AGENCY_COLUMNS} FROM agency WHERE kind = 'NATIONAL' ORDER BY code`,
    );
  }
}
