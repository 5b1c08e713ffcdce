import { Column, CreateDateColumn, Entity, PrimaryColumn, UpdateDateColumn } from 'typeorm';
import type { Role } from '../roles.js';

/** An officer, case handler, auditor or administrator who logs in with a password. */
@Entity('user_account')
export class UserAccount {
  @PrimaryColumn('uuid')
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
  agencyId!: string;

  @Column('boolean')
  active!: boolean;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt!: Date;
}
