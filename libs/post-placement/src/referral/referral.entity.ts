import {
  Check,
  Column,
  CreateDateColumn,
  Entity,
  ForeignKey,
  Index,
  PrimaryColumn,
  UpdateDateColumn,
} from 'typeorm';
import { ReferralStatus, ServiceKind, sqlValues } from '../post-placement.enums.js';

/**
 * A returned worker referred to a reintegration service at an agency. It needs the worker's
 * consent, or an override whose reason a case handler gave; a finished referral carries its outcome.
 */
@Entity('referral')
@Check('referral_service_check', `service IN (${sqlValues(ServiceKind)})`)
@Check('referral_status_check', `status IN (${sqlValues(ReferralStatus)})`)
@Check('referral_consent_check', 'consent_given OR consent_override_reason IS NOT NULL')
@Check('referral_outcome_check', `status NOT IN ('COMPLETED', 'DECLINED') OR outcome IS NOT NULL`)
// One open referral per placement and service: a second would be the same help asked twice.
@Index('referral_open_service_key', ['placementId', 'service'], {
  unique: true,
  where: `status NOT IN ('COMPLETED', 'DECLINED')`,
})
@Index('referral_placement_idx', ['placementId', 'referredAt'])
// A service agency reads the referrals addressed to it, newest first.
@Index('referral_agency_idx', ['agencyId', 'referredAt'])
// The statistics read referrals by the instant they were made.
@Index('referral_referred_at_idx', ['referredAt'])
export class Referral {
  @PrimaryColumn('uuid', { primaryKeyConstraintName: 'referral_pkey' })
  id!: string;

  @Column('uuid')
  @ForeignKey('placement', { name: 'referral_placement_id_fkey' })
  placementId!: string;

  @Column('text')
  service!: ServiceKind;

  /** The agency that provides the service and updates the referral. */
  @Column('uuid')
  @ForeignKey('agency', { name: 'referral_agency_id_fkey' })
  agencyId!: string;

  @Column('uuid')
  @ForeignKey('agency', { name: 'referral_referred_by_agency_id_fkey' })
  referredByAgencyId!: string;

  @Column('text')
  status!: ReferralStatus;

  @Column('boolean')
  consentGiven!: boolean;

  /** Why the referral goes ahead without the worker's consent (a case handler's decision, audited). */
  @Column('text', { nullable: true })
  consentOverrideReason!: string | null;

  @Column('text', { nullable: true })
  note!: string | null;

  @Column('text', { nullable: true })
  outcome!: string | null;

  @Column('text')
  referredByType!: string;

  @Column('text', { nullable: true })
  referredById!: string | null;

  @Column({ type: 'timestamptz', precision: 3 })
  referredAt!: Date;

  @Column('timestamptz', { nullable: true })
  statusChangedAt!: Date | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt!: Date;

  @Column('int', { default: 1 })
  version!: number;
}

/** A returned worker declined reintegration services; recorded, so nobody chases them for a plan. */
@Entity('reintegration_refusal')
@Check('reintegration_refusal_services_check', `services <@ ARRAY[${sqlValues(ServiceKind)}]::text[]`)
@Index('reintegration_refusal_placement_idx', ['placementId', 'refusedAt'])
export class ReintegrationRefusal {
  @PrimaryColumn('uuid', { primaryKeyConstraintName: 'reintegration_refusal_pkey' })
  id!: string;

  @Column('uuid')
  @ForeignKey('placement', { name: 'reintegration_refusal_placement_id_fkey' })
  placementId!: string;

  /** The services offered and refused; empty means every service. */
  @Column('text', { array: true, default: () => "'{}'" })
  services!: ServiceKind[];

  @Column('timestamptz')
  refusedAt!: Date;

  @Column('text', { nullable: true })
  note!: string | null;

  @Column('text')
  recordedByType!: string;

  @Column('text', { nullable: true })
  recordedById!: string | null;

  @CreateDateColumn({ type: 'timestamptz', precision: 3 })
  createdAt!: Date;
}
