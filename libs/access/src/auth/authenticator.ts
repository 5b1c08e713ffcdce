import type { IncomingHttpHeaders } from 'node:http';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { Clock, InvalidInputError, UnauthenticatedError } from '#lintas/core';
import type { DataSource } from 'typeorm';
import type { AgencySummary } from '../agency/agency-directory.js';
import { Agency } from '../agency/agency.entity.js';
import { ApiKeyRateLimit } from '../api-key/api-key-rate-limit.js';
import { parseApiKey, secretMatches } from '../api-key/api-key-secret.js';
import { ApiKey } from '../api-key/api-key.entity.js';
import { AgencyKind, type Role } from '../roles.js';
import { UserSessions, type OpenedSession } from '../session/user-sessions.js';
import { UserAccount } from '../user/user-account.entity.js';
import { AccessTokens, type IssuedToken } from './access-token.js';
import { LoginThrottle } from './login-throttle.js';
import { PasswordHasher } from './password-hasher.js';
import type { Jurisdiction, Principal } from './principal.js';

export interface Credentials {
  authorization?: string;
  apiKey?: string;
  /** The client's address as the API reads it (request.ip): failed logins are counted per address too. */
  address?: string;
}

/** The credentials an HTTP request carries, whether it is a GraphQL operation or a plain route. */
export function credentialsOf(headers: IncomingHttpHeaders): Credentials {
  const header = (name: string): string | undefined => {
    const value = headers[name];
    return Array.isArray(value) ? value[0] : value;
  };
  return { authorization: header('authorization'), apiKey: header('x-api-key') };
}

/** What a login or a refresh gives: a short-lived access token and the refresh token that renews it. */
export interface Session extends IssuedToken {
  refreshToken: string;
  refreshTokenExpiresAt: Date;
  principal: Principal;
}

