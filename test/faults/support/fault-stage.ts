/**
 * Everything one fault drill runs on: its own PostgreSQL and Redis, the api and the worker in
 * processes of their own, the agencies' webhook endpoints — and the ledger of the alerts the drill
 * expects, checked once the dust has settled: each alert exists once, each of its deliveries
 * reached its agency and was processed there once, no outbox row is left unsent, no delivery
 * failed, and the audit chain verifies.
 */
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { DataSource } from 'typeorm';
import { lintasDataSourceOptions } from '../../../migrations/data-source.js';
import { seedPlacements } from '../../../bench/delivery/delivery-database.js';
import { cli } from '../../support/factories.js';
import { ApiClient } from './api-client.js';
import { FaultReceiver, type ReceiverBehaviour } from './fault-receiver.js';
import { LintasProcess } from './lintas-process.js';
import { PostgresInstance, RedisInstance } from './services.js';

/** The BP3MI offices of the drills; the first two are the origins `seedPlacements` uses. */
export const OFFICES = [
  { code: 'bp3mi-kalsel', province: '63', regency: '6372' },
  { code: 'bp3mi-jatim', province: '35', regency: '3578' },
  { code: 'bp3mi-jateng', province: '33', regency: '3374' },
] as const;
export type OfficeCode = (typeof OFFICES)[number]['code'];

/**
 * The national agency: it receives what no regional agency covers — here the Disnaker share of
 * a non-procedural departure, since the drills give no regency a Disnaker — and DELIVERY_FAILED.
 */
export const NATIONAL_AGENCY = 'bp2mi';

/** Every agency endpoint of the receiver. */
const ENDPOINTS: readonly string[] = [...OFFICES.map((office) => office.code), NATIONAL_AGENCY];

/**
 * The apps' settings in every drill: the relay looks often, and deliveries retry after 2 s, 4 s,
 * 8 s … and give up on a silent receiver after 2 s, so that an outage of minutes plays out in
 * minutes rather than the hours of the production settings.
 */
const APP_SETTINGS = {
  NODE_ENV: 'test',
  LOG_LEVEL: 'info',
  JWT_SECRET: 'fault-drill-secret-that-is-long-enough-for-hs256',
  REDIS_KEY_PREFIX: 'lintas',
  DATABASE_POOL_SIZE: '10',
  OUTBOX_RELAY_INTERVAL_MS: '200',
  DELIVERY_BACKOFF_MS: '2000',
  DELIVERY_TIMEOUT_MS: '2000',
  PUBLIC_URL: 'https://lintas.example.org',
};

/** The counts a drill prints. */
export interface DrillCounts {
  alertsExpected: number;
  alertsCreated: number;
  delivered: number;
  duplicatesSuppressed: number;
  lost: number;
}

export interface StageOptions {
  /** The worker's settings beyond APP_SETTINGS (ALERT_SWEEP_INTERVAL_SECONDS, …). */
  workerEnv?: Record<string, string>;
  /** How each office's endpoint answers; `answers` unless told. */
  behaviours?: Partial<Record<OfficeCode, ReceiverBehaviour>>;
  /** Whether the worker starts with the stage (a drill may start it later). */
  startWorker?: boolean;
}

/** Creates and migrates the drill's database; the CLI, run in this process, is pointed at it. */
async function createDatabase(
  postgres: PostgresInstance,
  appEnv: Record<string, string>,
): Promise<DataSource> {
  const bootstrap = new DataSource(
    lintasDataSourceOptions({ DATABASE_URL: postgres.url(), DATABASE_POOL_SIZE: 1 }),
  );
  await bootstrap.initialize();
  await bootstrap.query('CREATE DATABASE lintas');
  await bootstrap.destroy();
  Object.assign(process.env, appEnv);
  await cli(['migrate']);
  const database = new DataSource(
    lintasDataSourceOptions({ DATABASE_URL: appEnv.DATABASE_URL, DATABASE_POOL_SIZE: 2 }),
  );
  return database.initialize();
}

