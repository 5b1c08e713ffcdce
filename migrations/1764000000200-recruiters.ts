import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Recruiters (P3MI) with their licence (SIP3MI), and their recruitment permits (SIP2MI). */
export class Recruiters1764000000200 implements MigrationInterface {
  name = 'Recruiters1764000000200';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE recruiter (
        id uuid NOT NULL,
        name text NOT NULL,
        licence_number text NOT NULL,
        status text NOT NULL,
        status_reason text,
        valid_from date NOT NULL,
        valid_until date NOT NULL,
        spsk_selected boolean NOT NULL DEFAULT false,
        -- milliseconds, as the keyset cursors carry them: finer stamps would let rows slip between pages
        created_at timestamptz(3) NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        version integer NOT NULL DEFAULT 1,
        CONSTRAINT recruiter_pkey PRIMARY KEY (id),
        CONSTRAINT recruiter_licence_number_key UNIQUE (licence_number),
        CONSTRAINT recruiter_status_check CHECK (status IN ('ACTIVE', 'SUSPENDED', 'REVOKED')),
        -- a suspension or revocation is never recorded without saying why
        CONSTRAINT recruiter_status_reason_check CHECK (status = 'ACTIVE' OR status_reason IS NOT NULL),
        CONSTRAINT recruiter_validity_check CHECK (valid_until >= valid_from)
      )
    `);
    // Lists are read newest first, all recruiters or those of one status: these serve the keyset pages.
    await queryRunner.query('CREATE INDEX recruiter_created_idx ON recruiter (created_at DESC, id DESC)');
    await queryRunner.query(
      'CREATE INDEX recruiter_status_created_idx ON recruiter (status, created_at DESC, id DESC)',
    );
    await queryRunner.query(
      'CREATE INDEX recruiter_name_trgm_idx ON recruiter USING gin (name gin_trgm_ops)',
    );

    await queryRunner.query(`
      CREATE TABLE recruitment_permit (
        id uuid NOT NULL,
        recruiter_id uuid NOT NULL,
        permit_number text NOT NULL,
        destination char(2) NOT NULL,
        quota integer NOT NULL,
        valid_from date NOT NULL,
        valid_until date NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT recruitment_permit_pkey PRIMARY KEY (id),
        -- also the index that finds a recruiter's permits
        CONSTRAINT recruitment_permit_recruiter_id_permit_number_key UNIQUE (recruiter_id, permit_number),
        CONSTRAINT recruitment_permit_recruiter_id_fkey FOREIGN KEY (recruiter_id) REFERENCES recruiter (id),
        CONSTRAINT recruitment_permit_destination_fkey FOREIGN KEY (destination) REFERENCES country (code),
        CONSTRAINT recruitment_permit_quota_check CHECK (quota > 0),
        CONSTRAINT recruitment_permit_validity_check CHECK (valid_until >= valid_from)
      )
    `);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP TABLE recruitment_permit');
    await queryRunner.query('DROP TABLE recruiter');
  }
}
