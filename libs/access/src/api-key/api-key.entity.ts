import { Check, Column, CreateDateColumn, Entity, ForeignKey, Index, PrimaryColumn, Unique } from 'typeorm';
import type { Role } from '../roles.js';

/**
 * A machine credential for an embassy or partner system. Only a SHA-256 of the secret is kept:
 * the key is shown once, at creation. The public prefix finds the row without scanning hashes.
 */
@Entity('api_key')
@Unique('api_key_prefix_key', ['prefix'])
@Check(
  'api_key_roles_check',
  `cardinality(roles) > 0 AND roles <@
    ARRAY['ADMIN', 'OFFICER', 'LABOUR_OFFICER', 'PARTNER', 'CASE_HANDLER', 'AUDITOR']::text[]`,
)
@Index('api_key_agency_id_idx', ['agencyId'])
export class ApiKey {
  @PrimaryColumn('uuid', { primaryKeyConstraintName: 'api_key_pkey' })
  id!: string;

  @Column('text')
  name!: string;

  @Column('text')
  prefix!: string;

  @Column('text')
  secretHash!: string;

  @Column('text', { array: true })
  roles!: Role[];

  @Column('uuid')
  @ForeignKey('agency', { name: 'api_key_agency_id_fkey' })
  agencyId!: string;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;

  @Column('timestamptz', { nullable: true })
  revokedAt!: Date | null;

  /** Set when the key is rotated: it keeps working until then, beside its successor, and never after. */
  @Column('timestamptz', { nullable: true })
  expiresAt!: Date | null;
}
