import { loadConfig, PiiCipher } from '#lintas/core';
import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Rows read, sealed and written back per statement: a bounded parameter, whatever the table's size. */
const BATCH = 1000;

/**
 * What a number is sealed for (the cipher authenticates it): written out here, not imported, so
 * this migration keeps doing what it did whatever pre-placement later calls its column.
 */
const PURPOSE = 'requirement.document_number';

/** Every stored number is an envelope (`v1.<keyId>.<iv>.<data>`): one written in clear is refused. */
const ENVELOPE = `'^v1\\.[a-z0-9-]{1,32}\\.[A-Za-z0-9_-]{16}\\.[A-Za-z0-9_-]{22,}$'`;

/**
 * A requirement's document number (a passport's number for PASSPORT_VALID, a visa's, a contract's,
 * each leading to the worker) is encrypted at rest under PII_KEYS, as the worker's details are.
 * Existing rows are sealed here, with the keys of the environment the migration runs in.
 */
export class RequirementDocumentNumberSealed1764000000920 implements MigrationInterface {
  name = 'RequirementDocumentNumberSealed1764000000920';

  public async up(queryRunner: QueryRunner): Promise<void> {
    const cipher = PiiCipher.fromConfig(loadConfig());
    await queryRunner.query('ALTER TABLE requirement ADD COLUMN document_number_ciphertext text');
    await inBatches(queryRunner, 'document_number', async (rows) => {
      const sealed = rows.map((row) => ({ id: row.id, value: cipher.encrypt(PURPOSE, row.value) }));
      await write(queryRunner, 'document_number_ciphertext', sealed);
    });
    await queryRunner.query(`
      ALTER TABLE requirement
        DROP COLUMN document_number,
        ADD CONSTRAINT requirement_document_number_sealed_check CHECK (document_number_ciphertext ~ ${ENVELOPE})
    `);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    const cipher = PiiCipher.fromConfig(loadConfig());
    await queryRunner.query('ALTER TABLE requirement ADD COLUMN document_number text');
    await inBatches(queryRunner, 'document_number_ciphertext', async (rows) => {
      const clear = rows.map((row) => ({ id: row.id, value: cipher.decrypt(PURPOSE, row.value) }));
      await write(queryRunner, 'document_number', clear);
    });
    await queryRunner.query(`
      ALTER TABLE requirement
        DROP CONSTRAINT requirement_document_number_sealed_check,
        DROP COLUMN document_number_ciphertext
    `);
  }
}

interface Value {
  id: string;
  value: string;
}

/** Runs `work` on the rows where `column` holds a value, a batch at a time in the order of their ids. */
async function inBatches(
  queryRunner: QueryRunner,
  column: 'document_number' | 'document_number_ciphertext',
  work: (rows: Value[]) => Promise<void>,
): Promise<void> {
  let after = '00000000-0000-0000-0000-000000000000';
  for (;;) {
    const rows = (await queryRunner.query(
      `SELECT id, ${column} AS value FROM requirement
        WHERE ${column} IS NOT NULL AND id > $1 ORDER BY id LIMIT ${BATCH}`,
      [after],
    )) as Value[];
    if (rows.length === 0) return;
    await work(rows);
    after = rows[rows.length - 1]?.id ?? after;
  }
}

async function write(
  queryRunner: QueryRunner,
  column: 'document_number' | 'document_number_ciphertext',
  rows: Value[],
): Promise<void> {
  await queryRunner.query(
    `UPDATE requirement r SET ${column} = s.value
       FROM jsonb_to_recordset($1::jsonb) AS s (id uuid, value text)
      WHERE r.id = s.id`,
    [JSON.stringify(rows)],
  );
}