/** An agency's webhook points at its endpoint of the receiver, which knows the signing secret. */
async function connectWebhook(
  receiver: FaultReceiver,
  code: string,
  behaviour: ReceiverBehaviour | undefined,
): Promise<void> {
  const { webhookSecret } = await cli<{ webhookSecret: string }>([
    'set-alert-channels',
    '--agency',
    code,
    '--webhook-url',
    receiver.urlOf(code),
  ]);
  receiver.serve(code, webhookSecret, behaviour);
}

/**
 * The national agency, and each office with its webhook at the receiver and one OFFICER; answers
 * each officer's password.
 */
async function createAgencies(
  receiver: FaultReceiver,
  behaviours: Partial<Record<OfficeCode, ReceiverBehaviour>>,
): Promise<Map<OfficeCode, string>> {
  await cli(['create-agency', '--code', NATIONAL_AGENCY, '--name', 'BP2MI', '--kind', 'NATIONAL']);
  await connectWebhook(receiver, NATIONAL_AGENCY, undefined);
  const passwords = new Map<OfficeCode, string>();
  for (const office of OFFICES) {
    await cli([
      'create-agency',
      '--code',
      office.code,
      '--name',
      office.code,
      '--kind',
      'BP3MI',
      '--provinces',
      office.province,
    ]);
    await connectWebhook(receiver, office.code, behaviours[office.code]);
    const password = randomBytes(12).toString('base64url');
    await cli(
      [
        'create-user',
        '--username',
        office.code,
        '--name',
        office.code,
        '--agency',
        office.code,
        '--roles',
        'OFFICER',
      ],
      `${password}\n`,
    );
    passwords.set(office.code, password);
  }
  return passwords;
}

const say = (line: string): void => {
  process.stdout.write(`${line}\n`);
};

export class FaultStage {
  /** The alerts the drill expects, as `kind placementId`. */
  private readonly expected = new Set<string>();
  private seeded = 0;
  private healthy = false;
  /** How long the last settle() waited for the work to be done. */
  private settledInMs = 0;
  readonly clients = new Map<OfficeCode, ApiClient>();

  private constructor(
    readonly name: string,
    readonly directory: string,
    readonly postgres: PostgresInstance,
    readonly redis: RedisInstance,
    readonly receiver: FaultReceiver,
    readonly database: DataSource,
    readonly api: LintasProcess,
    readonly worker: LintasProcess,
    private readonly appEnv: Record<string, string>,
  ) {}

  /** Starts everything the drill runs on; if any part fails to start, what did start is stopped. */
  static async open(name: string, options: StageOptions = {}): Promise<FaultStage> {
    const directory = mkdtempSync(join(tmpdir(), `lintas-faults-${name}-`));
    const started: (() => Promise<void>)[] = [];
    try {
      const postgres = await PostgresInstance.create(directory);
      started.push(() => postgres.stop('immediate'));
      const redis = await RedisInstance.create(directory);
      started.push(() => redis.kill());
      const receiver = await FaultReceiver.start();
      started.push(() => receiver.close());
      const appEnv = { ...APP_SETTINGS, DATABASE_URL: postgres.url('lintas'), REDIS_URL: redis.url };
      const database = await createDatabase(postgres, appEnv);
      started.push(() => database.destroy());
      const passwords = await createAgencies(receiver, options.behaviours ?? {});
      const api = await LintasProcess.start('api', appEnv, directory);
      started.push(() => api.kill('SIGKILL'));
      const worker = await LintasProcess.prepare('worker', { ...appEnv, ...options.workerEnv }, directory);
      started.push(() => worker.kill('SIGKILL'));
      const stage = new FaultStage(name, directory, postgres, redis, receiver, database, api, worker, appEnv);
      for (const [code, password] of passwords) {
        const client = new ApiClient(api.url);
        await client.login(code, password);
        stage.clients.set(code, client);
      }
      if (options.startWorker !== false) await worker.start();
      return stage;
    } catch (error) {
      for (const stop of started.reverse()) await stop().catch(() => undefined);
      say(`[fault drill] ${name}: did not start; logs and data kept in ${directory}`);
      throw error;
    }
  }

  client(code: OfficeCode): ApiClient {
    const client = this.clients.get(code);
    if (!client) throw new Error(`no client for ${code}`);
    return client;
  }

