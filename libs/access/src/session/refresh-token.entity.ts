import { Column, Entity, ForeignKey, Index, PrimaryColumn } from 'typeorm';

/**
 * Every refresh token a session was given, by the SHA-256 of its secret (256 random bits: a plain
 * hash is enough). Exchanging one marks it rotated; rotated tokens are kept for the session's life
 * so that presenting one again is recognised as theft, not taken for a forgery.
 */
@Entity('user_session_refresh_token')
@Index('user_session_refresh_token_session_id_idx', ['sessionId'])
export class RefreshToken {
  @PrimaryColumn('text', { primaryKeyConstraintName: 'user_session_refresh_token_pkey' })
  tokenHash!: string;

  @Column('uuid')
  @ForeignKey('user_session', { name: 'user_session_refresh_token_session_id_fkey', onDelete: 'CASCADE' })
  sessionId!: string;

  @Column('timestamptz')
  issuedAt!: Date;

  @Column('timestamptz', { nullable: true })
  rotatedAt!: Date | null;
}
