import { alertUrl, type AlertNotice } from './alert-notice.js';

/** The JSON a webhook receives. Codes and ids only: the receiver follows `alert.url` for the rest. */
export interface WebhookBody {
  deliveryId: string;
  alert: {
    id: string;
    kind: string;
    severity: string;
    status: string;
    reason: string;
    raisedAt: string;
    escalatedAt: string | null;
    placementId: string | null;
    subjectAlertId: string | null;
    originProvinceCode: string | null;
    originRegencyCode: string | null;
    destination: string | null;
    url: string;
  };
  recipient: { agencyCode: string };
}

export function webhookBodyOf(notice: AlertNotice, publicUrl: string): WebhookBody {
  const { alert } = notice;
  return {
    deliveryId: notice.deliveryId,
    alert: {
      id: alert.id,
      kind: alert.kind,
      severity: alert.severity,
      status: alert.status,
      reason: alert.reason,
      raisedAt: alert.raisedAt.toISOString(),
      escalatedAt: alert.escalatedAt?.toISOString() ?? null,
      placementId: alert.placementId,
      subjectAlertId: alert.subjectAlertId,
      originProvinceCode: alert.originProvinceCode,
      originRegencyCode: alert.originRegencyCode,
      destination: alert.destination,
      url: alertUrl(publicUrl, alert.id),
    },
    recipient: { agencyCode: notice.agencyCode },
  };
}
