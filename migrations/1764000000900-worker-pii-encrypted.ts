import { loadConfig, PiiCipher } from '#lintas/core';
import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Rows read, sealed and written back per statement: a bounded parameter, whatever the table's size. */
const BATCH = 1000;

/**
 * What each value is sealed for (the cipher authenticates it): written out here, not imported, so
 * this migration keeps doing what it did whatever the registry later calls its columns.
 */
const PURPOSE = {
  nik: 'worker.nik',
  phone: 'worker.phone',
  passportNumber: 'worker.passport_number',
  nextOfKin: 'worker.next_of_kin',
};

/**
 * Every stored value is an envelope (`v1.<keyId>.<iv>.<data>`) and every index names its key: a
 * value written in clear by mistake is refused by the database, not kept.
 */
const ENVELOPE = `'^v1\\.[a-z0-9-]{1,32}\\.[A-Za-z0-9_-]{16}\\.[A-Za-z0-9_-]{22,}$'`;
const PII_SEALED = [
  `nik_ciphertext ~ ${ENVELOPE}`,
  `nik_index ~ '^[0-9a-f]{8}\\.[A-Za-z0-9_-]{43}$'`,
  `phone_ciphertext ~ ${ENVELOPE}`,
  `passport_number_ciphertext ~ ${ENVELOPE}`,
  `next_of_kin_ciphertext ~ ${ENVELOPE}`,
].join(' AND ');

interface ClearRow {
  id: string;
  nik: string | null;
  phone: string | null;
  passportNumber: string | null;
  nextOfKin: unknown;
}

interface SealedRow {
  id: string;
  nikCiphertext: string | null;
  nikIndex: string | null;
  phoneCiphertext: string | null;
  passportNumberCiphertext: string | null;
  nextOfKinCiphertext: string | null;
}

/**
 * NIK, passport and phone numbers (the worker's, and the next of kin's inside its record) are
 * encrypted at rest under PII_KEYS; a blind index under PII_INDEX_KEY keeps a NIK unique and
 * findable. Existing rows are sealed here, with the keys of the environment the migration runs in.
 */
export class WorkerPiiEncrypted1764000000900 implements MigrationInterface {
  name = 'WorkerPiiEncrypted1764000000900';

