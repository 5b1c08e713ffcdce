import type { LintasConfig } from '#lintas/core';
import type { DataSourceOptions } from 'typeorm';
import { SnakeNamingStrategy } from './snake-naming.strategy.js';

export interface SchemaParts {
  entities: DataSourceOptions['entities'];
  migrations: DataSourceOptions['migrations'];
}

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
    extra: { max: config.DATABASE_POOL_SIZE, application_name: 'lintas' },
  };
}
