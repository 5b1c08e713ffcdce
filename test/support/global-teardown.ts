import pg from 'pg';

/** Drops this run's template database; each test file has already dropped its own. */
export default async function globalTeardown(): Promise<void> {
  const run = process.env.LINTAS_TEST_RUN;
  if (!run) return;
  const server =
    process.env.LINTAS_TEST_POSTGRES_URL ?? 'postgres://postgres:dev-only-postgres-password@127.0.0.1:5432';
  const client = new pg.Client({ connectionString: `${server}/postgres` });
  await client.connect();
  try {
    await client.query(`DROP DATABASE IF EXISTS lintas_template_${run} WITH (FORCE)`);
  } finally {
    await client.end();
  }
}
