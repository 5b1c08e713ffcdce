import pg from 'pg';

/** Drops this run's template database; each test file has already dropped its own. */
export default async function globalTeardown(): Promise<void> {
  const run = process.env.LINTAS_TEST_RUN;
  if (!run) return;
  const client = new pg.Client({ connectionString: 'postgres://postgres@127.0.0.1:5432/postgres' });
  await client.connect();
  try {
    await client.query(`DROP DATABASE IF EXISTS lintas_template_${run} WITH (FORCE)`);
  } finally {
    await client.end();
  }
}
