import { loadConfig } from './lintas-config.js';

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
  ])('refuses %p with one line naming the variable', (env, message) => {
    expect(() => loadConfig(env)).toThrow(message);
  });
});
