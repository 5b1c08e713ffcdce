import { randomBytes, randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { AuditTrail, type AuditActor } from '#lintas/audit';
import { Clock, ConflictError, InvalidInputError, NotFoundError } from '#lintas/core';
import { isUniqueViolation } from '#lintas/database';
import type { DataSource, EntityManager } from 'typeorm';
import { Agency } from './agency/agency.entity.js';
import { generateApiKey } from './api-key/api-key-secret.js';
import { ApiKey } from './api-key/api-key.entity.js';
import { PasswordHasher } from './auth/password-hasher.js';
import { passwordPolicyErrors } from './auth/password-policy.js';
import { AgencyKind, Role } from './roles.js';
import { SessionRevocation } from './session/user-session.entity.js';
import { UserSessions } from './session/user-sessions.js';
import { UserAccount } from './user/user-account.entity.js';

export interface NewAgency {
  code: string;
  name: string;
  kind: AgencyKind;
  provinceCodes?: string[];
  regencyCodes?: string[];
  countryCodes?: string[];
}

export interface NewUser {
  username: string;
  displayName: string;
  password: string;
  roles: Role[];
  agencyCode: string;
}

export interface NewApiKey {
  name: string;
  roles: Role[];
  agencyCode: string;
}

/** Where an agency wants its alerts; each call replaces both. */
export interface AlertChannels {
  webhookUrl: string | null;
  emails: string[];
  /** A new signing secret for an unchanged webhook URL (a new URL always gets one). */
  rotateSecret?: boolean;
}

const EMAIL = /^[^\s@,]+@[^\s@,]+\.[^\s@,]+$/;
/** Machine credentials never expire by themselves, so they carry the narrowest role, for partners only. */
const API_KEY_AGENCY_KINDS = [AgencyKind.EMBASSY, AgencyKind.PARTNER];
/** How long a rotated key keeps working beside its successor: a day by default, a week at most. */
const DEFAULT_ROTATION_OVERLAP_HOURS = 24;
const MAX_ROTATION_OVERLAP_HOURS = 168;

/** Creates agencies, users and API keys — what the CLI needs to bootstrap and run an installation. */
@Injectable()
export class AccessAdministration {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly hasher: PasswordHasher,
    private readonly audit: AuditTrail,
    private readonly clock: Clock,
    private readonly sessions: UserSessions,
  ) {}

  createAgency(actor: AuditActor, input: NewAgency): Promise<Agency> {
    return this.dataSource.transaction(async (manager) => {
      const agency = manager.create(Agency, {
        id: randomUUID(),
        code: input.code.toLowerCase(),
        name: input.name,
        kind: input.kind,
        provinceCodes: input.provinceCodes ?? [],
        regencyCodes: input.regencyCodes ?? [],
        countryCodes: (input.countryCodes ?? []).map((code) => code.toUpperCase()),
      });
      await this.assertJurisdictionExists(manager, agency);
      await insertOrConflict(() => manager.insert(Agency, agency), 'agency_code_key', 'code');
      await this.audit.record(manager, {
        actor,
        action: 'agency.created',
        entityType: 'agency',
        entityId: agency.id,
        before: null,
        after: agency,
      });
      return agency;
    });
  }

  /**
   * Sets where an agency's alerts go. A new webhook URL (or `rotateSecret`) gets a fresh signing
   * secret, returned once for the receiver to verify `X-Lintas-Signature`; an unchanged URL keeps
   * its secret, so changing the e-mail addresses never breaks a receiver's verification. The audit
   * trail records the channels and whether the secret rotated, never the secret.
   */
  setAlertChannels(
    actor: AuditActor,
    agencyCode: string,
    channels: AlertChannels,
  ): Promise<{ agency: Agency; webhookSecret: string | null }> {
    const problems = [
      ...(channels.webhookUrl !== null && !isHttpUrl(channels.webhookUrl)
        ? [{ path: 'webhookUrl', message: 'must be an http:// or https:// URL' }]
        : []),
      ...channels.emails
        .filter((email) => !EMAIL.test(email))
        .map((email) => ({ path: 'emails', message: `"${email}" is not an e-mail address` })),
    ];
    if (problems.length > 0) throw new InvalidInputError(problems);
    return this.dataSource.transaction(async (manager) => {
      const agency = await this.agencyByCode(manager, agencyCode);
      const keepSecret =
        channels.webhookUrl !== null && channels.webhookUrl === agency.webhookUrl && !channels.rotateSecret;
      const webhookSecret =
        channels.webhookUrl === null || keepSecret ? null : randomBytes(32).toString('base64url');
      const before = { webhookUrl: agency.webhookUrl, alertEmails: agency.alertEmails };
      const after = { webhookUrl: channels.webhookUrl, alertEmails: channels.emails };
      await manager.update(
        Agency,
        { id: agency.id },
        { ...after, webhookSecret: keepSecret ? agency.webhookSecret : webhookSecret },
      );
      await this.audit.record(manager, {
        actor,
        action: 'agency.alert_channels_set',
        entityType: 'agency',
        entityId: agency.id,
        before,
        after: { ...after, webhookSecretRotated: webhookSecret !== null },
      });
      return {
        agency: { ...agency, ...after, webhookSecret: keepSecret ? agency.webhookSecret : webhookSecret },
        webhookSecret,
      };
    });
  }

  async createUser(actor: AuditActor, input: NewUser): Promise<UserAccount> {
    const problems = passwordPolicyErrors('password', input.password, input.username);
    if (problems.length > 0) throw new InvalidInputError(problems);
    const passwordHash = await this.hasher.hash(input.password);
    return this.dataSource.transaction(async (manager) => {
      const agency = await this.agencyByCode(manager, input.agencyCode);
      const user = manager.create(UserAccount, {
        id: randomUUID(),
        username: input.username.toLowerCase(),
        displayName: input.displayName,
        passwordHash,
        roles: input.roles,
        agencyId: agency.id,
        active: true,
      });
      await insertOrConflict(
        () => manager.insert(UserAccount, user),
        'user_account_username_key',
        'username',
      );
      const { passwordHash: _omitted, ...audited } = user;
      await this.audit.record(manager, {
        actor,
        action: 'user.created',
        entityType: 'user',
        entityId: user.id,
        before: null,
        after: audited,
      });
      return user;
    });
  }

  /**
   * Stops a user at once: logins are refused (answered as a wrong password), and every live session
   * ends, so the user's access and refresh tokens are refused from the next request on. A login that
   * raced this call may still open a session, but every request and refresh reads `active` too. A
   * second call finds nothing to change and records nothing.
   */
  deactivateUser(
    actor: AuditActor,
    username: string,
  ): Promise<{ user: UserAccount; sessionsRevoked: number }> {
    return this.dataSource.transaction(async (manager) => {
      const user = await this.userByUsername(manager, username);
      const sessionsRevoked = await this.sessions.revokeAll(
        manager,
        user.id,
        SessionRevocation.USER_DEACTIVATED,
      );
      if (user.active || sessionsRevoked > 0) {
        await manager.update(UserAccount, { id: user.id }, { active: false });
        await this.audit.record(manager, {
          actor,
          action: 'user.deactivated',
          entityType: 'user',
          entityId: user.id,
          before: { active: user.active },
          after: { active: false, sessionsRevoked },
        });
      }
      return { user: { ...user, active: false }, sessionsRevoked };
    });
  }

  /**
   * Gives a user a new password (one they forgot, or one that leaked), held to the password policy,
   * and ends every session they have: whoever logged in with the old password is out at once.
   * Audited without either password.
   */
  async setPassword(
    actor: AuditActor,
    username: string,
    password: string,
  ): Promise<{ user: UserAccount; sessionsRevoked: number }> {
    const problems = passwordPolicyErrors('password', password, username);
    if (problems.length > 0) throw new InvalidInputError(problems);
    const passwordHash = await this.hasher.hash(password);
    return this.dataSource.transaction(async (manager) => {
      const user = await this.userByUsername(manager, username);
      await manager.update(UserAccount, { id: user.id }, { passwordHash });
      const sessionsRevoked = await this.sessions.revokeAll(
        manager,
        user.id,
        SessionRevocation.PASSWORD_CHANGED,
      );
      await this.audit.record(manager, {
        actor,
        action: 'user.password_set',
        entityType: 'user',
        entityId: user.id,
        before: null,
        after: { sessionsRevoked },
      });
      return { user: { ...user, passwordHash }, sessionsRevoked };
    });
  }

  /**
   * Lets a deactivated user log in again; the sessions the deactivation ended stay ended, and so
   * does any a login racing the deactivation opened meanwhile (refused while the user was inactive,
   * it would otherwise come back to life now). Their password is unchanged: a user whose password
   * leaked gets a new one with set-password first.
   */
  reactivateUser(actor: AuditActor, username: string): Promise<UserAccount> {
    return this.dataSource.transaction(async (manager) => {
      const user = await this.userByUsername(manager, username);
      if (user.active) return user;
      await this.sessions.revokeAll(manager, user.id, SessionRevocation.USER_DEACTIVATED);
      await manager.update(UserAccount, { id: user.id }, { active: true });
      await this.audit.record(manager, {
        actor,
        action: 'user.reactivated',
        entityType: 'user',
        entityId: user.id,
        before: { active: false },
        after: { active: true },
      });
      return { ...user, active: true };
    });
  }

  /** The returned `key` is the only time the secret exists outside its owner's hands. */
  createApiKey(actor: AuditActor, input: NewApiKey): Promise<{ apiKey: ApiKey; key: string }> {
    if (input.roles.some((role) => role !== Role.PARTNER)) {
      throw InvalidInputError.of('roles', 'an API key can only hold the PARTNER role');
    }
    return this.dataSource.transaction(async (manager) => {
      const agency = await this.agencyByCode(manager, input.agencyCode);
      if (!API_KEY_AGENCY_KINDS.includes(agency.kind)) {
        throw InvalidInputError.of('agency', 'API keys are for embassies and partners abroad');
      }
      return this.insertApiKey(manager, actor, { name: input.name, roles: input.roles, agencyId: agency.id });
    });
  }

  /**
   * A new key with the old one's name, roles and agency (its secret returned once), while the old
   * key keeps working for `overlapHours` more — time to deploy the new one — and is refused after.
   * A key is rotated once (CONFLICT after): its successor is the one to rotate next. To cut a key
   * off at once, revoke it.
   */
  rotateApiKey(
    actor: AuditActor,
    id: string,
    overlapHours = DEFAULT_ROTATION_OVERLAP_HOURS,
  ): Promise<{ apiKey: ApiKey; key: string; replaced: ApiKey }> {
    if (!Number.isInteger(overlapHours) || overlapHours < 0 || overlapHours > MAX_ROTATION_OVERLAP_HOURS) {
      throw InvalidInputError.of(
        'overlapHours',
        `must be a whole number of hours from 0 to ${MAX_ROTATION_OVERLAP_HOURS}`,
      );
    }
    return this.dataSource.transaction(async (manager) => {
      const old = await manager
        .getRepository(ApiKey)
        .findOne({ where: { id }, lock: { mode: 'pessimistic_write' } });
      if (!old) throw new NotFoundError('API key', id, 'id');
      const now = this.clock.now();
      if (old.revokedAt || (old.expiresAt && old.expiresAt <= now)) {
        throw new ConflictError('A revoked or expired API key cannot be rotated: create a new one', 'id');
      }
      // Its successor exists already: a second one would be a live key nobody deploys or watches.
      if (old.expiresAt) {
        throw new ConflictError(
          'This API key is already being replaced: rotate or revoke the key that replaces it',
          'id',
        );
      }
      const expiresAt = new Date(now.getTime() + overlapHours * 3_600_000);
      await manager.update(ApiKey, { id }, { expiresAt });
      await this.audit.record(manager, {
        actor,
        action: 'api-key.rotated',
        entityType: 'api_key',
        entityId: id,
        before: { expiresAt: old.expiresAt },
        after: { expiresAt },
      });
      const created = await this.insertApiKey(
        manager,
        actor,
        { name: old.name, roles: old.roles, agencyId: old.agencyId },
        id,
      );
      return { ...created, replaced: { ...old, expiresAt } };
    });
  }

  revokeApiKey(actor: AuditActor, id: string): Promise<ApiKey> {
    return this.dataSource.transaction(async (manager) => {
      const apiKey = await manager
        .getRepository(ApiKey)
        .findOne({ where: { id }, lock: { mode: 'pessimistic_write' } });
      if (!apiKey) throw new NotFoundError('API key', id);
      if (apiKey.revokedAt) return apiKey;
      apiKey.revokedAt = new Date();
      await manager.update(ApiKey, { id }, { revokedAt: apiKey.revokedAt });
      await this.audit.record(manager, {
        actor,
        action: 'api-key.revoked',
        entityType: 'api_key',
        entityId: id,
        before: { revokedAt: null },
        after: { revokedAt: apiKey.revokedAt },
      });
      return apiKey;
    });
  }

  private async insertApiKey(
    manager: EntityManager,
    actor: AuditActor,
    owner: Pick<ApiKey, 'name' | 'roles' | 'agencyId'>,
    rotatedFrom?: string,
  ): Promise<{ apiKey: ApiKey; key: string }> {
    const secret = generateApiKey();
    const apiKey = manager.create(ApiKey, {
      id: randomUUID(),
      ...owner,
      prefix: secret.prefix,
      secretHash: secret.secretHash,
      revokedAt: null,
      expiresAt: null,
    });
    await manager.insert(ApiKey, apiKey);
    await this.audit.record(manager, {
      actor,
      action: 'api-key.created',
      entityType: 'api_key',
      entityId: apiKey.id,
      before: null,
      after: {
        name: apiKey.name,
        prefix: apiKey.prefix,
        roles: apiKey.roles,
        agencyId: apiKey.agencyId,
        ...(rotatedFrom && { rotatedFrom }),
      },
    });
    return { apiKey, key: secret.key };
  }

  /** Locked: two changes of one user's `active` are serialised, so each sees what the other did. */
  private async userByUsername(manager: EntityManager, username: string): Promise<UserAccount> {
    const user = await manager
      .getRepository(UserAccount)
      .findOne({ where: { username: username.toLowerCase() }, lock: { mode: 'pessimistic_write' } });
    if (!user) throw new NotFoundError('User', username, 'username');
    return user;
  }

  private async agencyByCode(manager: EntityManager, code: string): Promise<Agency> {
    const agency = await manager.getRepository(Agency).findOneBy({ code: code.toLowerCase() });
    if (!agency) throw InvalidInputError.of('agency', `no agency has the code "${code}"`);
    return agency;
  }

  private async assertJurisdictionExists(manager: EntityManager, agency: Agency): Promise<void> {
    const checks: [string, string, string[]][] = [
      ['provinceCodes', 'province', agency.provinceCodes],
      ['regencyCodes', 'regency', agency.regencyCodes],
      ['countryCodes', 'country', agency.countryCodes],
    ];
    for (const [path, table, codes] of checks) {
      if (codes.length === 0) continue;
      const rows: { code: string }[] = await manager.query(
        `SELECT code FROM ${table} WHERE code = ANY($1::text[])`,
        [codes],
      );
      const known = new Set(rows.map((row) => row.code));
      const unknown = codes.filter((code) => !known.has(code));
      if (unknown.length > 0) throw InvalidInputError.of(path, `unknown code(s): ${unknown.join(', ')}`);
    }
    if (agency.kind !== AgencyKind.NATIONAL && checks.every(([, , codes]) => codes.length === 0)) {
      throw InvalidInputError.of(
        'jurisdiction',
        'an agency other than NATIONAL needs provinces, regencies or countries',
      );
    }
  }
}

async function insertOrConflict(
  insert: () => Promise<unknown>,
  constraint: string,
  field: string,
): Promise<void> {
  try {
    await insert();
  } catch (error) {
    if (isUniqueViolation(error, constraint)) throw new ConflictError(`${field} is already taken`, field);
    throw error;
  }
}

function isHttpUrl(value: string): boolean {
  try {
    return ['http:', 'https:'].includes(new URL(value).protocol);
  } catch {
    return false;
  }
}
