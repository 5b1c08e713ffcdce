import {
  Check,
  Column,
  CreateDateColumn,
  Entity,
  ForeignKey,
  Index,
  PrimaryColumn,
  PrimaryGeneratedColumn,
  Unique,
  UpdateDateColumn,
} from 'typeorm';
import type {
  AlertKind,
  AlertSeverity,
  AlertStatus,
  DeliveryChannel,
  DeliveryStatus,
} from './alert.enums.js';

const KINDS = `'NON_PROCEDURAL_DEPARTURE', 'MISSED_CHECK_IN', 'TRAFFICKING_INDICATORS', 'REPATRIATION_NEEDED',
  'CONTRACT_ENDING', 'DOCUMENT_EXPIRING', 'REINTEGRATION_OVERDUE', 'RE_TRAFFICKING_RISK', 'DELIVERY_FAILED'`;
const SEVERITIES = `'LOW', 'MEDIUM', 'HIGH', 'CRITICAL'`;

/**
 * Something an agency must act on. One open alert per condition: `dedupeKey` names the condition
 * (e.g. `MISSED_CHECK_IN:<placement id>`), and the database refuses a second open alert with it.
 * A condition that worsens raises the open alert's severity instead of adding another.
 */
@Entity('alert')
@Check('alert_kind_check', `kind IN (${KINDS})`)
@Check('alert_severity_check', `severity IN (${SEVERITIES})`)
@Check('alert_status_check', `status IN ('OPEN', 'ACKNOWLEDGED', 'RESOLVED')`)
@Check(
  'alert_resolution_check',
  `(status = 'RESOLVED') = (resolved_at IS NOT NULL AND resolution_note IS NOT NULL)`,
)
@Index('alert_open_dedupe_key', ['dedupeKey'], { unique: true, where: `status <> 'RESOLVED'` })
// The sweeps leave alone a condition resolved since it began (unless it worsened).
@Index('alert_resolved_dedupe_key_idx', ['dedupeKey', 'raisedAt'], { where: `status = 'RESOLVED'` })
@Index('alert_placement_idx', ['placementId', 'raisedAt'])
// DELIVERY_FAILED alerts point at the alert they are about; the foreign key is checked through this.
@Index('alert_subject_alert_idx', ['subjectAlertId'], { where: 'subject_alert_id IS NOT NULL' })
// Lists are read newest first; TypeORM cannot declare DESC columns, so this is left to the migration.
@Index('alert_raised_idx', { synchronize: false })
export class Alert {
  @PrimaryColumn('uuid', { primaryKeyConstraintName: 'alert_pkey' })
  id!: string;

  @Column('text')
  kind!: AlertKind;

  @Column('text')
  severity!: AlertSeverity;

  @Column('text', { default: 'OPEN' })
  status!: AlertStatus;

  /** The placement the alert is about; for DELIVERY_FAILED, the undelivered alert's placement. */
  @Column('uuid', { nullable: true })
  @ForeignKey('placement', { name: 'alert_placement_id_fkey' })
  placementId!: string | null;

  /** For DELIVERY_FAILED: the alert that could not be delivered. */
  @Column('uuid', { nullable: true })
  @ForeignKey('alert', { name: 'alert_subject_alert_id_fkey' })
  subjectAlertId!: string | null;

  @Column('text')
  dedupeKey!: string;

  /** Why, in a sentence an officer can act on; never personal data. */
  @Column('text')
  reason!: string;

  @Column({ type: 'timestamptz', precision: 3 })
  raisedAt!: Date;

  @Column('timestamptz', { nullable: true })
  escalatedAt!: Date | null;

  @Column('timestamptz', { nullable: true })
  acknowledgedAt!: Date | null;

  @Column('uuid', { nullable: true })
  @ForeignKey('user_account', { name: 'alert_acknowledged_by_id_fkey' })
  acknowledgedById!: string | null;

  @Column('uuid', { nullable: true })
  @ForeignKey('user_account', { name: 'alert_assignee_id_fkey' })
  assigneeId!: string | null;

  @Column('timestamptz', { nullable: true })
  assignedAt!: Date | null;

  @Column('timestamptz', { nullable: true })
  resolvedAt!: Date | null;

  /** Null on a resolved alert: Lintas resolved it itself, and the note says why. */
  @Column('uuid', { nullable: true })
  @ForeignKey('user_account', { name: 'alert_resolved_by_id_fkey' })
  resolvedById!: string | null;

