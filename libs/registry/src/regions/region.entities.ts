import { Check, Column, Entity, ForeignKey, Index, PrimaryColumn } from 'typeorm';

// Codes are checked in the schema because char(n) pads short values with spaces instead of
// rejecting them, and a NIK lookup on a padded code would never match.

/** Kemendagri reference data, loaded by a migration from data/regions (see its SOURCE.md). */
@Entity('province')
@Check('province_code_check', `code ~ '^[0-9]{2}$'`)
export class Province {
  @PrimaryColumn({ type: 'char', length: 2, primaryKeyConstraintName: 'province_pkey' })
  code!: string;

  @Column('text')
  name!: string;
}

@Entity('regency')
@Check('regency_code_check', `code ~ '^[0-9]{4}$'`)
@Check('regency_code_in_province_check', 'left(code, 2) = province_code')
@Index('regency_province_code_idx', ['provinceCode'])
export class Regency {
  @PrimaryColumn({ type: 'char', length: 4, primaryKeyConstraintName: 'regency_pkey' })
  code!: string;

  @Column({ type: 'char', length: 2 })
  @ForeignKey('province', { name: 'regency_province_code_fkey' })
  provinceCode!: string;

  @Column('text')
  name!: string;
}

/** Pre-2022 Papua regency codes: NIKs are never re-issued, so old codes stay in circulation. */
@Entity('legacy_regency_code')
@Check('legacy_regency_code_legacy_code_check', `legacy_code ~ '^[0-9]{4}$'`)
export class LegacyRegencyCode {
  @PrimaryColumn({ type: 'char', length: 4, primaryKeyConstraintName: 'legacy_regency_code_pkey' })
  legacyCode!: string;

  @Column({ type: 'char', length: 4 })
  @ForeignKey('regency', { name: 'legacy_regency_code_regency_code_fkey' })
  regencyCode!: string;

  @Column('text')
  name!: string;
}

/** ISO 3166-1 alpha-2, loaded from data/countries. */
@Entity('country')
@Check('country_code_check', `code ~ '^[A-Z]{2}$'`)
export class Country {
  @PrimaryColumn({ type: 'char', length: 2, primaryKeyConstraintName: 'country_pkey' })
  code!: string;

  @Column('text')
  name!: string;
}
