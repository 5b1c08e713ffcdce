import type { IncomingHttpHeaders } from 'node:http';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { InvalidInputError, UnauthenticatedError } from '#lintas/core';
import type { DataSource } from 'typeorm';
import { Agency } from '../agency/agency.entity.js';
import { parseApiKey, secretMatches } from '../api-key/api-key-secret.js';
import { ApiKey } from '../api-key/api-key.entity.js';
import { AgencyKind, type Role } from '../roles.js';
import { UserAccount } from '../user/user-account.entity.js';
import { AccessTokens, type IssuedToken } from './access-token.js';
import { PasswordHasher } from './password-hasher.js';
import type { Jurisdiction, Principal } from './principal.js';

export interface Credentials {
  authorization?: string;
  apiKey?: string;
}

/** The credentials an HTTP request carries, whether it is a GraphQL operation or a plain route. */
export function credentialsOf(headers: IncomingHttpHeaders): Credentials {
  const header = (name: string): string | undefined => {
    const value = headers[name];
    return Array.isArray(value) ? value[0] : value;
  };
  return { authorization: header('authorization'), apiKey: header('x-api-key') };
}

export interface Session extends IssuedToken {
  principal: Principal;
}

/** Turns a password, a bearer token or an API key into a principal, or answers UNAUTHENTICATED. */
@Injectable()
export class Authenticator {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly hasher: PasswordHasher,
    private readonly tokens: AccessTokens,
  ) {}

  async login(username: string, password: string): Promise<Session> {
    if (username.length === 0 || password.length === 0) {
      throw new InvalidInputError([
        ...(username.length === 0 ? [{ path: 'username', message: 'is required' }] : []),
        ...(password.length === 0 ? [{ path: 'password', message: 'is required' }] : []),
      ]);
    }
    const user = await this.dataSource
      .getRepository(UserAccount)
      .findOneBy({ username: username.toLowerCase(), active: true });
    const valid = await this.hasher.verify(user?.passwordHash, password);
    if (!user || !valid) throw new UnauthenticatedError('Wrong username or password');
    return { ...this.tokens.issue(user.id), principal: await this.userPrincipal(user) };
  }

  /** Undefined when the request carries no credentials at all; an error when they are wrong. */
  async authenticate(credentials: Credentials): Promise<Principal | undefined> {
    if (credentials.apiKey) return this.apiKeyPrincipal(credentials.apiKey);
    if (!credentials.authorization) return undefined;
    const [scheme, token] = credentials.authorization.split(' ');
    if (scheme?.toLowerCase() !== 'bearer' || !token) {
      throw new UnauthenticatedError('Authorization must be "Bearer <token>"');
    }
    const user = await this.dataSource
      .getRepository(UserAccount)
      .findOneBy({ id: this.tokens.verify(token), active: true });
    if (!user) throw new UnauthenticatedError('The access token is invalid or has expired');
    return this.userPrincipal(user);
  }

  private async apiKeyPrincipal(key: string): Promise<Principal> {
    const parsed = parseApiKey(key);
    const apiKey =
      parsed && (await this.dataSource.getRepository(ApiKey).findOneBy({ prefix: parsed.prefix }));
    if (!parsed || !apiKey || apiKey.revokedAt !== null || !secretMatches(parsed.secret, apiKey.secretHash)) {
      throw new UnauthenticatedError('The API key is invalid or revoked');
    }
    return this.principal('api-key', apiKey.id, apiKey.name, apiKey.roles, apiKey.agencyId);
  }

  private userPrincipal(user: UserAccount): Promise<Principal> {
    return this.principal('user', user.id, user.displayName, user.roles, user.agencyId);
  }

  private async principal(
    kind: Principal['kind'],
    id: string,
    name: string,
    roles: Role[],
    agencyId: string,
  ): Promise<Principal> {
    const agency = await this.dataSource.getRepository(Agency).findOneByOrFail({ id: agencyId });
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
