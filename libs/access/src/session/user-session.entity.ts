import { Check, Column, Entity, ForeignKey, Index, PrimaryColumn } from 'typeorm';

/** Why a session ended before its time. */
export enum SessionRevocation {
  LOGOUT = 'LOGOUT',
  /** A refresh token already exchanged was presented again: one of its holders is not the user. */
  REFRESH_TOKEN_REUSED = 'REFRESH_TOKEN_REUSED',
  PASSWORD_CHANGED = 'PASSWORD_CHANGED',
  /** An administrator deactivated the user: none of their sessions may go on. */
  USER_DEACTIVATED = 'USER_DEACTIVATED',
}

/**
 * One login of a user, from the password to logout or expiry. Access tokens name it, so revoking
 * it refuses them at once; its refresh tokens (user_session_refresh_token) renew them until
 * `expiresAt`, which no refresh moves: a day's work, then the password again.
 */
@Entity('user_session')
@Check(
  'user_session_revoked_reason_check',
  `(revoked_at IS NULL AND revoked_reason IS NULL) OR
    (revoked_at IS NOT NULL AND revoked_reason IN
      ('LOGOUT', 'REFRESH_TOKEN_REUSED', 'PASSWORD_CHANGED', 'USER_DEACTIVATED'))`,
)
@Index('user_session_user_id_idx', ['userId'])
export class UserSession {
  @PrimaryColumn('uuid', { primaryKeyConstraintName: 'user_session_pkey' })
  id!: string;

  @Column('uuid')
  @ForeignKey('user_account', { name: 'user_session_user_id_fkey' })
  userId!: string;

  @Column('timestamptz')
  createdAt!: Date;

  @Column('timestamptz')
  expiresAt!: Date;

  /** When a refresh token of the session was last exchanged (or the login, before any). */
  @Column('timestamptz')
  lastUsedAt!: Date;

  @Column('timestamptz', { nullable: true })
  revokedAt!: Date | null;

  @Column('text', { nullable: true })
  revokedReason!: SessionRevocation | null;
}
