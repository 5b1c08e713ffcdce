import type { MigrationInterface, QueryRunner } from 'typeorm';

const PARTNER_STATUSES = `'WORKING', 'EMPLOYER_CHANGED', 'IN_SHELTER', 'DETAINED', 'HOSPITALISED',
  'DEPORTATION_PENDING', 'ABSCONDED', 'DECEASED', 'MISSING'`;

/** Masa penempatan: arrival, partner statuses, welfare contacts and the check-in schedule. */
export class PlacementsAbroad1764000000500 implements MigrationInterface {
  name = 'PlacementsAbroad1764000000500';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      ALTER TABLE placement
        ADD COLUMN arrived_at timestamptz,
        ADD COLUMN partner_status text,
        ADD COLUMN partner_status_at timestamptz,
        ADD COLUMN last_reached_contact_at timestamptz,
        ADD COLUMN next_check_in_due_at timestamptz,
        ADD COLUMN risk_level text,
        ADD COLUMN risk_reasons text[] NOT NULL DEFAULT '{}',
        ADD CONSTRAINT placement_partner_status_check CHECK (partner_status IN (${PARTNER_STATUSES})),
        ADD CONSTRAINT placement_risk_level_check CHECK (risk_level IN ('LOW', 'MEDIUM', 'HIGH'))
    `);
    // The missed-check-in sweep reads due dates of placements abroad, oldest first.
    await queryRunner.query(`
      CREATE INDEX placement_next_check_in_due_idx ON placement (next_check_in_due_at)
        WHERE stage IN ('DEPARTED', 'PLACED')
    `);

    await queryRunner.query(`
      CREATE TABLE partner_status_report (
        id uuid NOT NULL,
        placement_id uuid NOT NULL,
        status text NOT NULL,
        effective_at timestamptz NOT NULL,
        note text,
        employer_name text,
        reported_by_type text NOT NULL,
        reported_by_id text,
        created_at timestamptz(3) NOT NULL DEFAULT now(),
        CONSTRAINT partner_status_report_pkey PRIMARY KEY (id),
        CONSTRAINT partner_status_report_placement_id_fkey FOREIGN KEY (placement_id) REFERENCES placement (id),
        CONSTRAINT partner_status_report_status_check CHECK (status IN (${PARTNER_STATUSES}))
      )
    `);
    await queryRunner.query(
      'CREATE INDEX partner_status_report_placement_idx ON partner_status_report (placement_id, effective_at)',
    );

    // Never edited: a correction is a new contact naming the one it corrects.
    await queryRunner.query(`
      CREATE TABLE welfare_contact (
        id uuid NOT NULL,
        placement_id uuid NOT NULL,
        contacted_at timestamptz NOT NULL,
        channel text NOT NULL,
        reached_worker boolean NOT NULL,
        location text,
        wellbeing text,
        indicators text[] NOT NULL DEFAULT '{}',
        note text,
        corrects_id uuid,
        recorded_by_type text NOT NULL,
        recorded_by_id text,
        created_at timestamptz(3) NOT NULL DEFAULT now(),
        CONSTRAINT welfare_contact_pkey PRIMARY KEY (id),
        CONSTRAINT welfare_contact_placement_id_fkey FOREIGN KEY (placement_id) REFERENCES placement (id),
        CONSTRAINT welfare_contact_corrects_id_fkey FOREIGN KEY (corrects_id) REFERENCES welfare_contact (id),
        CONSTRAINT welfare_contact_channel_check CHECK (channel IN
          ('PHONE', 'WHATSAPP', 'VIDEO', 'VISIT', 'SHELTER', 'FAMILY', 'SELF_REPORT'))
      )
    `);
    await queryRunner.query(
      'CREATE INDEX welfare_contact_placement_idx ON welfare_contact (placement_id, contacted_at)',
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP TABLE welfare_contact');
    await queryRunner.query('DROP TABLE partner_status_report');
    await queryRunner.query('DROP INDEX placement_next_check_in_due_idx');
    await queryRunner.query(`
      ALTER TABLE placement
        DROP COLUMN arrived_at, DROP COLUMN partner_status, DROP COLUMN partner_status_at,
        DROP COLUMN last_reached_contact_at, DROP COLUMN next_check_in_due_at,
        DROP COLUMN risk_level, DROP COLUMN risk_reasons
    `);
  }
}