  /**
   * Seeds `count` PLACED placements whose contracts end within 30 days (half from Kalimantan
   * Selatan, half from Jawa Timur): the next contract-ending sweep owes one alert for each.
   */
  async seedContractsEnding(count: number): Promise<void> {
    await seedPlacements(this.database, count, this.seeded + 1);
    const ids = await this.database.query<{ id: string }[]>(
      `SELECT md5('placement:' || g)::uuid AS id FROM generate_series($1::int, $2::int) AS g`,
      [this.seeded + 1, this.seeded + count],
    );
    for (const { id } of ids) this.expect('CONTRACT_ENDING', id);
    this.seeded += count;
  }

  /** The drill owes one alert of `kind` for the placement. */
  expect(kind: string, placementId: string): void {
    this.expected.add(`${kind} ${placementId}`);
  }

  /**
   * Waits until every expected alert exists, has its deliveries and each is DELIVERED, and no
   * outbox row waits; then a little longer, for a late repeat to show itself.
   */
  async settle(timeoutMs = 240_000): Promise<void> {
    // A later phase of the drill is not verified yet: its logs are kept should it fail.
    this.healthy = false;
    const started = Date.now();
    const deadline = started + timeoutMs;
    for (;;) {
      const pending = await this.pendingWork();
      if (pending === '') break;
      if (Date.now() > deadline)
        throw new Error(`${this.name}: not settled after ${timeoutMs} ms: ${pending}`);
      await sleep(500);
    }
    this.settledInMs = Date.now() - started;
    await sleep(3000);
  }

  /**
   * Checks every promise of DESIGN.md's "never lost, never doubled", prints the drill's counts, answers them.
   * `phase` names the part of a drill with several (it prefixes the counts line and any problem).
   */
  async verify(phase?: string): Promise<DrillCounts> {
    const name = phase ? `${this.name} ${phase}` : this.name;
    const rows = await this.database.query<
      { key: string; alerts: number; deliveries: number; delivered: string[] }[]
    >(
      `SELECT a.kind || ' ' || a.placement_id AS key, count(DISTINCT a.id)::int AS alerts,
              count(d.id)::int AS deliveries,
              coalesce(array_agg(d.agency_code || ' ' || d.id) FILTER (WHERE d.status = 'DELIVERED'), '{}') AS delivered
         FROM alert a
         LEFT JOIN (SELECT d.*, g.code AS agency_code FROM alert_delivery d JOIN agency g ON g.id = d.agency_id) d
                ON d.alert_id = a.id
        WHERE a.kind || ' ' || a.placement_id = ANY($1::text[])
        GROUP BY 1`,
      [[...this.expected]],
    );
    const problems: string[] = [];
    let delivered = 0;
    for (const row of rows) {
      if (row.alerts !== 1) problems.push(`${row.key}: ${row.alerts} alerts`);
      const reached = row.delivered.every((entry) => {
        const [agency = '', deliveryId = ''] = entry.split(' ');
        return this.receiver.processedKeys(agency).has(deliveryId);
      });
      if (row.deliveries > 0 && row.delivered.length === row.deliveries && reached) delivered += 1;
    }
    let duplicatesSuppressed = 0;
    for (const code of ENDPOINTS) {
      const tally = this.receiver.tally(code);
      duplicatesSuppressed += tally.duplicatesSuppressed;
      if (tally.unsigned > 0) problems.push(`${code}: ${tally.unsigned} requests not signed`);
      problems.push(...(await this.keysWithoutDelivery(code)));
    }
    const [state] = await this.database.query<{ unsent: number; failed: number; failureAlerts: number }[]>(
      `SELECT (SELECT count(*) FROM outbox_event WHERE sent_at IS NULL)::int AS unsent,
              (SELECT count(*) FROM alert_delivery WHERE status = 'FAILED')::int AS failed,
              (SELECT count(*) FROM alert WHERE kind = 'DELIVERY_FAILED')::int AS "failureAlerts"`,
    );
    if (state.unsent > 0) problems.push(`${state.unsent} outbox rows unsent`);
    if (state.failed > 0) problems.push(`${state.failed} deliveries FAILED`);
    if (state.failureAlerts > 0) problems.push(`${state.failureAlerts} DELIVERY_FAILED alerts`);
    // audit:verify fails when the chain is broken, naming the first broken event.
    await cli(['audit:verify']).catch((error: unknown) => problems.push(`audit chain: ${String(error)}`));
    const counts: DrillCounts = {
      alertsExpected: this.expected.size,
      alertsCreated: rows.length,
      delivered,
      duplicatesSuppressed,
      lost: this.expected.size - delivered,
    };
    say(
      `[fault drill] ${name}: alerts expected ${counts.alertsExpected} / created ${counts.alertsCreated}` +
        ` / delivered ${counts.delivered} / duplicates suppressed ${counts.duplicatesSuppressed} / lost ${counts.lost}` +
        ` (settled in ${(this.settledInMs / 1000).toFixed(1)} s)`,
    );
    if (counts.alertsCreated !== counts.alertsExpected)
      problems.push(`${counts.alertsExpected - counts.alertsCreated} alerts never raised`);
    if (counts.lost > 0) problems.push(`${counts.lost} alerts not delivered`);
    if (problems.length > 0) throw new Error(`${name}:\n  ${problems.slice(0, 20).join('\n  ')}`);
    this.healthy = true;
    return counts;
  }

