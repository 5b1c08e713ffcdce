import { plainToInstance, Transform } from 'class-transformer';
import {
  IsBoolean,
  IsIn,
  IsInt,
  IsString,
  Matches,
  Max,
  Min,
  MinLength,
  validateSync,
} from 'class-validator';
import type { LogLevelName } from '../logging/logger.js';

const DEVELOPMENT_JWT_SECRET = 'development-only-jwt-secret-never-use-in-production';
/** Secrets published in this repository (here and in docker-compose.yml) begin so. */
const PUBLIC_SECRET = /^(development|dev)-only/;

const toInt = ({ value }: { value: unknown }): unknown =>
  typeof value === 'string' && /^\d+$/.test(value) ? Number(value) : value;

/**
 * Every environment variable Lintas reads, checked once at boot. Defaults make a development
 * machine work without a .env file; production must set its own JWT secret.
 */
export class LintasConfig {
  @IsIn(['development', 'test', 'production'])
  NODE_ENV: 'development' | 'test' | 'production' = 'development';

  @IsIn(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'])
  LOG_LEVEL: LogLevelName = 'info';

  @Matches(/^postgres(ql)?:\/\/\S+$/, { message: 'must be a postgres:// URL' })
  DATABASE_URL = 'postgres://postgres@127.0.0.1:5432/lintas';

  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(100)
  DATABASE_POOL_SIZE = 10;

  @Matches(/^rediss?:\/\/\S+$/, { message: 'must be a redis:// URL' })
  REDIS_URL = 'redis://127.0.0.1:6379';

  @Matches(/^[a-z0-9][a-z0-9_-]{0,30}$/, { message: 'must be a short lowercase name' })
  REDIS_KEY_PREFIX = 'lintas';

  /** Sensitive: never logged. */
  @IsString()
  @MinLength(32)
  JWT_SECRET = DEVELOPMENT_JWT_SECRET;

  @Transform(toInt)
  @IsInt()
  @Min(60)
  @Max(86_400)
  JWT_TTL_SECONDS = 900;

  @IsString()
  API_HOST = '0.0.0.0';

  @Transform(toInt)
  @IsInt()
  @Min(0)
  @Max(65_535)
  API_PORT = 3000;

  @Transform(toInt)
  @IsInt()
  @Min(0)
  @Max(65_535)
  WORKER_HEALTH_PORT = 3001;

  /** Error messages and stacks of unexpected errors in responses: for a developer's machine only. */
  @Transform(({ value }: { value: unknown }) => (value === 'true' ? true : value === 'false' ? false : value))
  @IsBoolean()
  EXPOSE_ERROR_DETAILS = false;

  @Transform(toInt)
  @IsInt()
  @Min(50)
  @Max(60_000)
  OUTBOX_RELAY_INTERVAL_MS = 1000;

  /** Days after a confirmed arrival until the first welfare contact is due. */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(365)
  CHECK_IN_FIRST_AFTER_ARRIVAL_DAYS = 7;

  /** Days after departure until the first welfare contact is due while arrival is unconfirmed. */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(365)
  CHECK_IN_FIRST_AFTER_DEPARTURE_DAYS = 14;

  /** Days between welfare contacts after the first one. */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(365)
  CHECK_IN_CADENCE_DAYS = 30;

  /** Days between welfare contacts for a HIGH-risk placement. */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(365)
  CHECK_IN_HIGH_RISK_CADENCE_DAYS = 14;

  /** Trafficking indicators seen within this many days make a placement HIGH risk. */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(365)
  CHECK_IN_INDICATOR_LOOKBACK_DAYS = 90;

  /** Days after a welfare contact falls due before MISSED_CHECK_IN is raised. */
  @Transform(toInt)
  @IsInt()
  @Min(0)
  @Max(60)
  CHECK_IN_GRACE_DAYS = 3;

  /** How often the worker runs each time rule (missed check-ins, contracts, documents). */
  @Transform(toInt)
  @IsInt()
  @Min(5)
  @Max(86_400)
  ALERT_SWEEP_INTERVAL_SECONDS = 900;

  /** Tries per alert delivery, the first included. */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(20)
  DELIVERY_ATTEMPTS = 8;

  /** The first retry's delay; each next one doubles, with jitter (8 tries span about an hour). */
  @Transform(toInt)
  @IsInt()
  @Min(10)
  @Max(3_600_000)
  DELIVERY_BACKOFF_MS = 28_000;

  /** How long a webhook receiver or SMTP server may take to answer one attempt. */
  @Transform(toInt)
  @IsInt()
  @Min(100)
  @Max(120_000)
  DELIVERY_TIMEOUT_MS = 10_000;

  @Matches(/^smtps?:\/\/\S+$/, { message: 'must be an smtp:// or smtps:// URL' })
  SMTP_URL = 'smtp://127.0.0.1:1025';

  @IsString()
  @MinLength(3)
  ALERT_EMAIL_FROM = 'Lintas <alerts@lintas.localhost>';

  /** Where people open Lintas: alert e-mails link to `<PUBLIC_URL>/alerts/<id>`. */
  @Matches(/^https?:\/\/\S+$/, { message: 'must be an http(s):// URL' })
  PUBLIC_URL = 'http://localhost:3000';

  /** Jobs each queue's worker runs at once, per worker process. */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(256)
  QUEUE_CONCURRENCY = 4;

  /**
   * Days a completed job stays in Redis. A job id deduplicates only while its job exists, so this
   * is the window in which a repeated event or delivery is recognised.
   */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(365)
  QUEUE_KEEP_COMPLETED_DAYS = 7;

  /** Days a failed job stays in Redis, for an operator to inspect and retry. */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(365)
  QUEUE_KEEP_FAILED_DAYS = 30;

  /**
   * How often a live subscription's credentials are checked again: an expired token, a deactivated
   * user or a revoked API key ends the stream within this many seconds.
   */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(3600)
  SUBSCRIPTION_RECHECK_SECONDS = 60;

  get isProduction(): boolean {
    return this.NODE_ENV === 'production';
  }

  /** Whether JWT_SECRET is unset or one published in this repository: a development machine's. */
  get jwtSecretIsPublic(): boolean {
    return PUBLIC_SECRET.test(this.JWT_SECRET);
  }
}

export class ConfigError extends Error {}

/** Reads and checks the environment; the first bad variable is named in one line. */
export function loadConfig(env: Record<string, string | undefined> = process.env): LintasConfig {
  const known = Object.keys(new LintasConfig());
  const present = Object.fromEntries(
    known.filter((key) => env[key] !== undefined && env[key] !== '').map((key) => [key, env[key]]),
  );
  const config = plainToInstance(LintasConfig, present);
  const [first] = validateSync(config);
  if (first) {
    const reason = Object.values(first.constraints ?? {})[0] ?? 'is invalid';
    throw new ConfigError(
      `Invalid configuration: ${first.property} ${reason.replace(`${first.property} `, '')}`,
    );
  }
  if (config.isProduction && config.jwtSecretIsPublic) {
    throw new ConfigError(
      'Invalid configuration: JWT_SECRET must be set to a secret of your own in production',
    );
  }
  return config;
}
