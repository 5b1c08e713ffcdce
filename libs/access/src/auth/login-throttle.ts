import { randomBytes } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { AuditTrail } from '#lintas/audit';
import { APP_LOGGER, LintasConfig, RateLimitedError } from '#lintas/core';
import type { Logger } from 'pino';
import type { DataSource } from 'typeorm';
import { AccessCounters } from './access-counters.js';

/** A password attempt: the username as typed and, over HTTP, the client's address. */
export interface PasswordAttempt {
  username: string;
  address?: string;
}

/** What a client is told to wait when the counters cannot be read: a short Redis outage. */
const COUNTERS_DOWN_RETRY_SECONDS = 30;

/**
 * Reserves one password attempt, atomically and BEFORE the password is checked, so that guesses
 * sent at once cannot all slip past a lock that only the first of them would have set. Refuses
 * (1, ms left) while the username is locked, or (2, ms left) while its address has failed too
 * often; otherwise counts the attempt as a failure for the username and the address — the right
 * password takes it back — and answers (0, 1) when this attempt locked the username, else (0, 0).
 * The lock holds the attempt's own token, so that only that attempt can ever lift it.
 * KEYS: username failures, username lock[, address failures];
 * ARGV: window, username limit, lockout seconds, address limit, attempt token.
 */
const RESERVE_ATTEMPT = `
local lockMs = redis.call('PTTL', KEYS[2])
if lockMs > 0 then return {1, lockMs} end
if KEYS[3] then
  local addressFailures = tonumber(redis.call('GET', KEYS[3]) or '0')
  if addressFailures >= tonumber(ARGV[4]) then return {2, redis.call('PTTL', KEYS[3])} end
  if redis.call('INCR', KEYS[3]) == 1 then redis.call('EXPIRE', KEYS[3], ARGV[1]) end
end
local failures = redis.call('INCR', KEYS[1])
if failures == 1 then redis.call('EXPIRE', KEYS[1], ARGV[1]) end
if failures >= tonumber(ARGV[2]) then
  redis.call('SET', KEYS[2], ARGV[5], 'EX', ARGV[3])
  redis.call('DEL', KEYS[1])
  return {0, 1}
end
return {0, 0}
`;

/**
 * The right password: the username's failures no longer count, the lock this very attempt set (if
 * it did, and it is still that one) is lifted, and the address gets its reserved attempt back.
 * KEYS as above; ARGV: the attempt's token when it locked the username, else ''.
 */
const RELEASE_ATTEMPT = `
redis.call('DEL', KEYS[1])
if ARGV[1] ~= '' and redis.call('GET', KEYS[2]) == ARGV[1] then redis.call('DEL', KEYS[2]) end
if KEYS[3] and redis.call('DECR', KEYS[3]) <= 0 then redis.call('DEL', KEYS[3]) end
return 0
`;

/**
 * An attempt that ended in neither answer (the database was down): undone as if it had never been
 * made, so an outage locks nobody out. A lock it set is lifted and the failures before it counted
 * again. KEYS as above; ARGV: the attempt's token when it locked the username, else '';
 * the username limit; the window.
 */
const ABANDON_ATTEMPT = `
if ARGV[1] ~= '' then
  if redis.call('GET', KEYS[2]) == ARGV[1] then
    redis.call('DEL', KEYS[2])
    if tonumber(ARGV[2]) > 1 then redis.call('SET', KEYS[1], tonumber(ARGV[2]) - 1, 'EX', ARGV[3]) end
  end
elseif redis.call('DECR', KEYS[1]) <= 0 then
  redis.call('DEL', KEYS[1])
end
if KEYS[3] and redis.call('DECR', KEYS[3]) <= 0 then redis.call('DEL', KEYS[3]) end
return 0
`;

/** A password attempt that may go ahead, counted as failed until `succeeded` or `failed` says. */
export interface ReservedAttempt {
  attempt: PasswordAttempt;
  /** This attempt's token, held by the lock when this attempt's failure is the one that set it. */
  lockToken: string | null;
}

/**
 * Password guessing, throttled in Redis: LOGIN_MAX_FAILURES wrong passwords for a username within
 * LOGIN_FAILURE_WINDOW_SECONDS lock it for LOGIN_LOCKOUT_SECONDS, the right password included;
 * LOGIN_MAX_FAILURES_PER_ADDRESS failures from one address (an IPv6 client by its /64) refuse that
 * address for the rest of the window. Unknown usernames are counted and locked alike, so the
 * answers never tell which exist. Each attempt is counted before its password is checked.
 *
 * Fails closed: when Redis cannot count an attempt no password is tried. The counters are what
 * stands between a guessable password and a brute force, and the accounts guard the records of
 * trafficking victims; a user already logged in keeps working through the refresh token, which
 * needs no counter.
 */
@Injectable()
export class LoginThrottle {
  constructor(
    private readonly counters: AccessCounters,
    private readonly config: LintasConfig,
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly audit: AuditTrail,
    @Inject(APP_LOGGER) private readonly logger: Logger,
  ) {}

