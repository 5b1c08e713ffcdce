import { readFile } from 'node:fs/promises';
import { join } from 'node:path';

import type { MigrationInterface, QueryRunner } from 'typeorm';

import { parseCsv } from './support/csv.js';
import { findRepositoryRoot } from './support/repository-root.js';

/**
 * Indonesian regions (Kemendagri codes, data/regions) and ISO 3166-1 countries (data/countries).
 * See the SOURCE.md beside each file for where the data comes from.
 */
export class ReferenceData1764000000000 implements MigrationInterface {
  name = 'ReferenceData1764000000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    // Codes are checked in the schema because char(n) pads short values with spaces instead of
    // rejecting them, and a NIK lookup on a padded code would never match.
    await queryRunner.query(`
      CREATE TABLE province (
        code char(2) NOT NULL,
        name text NOT NULL,
        CONSTRAINT province_pkey PRIMARY KEY (code),
        CONSTRAINT province_code_check CHECK (code ~ '^[0-9]{2}$')
      )
    `);
    await queryRunner.query(`
      CREATE TABLE regency (
        code char(4) NOT NULL,
        province_code char(2) NOT NULL,
        name text NOT NULL,
        CONSTRAINT regency_pkey PRIMARY KEY (code),
        CONSTRAINT regency_province_code_fkey
          FOREIGN KEY (province_code) REFERENCES province (code),
        CONSTRAINT regency_code_check CHECK (code ~ '^[0-9]{4}$'),
        CONSTRAINT regency_code_in_province_check CHECK (left(code, 2) = province_code)
      )
    `);
    await queryRunner.query('CREATE INDEX regency_province_code_idx ON regency (province_code)');
    // NIKs are never re-issued, so the pre-2022 Papua codes stay in use and must resolve to the
    // regency that carries the code today.
    await queryRunner.query(`
      CREATE TABLE legacy_regency_code (
        legacy_code char(4) NOT NULL,
        regency_code char(4) NOT NULL,
        name text NOT NULL,
        CONSTRAINT legacy_regency_code_pkey PRIMARY KEY (legacy_code),
        CONSTRAINT legacy_regency_code_regency_code_fkey
          FOREIGN KEY (regency_code) REFERENCES regency (code),
        CONSTRAINT legacy_regency_code_legacy_code_check CHECK (legacy_code ~ '^[0-9]{4}$')
      )
    `);
    await queryRunner.query(`
      CREATE TABLE country (
        code char(2) NOT NULL,
        name text NOT NULL,
        CONSTRAINT country_pkey PRIMARY KEY (code),
        CONSTRAINT country_code_check CHECK (code ~ '^[A-Z]{2}$')
      )
    `);

    const root = findRepositoryRoot();
    await insertRows(
      queryRunner,
      'province',
      ['code', 'name'],
      await readCsv(root, 'regions/provinces.csv', ['code', 'name']),
    );
    await insertRows(
      queryRunner,
      'regency',
      ['code', 'province_code', 'name'],
      await readCsv(root, 'regions/regencies.csv', ['code', 'province_code', 'name']),
    );
    await insertRows(
      queryRunner,
      'legacy_regency_code',
      ['legacy_code', 'regency_code', 'name'],
      await readCsv(root, 'regions/regency_code_changes.csv', ['legacy_code', 'current_code', 'name']),
    );
    await insertRows(
      queryRunner,
      'country',
      ['code', 'name'],
      await readCsv(root, 'countries/countries.csv', ['code', 'name']),
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP TABLE country');
    await queryRunner.query('DROP TABLE legacy_regency_code');
    await queryRunner.query('DROP TABLE regency');
    await queryRunner.query('DROP TABLE province');
  }
}

// PostgreSQL allows at most 65535 bind parameters per statement.
const ROWS_PER_INSERT = 1000;

/** Returns the named columns of every record, in the order given. */
async function readCsv(root: string, path: string, columns: string[]): Promise<string[][]> {
  const records = parseCsv(await readFile(join(root, 'data', path), 'utf8'));
  return records.map((record, index) =>
    columns.map((column) => {
      const value: string | undefined = record[column];
      if (value === undefined) {
        throw new Error(`data/${path} has no column "${column}" (record ${index + 2})`);
      }
      return value;
    }),
  );
}

async function insertRows(
  queryRunner: QueryRunner,
  table: string,
  columns: string[],
  rows: string[][],
): Promise<void> {
  for (let start = 0; start < rows.length; start += ROWS_PER_INSERT) {
    const chunk = rows.slice(start, start + ROWS_PER_INSERT);
    const tuples = chunk.map(
      (_, row) => `(${columns.map((_, column) => `$${row * columns.length + column + 1}`).join(', ')})`,
    );
    await queryRunner.query(
      `INSERT INTO ${table} (${columns.join(', ')}) VALUES ${tuples.join(', ')}`,
      chunk.flat(),
    );
  }
}
