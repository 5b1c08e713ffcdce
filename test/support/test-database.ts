import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { DataSource } from 'typeorm';
import { lintasDataSourceOptions } from '../../migrations/data-source.js';

/**
 * This machine's PostgreSQL trusts local connections; the compose one (started by the tests when
 * nothing answers and Docker runs) wants the compose default password, which trust ignores.
 */
export const POSTGRES_URL =
  process.env.LINTAS_TEST_POSTGRES_URL ?? 'postgres://postgres:dev-only-postgres-password@127.0.0.1:5432';

/** Any fixed number: serialises the creation of the run's template across test files. */
const TEMPLATE_LOCK = 7_220_018;

export interface TestDatabase {
  name: string;
  url: string;
  drop(): Promise<void>;
}

function runId(): string {
  const run = process.env.LINTAS_TEST_RUN;
  if (!run) throw new Error('LINTAS_TEST_RUN is not set: run the tests through jest (npm test)');
  return run;
}

/** A connection to the `postgres` database, for creating and dropping a test file's own. */
export async function withAdminClient<T>(work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: `${POSTGRES_URL}/postgres` });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

/**
 * The run's migrated template, made once by whichever test file gets here first; the others
 * wait on the lock and then copy it (CREATE DATABASE … TEMPLATE takes milliseconds).
 */
async function ensureTemplate(client: pg.Client): Promise<string> {
  const template = `lintas_template_${runId()}`;
  await client.query('SELECT pg_advisory_lock($1)', [TEMPLATE_LOCK]);
  try {
    const existing = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [template]);
    if (existing.rowCount === 0) {
      await client.query(`CREATE DATABASE ${template}`);
      const dataSource = new DataSource(
        lintasDataSourceOptions({ DATABASE_URL: `${POSTGRES_URL}/${template}`, DATABASE_POOL_SIZE: 1 }),
      );
      await dataSource.initialize();
      try {
        await dataSource.runMigrations({ transaction: 'each' });
      } finally {
        await dataSource.destroy();
      }
    }
  } finally {
    await client.query('SELECT pg_advisory_unlock($1)', [TEMPLATE_LOCK]);
  }
  return template;
}

/** A fresh, migrated database for one test file. */
export async function createTestDatabase(): Promise<TestDatabase> {
  const name = `lintas_test_${randomBytes(6).toString('hex')}`;
  await withAdminClient(async (client) => {
    const template = await ensureTemplate(client);
    await client.query(`CREATE DATABASE ${name} TEMPLATE ${template}`);
  });
  return {
    name,
    url: `${POSTGRES_URL}/${name}`,
    drop: () =>
      withAdminClient((client) => client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`)).then(
        () => undefined,
      ),
  };
}
