import { DEVELOPMENT_PII_KEYS } from '../pii/pii-keys.js';
import { loadConfig } from './lintas-config.js';

/** 32 bytes in base64, as `openssl rand -base64 32` prints them. */
const KEY = Buffer.alloc(32, 7).toString('base64');
const OWN_SECRET = 'a-production-secret-of-more-than-32-characters';

describe('loadConfig', () => {
  it('defaults every setting for a development machine', () => {
    const config = loadConfig({});
    expect(config.DATABASE_URL).toBe('postgres://postgres@127.0.0.1:5432/lintas');
    expect(config.JWT_TTL_SECONDS).toBe(900);
    expect(config.isProduction).toBe(false);
  });

  it('never exposes error details unless asked to', () => {
    expect(loadConfig({}).EXPOSE_ERROR_DETAILS).toBe(false);
    expect(loadConfig({ EXPOSE_ERROR_DETAILS: 'true' }).EXPOSE_ERROR_DETAILS).toBe(true);
  });

  it('accepts keys of its own in production, the first of PII_KEYS being the one that encrypts', () => {
    const config = loadConfig({
      NODE_ENV: 'production',
      JWT_SECRET: OWN_SECRET,
      PII_KEYS: `2026-01:${KEY}, 2025-01:${Buffer.alloc(32, 9).toString('base64')}`,
      PII_INDEX_KEY: KEY,
    });
    expect(config.piiKeysArePublic).toBe(false);
    expect(loadConfig({}).piiKeysArePublic).toBe(true);
  });

  it('reads numbers from strings', () => {
    expect(loadConfig({ API_PORT: '4100' }).API_PORT).toBe(4100);
  });

  it('reads the check-in schedule from the environment, defaulting to the documented policy', () => {
    const defaults = loadConfig({});
    expect([
      defaults.CHECK_IN_FIRST_AFTER_ARRIVAL_DAYS,
      defaults.CHECK_IN_FIRST_AFTER_DEPARTURE_DAYS,
      defaults.CHECK_IN_CADENCE_DAYS,
      defaults.CHECK_IN_HIGH_RISK_CADENCE_DAYS,
      defaults.CHECK_IN_INDICATOR_LOOKBACK_DAYS,
    ]).toEqual([7, 14, 30, 14, 90]);
    expect(loadConfig({ CHECK_IN_CADENCE_DAYS: '21' }).CHECK_IN_CADENCE_DAYS).toBe(21);
  });

  it.each(['0', '366', '7.5'])('refuses a check-in interval of %s days', (days) => {
    expect(() => loadConfig({ CHECK_IN_HIGH_RISK_CADENCE_DAYS: days })).toThrow(
      'Invalid configuration: CHECK_IN_HIGH_RISK_CADENCE_DAYS',
    );
  });

  it.each([
    [{ DATABASE_URL: 'mysql://x' }, 'Invalid configuration: DATABASE_URL must be a postgres:// URL'],
    [{ API_PORT: 'eighty' }, 'Invalid configuration: API_PORT'],
    [{ JWT_SECRET: 'short' }, 'Invalid configuration: JWT_SECRET'],
    [{ NODE_ENV: 'production' }, 'Invalid configuration: JWT_SECRET must be set to a secret of your own'],
    [
      { NODE_ENV: 'production', JWT_SECRET: 'dev-only-change-me-this-secret-is-public-in-the-repo' },
      'Invalid configuration: JWT_SECRET must be set to a secret of your own',
    ],
    [{ EXPOSE_ERROR_DETAILS: 'yes' }, 'Invalid configuration: EXPOSE_ERROR_DETAILS'],
    [
      { PII_KEYS: 'k1:c2hvcnQ=' },
      'Invalid configuration: PII_KEYS must give key "k1" as the base64 of 32 bytes',
    ],
    [
      { PII_KEYS: `Key One:${KEY}` },
      'Invalid configuration: PII_KEYS must be a comma list of <keyId>:<base64',
    ],
    [{ PII_KEYS: `k1:${KEY},k1:${KEY}` }, 'Invalid configuration: PII_KEYS repeats the key id "k1"'],
    [{ PII_INDEX_KEY: 'c2hvcnQ=' }, 'Invalid configuration: PII_INDEX_KEY must be the base64 of 32 bytes'],
    [
      { NODE_ENV: 'production', JWT_SECRET: OWN_SECRET },
      'Invalid configuration: PII_KEYS and PII_INDEX_KEY must be set to keys of your own in production',
    ],
    [
      {
        NODE_ENV: 'production',
        JWT_SECRET: OWN_SECRET,
        PII_KEYS: `k2:${KEY},${DEVELOPMENT_PII_KEYS}`,
        PII_INDEX_KEY: KEY,
      },
      'Invalid configuration: PII_KEYS and PII_INDEX_KEY must be set to keys of your own in production',
    ],
    [
      {
        NODE_ENV: 'production',
        JWT_SECRET: OWN_SECRET,
        PII_KEYS: `own:${KEY}`,
        PII_INDEX_KEY: KEY,
        EXPOSE_ERROR_DETAILS: 'true',
      },
      'Invalid configuration: EXPOSE_ERROR_DETAILS would show error messages and stacks',
    ],
  ])('refuses %p with one line naming the variable', (env, message) => {
    expect(() => loadConfig(env)).toThrow(message);
  });
});
