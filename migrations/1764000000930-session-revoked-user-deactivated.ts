import type { MigrationInterface, QueryRunner } from 'typeorm';

/** A deactivated user's sessions end with their own reason, told apart from a logout or a password change. */
export class SessionRevokedUserDeactivated1764000000930 implements MigrationInterface {
  name = 'SessionRevokedUserDeactivated1764000000930';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      ALTER TABLE user_session
        DROP CONSTRAINT user_session_revoked_reason_check,
        ADD CONSTRAINT user_session_revoked_reason_check CHECK (
          (revoked_at IS NULL AND revoked_reason IS NULL) OR
            (revoked_at IS NOT NULL AND revoked_reason IN
              ('LOGOUT', 'REFRESH_TOKEN_REUSED', 'PASSWORD_CHANGED', 'USER_DEACTIVATED')))
    `);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    // Sessions a deactivation ended read as ended by a password change, the nearest older reason.
    await queryRunner.query(
      `UPDATE user_session SET revoked_reason = 'PASSWORD_CHANGED' WHERE revoked_reason = 'USER_DEACTIVATED'`,
    );
    await queryRunner.query(`
      ALTER TABLE user_session
        DROP CONSTRAINT user_session_revoked_reason_check,
        ADD CONSTRAINT user_session_revoked_reason_check CHECK (
          (revoked_at IS NULL AND revoked_reason IS NULL) OR
            (revoked_at IS NOT NULL AND revoked_reason IN ('LOGOUT', 'REFRESH_TOKEN_REUSED', 'PASSWORD_CHANGED')))
    `);
  }
}