  @Column('text', { nullable: true })
  resolutionNote!: string | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt!: Date;

  @Column('int', { default: 1 })
  version!: number;
}

/** An agency an alert was routed to, and why it was chosen. */
@Entity('alert_recipient')
export class AlertRecipient {
  @PrimaryColumn('uuid', { primaryKeyConstraintName: 'alert_recipient_pkey' })
  @ForeignKey('alert', { name: 'alert_recipient_alert_id_fkey' })
  alertId!: string;

  @PrimaryColumn('uuid', { primaryKeyConstraintName: 'alert_recipient_pkey' })
  @ForeignKey('agency', { name: 'alert_recipient_agency_id_fkey' })
  agencyId!: string;

  /** E.g. "BP3MI of province 63", or "no DISNAKER covers regency 6372: sent to the national agency". */
  @Column('text')
  reason!: string;

  @CreateDateColumn({ type: 'timestamptz' })
  addedAt!: Date;
}

/**
 * One alert, at one severity, to one agency over one channel: a BullMQ job with this id.
 * Its id is the `Idempotency-Key` receivers see; an escalation is delivered afresh.
 */
@Entity('alert_delivery')
@Unique('alert_delivery_occasion_key', ['alertId', 'agencyId', 'channel', 'severity'])
@Check('alert_delivery_channel_check', `channel IN ('WEBHOOK', 'EMAIL')`)
@Check('alert_delivery_severity_check', `severity IN (${SEVERITIES})`)
@Check('alert_delivery_status_check', `status IN ('PENDING', 'DELIVERED', 'FAILED')`)
export class AlertDelivery {
  @PrimaryColumn('uuid', { primaryKeyConstraintName: 'alert_delivery_pkey' })
  id!: string;

  @Column('uuid')
  @ForeignKey('alert', { name: 'alert_delivery_alert_id_fkey' })
  alertId!: string;

  @Column('uuid')
  @ForeignKey('agency', { name: 'alert_delivery_agency_id_fkey' })
  agencyId!: string;

  @Column('text')
  channel!: DeliveryChannel;

  /** The webhook URL or the e-mail addresses, as they were when the delivery was made. */
  @Column('text')
  target!: string;

  /** The severity delivered: an escalation is a new delivery. */
  @Column('text')
  severity!: AlertSeverity;

  @Column('text', { default: 'PENDING' })
  status!: DeliveryStatus;

  @Column('int', { default: 0 })
  attempts!: number;

  @Column('text', { nullable: true })
  lastError!: string | null;

  @Column('timestamptz', { nullable: true })
  deliveredAt!: Date | null;

  @Column('timestamptz', { nullable: true })
  failedAt!: Date | null;

  @CreateDateColumn({ type: 'timestamptz', precision: 3 })
  createdAt!: Date;
}

/** Every try of a delivery, kept: when, how long, what the receiver answered. */
@Entity('alert_delivery_attempt')
@Index('alert_delivery_attempt_delivery_idx', ['deliveryId', 'attemptedAt'])
@Check('alert_delivery_attempt_outcome_check', `outcome IN ('DELIVERED', 'RETRY', 'FAILED')`)
export class AlertDeliveryAttempt {
  @PrimaryGeneratedColumn('identity', {
    type: 'bigint',
    generatedIdentity: 'ALWAYS',
    primaryKeyConstraintName: 'alert_delivery_attempt_pkey',
  })
  id!: string;

  @Column('uuid')
  @ForeignKey('alert_delivery', { name: 'alert_delivery_attempt_delivery_id_fkey' })
  deliveryId!: string;

  /** 1 for the first try. */
  @Column('int')
  attempt!: number;

  @Column({ type: 'timestamptz', precision: 3 })
  attemptedAt!: Date;

  @Column('int')
  latencyMs!: number;

  /** The HTTP status, or the SMTP reply code; null when no answer came. */
  @Column('int', { nullable: true })
  statusCode!: number | null;

  /** DELIVERED, RETRY (another try follows) or FAILED (the last). */
  @Column('text')
  outcome!: 'DELIVERED' | 'RETRY' | 'FAILED';

  @Column('text', { nullable: true })
  error!: string | null;
}

export const alertEntities = [Alert, AlertRecipient, AlertDelivery, AlertDeliveryAttempt];
