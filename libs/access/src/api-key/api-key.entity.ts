import { Column, CreateDateColumn, Entity, PrimaryColumn } from 'typeorm';
import type { Role } from '../roles.js';

/**
 * A machine credential for an embassy or partner system. Only a SHA-256 of the secret is kept:
 * the key is shown once, at creation. The public prefix finds the row without scanning hashes.
 */
@Entity('api_key')
export class ApiKey {
  @PrimaryColumn('uuid')
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
  agencyId!: string;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;

  @Column('timestamptz', { nullable: true })
  revokedAt!: Date | null;
}
