/**
 * The environment every process of the benchmark runs with: the seed, the Lintas api and worker,
 * and the baselines. Lintas runs as in production (NODE_ENV=production: no GraphiQL, no
 * introspection, errors without details), so its keys must not be the published development ones;
 * these are published too, in this file, and are for the benchmark's throwaway database only.
 */
const BENCH_PII_KEY = Buffer.from('lintas-benchmark-pii-key-32bytes').toString('base64');
const BENCH_PII_INDEX_KEY = Buffer.from('lintas-benchmark-index-key-32byt').toString('base64');

export const BENCH_SERVER_URL = process.env.BENCH_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432';
export const BENCH_DATABASE = process.env.BENCH_DATABASE ?? 'lintas_bench';
export const BENCH_REDIS_PREFIX = 'lintas-bench';

export function benchDatabaseUrl(database = BENCH_DATABASE): string {
  return `${BENCH_SERVER_URL}/${database}`;
}

/** Environment variables for a Lintas process (api, worker, cli) pointed at the benchmark database. */
export function benchEnvironment(database = BENCH_DATABASE): Record<string, string> {
  return {
    NODE_ENV: 'production',
    LOG_LEVEL: 'warn',
    DATABASE_URL: benchDatabaseUrl(database),
    REDIS_URL: process.env.BENCH_REDIS_URL ?? 'redis://127.0.0.1:6379',
    REDIS_KEY_PREFIX: BENCH_REDIS_PREFIX,
    JWT_SECRET: 'lintas-benchmark-only-jwt-secret-0123456789',
    PII_KEYS: `bench:${BENCH_PII_KEY}`,
    PII_INDEX_KEY: BENCH_PII_INDEX_KEY,
    API_KEY_RATE_LIMIT_PER_MINUTE: '1000000',
    LINTAS_DEMO_DATA: 'false',
  };
}
