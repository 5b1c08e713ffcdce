import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A worker waiting abroad to be brought home (REPATRIATING: in a shelter, in detention, sometimes
 * for weeks) keeps the welfare check-in schedule, and the missed-check-in sweep watches that stage
 * too: placement_next_check_in_due_idx is rebuilt with it in its predicate, or the sweep would read
 * every placement instead.
 *
 * Plain DROP and CREATE, not CONCURRENTLY: TypeORM runs each migration in a transaction, where
 * CONCURRENTLY cannot run. Writes to placement wait while the index is built (one scan of the
 * table), during a deployment's migration step.
 */
export class CheckInsWhileRepatriating1764000000820 implements MigrationInterface {
  name = 'CheckInsWhileRepatriating1764000000820';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP INDEX placement_next_check_in_due_idx');
    await queryRunner.query(`
      CREATE INDEX placement_next_check_in_due_idx ON placement (next_check_in_due_at)
        WHERE stage IN ('DEPARTED', 'PLACED', 'REPATRIATING')
    `);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP INDEX placement_next_check_in_due_idx');
    await queryRunner.query(`
      CREATE INDEX placement_next_check_in_due_idx ON placement (next_check_in_due_at)
        WHERE stage IN ('DEPARTED', 'PLACED')
    `);
  }
}
