import { AlertKind, type AlertSeverity } from '../model/alert.enums.js';

/** Who answers for an alert, by the part of the map they cover (DESIGN.md, "Alerts"). */
export enum RecipientRole {
  /** The BP3MI office of the worker's origin province. */
  ORIGIN_BP3MI = 'ORIGIN_BP3MI',
  /** The Disnaker of the worker's origin regency. */
  ORIGIN_DISNAKER = 'ORIGIN_DISNAKER',
  /** The embassies and partners in the destination country. */
  DESTINATION_PARTNER = 'DESTINATION_PARTNER',
  /** The national agency, whose administrators watch Lintas itself. */
  NATIONAL = 'NATIONAL',
}

const SEVERITY_RANK: Record<AlertSeverity, number> = { LOW: 0, MEDIUM: 1, HIGH: 2, CRITICAL: 3 };

/** The recipients an alert of this kind and severity is routed to. */
export function recipientRoles(kind: AlertKind, severity: AlertSeverity): RecipientRole[] {
  const { ORIGIN_BP3MI, ORIGIN_DISNAKER, DESTINATION_PARTNER, NATIONAL } = RecipientRole;
  switch (kind) {
    case AlertKind.NON_PROCEDURAL_DEPARTURE:
    case AlertKind.REINTEGRATION_OVERDUE:
      return [ORIGIN_BP3MI, ORIGIN_DISNAKER];
    case AlertKind.MISSED_CHECK_IN:
      // The labour office is brought in once silence has lasted a month (HIGH).
      return SEVERITY_RANK[severity] >= SEVERITY_RANK.HIGH
        ? [DESTINATION_PARTNER, ORIGIN_BP3MI, ORIGIN_DISNAKER]
        : [DESTINATION_PARTNER, ORIGIN_BP3MI];
    case AlertKind.TRAFFICKING_INDICATORS:
    case AlertKind.REPATRIATION_NEEDED:
      return [ORIGIN_BP3MI, ORIGIN_DISNAKER, DESTINATION_PARTNER];
    case AlertKind.CONTRACT_ENDING:
    case AlertKind.DOCUMENT_EXPIRING:
    case AlertKind.RE_TRAFFICKING_RISK:
      return [ORIGIN_BP3MI];
    case AlertKind.DELIVERY_FAILED:
      return [NATIONAL];
  }
}
