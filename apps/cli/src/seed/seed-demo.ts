import { performance } from 'node:perf_hooks';
import { NestFactory } from '@nestjs/core';
import { getDataSourceToken } from '@nestjs/typeorm';
import { PasswordHasher } from '#lintas/access';
import { AlertRouter } from '#lintas/alerts';
import { AuditTrail, type AuditActor } from '#lintas/audit';
import {
  APP_LOGGER,
  Clock,
  ConfigError,
  LintasConfig,
  loadConfig,
  PiiCipher,
  PreconditionFailedError,
} from '#lintas/core';
import { checkInPolicyFrom } from '#lintas/placement';
import { sealDocumentNumber, type PlacementRule } from '#lintas/pre-placement';
import { sealWorkerPii } from '#lintas/registry';
import type { Logger } from 'pino';
import type { DataSource, EntityManager } from 'typeorm';
import { DEMO_PASSWORD, DEMO_USERS, KALSEL, type Regency } from './demo-cast.js';
import { generateDemoData } from './demo-data.js';
import { demoId } from './demo-random.js';
import { startOfWibDay } from './demo-time.js';
import { routeDemoAlerts, writeDemoTables } from './demo-writer.js';

/** The seed of the demo data set: the same seed gives the same workers, names and stories. */
export const DEMO_SEED = 20170101;
const DEMO_WORKERS = 3000;
const DEMO_DESTINATIONS = ['SA', 'MY', 'SG'];

/** Any fixed number: two seeders at once (compose and a terminal) take turns on it. */
const DEMO_LOCK = 7_220_019;

/** The audit event that says the data set is loaded; the seeder reads it before doing anything. */
export const DEMO_SEEDED = 'demo.seeded';
export const DEMO_DATA_SET_ID = demoId(DEMO_SEED, 'data-set');

/** Tables people and partners fill: a row in any of them means the database is in use. */
const OWN_TABLES = ['agency', 'user_account', 'api_key', 'recruiter', 'worker', 'placement'];

export interface SeedOptions {
  /**
   * Run by `start-local` and by compose at every start: LINTAS_DEMO_DATA=false turns it off, and
   * a database in production, behind a JWT_SECRET of its own or already in use is left alone with
   * a note rather than an error.
   */
  onStart: boolean;
}

/**
 * Loads the demo data set — South Kalimantan's agencies, demo users, a few thousand workers and
 * their placements from 2017 to today — into an empty database, in one transaction. Run again, it
 * finds its own audit event and changes nothing. It refuses a database that holds data it did not
 * make, and any database in production: its users' password is published in the README.
 */
export async function seedDemo(
  actor: AuditActor,
  options: SeedOptions,
  out: (line: string) => void,
): Promise<void> {
  const config = loadConfig();
  if (options.onStart) {
    const wanted = process.env.LINTAS_DEMO_DATA ?? 'true';
    if (wanted !== 'true' && wanted !== 'false') {
      throw new ConfigError('Invalid configuration: LINTAS_DEMO_DATA must be true or false');
    }
    if (wanted === 'false')
      return out(JSON.stringify({ demoData: 'not loaded', reason: 'LINTAS_DEMO_DATA=false' }));
  }
  if (config.isProduction) {
    const reason =
      'demo data is never loaded in production: its users have a password published in the README';
    if (options.onStart) return out(JSON.stringify({ demoData: 'not loaded', reason }));
    throw new PreconditionFailedError(`Refused: ${reason}`, [{ kind: 'NODE_ENV', reason: 'production' }]);
  }
  // A secret of one's own says a deployment, whatever NODE_ENV says: the start commands leave it
  // alone. Loading by hand there stays possible (an empty staging database, say).
  if (options.onStart && !config.jwtSecretIsPublic) {
    return out(
      JSON.stringify({
        demoData: 'not loaded',
        reason:
          'JWT_SECRET is set to a secret of your own, so this is no development machine: run `npm run seed:demo` to load the demo data anyway',
      }),
    );
  }
  // Imported on demand, as every command does: the module registers its DataSource when loaded.
  const { CliModule } = await import('../cli.module.js');
  const context = await NestFactory.createApplicationContext(CliModule, { logger: ['error'] });
  try {
    const dataSource = context.get<DataSource>(getDataSourceToken());
    if (await dataSource.showMigrations()) {
      throw new PreconditionFailedError(
        'Refused: the database has pending migrations: run `npm run migration:run` first',
        [{ kind: 'MIGRATIONS', reason: 'pending' }],
      );
    }
    const started = performance.now();
    // READ COMMITTED, whatever default_transaction_isolation says: the advisory lock is taken inside
    // the transaction, and only a statement snapshot taken after the lock sees the audit event of a
    // seeder that held it and committed. Under REPEATABLE READ the snapshot of the lock statement
    // would hide it, and the second seeder would load the data set again.
    const outcome = await dataSource.transaction('READ COMMITTED', (manager) =>
      load(manager, actor, options, {
        audit: context.get(AuditTrail),
        hasher: context.get(PasswordHasher),
        clock: context.get(Clock),
        config: context.get(LintasConfig),
        cipher: context.get(PiiCipher),
        router: new AlertRouter(context.get<Logger>(APP_LOGGER)),
      }),
    );
    out(JSON.stringify({ ...outcome, seconds: Number(((performance.now() - started) / 1000).toFixed(1)) }));
  } finally {
    await context.close();
  }
}