  public async up(queryRunner: QueryRunner): Promise<void> {
    const cipher = PiiCipher.fromConfig(loadConfig());
    await queryRunner.query(`
      ALTER TABLE worker
        ADD COLUMN nik_ciphertext text,
        ADD COLUMN nik_index text,
        ADD COLUMN phone_ciphertext text,
        ADD COLUMN passport_number_ciphertext text,
        ADD COLUMN next_of_kin_ciphertext text
    `);
    const seal = (value: string | null, purpose: string): string | null =>
      value === null ? null : cipher.encrypt(purpose, value);
    await inBatches<ClearRow>(
      queryRunner,
      `SELECT id, nik, phone, passport_number AS "passportNumber", next_of_kin AS "nextOfKin" FROM worker`,
      async (rows) => {
        const sealed = rows.map((row): SealedRow => ({
          id: row.id,
          nikCiphertext: seal(row.nik, PURPOSE.nik),
          nikIndex: row.nik === null ? null : cipher.blindIndex('nik', row.nik),
          phoneCiphertext: seal(row.phone, PURPOSE.phone),
          passportNumberCiphertext: seal(row.passportNumber, PURPOSE.passportNumber),
          nextOfKinCiphertext:
            row.nextOfKin === null ? null : cipher.encrypt(PURPOSE.nextOfKin, JSON.stringify(row.nextOfKin)),
        }));
        await queryRunner.query(
          `UPDATE worker w
              SET nik_ciphertext = s."nikCiphertext", nik_index = s."nikIndex",
                  phone_ciphertext = s."phoneCiphertext",
                  passport_number_ciphertext = s."passportNumberCiphertext",
                  next_of_kin_ciphertext = s."nextOfKinCiphertext"
             FROM jsonb_to_recordset($1::jsonb) AS s (id uuid, "nikCiphertext" text, "nikIndex" text,
                  "phoneCiphertext" text, "passportNumberCiphertext" text, "nextOfKinCiphertext" text)
            WHERE w.id = s.id`,
          [JSON.stringify(sealed)],
        );
      },
    );
    await queryRunner.query(`
      ALTER TABLE worker
        DROP CONSTRAINT worker_complete_check,
        DROP CONSTRAINT worker_nik_key,
        DROP CONSTRAINT worker_nik_check,
        DROP COLUMN nik,
        DROP COLUMN phone,
        DROP COLUMN passport_number,
        DROP COLUMN next_of_kin,
        ADD CONSTRAINT worker_nik_index_key UNIQUE (nik_index),
        ADD CONSTRAINT worker_nik_sealed_check CHECK ((nik_ciphertext IS NULL) = (nik_index IS NULL)),
        ADD CONSTRAINT worker_pii_sealed_check CHECK (${PII_SEALED}),
        ADD CONSTRAINT worker_complete_check CHECK (
          incomplete OR (nik_index IS NOT NULL AND origin_regency_code IS NOT NULL AND origin_province_code IS NOT NULL))
    `);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    const cipher = PiiCipher.fromConfig(loadConfig());
    await queryRunner.query(`
      ALTER TABLE worker
        ADD COLUMN nik char(16),
        ADD COLUMN phone text,
        ADD COLUMN passport_number text,
        ADD COLUMN next_of_kin jsonb
    `);
    const open = (value: string | null, purpose: string): string | null =>
      value === null ? null : cipher.decrypt(purpose, value);
    await inBatches<SealedRow>(
      queryRunner,
      `SELECT id, nik_ciphertext AS "nikCiphertext", phone_ciphertext AS "phoneCiphertext",
              passport_number_ciphertext AS "passportNumberCiphertext",
              next_of_kin_ciphertext AS "nextOfKinCiphertext"
         FROM worker`,
      async (rows) => {
        const clear = rows.map((row) => ({
          id: row.id,
          nik: open(row.nikCiphertext, PURPOSE.nik),
          phone: open(row.phoneCiphertext, PURPOSE.phone),
          passportNumber: open(row.passportNumberCiphertext, PURPOSE.passportNumber),
          nextOfKin: open(row.nextOfKinCiphertext, PURPOSE.nextOfKin),
        }));
        await queryRunner.query(
          `UPDATE worker w
              SET nik = s.nik, phone = s.phone, passport_number = s."passportNumber",
                  next_of_kin = s."nextOfKin"::jsonb
             FROM jsonb_to_recordset($1::jsonb) AS s (id uuid, nik text, phone text, "passportNumber" text,
                  "nextOfKin" text)
            WHERE w.id = s.id`,
          [JSON.stringify(clear)],
        );
      },
    );
    await queryRunner.query(`
      ALTER TABLE worker
        DROP CONSTRAINT worker_complete_check,
        DROP CONSTRAINT worker_pii_sealed_check,
        DROP CONSTRAINT worker_nik_sealed_check,
        DROP CONSTRAINT worker_nik_index_key,
        DROP COLUMN nik_ciphertext,
        DROP COLUMN nik_index,
        DROP COLUMN phone_ciphertext,
        DROP COLUMN passport_number_ciphertext,
        DROP COLUMN next_of_kin_ciphertext,
        ADD CONSTRAINT worker_nik_key UNIQUE (nik),
        ADD CONSTRAINT worker_nik_check CHECK (nik ~ '^[0-9]{16}$'),
        ADD CONSTRAINT worker_complete_check CHECK (
          incomplete OR (nik IS NOT NULL AND origin_regency_code IS NOT NULL AND origin_province_code IS NOT NULL))
    `);
  }
}

/** Runs `work` on the rows of `select`, a batch at a time in the order of their ids. */
async function inBatches<T extends { id: string }>(
  queryRunner: QueryRunner,
  select: string,
  work: (rows: T[]) => Promise<void>,
): Promise<void> {
  let after = '00000000-0000-0000-0000-000000000000';
  for (;;) {
    const rows = (await queryRunner.query(`${select} WHERE id > $1 ORDER BY id LIMIT ${BATCH}`, [
      after,
    ])) as T[];
    if (rows.length === 0) return;
    await work(rows);
    after = rows[rows.length - 1]?.id ?? after;
  }
}
