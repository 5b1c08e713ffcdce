import { Check, Column, CreateDateColumn, Entity, ForeignKey, Index, PrimaryColumn } from 'typeorm';
import type { ContactChannel, PartnerStatus, TraffickingIndicator } from '../placement-abroad.enums.js';

/** A check-in on a worker abroad. Never edited: a correction is a new contact naming this one. */
@Entity('welfare_contact')
@Check(
  'welfare_contact_channel_check',
  `channel IN ('PHONE', 'WHATSAPP', 'VIDEO', 'VISIT', 'SHELTER', 'FAMILY', 'SELF_REPORT')`,
)
@Index('welfare_contact_placement_idx', ['placementId', 'contactedAt'])
export class WelfareContact {
  @PrimaryColumn('uuid', { primaryKeyConstraintName: 'welfare_contact_pkey' })
  id!: string;

  @Column('uuid')
  @ForeignKey('placement', { name: 'welfare_contact_placement_id_fkey' })
  placementId!: string;

  @Column('timestamptz')
  contactedAt!: Date;

  @Column('text')
  channel!: ContactChannel;

  @Column('boolean')
  reachedWorker!: boolean;

  @Column('text', { nullable: true })
  location!: string | null;

  @Column('text', { nullable: true })
  wellbeing!: string | null;

  @Column('text', { array: true, default: () => "'{}'" })
  indicators!: TraffickingIndicator[];

  @Column('text', { nullable: true })
  note!: string | null;

  @Column('uuid', { nullable: true })
  @ForeignKey('welfare_contact', { name: 'welfare_contact_corrects_id_fkey' })
  correctsId!: string | null;

  @Column('text')
  recordedByType!: string;

  @Column('text', { nullable: true })
  recordedById!: string | null;

  @CreateDateColumn({ type: 'timestamptz', precision: 3 })
  createdAt!: Date;
}

/** One status an embassy or partner reported; the placement keeps the latest. */
@Entity('partner_status_report')
@Check(
  'partner_status_report_status_check',
  `status IN ('WORKING', 'EMPLOYER_CHANGED', 'IN_SHELTER', 'DETAINED', 'HOSPITALISED', 'DEPORTATION_PENDING', 'ABSCONDED', 'DECEASED', 'MISSING')`,
)
@Index('partner_status_report_placement_idx', ['placementId', 'effectiveAt'])
export class PartnerStatusReport {
  @PrimaryColumn('uuid', { primaryKeyConstraintName: 'partner_status_report_pkey' })
  id!: string;

  @Column('uuid')
  @ForeignKey('placement', { name: 'partner_status_report_placement_id_fkey' })
  placementId!: string;

  @Column('text')
  status!: PartnerStatus;

  @Column('timestamptz')
  effectiveAt!: Date;

  @Column('text', { nullable: true })
  note!: string | null;

  @Column('text', { nullable: true })
  employerName!: string | null;

  @Column('text')
  reportedByType!: string;

  @Column('text', { nullable: true })
  reportedById!: string | null;

  @CreateDateColumn({ type: 'timestamptz', precision: 3 })
  createdAt!: Date;
}
