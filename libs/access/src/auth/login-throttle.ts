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
 * Counts one failure atomically, so replicas agree. The failure that reaches the limit locks the
 * username with SET NX and restarts its count: exactly one caller learns it locked the account
 * (and audits it), however many failures race. KEYS: failures, lock[, address failures];
 * ARGV: window, limit, lockout seconds. Answers 1 when this failure locked the username.
 */
const RECORD_FAILURE = `
local failures = redis.call('INCR', KEYS[1])
if failures == 1 then redis.call('EXPIRE', KEYS[1], ARGV[1]) end
local locked = 0
if failures >= tonumber(ARGV[2]) then
  if redis.call('SET', KEYS[2], '1', 'EX', ARGV[3], 'NX') then locked = 1 end
  redis.call('DEL', KEYS[1])
end
if KEYS[3] then
  if redis.call('INCR', KEYS[3]) == 1 then redis.call('EXPIRE', KEYS[3], ARGV[1]) end
end
return locked
`;

/**
 * Password guessing, throttled in Redis: LOGIN_MAX_FAILURES wrong passwords for a username within
 * LOGIN_FAILURE_WINDOW_SECONDS lock it for LOGIN_LOCKOUT_SECONDS, the right password included;
 * LOGIN_MAX_FAILURES_PER_ADDRESS failures from one address refuse that address for the rest of the
 * window. Unknown usernames are counted and locked alike, so the answers never tell which exist.
 *
 * Fails closed: when Redis cannot be reached no password is tried. The counters are what stands
 * between a guessable password and a brute force, and the accounts guard the records of trafficking
 * victims; a user already logged in keeps working through the refresh token, which needs no counter.
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
  async assertMayTry(attempt: PasswordAttempt): Promise<void> {
    const [lockMs, addressFailures, addressMs] = await this.read(attempt);
    if (lockMs > 0) {
      throw new RateLimitedError('Too many failed logins: try again later', seconds(lockMs));
    }
    if (addressFailures >= this.config.LOGIN_MAX_FAILURES_PER_ADDRESS) {
      throw new RateLimitedError(
        'Too many failed logins from your address: try again later',
        seconds(addressMs),
      );
    }
  }

  /**
   * Counts a wrong password. When it locks the username of an existing account (`userId`), the
   * lockout is audited: anonymous, with the address, never a password.
   */
  async recordFailure(attempt: PasswordAttempt, userId: string | undefined): Promise<void> {
    const keys = [this.usernameKey('failures', attempt), this.usernameKey('locked', attempt)];
    if (attempt.address) keys.push(this.counters.key('address-failures', attempt.address));
    const lockedNow = await this.counters
      .redis()
      .then((redis) =>
        redis.eval(
          RECORD_FAILURE,
          keys.length,
          ...keys,
          this.config.LOGIN_FAILURE_WINDOW_SECONDS,
          this.config.LOGIN_MAX_FAILURES,
          this.config.LOGIN_LOCKOUT_SECONDS,
        ),
      )
      .catch((error: unknown) => {
        // The attempt was read a moment ago; the next one is refused if Redis stays down.
        this.logger.error({ err: error }, 'a failed login could not be counted');
        return 0;
      });
    if (lockedNow !== 1 || !userId) return;
    await this.dataSource
      .transaction((manager) =>
        this.audit.record(manager, {
          actor: { type: 'system', id: null },
          action: 'user.locked_out',
          entityType: 'user',
          entityId: userId,
          before: null,
          after: {
            address: attempt.address ?? null,
            failedAttempts: this.config.LOGIN_MAX_FAILURES,
            lockedForSeconds: this.config.LOGIN_LOCKOUT_SECONDS,
          },
        }),
      )
      .catch((error: unknown) => this.logger.error({ err: error }, 'a lockout could not be audited'));
  }

  /** The right password: the username's earlier failures no longer count against it. */
  async recordSuccess(attempt: PasswordAttempt): Promise<void> {
    await this.counters
      .redis()
      .then((redis) => redis.del(this.usernameKey('failures', attempt)))
      .catch((error: unknown) => this.logger.warn({ err: error }, 'failed logins could not be cleared'));
  }

  /** Milliseconds left on the lock, failures from the address, milliseconds left on their window. */
  private async read(attempt: PasswordAttempt): Promise<[number, number, number]> {
    try {
      const redis = await this.counters.redis();
      const addressKey = attempt.address ? this.counters.key('address-failures', attempt.address) : undefined;
      const pipeline = redis.pipeline().pttl(this.usernameKey('locked', attempt));
      if (addressKey) pipeline.get(addressKey).pttl(addressKey);
      const results = (await pipeline.exec()) ?? [];
      const failed = results.find(([error]) => error !== null);
      if (failed?.[0]) throw failed[0];
      const [lockMs, addressFailures, addressMs] = results.map(([, value]) => Number(value ?? 0));
      return [lockMs ?? 0, addressFailures ?? 0, addressMs ?? 0];
    } catch (error) {
      this.logger.error({ err: error }, 'login refused: the failed-login counters in Redis cannot be read');
      throw new RateLimitedError(
        'Logging in is paused for a moment: the failed-login counters cannot be checked. Try again shortly',
        COUNTERS_DOWN_RETRY_SECONDS,
      );
    }
  }

  private usernameKey(kind: 'failures' | 'locked', attempt: PasswordAttempt): string {
    return this.counters.key(`login-${kind}`, attempt.username.toLowerCase());
  }
}

function seconds(milliseconds: number): number {
  return Math.max(1, Math.ceil(milliseconds / 1000));
}
