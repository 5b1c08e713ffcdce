import { resolve } from 'node:path';
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
import {
  DEVELOPMENT_PII_INDEX_KEY,
  DEVELOPMENT_PII_KEYS,
  hasPublicPiiKey,
  IsPiiKeySetting,
  piiIndexKeyProblem,
  piiKeysProblem,
} from '../pii/pii-keys.js';

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

  /** A file to append the JSON log lines to instead of standard output; empty: standard output. */
  @IsString()
  LOG_FILE = '';

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

  /**
   * Domain events and sweeps each worker process runs at once (alert deliveries have their own).
   * PostgreSQL never sees more than DATABASE_POOL_SIZE of them at a time; more slots let the events
   * of a burst wait together, and raised alerts are dispatched as one batch (4 slots: about 420
   * deliveries/s in the benchmark, 16: about 1,050, 32: about 1,300).
   */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(256)
  QUEUE_CONCURRENCY = 32;

  /**
   * Alert deliveries each worker process attempts at once. A delivery mostly waits on its receiver
   * (up to DELIVERY_TIMEOUT_MS), so many run at once: one receiver that stopped answering must not
   * hold back every other agency's alerts.
   */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(1024)
  DELIVERY_CONCURRENCY = 64;

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

  /** Failed logins for one username within LOGIN_FAILURE_WINDOW_SECONDS that lock it. */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(100)
  LOGIN_MAX_FAILURES = 5;

  /** How long failed logins are counted, from the first one, for a username or an address. */
  @Transform(toInt)
  @IsInt()
  @Min(60)
  @Max(86_400)
  LOGIN_FAILURE_WINDOW_SECONDS = 900;

  /** How long a locked username is refused, whatever password is given. */
  @Transform(toInt)
  @IsInt()
  @Min(60)
  @Max(86_400)
  LOGIN_LOCKOUT_SECONDS = 900;

  /** Failed logins from one client address within the window after which that address is refused. */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(10_000)
  LOGIN_MAX_FAILURES_PER_ADDRESS = 30;

  /** How long a session lasts from login: its refresh tokens renew access tokens until then, no longer. */
  @Transform(toInt)
  @IsInt()
  @Min(300)
  @Max(2_592_000)
  REFRESH_TOKEN_TTL_SECONDS = 43_200;

  /** Requests one API key may make per minute; users are not limited this way. */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(1_000_000)
  API_KEY_RATE_LIMIT_PER_MINUTE = 600;

  /**
   * Sensitive: never logged. The keys that encrypt NIK, passport and phone numbers at rest, a comma
   * list of `<keyId>:<base64 of 32 bytes>`: the first encrypts, every one decrypts (`keys:rotate`
   * moves every value to the first).
   */
  @IsPiiKeySetting(piiKeysProblem)
  PII_KEYS = DEVELOPMENT_PII_KEYS;

  /** Sensitive: never logged. Base64 of 32 bytes: the key of the blind indexes that find a worker by NIK. */
  @IsPiiKeySetting(piiIndexKeyProblem)
  PII_INDEX_KEY = DEVELOPMENT_PII_INDEX_KEY;

  /** Whether PII_KEYS or PII_INDEX_KEY holds a key published in this repository: a development machine's. */
  get piiKeysArePublic(): boolean {
    return hasPublicPiiKey(this.PII_KEYS, this.PII_INDEX_KEY);
  }

  /**
   * The web origins whose pages may call the API from a browser, comma-separated, each exactly as
   * the browser sends it (`https://console.example.go.id`); empty: no page of another origin may.
   */
  @Matches(/^$|^https?:\/\/[a-z0-9.-]+(:\d{1,5})?(,\s*https?:\/\/[a-z0-9.-]+(:\d{1,5})?)*$/, {
    message: 'must be a comma-separated list of origins such as https://console.example.go.id',
  })
  CORS_ORIGINS = '';

  /**
   * Which reverse proxies to believe about the client's address (X-Forwarded-For): `false` (none:
   * the API faces clients directly), `true` (any: only behind a proxy that overwrites the header),
   * a number of proxy hops, or a comma-separated list of proxy addresses or CIDR ranges.
   */
  @Matches(/^(true|false|\d{1,2}|[0-9a-fA-F.:/]+(,\s*[0-9a-fA-F.:/]+)*)$/, {
    message: 'must be true, false, a number of hops or a comma-separated list of addresses or CIDR ranges',
  })
  TRUST_PROXY = 'false';

  /**
   * The built console (`npm run build` writes it to dist/console), which the API serves at `/`;
   * a relative path is taken from the working directory. Without an index.html there, the API
   * serves no console and says so once at boot.
   */
  @IsString()
  CONSOLE_DIR = 'dist/console';

  get consoleDir(): string {
    return resolve(this.CONSOLE_DIR);
  }

  get corsOrigins(): string[] {
    return this.CORS_ORIGINS === '' ? [] : this.CORS_ORIGINS.split(/,\s*/);
  }

  /** TRUST_PROXY as Fastify's `trustProxy` option takes it. */
  get trustProxy(): boolean | number | string[] {
    if (this.TRUST_PROXY === 'true' || this.TRUST_PROXY === 'false') return this.TRUST_PROXY === 'true';
    return /^\d+$/.test(this.TRUST_PROXY) ? Number(this.TRUST_PROXY) : this.TRUST_PROXY.split(/,\s*/);
  }

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
  if (config.isProduction && config.EXPOSE_ERROR_DETAILS) {
    throw new ConfigError(
      'Invalid configuration: EXPOSE_ERROR_DETAILS would show error messages and stacks (SQL among them) to clients; it is refused in production',
    );
  }
  if (config.isProduction && config.piiKeysArePublic) {
    throw new ConfigError(
      'Invalid configuration: PII_KEYS and PII_INDEX_KEY must be set to keys of your own in production',
    );
  }
  return config;
}
