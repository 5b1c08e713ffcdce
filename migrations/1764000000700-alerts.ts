import type { MigrationInterface, QueryRunner } from 'typeorm';

const KINDS = `'NON_PROCEDURAL_DEPARTURE', 'MISSED_CHECK_IN', 'TRAFFICKING_INDICATORS', 'REPATRIATION_NEEDED',
  'CONTRACT_ENDING', 'DOCUMENT_EXPIRING', 'REINTEGRATION_OVERDUE', 'RE_TRAFFICKING_RISK', 'DELIVERY_FAILED'`;
const SEVERITIES = `'LOW', 'MEDIUM', 'HIGH', 'CRITICAL'`;

/**
 * Alerts, whom they went to, and every delivery attempt; agencies gain their delivery channels.
 * One open alert per condition is the database's rule (alert_open_dedupe_key), so two sweeps or
 * two event handlers racing cannot double an alert.
 */
export class Alerts1764000000700 implements MigrationInterface {
  name = 'Alerts1764000000700';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      ALTER TABLE agency
        ADD COLUMN webhook_url text,
        ADD COLUMN webhook_secret text,
        ADD COLUMN alert_emails text array NOT NULL DEFAULT '{}',
        ADD CONSTRAINT agency_webhook_check CHECK ((webhook_url IS NULL) = (webhook_secret IS NULL))
    `);
    await queryRunner.query(`
      CREATE TABLE alert (
        id uuid NOT NULL,
        kind text NOT NULL,
        severity text NOT NULL,
        status text NOT NULL DEFAULT 'OPEN',
        placement_id uuid,
        subject_alert_id uuid,
        dedupe_key text NOT NULL,
        reason text NOT NULL,
        raised_at timestamp(3) with time zone NOT NULL,
        escalated_at timestamp with time zone,
        acknowledged_at timestamp with time zone,
        acknowledged_by_id uuid,
        assignee_id uuid,
        assigned_at timestamp with time zone,
        resolved_at timestamp with time zone,
        resolved_by_id uuid,
        resolution_note text,
        created_at timestamp with time zone NOT NULL DEFAULT now(),
        updated_at timestamp with time zone NOT NULL DEFAULT now(),
        version integer NOT NULL DEFAULT '1',
        CONSTRAINT alert_pkey PRIMARY KEY (id),
        CONSTRAINT alert_kind_check CHECK (kind IN (${KINDS})),
        CONSTRAINT alert_severity_check CHECK (severity IN (${SEVERITIES})),
        CONSTRAINT alert_status_check CHECK (status IN ('OPEN', 'ACKNOWLEDGED', 'RESOLVED')),
        CONSTRAINT alert_resolution_check
          CHECK ((status = 'RESOLVED') = (resolved_at IS NOT NULL AND resolution_note IS NOT NULL)),
        CONSTRAINT alert_placement_id_fkey FOREIGN KEY (placement_id) REFERENCES placement (id),
        CONSTRAINT alert_subject_alert_id_fkey FOREIGN KEY (subject_alert_id) REFERENCES alert (id),
        CONSTRAINT alert_acknowledged_by_id_fkey FOREIGN KEY (acknowledged_by_id) REFERENCES user_account (id),
        CONSTRAINT alert_assignee_id_fkey FOREIGN KEY (assignee_id) REFERENCES user_account (id),
        CONSTRAINT alert_resolved_by_id_fkey FOREIGN KEY (resolved_by_id) REFERENCES user_account (id)
      )
    `);
    await queryRunner.query(
      `CREATE UNIQUE INDEX alert_open_dedupe_key ON alert (dedupe_key) WHERE status <> 'RESOLVED'`,
    );
    await queryRunner.query('CREATE INDEX alert_placement_idx ON alert (placement_id, raised_at)');
    // DELIVERY_FAILED alerts point at the alert they are about; the foreign key is checked through this.
    await queryRunner.query(
      'CREATE INDEX alert_subject_alert_idx ON alert (subject_alert_id) WHERE subject_alert_id IS NOT NULL',
    );
    // Lists are read newest first, with the id as tie-breaker for keyset cursors.
    await queryRunner.query('CREATE INDEX alert_raised_idx ON alert (raised_at DESC, id DESC)');
    await queryRunner.query(`
      CREATE TABLE alert_recipient (
        alert_id uuid NOT NULL,
        agency_id uuid NOT NULL,
        reason text NOT NULL,
        added_at timestamp with time zone NOT NULL DEFAULT now(),
        CONSTRAINT alert_recipient_pkey PRIMARY KEY (alert_id, agency_id),
        CONSTRAINT alert_recipient_alert_id_fkey FOREIGN KEY (alert_id) REFERENCES alert (id),
        CONSTRAINT alert_recipient_agency_id_fkey FOREIGN KEY (agency_id) REFERENCES agency (id)
      )
    `);
    await queryRunner.query(`
      CREATE TABLE alert_delivery (
        id uuid NOT NULL,
        alert_id uuid NOT NULL,
        agency_id uuid NOT NULL,
        channel text NOT NULL,
        target text NOT NULL,
        severity text NOT NULL,
        status text NOT NULL DEFAULT 'PENDING',
        attempts integer NOT NULL DEFAULT '0',
        last_error text,
        delivered_at timestamp with time zone,
        failed_at timestamp with time zone,
        created_at timestamp(3) with time zone NOT NULL DEFAULT now(),
        CONSTRAINT alert_delivery_pkey PRIMARY KEY (id),
        CONSTRAINT alert_delivery_occasion_key UNIQUE (alert_id, agency_id, channel, severity),
        CONSTRAINT alert_delivery_channel_check CHECK (channel IN ('WEBHOOK', 'EMAIL')),
        CONSTRAINT alert_delivery_severity_check CHECK (severity IN (${SEVERITIES})),
        CONSTRAINT alert_delivery_status_check CHECK (status IN ('PENDING', 'DELIVERED', 'FAILED')),
        CONSTRAINT alert_delivery_alert_id_fkey FOREIGN KEY (alert_id) REFERENCES alert (id),
        CONSTRAINT alert_delivery_agency_id_fkey FOREIGN KEY (agency_id) REFERENCES agency (id)
      )
    `);
    await queryRunner.query(`
      CREATE TABLE alert_delivery_attempt (
        id bigint GENERATED ALWAYS AS IDENTITY NOT NULL,
        delivery_id uuid NOT NULL,
        attempt integer NOT NULL,
        attempted_at timestamp(3) with time zone NOT NULL,
        latency_ms integer NOT NULL,
        status_code integer,
        outcome text NOT NULL,
        error text,
        CONSTRAINT alert_delivery_attempt_pkey PRIMARY KEY (id),
        CONSTRAINT alert_delivery_attempt_outcome_check CHECK (outcome IN ('DELIVERED', 'RETRY', 'FAILED')),
        CONSTRAINT alert_delivery_attempt_delivery_id_fkey FOREIGN KEY (delivery_id) REFERENCES alert_delivery (id)
      )
    `);
    await queryRunner.query(
      'CREATE INDEX alert_delivery_attempt_delivery_idx ON alert_delivery_attempt (delivery_id, attempted_at)',
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP TABLE alert_delivery_attempt');
    await queryRunner.query('DROP TABLE alert_delivery');
    await queryRunner.query('DROP TABLE alert_recipient');
    await queryRunner.query('DROP TABLE alert');
    await queryRunner.query(`
      ALTER TABLE agency
        DROP CONSTRAINT agency_webhook_check,
        DROP COLUMN alert_emails,
        DROP COLUMN webhook_secret,
        DROP COLUMN webhook_url
    `);
  }
}
