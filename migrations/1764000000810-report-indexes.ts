import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Indexes for the statistics (libs/reports): each fact of a period is read through an index on its
 * own instant, and without a `from` the earliest record is the first row of each — so that a
 * history too long to count is refused before anything is counted. Registrations already have
 * placement_created_idx, returns placement_return_returned_at_idx and alerts alert_raised_idx.
 */
export class ReportIndexes1764000000810 implements MigrationInterface {
  name = 'ReportIndexes1764000000810';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      'CREATE INDEX placement_departed_at_idx ON placement (departed_at) WHERE departed_at IS NOT NULL',
    );
    // Workers reported abroad without a recorded departure: counted as departed on arrival. Few rows.
    await queryRunner.query(`
      CREATE INDEX placement_reported_abroad_arrived_at_idx ON placement (arrived_at)
        WHERE rule_set_version = 'reported-abroad' AND departed_at IS NULL
    `);
    await queryRunner.query('CREATE INDEX referral_referred_at_idx ON referral (referred_at)');
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP INDEX referral_referred_at_idx');
    await queryRunner.query('DROP INDEX placement_reported_abroad_arrived_at_idx');
    await queryRunner.query('DROP INDEX placement_departed_at_idx');
  }
}
