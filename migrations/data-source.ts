import { accessEntities } from '#lintas/access';
import { alertEntities } from '#lintas/alerts';
import { AuditEvent } from '#lintas/audit';
import type { LintasConfig } from '#lintas/core';
import { buildDataSourceOptions, OutboxEvent } from '#lintas/database';
import { placementAbroadEntities } from '#lintas/placement';
import { postPlacementEntities } from '#lintas/post-placement';
import { prePlacementEntities } from '#lintas/pre-placement';
import { registryEntities } from '#lintas/registry';
import type { DataSourceOptions } from 'typeorm';
import { migrations } from './index.js';

export const entities = [
  ...accessEntities,
  ...registryEntities,
  ...prePlacementEntities,
  ...placementAbroadEntities,
  ...postPlacementEntities,
  ...alertEntities,
  AuditEvent,
  OutboxEvent,
];

/** The one DataSource definition: the apps, the CLI, the TypeORM CLI and the tests all use it. */
export function lintasDataSourceOptions(
  config: Pick<LintasConfig, 'DATABASE_URL' | 'DATABASE_POOL_SIZE'>,
): DataSourceOptions {
  return buildDataSourceOptions(config, { entities, migrations });
}
