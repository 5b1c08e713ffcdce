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

/** How a recipient role finds its agencies: by one code of the alert's placement. */
interface RegionalRole {
  code(alert: RoutableAlert): string | null;
  /** SQL over `agency`, with the code as `$1`. */
  condition: string;
  covered(code: string): string;
  uncovered(code: string): string;
  unknown: string;
}

const REGIONAL_ROLES: Record<Exclude<RecipientRole, RecipientRole.NATIONAL>, RegionalRole> = {
  [RecipientRole.ORIGIN_BP3MI]: {
    code: (alert) => alert.originProvinceCode,
    condition: `kind = 'BP3MI' AND $1 = ANY(province_codes)`,
    covered: (code) => `BP3MI of origin province ${code}`,
    uncovered: (code) => `no BP3MI covers province ${code}`,
    unknown: "the worker's origin is unknown",
  },
  [RecipientRole.ORIGIN_DISNAKER]: {
    code: (alert) => alert.originRegencyCode,
    condition: `kind = 'DISNAKER' AND $1 = ANY(regency_codes)`,
    covered: (code) => `Disnaker of origin regency ${code}`,
    uncovered: (code) => `no Disnaker covers regency ${code}`,
    unknown: "the worker's origin is unknown",
  },
  [RecipientRole.DESTINATION_PARTNER]: {
    code: (alert) => alert.destination,
    condition: `kind IN ('EMBASSY', 'PARTNER') AND $1 = ANY(country_codes)`,
    covered: (code) => `embassy or partner in ${code}`,
    uncovered: (code) => `no embassy or partner covers ${code}`,
    unknown: 'the destination is unknown',
  },
};

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
    let national: AgencyRow[] | undefined;
    const nationalAgencies = async (): Promise<AgencyRow[]> =>
      (national ??= await manager.query<AgencyRow[]>(
        `SELECT ${AGENCY_COLUMNS} FROM agency WHERE kind = 'NATIONAL' ORDER BY code`,
      ));
    for (const role of recipientRoles(alert.kind, alert.severity)) {
      if (role === RecipientRole.NATIONAL) {
        for (const agency of await nationalAgencies()) add(agency, 'national agency');
        continue;
      }
      const regional = REGIONAL_ROLES[role];
      const code = regional.code(alert);
      const agencies = code
        ? await manager.query<AgencyRow[]>(
            `SELECT ${AGENCY_COLUMNS} FROM agency WHERE ${regional.condition} ORDER BY code`,
            [code],
          )
        : [];
      if (code && agencies.length > 0) {
        for (const agency of agencies) add(agency, regional.covered(code));
        continue;
      }
      const fallback = await nationalAgencies();
      if (fallback.length === 0)
        this.logger.error({ alertId: alert.id, role }, 'no national agency to route to');
      const why = code ? regional.uncovered(code) : regional.unknown;
      for (const agency of fallback) add(agency, `${why}: sent to the national agency`);
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
}
