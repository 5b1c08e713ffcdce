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
import {
  RepatriationNeed,
  RepatriationReason,
  RepatriationStatus,
  sqlValues,
} from '../post-placement.enums.js';

/** Bringing a worker home: why, what the journey needs, and how far it has come. */
@Entity('repatriation')
@Check('repatriation_status_check', `status IN (${sqlValues(RepatriationStatus)})`)
@Check('repatriation_reason_check', `reason IN (${sqlValues(RepatriationReason)})`)
@Check('repatriation_needs_check', `needs <@ ARRAY[${sqlValues(RepatriationNeed)}]::text[]`)
// One repatriation under way per placement; a cancelled or completed one leaves room for the next.
@Index('repatriation_one_active_per_placement_key', ['placementId'], {
  unique: true,
  where: `status NOT IN ('COMPLETED', 'CANCELLED')`,
})
@Index('repatriation_placement_idx', ['placementId', 'requestedAt'])
export class Repatriation {
  @PrimaryColumn('uuid', { primaryKeyConstraintName: 'repatriation_pkey' })
  id!: string;

  @Column('uuid')
  @ForeignKey('placement', { name: 'repatriation_placement_id_fkey' })
  placementId!: string;

  @Column('text')
  status!: RepatriationStatus;

  @Column('text')
  reason!: RepatriationReason;

  @Column('text', { array: true, default: () => "'{}'" })
  needs!: RepatriationNeed[];

  @Column('text', { nullable: true })
  note!: string | null;

  @Column('timestamptz', { nullable: true })
  plannedArrivalAt!: Date | null;

  /** The REPATRIATION_NEEDED alert this repatriation answered, when it was made from one. */
  @Column('uuid', { nullable: true })
  @ForeignKey('alert', { name: 'repatriation_source_alert_id_fkey' })
  sourceAlertId!: string | null;

  @Column('uuid')
  @ForeignKey('agency', { name: 'repatriation_requested_by_agency_id_fkey' })
  requestedByAgencyId!: string;

  @Column('text')
  requestedByType!: string;

  @Column('text', { nullable: true })
  requestedById!: string | null;

  @Column({ type: 'timestamptz', precision: 3 })
  requestedAt!: Date;

  @Column('timestamptz', { nullable: true })
  statusChangedAt!: Date | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt!: Date;

  @Column('int', { default: 1 })
  version!: number;
}