interface Tools {
  audit: AuditTrail;
  hasher: PasswordHasher;
  clock: Clock;
  config: LintasConfig;
  cipher: PiiCipher;
  router: AlertRouter;
}

async function load(
  manager: EntityManager,
  actor: AuditActor,
  options: SeedOptions,
  tools: Tools,
): Promise<Record<string, unknown>> {
  await manager.query('SELECT pg_advisory_xact_lock($1)', [DEMO_LOCK]);
  const [loaded] = await manager.query<{ occurredAt: Date }[]>(
    'SELECT occurred_at AS "occurredAt" FROM audit_event WHERE entity_id = $1 AND action = $2',
    [DEMO_DATA_SET_ID, DEMO_SEEDED],
  );
  if (loaded) return { demoData: 'already loaded', loadedAt: loaded.occurredAt, changed: 'nothing' };

  const inUse = await manager.query<{ name: string }[]>(
    OWN_TABLES.map((table) => `SELECT '${table}' AS name WHERE EXISTS (SELECT 1 FROM ${table})`).join(
      ' UNION ALL ',
    ),
  );
  if (inUse.length > 0) {
    const tables = inUse.map((row) => row.name).join(', ');
    const reason = `the database already holds data the demo did not make (in ${tables})`;
    if (options.onStart) return { demoData: 'not loaded', reason };
    throw new PreconditionFailedError(
      `Refused: the demo data fills an empty database only, and ${reason}. Point DATABASE_URL at a new database to load it.`,
      inUse.map((row) => ({ kind: 'TABLE_IN_USE', table: row.name })),
    );
  }

  // The data set is told up to the start of today (WIB): one seed on one day gives the same data.
  const now = startOfWibDay(tools.clock.now());
  const regencies = await manager.query<Regency[]>(
    'SELECT code, name FROM regency WHERE province_code = $1 ORDER BY code',
    [KALSEL],
  );
  const passwordHashes = new Map<string, string>();
  for (const user of DEMO_USERS) passwordHashes.set(user.username, await tools.hasher.hash(DEMO_PASSWORD));
  const tables = generateDemoData({
    seed: DEMO_SEED,
    now,
    regencies,
    rules: await placementRules(manager),
    policy: checkInPolicyFrom(tools.config),
    checkInGraceDays: tools.config.CHECK_IN_GRACE_DAYS,
    passwordHashes,
    workers: DEMO_WORKERS,
    sealPii: (pii) => sealWorkerPii(tools.cipher, pii),
    sealDocumentNumber: (documentNumber) => sealDocumentNumber(tools.cipher, documentNumber),
  });
  await writeDemoTables(manager, tables);
  const recipients = await routeDemoAlerts(manager, tools.router, tables);
  const rows = {
    ...Object.fromEntries(Object.entries(tables).map(([table, tableRows]) => [table, tableRows.length])),
    alert_recipient: recipients,
  };
  const users = DEMO_USERS.map((user) => user.username);
  // One event for the whole data set: it is what a second run finds, and what an auditor reads.
  // The stories' own changes are not in the trail: nobody made them.
  await tools.audit.record(manager, {
    actor,
    action: DEMO_SEEDED,
    entityType: 'demo_data',
    entityId: DEMO_DATA_SET_ID,
    before: null,
    after: { seed: DEMO_SEED, asOf: now, rows, users },
  });
  return {
    demoData: 'loaded',
    seed: DEMO_SEED,
    asOf: now,
    rows,
    users,
    password: 'in the README (local use only)',
  };
}

/** The placement rules of the demo's destinations, shaped and ordered as the rule engine reads them. */
function placementRules(manager: EntityManager): Promise<PlacementRule[]> {
  return manager.query<PlacementRule[]>(
    `SELECT id, destination, sector, employer_type AS "employerType", decision, jobs, cities, channel,
            to_char(effective_from, 'YYYY-MM-DD') AS "effectiveFrom",
            to_char(effective_until, 'YYYY-MM-DD') AS "effectiveUntil", source
       FROM placement_rule
      WHERE destination = ANY($1::text[])
      ORDER BY id`,
    [DEMO_DESTINATIONS],
  );
}
