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
import { blindIndexCheck, sealedEnvelopeCheck } from '#lintas/core';
import type { Sex } from './nik.js';

export interface NextOfKin {
  name: string;
  relationship: string;
  phone?: string;
}

/**
 * One person. A worker has many placements over a life; the NIK identifies them for good. NIK,
 * passport and phone numbers and the next of kin are stored encrypted (PiiCipher), the NIK also as
 * a blind index that keeps it unique and findable; WorkerQueries decrypts them.
 */
@Entity('worker')
@Unique('worker_nik_index_key', ['nikIndex'])
@Check('worker_nik_sealed_check', '(nik_ciphertext IS NULL) = (nik_index IS NULL)')
// Every stored value is an envelope (`v1.<keyId>.<iv>.<data>`): a value written in clear is refused.
@Check(
  'worker_pii_sealed_check',
  [
    sealedEnvelopeCheck('nik_ciphertext'),
    blindIndexCheck('nik_index'),
    sealedEnvelopeCheck('phone_ciphertext'),
    sealedEnvelopeCheck('passport_number_ciphertext'),
    sealedEnvelopeCheck('next_of_kin_ciphertext'),
  ].join(' AND '),
)
@Check('worker_sex_check', `sex IN ('FEMALE', 'MALE')`)
@Check('worker_origin_regency_in_province_check', 'left(origin_regency_code, 2) = origin_province_code')
// Lists are read newest first within a jurisdiction; TypeORM cannot declare DESC columns nor a
// trigram index, so these are left to the migrations.
@Index('worker_origin_province_created_idx', { synchronize: false })
@Index('worker_origin_regency_created_idx', { synchronize: false })
@Index('worker_created_idx', { synchronize: false })
@Index('worker_full_name_trgm_idx', { synchronize: false })
// A report from abroad without a NIK is matched by name and date of birth (an expression index).
@Index('worker_full_name_date_of_birth_idx', { synchronize: false })
// Only a worker reported abroad may lack a NIK or an origin, and it says so.
@Check(
  'worker_complete_check',
  'incomplete OR (nik_index IS NOT NULL AND origin_regency_code IS NOT NULL AND origin_province_code IS NOT NULL)',
)
export class Worker {
  @PrimaryColumn('uuid', { primaryKeyConstraintName: 'worker_pkey' })
  id!: string;

  /** Null only for an incomplete worker, reported abroad without one. */
  @Column('text', { nullable: true })
  nikCiphertext!: string | null;

  /** The NIK's blind index: unique, and how a worker is found by NIK. */
  @Column('text', { nullable: true })
  nikIndex!: string | null;

  @Column('text')
  fullName!: string;

  @Column('text')
  sex!: Sex;

  /** YYYY-MM-DD, kept as a string so no time zone can move it. */
  @Column('date')
  dateOfBirth!: string;

  /** Follows from the origin regency; stored so scoping by province needs no join. */
  @Column({ type: 'char', length: 2, nullable: true })
  @ForeignKey('province', { name: 'worker_origin_province_code_fkey' })
  originProvinceCode!: string | null;

  @Column({ type: 'char', length: 4, nullable: true })
  @ForeignKey('regency', { name: 'worker_origin_regency_code_fkey' })
  originRegencyCode!: string | null;

  /** Reported abroad with what was known: the NIK or the origin may still be missing. */
  @Column('boolean', { default: false })
  incomplete!: boolean;

  @Column('text', { nullable: true })
  phoneCiphertext!: string | null;

  @Column('text', { nullable: true })
  passportNumberCiphertext!: string | null;

  /** The whole record, JSON: the next of kin's name and phone are theirs to keep private too. */
  @Column('text', { nullable: true })
  nextOfKinCiphertext!: string | null;

  /** Milliseconds, as the keyset cursors carry them: finer stamps would let rows slip between pages. */
  @CreateDateColumn({ type: 'timestamptz', precision: 3 })
  createdAt!: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt!: Date;

  @Column('int', { default: 1 })
  version!: number;
}
