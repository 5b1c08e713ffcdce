import { Column, Entity, PrimaryColumn } from 'typeorm';

/** Kemendagri reference data, loaded by a migration from data/regions (see its SOURCE.md). */
@Entity('province')
export class Province {
  @PrimaryColumn({ type: 'char', length: 2, primaryKeyConstraintName: 'province_pkey' })
  code!: string;

  @Column('text')
  name!: string;
}

@Entity('regency')
export class Regency {
  @PrimaryColumn({ type: 'char', length: 4, primaryKeyConstraintName: 'regency_pkey' })
  code!: string;

  @Column({ type: 'char', length: 2 })
  provinceCode!: string;

  @Column('text')
  name!: string;
}

/** Pre-2022 Papua regency codes: NIKs are never re-issued, so old codes stay in circulation. */
@Entity('legacy_regency_code')
export class LegacyRegencyCode {
  @PrimaryColumn({ type: 'char', length: 4, primaryKeyConstraintName: 'legacy_regency_code_pkey' })
  legacyCode!: string;

  @Column({ type: 'char', length: 4 })
  regencyCode!: string;

  @Column('text')
  name!: string;
}

/** ISO 3166-1 alpha-2, loaded from data/countries. */
@Entity('country')
export class Country {
  @PrimaryColumn({ type: 'char', length: 2, primaryKeyConstraintName: 'country_pkey' })
  code!: string;

  @Column('text')
  name!: string;
}
