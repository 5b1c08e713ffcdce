import { registerEnumType } from '@nestjs/graphql';

export enum AlertKind {
  NON_PROCEDURAL_DEPARTURE = 'NON_PROCEDURAL_DEPARTURE',
  MISSED_CHECK_IN = 'MISSED_CHECK_IN',
  TRAFFICKING_INDICATORS = 'TRAFFICKING_INDICATORS',
  REPATRIATION_NEEDED = 'REPATRIATION_NEEDED',
  CONTRACT_ENDING = 'CONTRACT_ENDING',
  DOCUMENT_EXPIRING = 'DOCUMENT_EXPIRING',
  REINTEGRATION_OVERDUE = 'REINTEGRATION_OVERDUE',
  RE_TRAFFICKING_RISK = 'RE_TRAFFICKING_RISK',
  DELIVERY_FAILED = 'DELIVERY_FAILED',
}

/** In rising order: an open alert only ever moves up this list. */
export enum AlertSeverity {
  LOW = 'LOW',
  MEDIUM = 'MEDIUM',
  HIGH = 'HIGH',
  CRITICAL = 'CRITICAL',
}

export enum AlertStatus {
  OPEN = 'OPEN',
  ACKNOWLEDGED = 'ACKNOWLEDGED',
  RESOLVED = 'RESOLVED',
}

export enum DeliveryChannel {
  WEBHOOK = 'WEBHOOK',
  EMAIL = 'EMAIL',
}

export enum DeliveryStatus {
  PENDING = 'PENDING',
  DELIVERED = 'DELIVERED',
  FAILED = 'FAILED',
}

/** The rank SQL compares severities by: `array_position(<this>, severity)`. */
export const SEVERITY_ORDER_SQL = `ARRAY['LOW', 'MEDIUM', 'HIGH', 'CRITICAL']::text[]`;

registerEnumType(AlertKind, { name: 'AlertKind' });
registerEnumType(AlertSeverity, { name: 'AlertSeverity' });
registerEnumType(AlertStatus, { name: 'AlertStatus' });
registerEnumType(DeliveryChannel, { name: 'DeliveryChannel' });
registerEnumType(DeliveryStatus, { name: 'DeliveryStatus' });
