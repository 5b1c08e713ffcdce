import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The spine: agencies, users and API keys; workers; the append-only audit trail; the outbox.
 */
export class AccessAuditOutboxWorkers1764000000100 implements MigrationInterface {
  name = 'AccessAuditOutboxWorkers1764000000100';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('CREATE EXTENSION IF NOT EXISTS pg_trgm');

    await queryRunner.query(`
      CREATE TABLE agency (
        id uuid NOT NULL,
        code text NOT NULL,
        name text NOT NULL,
        kind text NOT NULL,
        province_codes text[] NOT NULL DEFAULT '{}',
        regency_codes text[] NOT NULL DEFAULT '{}',
        country_codes text[] NOT NULL DEFAULT '{}',
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT agency_pkey PRIMARY KEY (id),
        CONSTRAINT agency_code_key UNIQUE (code),
        CONSTRAINT agency_kind_check
          CHECK (kind IN ('BP3MI', 'DISNAKER', 'EMBASSY', 'PARTNER', 'SOCIAL_SERVICE', 'NATIONAL'))
      )
    `);

    await queryRunner.query(`
      CREATE TABLE user_account (
        id uuid NOT NULL,
        username text NOT NULL,
        display_name text NOT NULL,
        password_hash text NOT NULL,
        roles text[] NOT NULL,
        agency_id uuid NOT NULL,
        active boolean NOT NULL DEFAULT true,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT user_account_pkey PRIMARY KEY (id),
        CONSTRAINT user_account_username_key UNIQUE (username),
        CONSTRAINT user_account_agency_id_fkey FOREIGN KEY (agency_id) REFERENCES agency (id),
        CONSTRAINT user_account_roles_check CHECK (
          cardinality(roles) > 0 AND roles <@
            ARRAY['ADMIN', 'OFFICER', 'LABOUR_OFFICER', 'PARTNER', 'CASE_HANDLER', 'AUDITOR']::text[])
      )
    `);
    await queryRunner.query('CREATE INDEX user_account_agency_id_idx ON user_account (agency_id)');

    await queryRunner.query(`
      CREATE TABLE api_key (
        id uuid NOT NULL,
        name text NOT NULL,
        prefix text NOT NULL,
        secret_hash text NOT NULL,
        roles text[] NOT NULL,
        agency_id uuid NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        revoked_at timestamptz,
        CONSTRAINT api_key_pkey PRIMARY KEY (id),
        CONSTRAINT api_key_prefix_key UNIQUE (prefix),
        CONSTRAINT api_key_agency_id_fkey FOREIGN KEY (agency_id) REFERENCES agency (id),
        CONSTRAINT api_key_roles_check CHECK (
          cardinality(roles) > 0 AND roles <@
            ARRAY['ADMIN', 'OFFICER', 'LABOUR_OFFICER', 'PARTNER', 'CASE_HANDLER', 'AUDITOR']::text[])
      )
    `);
    await queryRunner.query('CREATE INDEX api_key_agency_id_idx ON api_key (agency_id)');