  /** RATE_LIMITED while the username is locked or the address has failed too often. */
  async reserve(attempt: PasswordAttempt): Promise<ReservedAttempt> {
    const token = randomBytes(16).toString('base64url');
    let answer: unknown;
    try {
      const redis = await this.counters.redis();
      answer = await redis.eval(
        RESERVE_ATTEMPT,
        ...this.keysOf(attempt),
        this.config.LOGIN_FAILURE_WINDOW_SECONDS,
        this.config.LOGIN_MAX_FAILURES,
        this.config.LOGIN_LOCKOUT_SECONDS,
        this.config.LOGIN_MAX_FAILURES_PER_ADDRESS,
        token,
      );
    } catch (error) {
      this.logger.error(
        { err: error },
        'login refused: the failed-login counters in Redis cannot be updated',
      );
      throw new RateLimitedError(
        'Logging in is paused for a moment: the failed-login counters cannot be checked. Try again shortly',
        COUNTERS_DOWN_RETRY_SECONDS,
      );
    }
    const [refusal, detail] = Array.isArray(answer) ? answer.map(Number) : [];
    if (refusal === 1) {
      throw new RateLimitedError('Too many failed logins: try again later', seconds(detail ?? 0));
    }
    if (refusal === 2) {
      throw new RateLimitedError(
        'Too many failed logins from your address: try again later',
        seconds(detail ?? 0),
      );
    }
    return { attempt, lockToken: detail === 1 ? token : null };
  }

  /** The right password: the attempt no longer counts as a failure, for the username or the address. */
  async succeeded(reserved: ReservedAttempt): Promise<void> {
    await this.counters
      .redis()
      .then((redis) =>
        redis.eval(RELEASE_ATTEMPT, ...this.keysOf(reserved.attempt), reserved.lockToken ?? ''),
      )
      .catch((error: unknown) => this.logger.warn({ err: error }, 'failed logins could not be cleared'));
  }

  /** Neither right nor wrong: the password could not be checked (the database is down). */
  async abandoned(reserved: ReservedAttempt): Promise<void> {
    await this.counters
      .redis()
      .then((redis) =>
        redis.eval(
          ABANDON_ATTEMPT,
          ...this.keysOf(reserved.attempt),
          reserved.lockToken ?? '',
          this.config.LOGIN_MAX_FAILURES,
          this.config.LOGIN_FAILURE_WINDOW_SECONDS,
        ),
      )
      .catch((error: unknown) => this.logger.warn({ err: error }, 'an unchecked login could not be undone'));
  }

  /**
   * A wrong password, already counted. When it locked the username of an existing account
   * (`userId`), the lockout is audited: anonymous, with the address, never a password.
   */
  async failed(reserved: ReservedAttempt, userId: string | undefined): Promise<void> {
    if (reserved.lockToken === null || !userId) return;
    await this.dataSource
      .transaction((manager) =>
        this.audit.record(manager, {
          actor: { type: 'system', id: null },
          action: 'user.locked_out',
          entityType: 'user',
          entityId: userId,
          before: null,
          after: {
            address: reserved.attempt.address ?? null,
            failedAttempts: this.config.LOGIN_MAX_FAILURES,
            lockedForSeconds: this.config.LOGIN_LOCKOUT_SECONDS,
          },
        }),
      )
      .catch((error: unknown) => this.logger.error({ err: error }, 'a lockout could not be audited'));
  }

  /** The script's key count and keys: the username's failures and lock, and the address's failures. */
  private keysOf(attempt: PasswordAttempt): [number, ...string[]] {
    const username = attempt.username.toLowerCase();
    const keys = [this.counters.key('login-failures', username), this.counters.key('login-locked', username)];
    if (attempt.address) keys.push(this.counters.key('address-failures', addressSubject(attempt.address)));
    return [keys.length, ...keys];
  }
}

/**
 * What failures are counted against: an IPv4 address, or the /64 of an IPv6 one — one client is
 * usually given a whole /64, and could otherwise take a fresh address for every guess. An IPv4
 * address written as IPv6 (`::ffff:10.0.0.1`) counts as the IPv4 address.
 */
export function addressSubject(address: string): string {
  const withoutZone = address.split('%')[0] ?? address;
  const mapped = /^::ffff:(\d{1,3}(?:\.\d{1,3}){3})$/i.exec(withoutZone);
  if (mapped?.[1]) return mapped[1];
  if (!withoutZone.includes(':')) return withoutZone;
  const [head = '', tail] = withoutZone.toLowerCase().split('::');
  const headGroups = head === '' ? [] : head.split(':');
  const tailGroups = tail === undefined || tail === '' ? [] : tail.split(':');
  const zeros = Array.from({ length: Math.max(8 - headGroups.length - tailGroups.length, 0) }, () => '0');
  const groups = tail === undefined ? headGroups : [...headGroups, ...zeros, ...tailGroups];
  const prefix = groups.slice(0, 4).map((group) => Number.parseInt(group, 16).toString(16));
  return `${prefix.join(':')}::/64`;
}

function seconds(milliseconds: number): number {
  return Math.max(1, Math.ceil(milliseconds / 1000));
}
