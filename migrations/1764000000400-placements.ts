import type { MigrationInterface, QueryRunner } from 'typeorm';

const STAGES = `'REGISTERED', 'CLEARED', 'DEPARTED', 'PLACED', 'REPATRIATING', 'RETURNED', 'REINTEGRATING',
  'CLOSED', 'CANCELLED', 'DECEASED', 'MISSING'`;
const REQUIREMENT_STATUSES = `'PENDING', 'SATISFIED', 'FAILED', 'WAIVED'`;

/** Placements (the aggregate), their requirement checklists and their timelines. */
export class Placements1764000000400 implements MigrationInterface {
  name = 'Placements1764000000400';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE placement (
        id uuid NOT NULL,
        worker_id uuid NOT NULL,
        origin_province_code char(2) NOT NULL,
        origin_regency_code char(4) NOT NULL,
        destination char(2) NOT NULL,
        destination_city text,
        sector text NOT NULL,
        employer_type text NOT NULL,
        employer_name text,
        job_title text NOT NULL,
        recruiter_id uuid,
        scheme text,
        visa_type text,
        contract_start date,
        contract_end date,
        planned_departure_at timestamptz,
        departed_at timestamptz,
        departure_port text,
        stage text NOT NULL,
        procedural boolean NOT NULL,
        procedural_reasons text[] NOT NULL DEFAULT '{}',
        rule_set_version text NOT NULL,
        re_trafficking_risk boolean NOT NULL DEFAULT false,
        suspected_trafficking_victim boolean NOT NULL DEFAULT false,
        cancellation_reason text,
        -- milliseconds, as the keyset cursors carry them
        created_at timestamptz(3) NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        version integer NOT NULL DEFAULT 1,
        CONSTRAINT placement_pkey PRIMARY KEY (id),
        CONSTRAINT placement_worker_id_fkey FOREIGN KEY (worker_id) REFERENCES worker (id),
        CONSTRAINT placement_destination_fkey FOREIGN KEY (destination) REFERENCES country (code),
        CONSTRAINT placement_recruiter_id_fkey FOREIGN KEY (recruiter_id) REFERENCES recruiter (id),
        CONSTRAINT placement_origin_regency_code_fkey
          FOREIGN KEY (origin_regency_code) REFERENCES regency (code),
        CONSTRAINT placement_stage_check CHECK (stage IN (${STAGES})),
        CONSTRAINT placement_sector_check CHECK (sector IN
          ('FORMAL', 'DOMESTIC', 'SEAFARER', 'CARE_WORKER', 'PLANTATION', 'CONSTRUCTION', 'OTHER')),
        CONSTRAINT placement_employer_type_check CHECK (employer_type IN ('INDIVIDUAL', 'LEGAL_ENTITY')),
        CONSTRAINT placement_scheme_check CHECK (scheme IN ('G_TO_G', 'SPSK')),
        CONSTRAINT placement_visa_type_check CHECK (visa_type IN
          ('WORK', 'TOURIST', 'UMRAH', 'VISIT', 'INTERNSHIP', 'STUDENT', 'OTHER')),
        CONSTRAINT placement_contract_dates_check CHECK (contract_end >= contract_start)
      )
    `);
    // One open placement per worker: the database holds the rule even against concurrent registrations.
    await queryRunner.query(`
      CREATE UNIQUE INDEX placement_one_open_per_worker_key ON placement (worker_id)
        WHERE stage NOT IN ('CLOSED', 'CANCELLED')
    `);
    await queryRunner.query('CREATE INDEX placement_worker_id_idx ON placement (worker_id, created_at)');
    await queryRunner.query(
      'CREATE INDEX placement_origin_province_created_idx ON placement (origin_province_code, created_at DESC, id DESC)',
    );
    await queryRunner.query(
      'CREATE INDEX placement_origin_regency_created_idx ON placement (origin_regency_code, created_at DESC, id DESC)',
    );
    await queryRunner.query(
      'CREATE INDEX placement_destination_created_idx ON placement (destination, created_at DESC, id DESC)',
    );
    await queryRunner.query('CREATE INDEX placement_created_idx ON placement (created_at DESC, id DESC)');
    // Counting a recruitment permit's quota reads the live placements of a recruiter in one country.
    await queryRunner.query(`
      CREATE INDEX placement_recruiter_destination_idx ON placement (recruiter_id, destination)
        WHERE stage <> 'CANCELLED'
    `);

    await queryRunner.query(`
      CREATE TABLE requirement (
        id uuid NOT NULL,
        placement_id uuid NOT NULL,
        kind text NOT NULL,
        status text NOT NULL,
        reason text,
        evaluated_by text NOT NULL,
        recorded_status text,
        document_number text,
        issuer text,
        issued_on date,
        expires_on date,
        note text,
        recorded_by_id text,
        recorded_at timestamptz,
        updated_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT requirement_pkey PRIMARY KEY (id),
        CONSTRAINT requirement_placement_id_fkey FOREIGN KEY (placement_id) REFERENCES placement (id),
        CONSTRAINT requirement_placement_kind_key UNIQUE (placement_id, kind),
        CONSTRAINT requirement_status_check CHECK (status IN (${REQUIREMENT_STATUSES})),
        CONSTRAINT requirement_recorded_status_check CHECK (recorded_status IN (${REQUIREMENT_STATUSES})),
        CONSTRAINT requirement_evaluated_by_check CHECK (evaluated_by IN ('LINTAS', 'OFFICER')),
        CONSTRAINT requirement_evidence_dates_check CHECK (expires_on >= issued_on)
      )
    `);

    await queryRunner.query(`
      CREATE TABLE placement_event (
        sequence bigint GENERATED ALWAYS AS IDENTITY,
        placement_id uuid NOT NULL,
        type text NOT NULL,
        stage_from text,
        stage_to text NOT NULL,
        actor_type text NOT NULL,
        actor_id text,
        detail jsonb NOT NULL DEFAULT '{}',
        occurred_at timestamptz(3) NOT NULL DEFAULT now(),
        CONSTRAINT placement_event_pkey PRIMARY KEY (sequence),
        CONSTRAINT placement_event_placement_id_fkey FOREIGN KEY (placement_id) REFERENCES placement (id)
      )
    `);
    await queryRunner.query(
      'CREATE INDEX placement_event_placement_idx ON placement_event (placement_id, sequence)',
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP TABLE placement_event');
    await queryRunner.query('DROP TABLE requirement');
    await queryRunner.query('DROP TABLE placement');
  }
}
