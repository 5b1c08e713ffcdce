/**
 * The servers of one harness run and where each listens: Lintas's api and worker with
 * benchEnvironment(), the raw Fastify + pg baseline and PostGraphile, all on the same database.
 */
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import pg from 'pg';
import { benchDatabaseUrl, benchEnvironment } from '../lib/bench-env.js';
import { ONE_SWEEP_A_DAY } from '../lib/sweep-ticks.js';
import type { LoadOptions } from './options.js';
import { node22Binary, ServerProcess, type ServerSpec } from './servers.js';

export const RAW_SERVER = 'dist/bench/baselines/raw-server.js';
export const POSTGRAPHILE_SERVER = 'bench/baselines/postgraphile/server.mjs';
export const POSTGRAPHILE_PAGE = 'bench/baselines/postgraphile/placements-page.graphql';
const POSTGRAPHILE_MODULES = 'bench/baselines/postgraphile/node_modules';

export interface Lineup {
  node: string;
  lintasEnv: Record<string, string>;
  specs: { api: ServerSpec; worker: ServerSpec; raw: ServerSpec; postgraphile: ServerSpec };
  /** Another port for the api started again and again to time its cold start. */
  coldStartPort: number;
}

export function lineup(options: LoadOptions): Lineup {
  const base = options.portBase;
  const lintasEnv = {
    ...benchEnvironment(options.database),
    // Another prefix keeps a developer's run away from the jobs of another benchmark on the same Redis.
    REDIS_KEY_PREFIX: options.redisPrefix,
    API_HOST: '127.0.0.1',
    API_PORT: String(base),
    WORKER_HEALTH_PORT: String(base + 1),
  };
  const baselineEnv = (port: number): Record<string, string> => ({
    ...lintasEnv,
    DATABASE_URL: benchDatabaseUrl(options.database),
    PORT: String(port),
  });
  return {
    node: node22Binary(),
    lintasEnv,
    specs: {
      api: {
        name: 'api',
        script: 'dist/apps/api/src/main.js',
        env: lintasEnv,
        port: base,
        readyPath: '/ready',
      },
      worker: {
        name: 'worker',
        script: 'dist/apps/worker/src/main.js',
        // The time-rule sweeps run once at start (waited for), not during a measurement.
        env: { ...lintasEnv, ...ONE_SWEEP_A_DAY },
        port: base + 1,
        readyPath: '/ready',
      },
      raw: { name: 'raw Fastify + pg', script: RAW_SERVER, env: baselineEnv(base + 2), port: base + 2 },
      postgraphile: {
        name: 'PostGraphile',
        script: POSTGRAPHILE_SERVER,
        env: baselineEnv(base + 3),
        port: base + 3,
      },
    },
    coldStartPort: base + 4,
  };
}

export function baselinesPresent(): boolean {
  return existsSync(RAW_SERVER) && existsSync(POSTGRAPHILE_SERVER) && existsSync(POSTGRAPHILE_PAGE);
}

/** PostGraphile has its own dependencies (bench/run installs them): without them it would not start. */
export function assertPostgraphileInstalled(): void {
  if (!existsSync(POSTGRAPHILE_MODULES))
    throw new Error(
      `${POSTGRAPHILE_MODULES} is missing: run \`npm ci --prefix bench/baselines/postgraphile\` with Node 22 ` +
        '(npm run bench does it)',
    );
}

export async function startAll(specs: readonly ServerSpec[], node: string): Promise<ServerProcess[]> {
  const servers: ServerProcess[] = [];
  try {
    for (const spec of specs) servers.push(await ServerProcess.start(spec, node));
    await Promise.all(servers.map((server) => server.ready()));
    return servers;
  } catch (error) {
    await Promise.all(servers.map((server) => server.stop()));
    throw error;
  }
}

/** What the figures ran on, for the reader of RESULTS.md. */
export async function versions(node: string, database: string): Promise<string> {
  const client = new pg.Client({ connectionString: benchDatabaseUrl(database) });
  await client.connect();
  try {
    const { rows } = await client.query<{ server_version: string }>('SHOW server_version');
    const nodeVersion = execFileSync(node, ['--version'], { encoding: 'utf8' }).trim();
    return `servers on Node ${nodeVersion}, harness on Node ${process.version}, PostgreSQL ${rows[0]?.server_version ?? '?'}`;
  } finally {
    await client.end();
  }
}
