import type { AlertKind, AlertSeverity, AlertStatus, DeliveryChannel } from '../model/alert.enums.js';

/**
 * What one delivery tells one agency, re-read from the database at each attempt: ids and codes
 * only, never a worker's name, NIK, passport or phone.
 */
export interface AlertNotice {
  deliveryId: string;
  channel: DeliveryChannel;
  /** The webhook URL, or the e-mail addresses separated by commas. */
  target: string;
  agencyCode: string;
  alert: {
    id: string;
    kind: AlertKind;
    /** The severity this delivery announces; an escalation is delivered afresh, with its own id. */
    severity: AlertSeverity;
    status: AlertStatus;
    reason: string;
    raisedAt: Date;
    escalatedAt: Date | null;
    placementId: string | null;
    /** For DELIVERY_FAILED: the alert that could not be delivered. */
    subjectAlertId: string | null;
    originProvinceCode: string | null;
    originRegencyCode: string | null;
    destination: string | null;
  };
}

/** Where an officer opens the alert in Lintas. */
export function alertUrl(publicUrl: string, alertId: string): string {
  return `${publicUrl.replace(/\/+$/, '')}/alerts/${alertId}`;
}
