/**
 * The raw baseline: Fastify and node-postgres doing exactly the SQL of Lintas's `registerPlacement`
 * and of its nested `placements(first: N)` page — the limit of this stack on this machine, which
 * Lintas's throughput is reported against. What it leaves out is said in raw/*.ts; the statements
 * and how they were captured are in bench/baselines/README.md.
 *
 * Env: DATABASE_URL, PORT; JWT_SECRET, PII_KEYS and PII_INDEX_KEY default to the benchmark's
 * (bench/lib/bench-env.ts), so the bearer token Lintas issues is accepted here too.
 * Prints `{"listening":PORT}` once it accepts requests.
 */
import { MAX_PAGE_SIZE, PiiCipher } from '#lintas/core';
import { fastify, type FastifyError, type FastifyInstance } from 'fastify';
import pg from 'pg';
import { benchEnvironment } from '../lib/bench-env.js';
import { placementsPage } from './raw/placements-page.js';
import { Refusal } from './raw/refusal.js';
import {
  REGISTER_PLACEMENT_BODY,
  registerPlacement,
  type RegisterPlacementInput,
} from './raw/register-placement.js';
import { principalOf } from './raw/principal.js';

/** Lintas's DATABASE_POOL_SIZE default. */
const POOL_SIZE = 10;

// Dates stay text, as TypeORM gives them to Lintas: node-postgres would make a Date at local midnight.
pg.types.setTypeParser(pg.types.builtins.DATE, (value: string) => value);

interface Settings {
  databaseUrl: string;
  port: number;
  jwtSecret: string;
  cipher: PiiCipher;
}

function settings(environment: NodeJS.ProcessEnv): Settings {
  const bench = benchEnvironment();
  const port = Number(environment.PORT);
  if (!environment.DATABASE_URL || !Number.isInteger(port) || port <= 0) {
    process.stderr.write('DATABASE_URL and PORT (a port number) are required\n');
    process.exit(1);
  }
  return {
    databaseUrl: environment.DATABASE_URL,
    port,
    jwtSecret: environment.JWT_SECRET ?? bench.JWT_SECRET,
    cipher: PiiCipher.fromConfig({
      PII_KEYS: environment.PII_KEYS ?? bench.PII_KEYS,
      PII_INDEX_KEY: environment.PII_INDEX_KEY ?? bench.PII_INDEX_KEY,
    }),
  };
}

function rawServer({ jwtSecret, cipher }: Settings, pool: pg.Pool): FastifyInstance {
  const app = fastify();
  app.post<{ Body: { input: RegisterPlacementInput } }>(
    '/register-placement',
    { schema: { body: REGISTER_PLACEMENT_BODY } },
    async (request) => {
      const principal = await principalOf(pool, jwtSecret, request.headers.authorization);
      return registerPlacement(pool, cipher, principal, request.body.input);
    },
  );
  app.get<{ Querystring: { first: number } }>(
    '/placements',
    {
      schema: {
        querystring: {
          type: 'object',
          properties: { first: { type: 'integer', minimum: 1, maximum: MAX_PAGE_SIZE, default: 20 } },
        },
      },
    },
    async (request) => {
      const principal = await principalOf(pool, jwtSecret, request.headers.authorization);
      return placementsPage(pool, cipher, principal, request.query.first);
    },
  );
  app.setErrorHandler((error: FastifyError, _request, reply) => {
    const refusal = error instanceof Refusal ? error : undefined;
    const code = refusal?.code ?? (error.validation ? 'BAD_USER_INPUT' : 'INTERNAL');
    if (code === 'INTERNAL') process.stderr.write(`${error.message}\n`);
    const status = refusal?.status ?? (code === 'BAD_USER_INPUT' ? 400 : 500);
    const message = code === 'INTERNAL' ? 'Internal error' : error.message;
    void reply.status(status).send({ errors: [{ message, extensions: { code } }] });
  });
  return app;
}

const configured = settings(process.env);
const pool = new pg.Pool({ connectionString: configured.databaseUrl, max: POOL_SIZE });
pool.on('error', (error) => process.stderr.write(`idle connection: ${error.message}\n`));
const app = rawServer(configured, pool);
await app.listen({ port: configured.port, host: '127.0.0.1' });
process.stdout.write(`${JSON.stringify({ listening: configured.port })}\n`);

async function stop(): Promise<void> {
  await app.close();
  await pool.end();
  process.exit(0);
}
process.once('SIGTERM', () => void stop());
process.once('SIGINT', () => void stop());
