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

type RegionalRoleName = Exclude<RecipientRole, RecipientRole.NATIONAL>;

/** An agency of a jurisdiction: the role and the code asked for, and the agency that covers it. */
interface JurisdictionRow {
  role: RegionalRoleName;
  code: string;
  id: string;
  agencyCode: string;
  webhookUrl: string | null;
  alertEmails: string[];
}

/** How a recipient role finds its agencies: by one code of the alert's placement. */
interface RegionalRole {
  code(alert: RoutableAlert): string | null;
  covered(code: string): string;
  uncovered(code: string): string;
  unknown: string;
}

const REGIONAL_ROLES: Record<RegionalRoleName, RegionalRole> = {
  [RecipientRole.ORIGIN_BP3MI]: {
    code: (alert) => alert.originProvinceCode,
    covered: (code) => `BP3MI of origin province ${code}`,
    uncovered: (code) => `no BP3MI covers province ${code}`,
    unknown: "the worker's origin is unknown",
  },
  [RecipientRole.ORIGIN_DISNAKER]: {
    code: (alert) => alert.originRegencyCode,
    covered: (code) => `Disnaker of origin regency ${code}`,
    uncovered: (code) => `no Disnaker covers regency ${code}`,
    unknown: "the worker's origin is unknown",
  },
  [RecipientRole.DESTINATION_PARTNER]: {
    code: (alert) => alert.destination,
    covered: (code) => `embassy or partner in ${code}`,
    uncovered: (code) => `no embassy or partner covers ${code}`,
    unknown: 'the destination is unknown',
  },
};

/** The agencies of each (role, code) asked for, in one statement: the jurisdiction rules in SQL. */
const REGIONAL_AGENCIES = `
  SELECT asked.role, asked.code, ag.id, ag.code AS "agencyCode", ag.webhook_url AS "webhookUrl",
         ag.alert_emails AS "alertEmails"
    FROM unnest($1::text[], $2::text[]) AS asked(role, code)
    JOIN agency ag
      ON (asked.role = '${RecipientRole.ORIGIN_BP3MI}' AND ag.kind = 'BP3MI' AND asked.code = ANY(ag.province_codes))
      OR (asked.role = '${RecipientRole.ORIGIN_DISNAKER}' AND ag.kind = 'DISNAKER' AND asked.code = ANY(ag.regency_codes))
      OR (asked.role = '${RecipientRole.DESTINATION_PARTNER}' AND ag.kind IN ('EMBASSY', 'PARTNER')
          AND asked.code = ANY(ag.country_codes))
   ORDER BY ag.code`;

const jurisdiction = (role: RegionalRoleName, code: string): string => `${role}:${code}`;

/**
 * Finds the agencies alerts go to from their jurisdictions, and records them. Where no agency
 * covers a region (or the origin is unknown), the national agency receives the alert and the
 * recipient's reason says so: an alert is never routed to nobody. A batch of alerts is routed with
 * the same three statements as one alert.
 */
@Injectable()
export class AlertRouter {
  constructor(@Inject(APP_LOGGER) private readonly logger: Logger) {}

  /** The recipients of each alert, by alert id. */
  async route(manager: EntityManager, alerts: readonly RoutableAlert[]): Promise<Map<string, Recipient[]>> {
    const regional = await this.regionalAgencies(manager, alerts);
    let national: AgencyRow[] | undefined;
    const nationalAgencies = async (): Promise<AgencyRow[]> =>
      (national ??= await manager.query<AgencyRow[]>(
        `SELECT id, code, webhook_url AS "webhookUrl", alert_emails AS "alertEmails"
           FROM agency WHERE kind = 'NATIONAL' ORDER BY code`,
      ));

    const routed = new Map<string, Recipient[]>();
    for (const alert of alerts) {
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
        if (role === RecipientRole.NATIONAL) {
          for (const agency of await nationalAgencies()) add(agency, 'national agency');
          continue;
        }
        const regionalRole = REGIONAL_ROLES[role];
        const code = regionalRole.code(alert);
        const agencies = code ? (regional.get(jurisdiction(role, code)) ?? []) : [];
        if (code && agencies.length > 0) {
          for (const agency of agencies) add(agency, regionalRole.covered(code));
          continue;
        }
        const fallback = await nationalAgencies();
        if (fallback.length === 0)
          this.logger.error({ alertId: alert.id, role }, 'no national agency to route to');
        const why = code ? regionalRole.uncovered(code) : regionalRole.unknown;
        for (const agency of fallback) add(agency, `${why}: sent to the national agency`);
      }
      routed.set(alert.id, [...recipients.values()]);
    }
    await this.record(manager, routed);
    return routed;
  }

  /** The agencies of every jurisdiction the alerts fall in, keyed by `jurisdiction(role, code)`. */
  private async regionalAgencies(
    manager: EntityManager,
    alerts: readonly RoutableAlert[],
  ): Promise<Map<string, AgencyRow[]>> {
    const asked = new Map<string, { role: RegionalRoleName; code: string }>();
    for (const alert of alerts) {
      for (const role of recipientRoles(alert.kind, alert.severity)) {
        if (role === RecipientRole.NATIONAL) continue;
        const code = REGIONAL_ROLES[role].code(alert);
        if (code) asked.set(jurisdiction(role, code), { role, code });
      }
    }
    const agencies = new Map<string, AgencyRow[]>();
    if (asked.size === 0) return agencies;
    const rows = await manager.query<JurisdictionRow[]>(REGIONAL_AGENCIES, [
      [...asked.values()].map((entry) => entry.role),
      [...asked.values()].map((entry) => entry.code),
    ]);
    for (const { role, code, id, agencyCode, webhookUrl, alertEmails } of rows) {
      const key = jurisdiction(role, code);
      agencies.set(key, [...(agencies.get(key) ?? []), { id, code: agencyCode, webhookUrl, alertEmails }]);
    }
    return agencies;
  }

  private async record(manager: EntityManager, routed: Map<string, Recipient[]>): Promise<void> {
    const rows = [...routed].flatMap(([alertId, recipients]) =>
      recipients.map((recipient) => ({ alertId, ...recipient })),
    );
    if (rows.length === 0) return;
    await manager.query(
      `INSERT INTO alert_recipient (alert_id, agency_id, reason)
       SELECT alert_id, agency_id, reason
         FROM unnest($1::uuid[], $2::uuid[], $3::text[]) AS r(alert_id, agency_id, reason)
       ON CONFLICT (alert_id, agency_id) DO NOTHING`,
      [rows.map((r) => r.alertId), rows.map((r) => r.agencyId), rows.map((r) => r.reason)],
    );
  }
}
