/**
 * PostGraphile 5 over the benchmark database: the GraphQL a team gets over PostgreSQL without
 * writing code, as the placements page baseline (bench/baselines/README.md).
 *
 * Read-only twice over: the CRUD mutations are not generated (`-insert -update -delete`), and every
 * connection of the pool starts with `default_transaction_read_only`, so PostgreSQL itself refuses
 * a write. Ten connections, like Lintas's DATABASE_POOL_SIZE default.
 *
 * What it does not do, unlike Lintas: authentication, jurisdiction scoping (no row-level security
 * is set up), decryption of the worker's NIK (it answers the stored envelope), query complexity
 * limits. Env: DATABASE_URL, PORT; NODE_ENV must be production. Prints `{"listening":PORT}`.
 */
import { createServer } from 'node:http';
import pg from 'pg';
import { postgraphile } from 'postgraphile';
import { makePgService } from 'postgraphile/adaptors/pg';
import { grafserv } from 'postgraphile/grafserv/node';
import { PostGraphileAmberPreset } from 'postgraphile/presets/amber';

const POOL_SIZE = 10;

function settings() {
  const connectionString = process.env.DATABASE_URL;
  const port = Number(process.env.PORT);
  const problems = [
    ...(connectionString ? [] : ['DATABASE_URL is required']),
    ...(Number.isInteger(port) && port > 0 ? [] : ['PORT must be a port number']),
    // PostGraphile runs its development checks otherwise: it would not be measured as deployed.
    ...(process.env.NODE_ENV === 'production' ? [] : ['NODE_ENV must be production']),
  ];
  if (problems.length > 0) {
    process.stderr.write(`${problems.join('; ')}\n`);
    process.exit(1);
  }
  return { connectionString, port };
}

const { connectionString, port } = settings();
const pool = new pg.Pool({
  connectionString,
  max: POOL_SIZE,
  options: '-c default_transaction_read_only=on',
});

const preset = {
  extends: [PostGraphileAmberPreset],
  pgServices: [makePgService({ pool, schemas: ['public'] })],
  schema: { defaultBehavior: '-insert -update -delete' },
  grafserv: { port, graphqlPath: '/graphql', graphiql: false, watch: false, websockets: false },
};

const instance = postgraphile(preset);
// The schema is introspected before the port opens, so the first measured request does not pay for it.
await instance.getSchema();
const server = createServer();
server.on('error', (error) => {
  process.stderr.write(`${error.message}\n`);
  process.exit(1);
});
await instance.createServ(grafserv).addTo(server);
server.listen(port, '127.0.0.1', () => {
  process.stdout.write(`${JSON.stringify({ listening: port })}\n`);
});

async function stop() {
  server.close();
  await instance.release();
  await pool.end();
  process.exit(0);
}
process.once('SIGTERM', stop);
process.once('SIGINT', stop);
