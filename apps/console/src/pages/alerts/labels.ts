import type { AlertSeverity, AlertStatus, DeliveryChannel, DeliveryStatus } from '../../gql/graphql';
import type { Names } from '../../labels/names';

export const SEVERITIES: Names<AlertSeverity> = {
  id: { CRITICAL: 'Kritis', HIGH: 'Tinggi', MEDIUM: 'Sedang', LOW: 'Rendah' },
  en: { CRITICAL: 'Critical', HIGH: 'High', MEDIUM: 'Medium', LOW: 'Low' },
};

export const STATUSES: Names<AlertStatus> = {
  id: { OPEN: 'Terbuka', ACKNOWLEDGED: 'Ditangani', RESOLVED: 'Selesai' },
  en: { OPEN: 'Open', ACKNOWLEDGED: 'Acknowledged', RESOLVED: 'Resolved' },
};

export const DELIVERY_STATUSES: Names<DeliveryStatus> = {
  id: { PENDING: 'Menunggu', DELIVERED: 'Terkirim', FAILED: 'Gagal' },
  en: { PENDING: 'Pending', DELIVERED: 'Delivered', FAILED: 'Failed' },
};

export const CHANNELS: Names<DeliveryChannel> = {
  id: { EMAIL: 'Surel', WEBHOOK: 'Webhook' },
  en: { EMAIL: 'E-mail', WEBHOOK: 'Webhook' },
};

/** Most urgent first, as the severity filter lists them. */
export const SEVERITY_ORDER: readonly AlertSeverity[] = ['CRITICAL', 'HIGH', 'MEDIUM', 'LOW'];

/** How far up the scale a severity is: an alert escalated from one to a higher one is announced. */
export function severityRank(severity: AlertSeverity): number {
  return SEVERITY_ORDER.length - SEVERITY_ORDER.indexOf(severity);
}

/**
 * The badge colour of a severity: red for what needs acting on today, amber for this week, plain
 * for the rest. The word is always written too: colour alone says nothing to some officers.
 */
export function severityBadge(severity: AlertSeverity): string {
  if (severity === 'CRITICAL' || severity === 'HIGH') return 'badge badge-danger';
  if (severity === 'MEDIUM') return 'badge badge-warning';
  return 'badge';
}

export function statusBadge(status: AlertStatus): string {
  if (status === 'RESOLVED') return 'badge badge-ok';
  if (status === 'OPEN') return 'badge badge-warning';
  return 'badge';
}

export function deliveryBadge(status: DeliveryStatus): string {
  if (status === 'DELIVERED') return 'badge badge-ok';
  if (status === 'FAILED') return 'badge badge-danger';
  return 'badge badge-warning';
}
