import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Workers reported abroad: an embassy meets a worker Lintas has never seen. Such a worker may
 * have no NIK and no known origin; it is flagged incomplete until an officer completes it.
 */
export class WorkersReportedAbroad1764000000600 implements MigrationInterface {
  name = 'WorkersReportedAbroad1764000000600';

  public async up(queryRunner: QueryRunner): Promise<void> {
    // worker_nik_key stays: NULLs do not collide, so many workers may lack a NIK.
    await queryRunner.query(`
      ALTER TABLE worker
        ALTER COLUMN nik DROP NOT NULL,
        ALTER COLUMN origin_province_code DROP NOT NULL,
        ALTER COLUMN origin_regency_code DROP NOT NULL,
        ADD COLUMN incomplete boolean NOT NULL DEFAULT false,
        ADD CONSTRAINT worker_complete_check CHECK (
          incomplete OR (nik IS NOT NULL AND origin_regency_code IS NOT NULL AND origin_province_code IS NOT NULL))
    `);
    // A second report without a NIK is matched by name and date of birth.
    await queryRunner.query(
      'CREATE INDEX worker_full_name_date_of_birth_idx ON worker (lower(full_name), date_of_birth)',
    );
    // A placement of a worker of unknown origin answers to the national agency and its destination only.
    await queryRunner.query(`
      ALTER TABLE placement
        ALTER COLUMN origin_province_code DROP NOT NULL,
        ALTER COLUMN origin_regency_code DROP NOT NULL
    `);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      ALTER TABLE placement
        ALTER COLUMN origin_province_code SET NOT NULL,
        ALTER COLUMN origin_regency_code SET NOT NULL
    `);
    await queryRunner.query('DROP INDEX worker_full_name_date_of_birth_idx');
    await queryRunner.query(`
      ALTER TABLE worker
        DROP CONSTRAINT worker_complete_check,
        DROP COLUMN incomplete,
        ALTER COLUMN nik SET NOT NULL,
        ALTER COLUMN origin_province_code SET NOT NULL,
        ALTER COLUMN origin_regency_code SET NOT NULL
    `);
  }
}
