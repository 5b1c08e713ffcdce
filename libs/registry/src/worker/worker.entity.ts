import { Column, CreateDateColumn, Entity, PrimaryColumn, UpdateDateColumn } from 'typeorm';
import type { Sex } from './nik.js';

export interface NextOfKin {
  name: string;
  relationship: string;
  phone?: string;
}

/** One person. A worker has many placements over a life; the NIK identifies them for good. */
@Entity('worker')
export class Worker {
  @PrimaryColumn('uuid')
  id!: string;

  @Column({ type: 'char', length: 16 })
  nik!: string;

  @Column('text')
  fullName!: string;

  @Column('text')
  sex!: Sex;

  /** YYYY-MM-DD, kept as a string so no time zone can move it. */
  @Column('date')
  dateOfBirth!: string;

  /** Follows from the origin regency; stored so scoping by province needs no join. */
  @Column({ type: 'char', length: 2 })
  originProvinceCode!: string;

  @Column({ type: 'char', length: 4 })
  originRegencyCode!: string;

  @Column('text', { nullable: true })
  phone!: string | null;

  @Column('text', { nullable: true })
  passportNumber!: string | null;

  @Column('jsonb', { nullable: true })
  nextOfKin!: NextOfKin | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt!: Date;

  @Column('int')
  version!: number;
}
