import type { MigrationInterface, QueryRunner } from 'typeorm';

const SERVICES = `'SOCIAL_REHABILITATION', 'MEDICAL', 'PSYCHOSOCIAL', 'LEGAL_AID', 'ECONOMIC_EMPOWERMENT',
  'SHELTER', 'FAMILY_REUNIFICATION'`;

/**
 * Purna penempatan: repatriations, the return home, reintegration referrals and refusals, and the
 * closure of a placement's cycle.
 */
export class PostPlacement1764000000800 implements MigrationInterface {
  name = 'PostPlacement1764000000800';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      ALTER TABLE placement
        ADD COLUMN returned_at timestamptz,
        ADD COLUMN closed_at timestamptz,
        ADD COLUMN closure_outcome text,
        ADD CONSTRAINT placement_closure_check
          CHECK ((stage = 'CLOSED') = (closed_at IS NOT NULL AND closure_outcome IS NOT NULL))
    `);
    await queryRunner.query(
      `CREATE INDEX placement_returned_at_idx ON placement (returned_at) WHERE stage = 'RETURNED'`,
    );

    await queryRunner.query(`
      CREATE TABLE repatriation (
        id uuid NOT NULL,
        placement_id uuid NOT NULL,
        status text NOT NULL,
        reason text NOT NULL,
        needs text array NOT NULL DEFAULT '{}',
        note text,
        planned_arrival_at timestamptz,
        source_alert_id uuid,
        requested_by_agency_id uuid NOT NULL,
        requested_by_type text NOT NULL,
        requested_by_id text,
        requested_at timestamptz(3) NOT NULL,
        status_changed_at timestamptz,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        version integer NOT NULL DEFAULT '1',
        CONSTRAINT repatriation_pkey PRIMARY KEY (id),
        CONSTRAINT repatriation_placement_id_fkey FOREIGN KEY (placement_id) REFERENCES placement (id),
        CONSTRAINT repatriation_source_alert_id_fkey FOREIGN KEY (source_alert_id) REFERENCES alert (id),
        CONSTRAINT repatriation_requested_by_agency_id_fkey
          FOREIGN KEY (requested_by_agency_id) REFERENCES agency (id),
        CONSTRAINT repatriation_status_check
          CHECK (status IN ('REQUESTED', 'ARRANGED', 'IN_TRANSIT', 'COMPLETED', 'CANCELLED')),
        CONSTRAINT repatriation_reason_check CHECK (reason IN ('CONTRACT_ENDED', 'LEAVE', 'EARLY_TERMINATION',
          'WORK_ACCIDENT_OR_ILLNESS', 'ABUSE', 'WAR_DISASTER_OR_EPIDEMIC', 'DEPORTATION', 'DEATH', 'TRAFFICKING',
          'UNPAID_WAGES', 'OTHER')),
        CONSTRAINT repatriation_needs_check
          CHECK (needs <@ ARRAY['ESCORT', 'MEDICAL', 'SHELTER', 'LEGAL_AID', 'FLIGHT', 'DOCUMENTS']::text[])
      )
    `);
    await queryRunner.query(`
      CREATE UNIQUE INDEX repatriation_one_active_per_placement_key ON repatriation (placement_id)
        WHERE status NOT IN ('COMPLETED', 'CANCELLED')
    `);
    await queryRunner.query(
      'CREATE INDEX repatriation_placement_idx ON repatriation (placement_id, requested_at)',
    );

    await queryRunner.query(`
      CREATE TABLE placement_return (
        placement_id uuid NOT NULL,
        kind text NOT NULL,
        returned_at timestamptz NOT NULL,
        port_of_entry text,
        health_on_arrival text,
        suspected_trafficking_victim boolean NOT NULL DEFAULT false,
        wages_owed boolean NOT NULL DEFAULT false,
        repatriation_id uuid,
        note text,
        recorded_by_type text NOT NULL,
        recorded_by_id text,
        created_at timestamptz(3) NOT NULL DEFAULT now(),
        CONSTRAINT placement_return_pkey PRIMARY KEY (placement_id),
        CONSTRAINT placement_return_placement_id_fkey FOREIGN KEY (placement_id) REFERENCES placement (id),
        CONSTRAINT placement_return_repatriation_id_fkey FOREIGN KEY (repatriation_id) REFERENCES repatriation (id),
        CONSTRAINT placement_return_kind_check CHECK (kind IN ('ORDINARY', 'REPATRIATED', 'REMAINS')),
        CONSTRAINT placement_return_health_check
          CHECK (health_on_arrival IN ('HEALTHY', 'NEEDS_TREATMENT', 'HOSPITALISED'))
      )
    `);
    await queryRunner.query(
      'CREATE INDEX placement_return_returned_at_idx ON placement_return (returned_at)',
    );

    await queryRunner.query(`
      CREATE TABLE referral (
        id uuid NOT NULL,
        placement_id uuid NOT NULL,
        service text NOT NULL,
        agency_id uuid NOT NULL,
        referred_by_agency_id uuid NOT NULL,
        status text NOT NULL,
        consent_given boolean NOT NULL,
        consent_override_reason text,
        note text,
        outcome text,
        referred_by_type text NOT NULL,
        referred_by_id text,
        referred_at timestamptz(3) NOT NULL,
        status_changed_at timestamptz,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        version integer NOT NULL DEFAULT '1',
        CONSTRAINT referral_pkey PRIMARY KEY (id),
        CONSTRAINT referral_placement_id_fkey FOREIGN KEY (placement_id) REFERENCES placement (id),
        CONSTRAINT referral_agency_id_fkey FOREIGN KEY (agency_id) REFERENCES agency (id),
        CONSTRAINT referral_referred_by_agency_id_fkey FOREIGN KEY (referred_by_agency_id) REFERENCES agency (id),
        CONSTRAINT referral_service_check CHECK (service IN (${SERVICES})),
        CONSTRAINT referral_status_check
          CHECK (status IN ('REFERRED', 'ACCEPTED', 'IN_PROGRESS', 'COMPLETED', 'DECLINED')),
        CONSTRAINT referral_consent_check CHECK (consent_given OR consent_override_reason IS NOT NULL),
        CONSTRAINT referral_outcome_check CHECK (status NOT IN ('COMPLETED', 'DECLINED') OR outcome IS NOT NULL)
      )
    `);
    await queryRunner.query(`
      CREATE UNIQUE INDEX referral_open_service_key ON referral (placement_id, service)
        WHERE status NOT IN ('COMPLETED', 'DECLINED')
    `);
    await queryRunner.query('CREATE INDEX referral_placement_idx ON referral (placement_id, referred_at)');
    await queryRunner.query('CREATE INDEX referral_agency_idx ON referral (agency_id, referred_at)');

    await queryRunner.query(`
      CREATE TABLE reintegration_refusal (
        id uuid NOT NULL,
        placement_id uuid NOT NULL,
        services text array NOT NULL DEFAULT '{}',
        refused_at timestamptz NOT NULL,
        note text,
        recorded_by_type text NOT NULL,
        recorded_by_id text,
        created_at timestamptz(3) NOT NULL DEFAULT now(),
        CONSTRAINT reintegration_refusal_pkey PRIMARY KEY (id),
        CONSTRAINT reintegration_refusal_placement_id_fkey FOREIGN KEY (placement_id) REFERENCES placement (id),
        CONSTRAINT reintegration_refusal_services_check CHECK (services <@ ARRAY[${SERVICES}]::text[])
      )
    `);
    await queryRunner.query(
      'CREATE INDEX reintegration_refusal_placement_idx ON reintegration_refusal (placement_id, refused_at)',
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP TABLE reintegration_refusal');
    await queryRunner.query('DROP TABLE referral');
    await queryRunner.query('DROP TABLE placement_return');
    await queryRunner.query('DROP TABLE repatriation');
    await queryRunner.query('DROP INDEX placement_returned_at_idx');
    await queryRunner.query(`
      ALTER TABLE placement
        DROP CONSTRAINT placement_closure_check,
        DROP COLUMN returned_at, DROP COLUMN closed_at, DROP COLUMN closure_outcome
    `);
  }
}
