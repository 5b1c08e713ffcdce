import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { AuditTrail } from '#lintas/audit';
import { Clock, ForbiddenError, LintasConfig, UnauthenticatedError } from '#lintas/core';
import { IsNull, Not, type DataSource, type EntityManager } from 'typeorm';
import type { AgencySummary } from '../agency/agency-directory.js';
import type { Principal } from '../auth/principal.js';
import { UserAccount } from '../user/user-account.entity.js';
import { RefreshToken } from './refresh-token.entity.js';
import { SessionRevocation, UserSession } from './user-session.entity.js';

/** 256 random bits, base64url: what a refresh token looks like; anything else is not looked up. */
const REFRESH_TOKEN = /^[A-Za-z0-9_-]{43}$/;

/** The user a live session belongs to, and the agency that gives the user a jurisdiction. */
export interface ActiveUser {
  user: Pick<UserAccount, 'id' | 'displayName' | 'roles'>;
  agency: AgencySummary;
}

/**
 * What each request reads of its session, as plain rows: only what makes the principal (no
 * password hash, no webhook secret), without TypeORM building and hydrating two joined entities
 * on every request a user makes.
 */
const ACTIVE_USER = `
  SELECT account.id, account.display_name AS "displayName", account.roles,
         agency.id AS "agencyId", agency.code, agency.name, agency.kind,
         agency.province_codes AS "provinceCodes", agency.regency_codes AS "regencyCodes",
         agency.country_codes AS "countryCodes"
    FROM user_account account
    JOIN user_session session ON session.user_id = account.id
    JOIN agency ON agency.id = account.agency_id
   WHERE account.id = $1 AND account.active
     AND session.id = $2 AND session.revoked_at IS NULL AND session.expires_at > $3`;

type ActiveUserRow = ActiveUser['user'] & Omit<AgencySummary, 'id'> & { agencyId: string };

/** A session as its user holds it: the refresh token exists only here, and in the client. */
export interface OpenedSession {
  session: UserSession;
  refreshToken: string;
}

/**
 * A user's sessions that ended this long ago are deleted at their next login: kept for a while, for
 * whoever investigates a stolen refresh token, not for ever (each login would add a row for good).
 */
const ENDED_SESSION_KEPT_DAYS = 30;
const DAY_MS = 24 * 60 * 60 * 1000;

const INVALID_REFRESH_TOKEN = 'The refresh token is invalid, expired or already used: log in again';

type Rotation =
  | { outcome: 'rotated'; opened: OpenedSession; user: UserAccount }
  | { outcome: 'refused' }
  | { outcome: 'reused' };

/**
 * Sessions and their refresh tokens. A refresh token is exchanged once: the exchange gives the
 * next one. Presenting one already exchanged means two parties hold the chain — the user and
 * whoever copied it — and nobody can tell which is which, so the whole session is revoked.
 */
