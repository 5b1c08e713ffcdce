import { Inject, Injectable } from '@nestjs/common';
import { APP_LOGGER, Clock, LintasConfig, RateLimitedError } from '#lintas/core';
import type { Logger } from 'pino';
import { AccessCounters } from '../auth/access-counters.js';

const MINUTE_MS = 60_000;
/** At most one warning a minute while Redis is down, however many requests pass unmetered. */
const OUTAGE_WARNING_INTERVAL_MS = 60_000;

/**
 * API_KEY_RATE_LIMIT_PER_MINUTE requests per key in each clock minute (a fixed window: one INCR per
 * request, the key gone two minutes later). A partner system that loops is stopped; users are not
 * counted, an officer's console makes few requests and a lockout guards their passwords.
 *
 * Fails open: the limit spreads capacity, it guards no secret (a key is 256 random bits), and
 * refusing an embassy's report of a worker in distress during a Redis outage would cost more than
 * an unmetered minute. The outage is logged.
 */
@Injectable()
export class ApiKeyRateLimit {
  private lastWarningAt = 0;

  constructor(
    private readonly counters: AccessCounters,
    private readonly config: LintasConfig,
    private readonly clock: Clock,
    @Inject(APP_LOGGER) private readonly logger: Logger,
  ) {}

  /** Counts one request of the key; RATE_LIMITED, with the seconds left in the minute, over the limit. */
  async consume(apiKeyId: string): Promise<void> {
    const now = this.clock.now().getTime();
    const minute = Math.floor(now / MINUTE_MS);
    const key = this.counters.key('api-key-requests', apiKeyId, String(minute));
    let requests: number;
    try {
      const redis = await this.counters.redis();
      const results = await redis
        .multi()
        .incr(key)
        .expire(key, (2 * MINUTE_MS) / 1000)
        .exec();
      const [error, count] = results?.[0] ?? [new Error('Redis answered no result'), null];
      if (error) throw error;
      requests = Number(count);
    } catch (error) {
      if (now - this.lastWarningAt >= OUTAGE_WARNING_INTERVAL_MS) {
        this.lastWarningAt = now;
        this.logger.warn({ err: error }, 'API key requests pass unmetered: Redis cannot be reached');
      }
      return;
    }
    if (requests > this.config.API_KEY_RATE_LIMIT_PER_MINUTE) {
      const retryAfterSeconds = Math.max(1, Math.ceil(((minute + 1) * MINUTE_MS - now) / 1000));
      throw new RateLimitedError(
        `More than ${this.config.API_KEY_RATE_LIMIT_PER_MINUTE} requests this minute for this API key`,
        retryAfterSeconds,
      );
    }
  }
}
