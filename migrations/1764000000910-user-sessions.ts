import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Sessions behind the access tokens (a logout or a password change ends them at once), the refresh
 * tokens that renew them — every one a session was given, by its SHA-256, so that an exchanged one
 * presented again is recognised — and an expiry on API keys, for rotation with an overlap.
 */
export class UserSessions1764000000910 implements MigrationInterface {
  name = 'UserSessions1764000000910';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE user_session (
        id uuid NOT NULL,
        user_id uuid NOT NULL,
        created_at timestamptz NOT NULL,
        expires_at timestamptz NOT NULL,
        last_used_at timestamptz NOT NULL,
        revoked_at timestamptz,
        revoked_reason text,
        CONSTRAINT user_session_pkey PRIMARY KEY (id),
        CONSTRAINT user_session_user_id_fkey FOREIGN KEY (user_id) REFERENCES user_account (id),
        CONSTRAINT user_session_revoked_reason_check CHECK (
          (revoked_at IS NULL AND revoked_reason IS NULL) OR
            (revoked_at IS NOT NULL AND revoked_reason IN ('LOGOUT', 'REFRESH_TOKEN_REUSED', 'PASSWORD_CHANGED')))
      )
    `);
    await queryRunner.query('CREATE INDEX user_session_user_id_idx ON user_session (user_id)');

    await queryRunner.query(`
      CREATE TABLE user_session_refresh_token (
        token_hash text NOT NULL,
        session_id uuid NOT NULL,
        issued_at timestamptz NOT NULL,
        rotated_at timestamptz,
        CONSTRAINT user_session_refresh_token_pkey PRIMARY KEY (token_hash),
        CONSTRAINT user_session_refresh_token_session_id_fkey FOREIGN KEY (session_id)
          REFERENCES user_session (id) ON DELETE CASCADE
      )
    `);
    await queryRunner.query(
      'CREATE INDEX user_session_refresh_token_session_id_idx ON user_session_refresh_token (session_id)',
    );

    await queryRunner.query('ALTER TABLE api_key ADD COLUMN expires_at timestamptz');
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('ALTER TABLE api_key DROP COLUMN expires_at');
    await queryRunner.query('DROP TABLE user_session_refresh_token');
    await queryRunner.query('DROP TABLE user_session');
  }
}
