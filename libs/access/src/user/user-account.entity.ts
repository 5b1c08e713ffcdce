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
import type { Role } from '../roles.js';

/** An officer, case handler, auditor or administrator who logs in with a password. */
@Entity('user_account')
@Unique('user_account_username_key', ['username'])
@Check(
  'user_account_roles_check',
  `cardinality(roles) > 0 AND roles <@
    ARRAY['ADMIN', 'OFFICER', 'LABOUR_OFFICER', 'PARTNER', 'CASE_HANDLER', 'AUDITOR']::text[]`,
)
@Index('user_account_agency_id_idx', ['agencyId'])
export class UserAccount {
  @PrimaryColumn('uuid', { primaryKeyConstraintName: 'user_account_pkey' })
  id!: string;

  @Column('text')
  username!: string;

  @Column('text')
  displayName!: string;

  /** argon2id; the password itself is never stored nor logged. */
  @Column('text')
  passwordHash!: string;

  @Column('text', { array: true })
  roles!: Role[];

  @Column('uuid')
  @ForeignKey('agency', { name: 'user_account_agency_id_fkey' })
  agencyId!: string;

  @Column('boolean', { default: true })
  active!: boolean;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt!: Date;
}
