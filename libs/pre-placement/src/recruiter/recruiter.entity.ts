import {
  Check,
  Column,
  CreateDateColumn,
  Entity,
  ForeignKey,
  Index,
  PrimaryColumn,
  Unique,
  UpdateDateColumn,
} from 'typeorm';
import type { RecruiterStatus } from '../placement/placement.enums.js';

/** A licensed placement company (P3MI); its licence is the SIP3MI, issued by the ministry. */
@Entity('recruiter')
@Unique('recruiter_licence_number_key', ['licenceNumber'])
@Check('recruiter_status_check', `status IN ('ACTIVE', 'SUSPENDED', 'REVOKED')`)
@Check('recruiter_status_reason_check', `status = 'ACTIVE' OR status_reason IS NOT NULL`)
@Check('recruiter_validity_check', 'valid_until >= valid_from')
// Lists are read newest first; TypeORM cannot declare DESC columns nor a trigram index, so these
// are left to the migrations.
@Index('recruiter_created_idx', { synchronize: false })
@Index('recruiter_status_created_idx', { synchronize: false })
@Index('recruiter_name_trgm_idx', { synchronize: false })
export class Recruiter {
  @PrimaryColumn('uuid', { primaryKeyConstraintName: 'recruiter_pkey' })
  id!: string;

  @Column('text')
  name!: string;

  /** The SIP3MI number: one recruiter per licence. */
  @Column('text')
  licenceNumber!: string;

  @Column('text')
  status!: RecruiterStatus;

  /** Why the status last changed; required while SUSPENDED or REVOKED. */
  @Column('text', { nullable: true })
  statusReason!: string | null;

  /** YYYY-MM-DD, kept as strings so no time zone can move them. */
  @Column('date')
  validFrom!: string;

  @Column('date')
  validUntil!: string;

  /** Selected by the ministry for the Saudi one-channel pilot (SPSK). */
  @Column('boolean', { default: false })
  spskSelected!: boolean;

  @CreateDateColumn({ type: 'timestamptz', precision: 3 })
  createdAt!: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt!: Date;

  @Column('int', { default: 1 })
  version!: number;
}

/** A recruitment permit (SIP2MI): lets a recruiter place up to `quota` workers in one country. */
@Entity('recruitment_permit')
// Also the index that finds a recruiter's permits.
@Unique('recruitment_permit_recruiter_id_permit_number_key', ['recruiterId', 'permitNumber'])
@Check('recruitment_permit_quota_check', 'quota > 0')
@Check('recruitment_permit_validity_check', 'valid_until >= valid_from')
export class RecruitmentPermit {
  @PrimaryColumn('uuid', { primaryKeyConstraintName: 'recruitment_permit_pkey' })
  id!: string;

  @Column('uuid')
  @ForeignKey('recruiter', { name: 'recruitment_permit_recruiter_id_fkey' })
  recruiterId!: string;

  @Column('text')
  permitNumber!: string;

  /** ISO 3166-1 alpha-2. */
  @Column({ type: 'char', length: 2 })
  @ForeignKey('country', { name: 'recruitment_permit_destination_fkey' })
  destination!: string;

  @Column('int')
  quota!: number;

  @Column('date')
  validFrom!: string;

  @Column('date')
  validUntil!: string;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;
}

export const recruiterEntities = [Recruiter, RecruitmentPermit];