  /** Stops everything; the directory (logs, data) is kept when the drill did not verify. */
  async close(): Promise<void> {
    await Promise.all([this.api.stop(), this.worker.stop()]);
    await this.database.destroy().catch(() => undefined);
    await this.receiver.close();
    await this.redis.kill('SIGTERM');
    if (await this.postgres.answers()) await this.postgres.stop('fast');
    if (this.healthy) rmSync(this.directory, { recursive: true, force: true });
    else say(`[fault drill] ${this.name}: logs and data kept in ${this.directory}`);
  }

  /** What the stage still waits for, in words; empty once all is done. */
  private async pendingWork(): Promise<string> {
    const [state] = await this.database.query<
      { missing: number; undispatched: number; undelivered: number; unsent: number }[]
    >(
      `SELECT (SELECT count(*) FROM unnest($1::text[]) AS e(key)
                WHERE NOT EXISTS (SELECT FROM alert a WHERE a.kind || ' ' || a.placement_id = e.key))::int AS missing,
              (SELECT count(*) FROM alert a
                WHERE a.kind || ' ' || a.placement_id = ANY($1::text[])
                  AND NOT EXISTS (SELECT FROM alert_delivery d WHERE d.alert_id = a.id))::int AS undispatched,
              (SELECT count(*) FROM alert a
                 JOIN alert_delivery d ON d.alert_id = a.id
                WHERE a.kind || ' ' || a.placement_id = ANY($1::text[]) AND d.status <> 'DELIVERED')::int AS undelivered,
              (SELECT count(*) FROM outbox_event WHERE sent_at IS NULL)::int AS unsent`,
      [[...this.expected]],
    );
    const waiting = [
      state.missing > 0 ? `${state.missing} alerts not raised` : '',
      // Raised but not yet dispatched (its dispatch job retrying after an outage): no delivery to wait for yet.
      state.undispatched > 0 ? `${state.undispatched} alerts without a delivery yet` : '',
      state.undelivered > 0 ? `${state.undelivered} deliveries not delivered` : '',
      state.unsent > 0 ? `${state.unsent} outbox rows unsent` : '',
    ].filter(Boolean);
    return waiting.join(', ');
  }

  /** Keys an endpoint processed that are not a delivery of its agency in the database: a doubled delivery. */
  private async keysWithoutDelivery(code: string): Promise<string[]> {
    const keys = [...this.receiver.processedKeys(code).keys()];
    const [{ known }] = await this.database.query<{ known: number }[]>(
      `SELECT count(*)::int AS known FROM alert_delivery d JOIN agency g ON g.id = d.agency_id
        WHERE g.code = $1 AND d.id = ANY($2::uuid[])`,
      [code, keys],
    );
    return known === keys.length
      ? []
      : [`${code}: ${keys.length - known} processed keys are no delivery of it`];
  }

  /** The apps' settings, for a drill that starts a process of its own. */
  get settings(): Record<string, string> {
    return { ...this.appEnv };
  }
}
