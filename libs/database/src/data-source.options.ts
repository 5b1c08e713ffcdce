import type { LintasConfig } from '#lintas/core';
import type { DataSourceOptions } from 'typeorm';
import { SnakeNamingStrategy } from './snake-naming.strategy.js';

export interface SchemaParts {
  entities: DataSourceOptions['entities'];
  migrations: DataSourceOptions['migrations'];
}

/**
 * How long a statement waits for a connection — a new one to be made, or a pooled one to come
 * free — before it fails (and the api answers SERVICE_UNAVAILABLE). A database that is down
 * refuses at once; one behind a broken network, or too busy to hand out a connection, would
 * otherwise keep each request, job and /ready probe waiting without end. Five seconds is about
 * ten times the benchmark's p99 latency under load (bench/RESULTS.md), waits for a connection
 * included.
 */
export const CONNECT_TIMEOUT_MS = 5_000;

/**
 * After this long idle, the operating system probes a pooled connection's socket: one whose server
 * vanished without a word (a crashed host, a dropped route) is closed and leaves the pool, rather
 * than waiting there for a statement that would then wait for an answer that never comes. With
 * Linux's default probes (9, 75 s apart) that takes about 11 minutes; a statement already sent on
 * such a connection waits for TCP's own retries.
 */
const KEEP_ALIVE_AFTER_MS = 10_000;

/**
 * PostgreSQL settings shared by every process. The schema only ever changes through reviewed
 * migrations; a pool of about ten connections is what 2 cores can use (more adds latency).
 */
export function buildDataSourceOptions(
  config: Pick<LintasConfig, 'DATABASE_URL' | 'DATABASE_POOL_SIZE'>,
  schema: SchemaParts,
): DataSourceOptions {
  return {
    type: 'postgres',
    url: config.DATABASE_URL,
    entities: schema.entities,
    migrations: schema.migrations,
    migrationsTableName: 'schema_migration',
    migrationsTransactionMode: 'each',
    namingStrategy: new SnakeNamingStrategy(),
    synchronize: false,
    migrationsRun: false,
    logging: false,
    connectTimeoutMS: CONNECT_TIMEOUT_MS,
    extra: {
      max: config.DATABASE_POOL_SIZE,
      application_name: 'lintas',
      keepAlive: true,
      keepAliveInitialDelayMillis: KEEP_ALIVE_AFTER_MS,
    },
  };
}