@Injectable()
export class UserSessions {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly config: LintasConfig,
    private readonly clock: Clock,
    private readonly audit: AuditTrail,
  ) {}

  /** A new session for a user who has just given the right password. */
  open(userId: string): Promise<OpenedSession> {
    return this.dataSource.transaction(async (manager) => {
      const now = this.clock.now();
      const session = manager.create(UserSession, {
        id: randomUUID(),
        userId,
        createdAt: now,
        expiresAt: new Date(now.getTime() + this.config.REFRESH_TOKEN_TTL_SECONDS * 1000),
        lastUsedAt: now,
        revokedAt: null,
        revokedReason: null,
      });
      await manager.query('DELETE FROM user_session WHERE user_id = $1 AND expires_at < $2', [
        userId,
        new Date(now.getTime() - ENDED_SESSION_KEPT_DAYS * DAY_MS),
      ]);
      await manager.insert(UserSession, session);
      return { session, refreshToken: await this.issueRefreshToken(manager, session.id, now) };
    });
  }

  /**
   * Exchanges a refresh token for the next one, in a session that is still live, of a user who is
   * still active. UNAUTHENTICATED otherwise, the same answer whatever the reason.
   */
  async rotate(refreshToken: string): Promise<{ opened: OpenedSession; user: UserAccount }> {
    if (!REFRESH_TOKEN.test(refreshToken)) throw new UnauthenticatedError(INVALID_REFRESH_TOKEN);
    const rotation = await this.dataSource.transaction(async (manager): Promise<Rotation> => {
      const now = this.clock.now();
      // Locked: two exchanges of one token are serialised, and the second is seen as a reuse.
      const token = await manager.getRepository(RefreshToken).findOne({
        where: { tokenHash: hashOf(refreshToken) },
        lock: { mode: 'pessimistic_write' },
      });
      const session = token && (await manager.findOneBy(UserSession, { id: token.sessionId }));
      if (!token || !session || session.revokedAt !== null || session.expiresAt <= now) {
        return { outcome: 'refused' };
      }
      if (token.rotatedAt !== null) {
        await this.revokeIn(manager, session, SessionRevocation.REFRESH_TOKEN_REUSED, now);
        return { outcome: 'reused' };
      }
      const user = await manager.findOneBy(UserAccount, { id: session.userId, active: true });
      if (!user) return { outcome: 'refused' };
      await manager.update(RefreshToken, { tokenHash: token.tokenHash }, { rotatedAt: now });
      await manager.update(UserSession, { id: session.id }, { lastUsedAt: now });
      const next = await this.issueRefreshToken(manager, session.id, now);
      return {
        outcome: 'rotated',
        opened: { session: { ...session, lastUsedAt: now }, refreshToken: next },
        user,
      };
    });
    if (rotation.outcome !== 'rotated') throw new UnauthenticatedError(INVALID_REFRESH_TOKEN);
    return rotation;
  }

  /**
   * The user of a session that is live, when the user is still active, with the user's agency;
   * null otherwise. One statement: it runs before every request a user makes.
   */
  async activeUser(userId: string, sessionId: string): Promise<ActiveUser | null> {
    const [row] = await this.dataSource.query<ActiveUserRow[]>(ACTIVE_USER, [
      userId,
      sessionId,
      this.clock.now(),
    ]);
    if (!row) return null;
    return {
      user: { id: row.id, displayName: row.displayName, roles: row.roles },
      agency: {
        id: row.agencyId,
        code: row.code,
        name: row.name,
        kind: row.kind,
        provinceCodes: row.provinceCodes,
        regencyCodes: row.regencyCodes,
        countryCodes: row.countryCodes,
      },
    };
  }

  /** Ends the caller's session now: its access tokens are refused from the next request on. */
  async logout(principal: Principal): Promise<void> {
    if (principal.kind !== 'user' || !principal.sessionId) {
      throw new ForbiddenError('An API key has no session to end: an administrator revokes the key');
    }
    await this.dataSource.manager.update(
      UserSession,
      { id: principal.sessionId, revokedAt: IsNull() },
      { revokedAt: this.clock.now(), revokedReason: SessionRevocation.LOGOUT },
    );
  }

  /** Ends every live session of a user but one, in the caller's transaction; how many it ended. */
  async revokeOthers(
    manager: EntityManager,
    userId: string,
    keptSessionId: string,
    reason: SessionRevocation,
  ): Promise<number> {
    const result = await manager.update(
      UserSession,
      { userId, id: Not(keptSessionId), revokedAt: IsNull() },
      { revokedAt: this.clock.now(), revokedReason: reason },
    );
    return result.affected ?? 0;
  }

  /** Ends every live session of a user, in the caller's transaction; how many it ended. */
  async revokeAll(manager: EntityManager, userId: string, reason: SessionRevocation): Promise<number> {
    const result = await manager.update(
      UserSession,
      { userId, revokedAt: IsNull() },
      { revokedAt: this.clock.now(), revokedReason: reason },
    );
    return result.affected ?? 0;
  }

  private async revokeIn(
    manager: EntityManager,
    session: UserSession,
    reason: SessionRevocation,
    now: Date,
  ): Promise<void> {
    await manager.update(UserSession, { id: session.id }, { revokedAt: now, revokedReason: reason });
    // Whoever presented the token is unknown, so Lintas itself is the actor.
    await this.audit.record(manager, {
      actor: { type: 'system', id: null },
      action: 'user.session_revoked',
      entityType: 'user',
      entityId: session.userId,
      before: null,
      after: { sessionId: session.id, reason },
    });
  }

  private async issueRefreshToken(manager: EntityManager, sessionId: string, now: Date): Promise<string> {
    const secret = randomBytes(32).toString('base64url');
    await manager.insert(RefreshToken, {
      tokenHash: hashOf(secret),
      sessionId,
      issuedAt: now,
      rotatedAt: null,
    });
    return secret;
  }
}

/** 256 random bits need no slow hash: SHA-256 is what is kept, and what a token is found by. */
function hashOf(refreshToken: string): string {
  return createHash('sha256').update(refreshToken).digest('hex');
}
