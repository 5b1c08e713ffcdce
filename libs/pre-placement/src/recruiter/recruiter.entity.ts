import { Column, CreateDateColumn, Entity, PrimaryColumn, UpdateDateColumn } from 'typeorm';
import type { RecruiterStatus } from '../placement/placement.enums.js';

/** A licensed placement company (P3MI); its licence is the SIP3MI, issued by the ministry. */
@Entity('recruiter')
export class Recruiter {
  @PrimaryColumn('uuid')
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
  @Column('boolean')
  spskSelected!: boolean;

  @CreateDateColumn({ type: 'timestamptz', precision: 3 })
  createdAt!: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt!: Date;

  @Column('int')
  version!: number;
}

/** A recruitment permit (SIP2MI): lets a recruiter place up to `quota` workers in one country. */
@Entity('recruitment_permit')
export class RecruitmentPermit {
  @PrimaryColumn('uuid')
  id!: string;

  @Column('uuid')
  recruiterId!: string;

  @Column('text')
  permitNumber!: string;

  /** ISO 3166-1 alpha-2. */
  @Column({ type: 'char', length: 2 })
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