/** Turns a password, a bearer token or an API key into a principal, or answers UNAUTHENTICATED. */
@Injectable()
export class Authenticator {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly hasher: PasswordHasher,
    private readonly tokens: AccessTokens,
    private readonly sessions: UserSessions,
    private readonly throttle: LoginThrottle,
    private readonly apiKeyRateLimit: ApiKeyRateLimit,
    private readonly clock: Clock,
  ) {}

  /**
   * Opens a session. A wrong password, an unknown username and an inactive user answer alike;
   * so do locked ones, known or not (RATE_LIMITED), and a locked username is refused before its
   * password is even tried.
   */
  async login(username: string, password: string, address?: string): Promise<Session> {
    const user = await this.userWithPassword(username, password, address);
    return this.sessionOf(user, await this.sessions.open(user.id));
  }

  /**
   * The user a password names, for a client that sends it with every request (the queue
   * dashboard's Basic authentication): throttled and locked out exactly like a login, but it opens
   * no session, so a browser re-sending it does not fill the session table.
   */
  async passwordPrincipal(username: string, password: string, address?: string): Promise<Principal> {
    return this.userPrincipal(await this.userWithPassword(username, password, address));
  }

  private async userWithPassword(username: string, password: string, address?: string): Promise<UserAccount> {
    if (username.length === 0 || password.length === 0) {
      throw new InvalidInputError([
        ...(username.length === 0 ? [{ path: 'username', message: 'is required' }] : []),
        ...(password.length === 0 ? [{ path: 'password', message: 'is required' }] : []),
      ]);
    }
    const reserved = await this.throttle.reserve({ username, address });
    const { user, valid } = await this.checkPassword(username, password).catch(async (error: unknown) => {
      await this.throttle.abandoned(reserved);
      throw error;
    });
    if (!user || !valid) {
      await this.throttle.failed(reserved, user?.id);
      throw new UnauthenticatedError('Wrong username or password');
    }
    await this.throttle.succeeded(reserved);
    return user;
  }

  private async checkPassword(
    username: string,
    password: string,
  ): Promise<{ user: UserAccount | null; valid: boolean }> {
    const user = await this.dataSource
      .getRepository(UserAccount)
      .findOneBy({ username: username.toLowerCase(), active: true });
    return { user, valid: await this.hasher.verify(user?.passwordHash, password) };
  }

  /** The next access and refresh tokens of a session, for the refresh token it was last given. */
  async refresh(refreshToken: string): Promise<Session> {
    const { opened, user } = await this.sessions.rotate(refreshToken);
    return this.sessionOf(user, opened);
  }

  /**
   * Undefined when the request carries no credentials at all; an error when they are wrong. A
   * `recheck` of a live connection's credentials is not a request: it spends none of an API key's rate.
   */
  async authenticate(
    credentials: Credentials,
    purpose: 'request' | 'recheck' = 'request',
  ): Promise<Principal | undefined> {
    if (credentials.apiKey) return this.apiKeyPrincipal(credentials.apiKey, purpose);
    if (!credentials.authorization) return undefined;
    const [scheme, token] = credentials.authorization.split(' ');
    if (scheme?.toLowerCase() !== 'bearer' || !token) {
      throw new UnauthenticatedError('Authorization must be "Bearer <token>"');
    }
    const claims = this.tokens.verify(token);
    // The session is read on every request: a logout, a revoked session or a deactivated user
    // refuses the token at once, not when it expires.
    const active = await this.sessions.activeUser(claims.userId, claims.sessionId);
    if (!active) throw new UnauthenticatedError('The access token is invalid or has expired');
    const { user, agency } = active;
    return {
      ...principalOf('user', user.id, user.displayName, user.roles, agency),
      sessionId: claims.sessionId,
    };
  }

  private async sessionOf(user: UserAccount, opened: OpenedSession): Promise<Session> {
    const { session, refreshToken } = opened;
    return {
      ...this.tokens.issue({ userId: user.id, sessionId: session.id }, session.expiresAt),
      refreshToken,
      refreshTokenExpiresAt: session.expiresAt,
      principal: { ...(await this.userPrincipal(user)), sessionId: session.id },
    };
  }

  private async apiKeyPrincipal(key: string, purpose: 'request' | 'recheck'): Promise<Principal> {
    const parsed = parseApiKey(key);
    // With its agency, in one statement: it runs before every request a partner's system makes.
    const apiKey =
      parsed &&
      ((await this.dataSource
        .getRepository(ApiKey)
        .createQueryBuilder('key')
        .innerJoinAndMapOne('key.agency', Agency, 'agency', 'agency.id = key.agencyId')
        .where('key.prefix = :prefix', { prefix: parsed.prefix })
        .getOne()) as (ApiKey & { agency: Agency }) | null);
    if (
      !parsed ||
      !apiKey ||
      apiKey.revokedAt !== null ||
      (apiKey.expiresAt !== null && apiKey.expiresAt <= this.clock.now()) ||
      !secretMatches(parsed.secret, apiKey.secretHash)
    ) {
      throw new UnauthenticatedError('The API key is invalid, expired or revoked');
    }
    if (purpose === 'request') await this.apiKeyRateLimit.consume(apiKey.id);
    return principalOf('api-key', apiKey.id, apiKey.name, apiKey.roles, apiKey.agency);
  }

  private async userPrincipal(user: UserAccount): Promise<Principal> {
    const agency = await this.dataSource.getRepository(Agency).findOneByOrFail({ id: user.agencyId });
    return principalOf('user', user.id, user.displayName, user.roles, agency);
  }
}

function principalOf(
  kind: Principal['kind'],
  id: string,
  name: string,
  roles: Role[],
  agency: AgencySummary,
): Principal {
  return {
    kind,
    id,
    name,
    roles,
    agency: {
      id: agency.id,
      code: agency.code,
      name: agency.name,
      kind: agency.kind,
      provinceCodes: agency.provinceCodes,
      regencyCodes: agency.regencyCodes,
      countryCodes: agency.countryCodes,
    },
    jurisdiction: jurisdictionOf(agency),
  };
}

/**
 * Where an agency's people may look. A social service agency (Dinas Sosial, a Kemensos centre)
 * helps the people referred to it, and those it reaches through the referral alone: its provinces
 * say where it serves, not whose records it may read, so it gets no jurisdiction at all and every
 * scoped query (workers, placements, alerts, statistics) finds nothing for it.
 */
export function jurisdictionOf(
  agency: Pick<Agency, 'kind' | 'provinceCodes' | 'regencyCodes' | 'countryCodes'>,
): Jurisdiction {
  if (agency.kind === AgencyKind.SOCIAL_SERVICE) {
    return { national: false, provinceCodes: [], regencyCodes: [], countryCodes: [] };
  }
  return {
    national: agency.kind === AgencyKind.NATIONAL,
    provinceCodes: agency.provinceCodes,
    regencyCodes: agency.regencyCodes,
    countryCodes: agency.countryCodes,
  };
}
