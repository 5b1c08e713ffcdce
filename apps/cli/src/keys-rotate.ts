import { loadConfig, PiiCipher, PreconditionFailedError } from '#lintas/core';
import { SEALED_REQUIREMENT_COLUMNS } from '#lintas/pre-placement';
import { rotatePiiKeys, SEALED_WORKER_COLUMNS, type SealedTable } from '#lintas/registry';
import { DataSource } from 'typeorm';
import { lintasDataSourceOptions } from '../../../migrations/data-source.js';

/** Every table with columns sealed by PiiCipher: a new one joins this list, or rotation leaves it behind. */
const SEALED_TABLES: readonly SealedTable[] = [SEALED_WORKER_COLUMNS, SEALED_REQUIREMENT_COLUMNS];

/**
 * `keys:rotate`: seals every worker's personal details and every requirement's document number
 * with the first key of PII_KEYS and indexes every NIK with PII_INDEX_KEY, then prints the counts
 * (never a value), in total and per table. Run it after every app runs with the new keys; once it
 * reports nothing remaining, an older key may leave PII_KEYS.
 */
export async function rotateKeys(out: (line: string) => void): Promise<void> {
  const config = loadConfig();
  const dataSource = await new DataSource(lintasDataSourceOptions(config)).initialize();
  try {
    if (await dataSource.showMigrations()) {
      throw new PreconditionFailedError(
        'Refused: the database has pending migrations: run `npm run migration:run` first',
        [{ kind: 'MIGRATIONS', reason: 'pending' }],
      );
    }
    out(JSON.stringify(await rotatePiiKeys(dataSource, PiiCipher.fromConfig(config), SEALED_TABLES)));
  } finally {
    await dataSource.destroy();
  }
}