    await queryRunner.query(`
      CREATE TABLE worker (
        id uuid NOT NULL,
        nik char(16) NOT NULL,
        full_name text NOT NULL,
        sex text NOT NULL,
        date_of_birth date NOT NULL,
        origin_province_code char(2) NOT NULL,
        origin_regency_code char(4) NOT NULL,
        phone text,
        passport_number text,
        next_of_kin jsonb,
        -- milliseconds, as the keyset cursors carry them: finer stamps would let rows slip between pages
        created_at timestamptz(3) NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        version integer NOT NULL DEFAULT 1,
        CONSTRAINT worker_pkey PRIMARY KEY (id),
        CONSTRAINT worker_nik_key UNIQUE (nik),
        CONSTRAINT worker_nik_check CHECK (nik ~ '^[0-9]{16}$'),
        CONSTRAINT worker_sex_check CHECK (sex IN ('FEMALE', 'MALE')),
        CONSTRAINT worker_origin_province_code_fkey
          FOREIGN KEY (origin_province_code) REFERENCES province (code),
        CONSTRAINT worker_origin_regency_code_fkey
          FOREIGN KEY (origin_regency_code) REFERENCES regency (code),
        CONSTRAINT worker_origin_regency_in_province_check
          CHECK (left(origin_regency_code, 2) = origin_province_code)
      )
    `);
    // Lists are read newest first within a jurisdiction: these serve the keyset pages.
    await queryRunner.query(
      'CREATE INDEX worker_origin_province_created_idx ON worker (origin_province_code, created_at DESC, id DESC)',
    );
    await queryRunner.query(
      'CREATE INDEX worker_origin_regency_created_idx ON worker (origin_regency_code, created_at DESC, id DESC)',
    );
    await queryRunner.query('CREATE INDEX worker_created_idx ON worker (created_at DESC, id DESC)');
    await queryRunner.query(
      'CREATE INDEX worker_full_name_trgm_idx ON worker USING gin (full_name gin_trgm_ops)',
    );

    await queryRunner.query(`
      CREATE TABLE audit_event (
        sequence bigint NOT NULL,
        id uuid NOT NULL,
        actor_type text NOT NULL,
        actor_id text,
        action text NOT NULL,
        entity_type text NOT NULL,
        entity_id uuid NOT NULL,
        before jsonb,
        after jsonb,
        request_id text,
        occurred_at timestamptz NOT NULL,
        previous_hash text NOT NULL,
        hash text NOT NULL,
        CONSTRAINT audit_event_pkey PRIMARY KEY (sequence),
        CONSTRAINT audit_event_id_key UNIQUE (id),
        CONSTRAINT audit_event_actor_type_check CHECK (actor_type IN ('user', 'api-key', 'system', 'cli'))
      )
    `);
    await queryRunner.query('CREATE INDEX audit_event_entity_idx ON audit_event (entity_id, sequence)');
    // Append-only in the database itself. A table owner could still disable the trigger; the
    // hash chain makes any such edit visible (AuditTrail.verifyChain), and a narrower role for
    // the application belongs to the security work (issue 7).
    await queryRunner.query(`
      CREATE FUNCTION audit_event_refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        RAISE EXCEPTION 'audit_event is append-only: % is not allowed', TG_OP
          USING ERRCODE = 'insufficient_privilege';
      END
      $$
    `);
    await queryRunner.query(`
      CREATE TRIGGER audit_event_append_only
        BEFORE UPDATE OR DELETE ON audit_event
        FOR EACH ROW EXECUTE FUNCTION audit_event_refuse_change()
    `);
    await queryRunner.query(`
      CREATE TRIGGER audit_event_no_truncate
        BEFORE TRUNCATE ON audit_event
        FOR EACH STATEMENT EXECUTE FUNCTION audit_event_refuse_change()
    `);

    await queryRunner.query(`
      CREATE TABLE outbox_event (
        id uuid NOT NULL,
        topic text NOT NULL,
        aggregate_type text NOT NULL,
        aggregate_id uuid NOT NULL,
        payload jsonb NOT NULL,
        request_id text,
        occurred_at timestamptz NOT NULL,
        sent_at timestamptz,
        CONSTRAINT outbox_event_pkey PRIMARY KEY (id)
      )
    `);
    // The relay only ever reads unsent events, oldest first; sent ones drop out of this index.
    await queryRunner.query(
      'CREATE INDEX outbox_event_unsent_idx ON outbox_event (occurred_at, id) WHERE sent_at IS NULL',
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP TABLE outbox_event');
    await queryRunner.query('DROP TABLE audit_event');
    await queryRunner.query('DROP FUNCTION audit_event_refuse_change()');
    await queryRunner.query('DROP TABLE worker');
    await queryRunner.query('DROP TABLE api_key');
    await queryRunner.query('DROP TABLE user_account');
    await queryRunner.query('DROP TABLE agency');
  }
}
