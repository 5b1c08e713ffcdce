import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Partial indexes for the time rules, so each sweep reads only the rows near its threshold.
 * The missed-check-in sweep already has placement_next_check_in_due_idx (migration 0500).
 */
export class AlertSweepIndexes1764000000710 implements MigrationInterface {
  name = 'AlertSweepIndexes1764000000710';

  public async up(queryRunner: QueryRunner): Promise<void> {
    // Contract ended without return, and contract ending soon: contract ends of workers abroad.
    await queryRunner.query(`
      CREATE INDEX placement_contract_end_idx ON placement (contract_end)
        WHERE stage IN ('DEPARTED', 'PLACED')
    `);
    // Document expiring: only passports and work visas carry the expiry the sweep reads.
    await queryRunner.query(`
      CREATE INDEX requirement_document_expires_idx ON requirement (expires_on)
        WHERE kind IN ('PASSPORT_VALID', 'WORK_VISA') AND expires_on IS NOT NULL
    `);
    // A condition someone resolved stays resolved until it worsens: each sweep looks up resolved
    // alerts of the same key since the condition began.
    await queryRunner.query(`
      CREATE INDEX alert_resolved_dedupe_key_idx ON alert (dedupe_key, raised_at)
        WHERE status = 'RESOLVED'
    `);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP INDEX alert_resolved_dedupe_key_idx');
    await queryRunner.query('DROP INDEX requirement_document_expires_idx');
    await queryRunner.query('DROP INDEX placement_contract_end_idx');
  }
}
