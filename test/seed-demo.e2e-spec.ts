import { AlertSweeper, SWEEP_RULES, type SweepCounts } from '#lintas/alerts';
import { AuditTrail } from '#lintas/audit';
import { Clock, loadConfig, PreconditionFailedError } from '#lintas/core';
import pg from 'pg';
import { DataSource } from 'typeorm';
import { lintasDataSourceOptions } from '../migrations/data-source.js';
import { DEMO_PASSWORD, DEMO_USERS } from '../apps/cli/src/seed/demo-cast.js';
import { cli } from './support/factories.js';
import { createTestDatabase } from './support/test-database.js';
import {
  bearer,
  graphql,
  loginAs,
  startTestApi,
  useTestEnvironment,
  type TestApi,
  type TestEnvironment,
} from './support/test-api.js';

/** Every table a run could touch, with what each holds: a second run must change none of them. */
const TABLES = [
  'agency',
  'user_account',
  'api_key',
  'recruiter',
  'recruitment_permit',
  'worker',
  'placement',
  'requirement',
  'placement_event',
  'partner_status_report',
  'welfare_contact',
  'alert',
  'alert_recipient',
  'alert_delivery',
  'repatriation',
  'placement_return',
  'referral',
  'reintegration_refusal',
  'audit_event',
  'outbox_event',
];

const PLACEMENTS = `query Placements($filter: PlacementFilterInput) {
  placements(first: 5, filter: $filter) { totalCount edges { node { id stage worker { originRegency { code } } } } }
}`;
const STATISTICS = `query { statistics { byYear { period placementsRegistered } } }`;
/** Every relation of a placement the demo fills, so a seeded row the API cannot read shows as an error. */
const PLACEMENT_DETAIL = `query Placements($filter: PlacementFilterInput) {
  placements(first: 3, filter: $filter) { edges { node {
    id stage riskLevel nextCheckInDueAt worker { fullName nik }
    timeline { type stageFrom stageTo } requirements { kind status } welfareContacts { channel indicators }
    statusHistory { status } alerts { kind severity status } repatriation { status reason needs }
    return { kind healthOnArrival } referrals { service status } reintegrationRefusals { services }
  } } }
}`;

interface Seeded {
  demoData: string;
  asOf?: string;
  rows?: Record<string, number>;
  changed?: string;
  reason?: string;
}

const WIB = 7 * 60 * 60 * 1000;

/** Runs `run` with these environment variables set (a value) or unset (undefined), then restores them. */
async function withEnv<T>(variables: Record<string, string | undefined>, run: () => Promise<T>): Promise<T> {
  const saved = Object.fromEntries(Object.keys(variables).map((key) => [key, process.env[key]]));
  const apply = (values: Record<string, string | undefined>): void => {
    for (const [key, value] of Object.entries(values)) {
      if (value === undefined) delete process.env[key];
      else process.env[key] = value;
    }
  };
  apply(variables);
  try {
    return await run();
  } finally {
    apply(saved);
  }
}

/** The start commands load the demo only on a development machine: JWT_SECRET unset. */
const onStart = (): Promise<Seeded> =>
  withEnv({ JWT_SECRET: undefined }, () => cli<Seeded>(['seed-demo', '--on-start']));

describe('npm run seed:demo', () => {
  let environment: TestEnvironment;
  let db: pg.Client;
  let first: Seeded;
  let second: Seeded;
  let api: TestApi | undefined;

  const rows = async <T>(sql: string, values: unknown[] = []): Promise<T[]> =>
    (await db.query(sql, values)).rows as T[];
  const checksums = async (): Promise<Record<string, string>> => {
    const sums: Record<string, string> = {};
    for (const table of TABLES) {
      const [sum] = await rows<{ sum: string }>(
        `SELECT count(*) || ':' || md5(coalesce(string_agg(t::text, ',' ORDER BY t::text), '')) AS sum FROM ${table} t`,
      );
      sums[table] = sum?.sum ?? '';
    }
    return sums;
  };

  beforeAll(async () => {
    environment = await useTestEnvironment();
    db = new pg.Client({ connectionString: environment.database.url });
    await db.connect();
    // Two seeders at once (compose and a terminal): they take turns on the lock.
    const runs = await Promise.all([cli<Seeded>(['seed-demo']), cli<Seeded>(['seed-demo'])]);
    first = runs.find((run) => run.demoData === 'loaded') ?? runs[0];
    second = runs.find((run) => run !== first) ?? runs[1];
  }, 300_000);

  afterAll(async () => {
    await api?.close();
    await db.end();
    await environment.release();
  });

  it('loads a few thousand workers, with placements at every stage', async () => {
    expect(first.demoData).toBe('loaded');
    const [counts] = await rows<{ workers: number; placements: number; regencies: number }>(
      `SELECT (SELECT count(*)::int FROM worker) AS workers, (SELECT count(*)::int FROM placement) AS placements,
              (SELECT count(DISTINCT origin_regency_code)::int FROM worker) AS regencies`,
    );
    expect(counts?.workers).toBeGreaterThanOrEqual(2000);
    expect(counts?.workers).toBeLessThanOrEqual(5000);
    expect(counts?.placements).toBeGreaterThan(counts?.workers ?? 0);
    expect(counts?.regencies).toBe(13);
    const stages = await rows<{ stage: string }>('SELECT DISTINCT stage FROM placement ORDER BY stage');
    expect(stages.map((row) => row.stage)).toEqual([
      'CANCELLED',
      'CLEARED',
      'CLOSED',
      'DECEASED',
      'DEPARTED',
      'MISSING',
      'PLACED',
      'REGISTERED',
      'REINTEGRATING',
      'REPATRIATING',
      'RETURNED',
    ]);
    const [destinations] = await rows<{ codes: string[] }>(
      'SELECT array_agg(DISTINCT destination::text ORDER BY destination::text) AS codes FROM placement',
    );
    expect(destinations?.codes).toEqual(['MY', 'SA', 'SG']);
    // Every table the data set fills has rows.
    expect(Object.entries(first.rows ?? {}).filter(([, count]) => count === 0)).toEqual([]);
    const statuses = await rows<{ status: string }>('SELECT DISTINCT status FROM alert ORDER BY status');
    expect(statuses.map((row) => row.status)).toEqual(['ACKNOWLEDGED', 'OPEN', 'RESOLVED']);
    const [victims] = await rows<{ count: number }>(
      'SELECT count(*)::int AS count FROM placement WHERE suspected_trafficking_victim',
    );
    expect(victims?.count).toBeGreaterThan(0);
  });

  it('loads once when two seeders run at once: the other finds it loaded', async () => {
    expect([first.demoData, second.demoData]).toEqual(['loaded', 'already loaded']);
    expect(second).toMatchObject({ changed: 'nothing' });
    const counts: Record<string, number> = {};
    for (const table of Object.keys(first.rows ?? {})) {
      const [row] = await rows<{ n: number }>(`SELECT count(*)::int AS n FROM ${table}`);
      counts[table] = row?.n ?? -1;
    }
    expect(counts).toEqual(first.rows);
    expect(await rows('SELECT id FROM audit_event')).toHaveLength(1);
  });

  it('leaves nothing for the sweeps to raise or escalate at the moment it was made', async () => {
    const asOf = new Date(first.asOf ?? '');
    const dataSource = await new DataSource(
      lintasDataSourceOptions({ DATABASE_URL: environment.database.url, DATABASE_POOL_SIZE: 1 }),
    ).initialize();
    class AtAsOf extends Clock {
      override now(): Date {
        return asOf;
      }
    }
    const sweeper = new AlertSweeper(dataSource, new AtAsOf(), loadConfig());
    const runner = dataSource.createQueryRunner();
    const outcomes: Record<string, SweepCounts> = {};
    await runner.startTransaction();
    try {
      // Every rule, as the worker would run it at asOf; rolled back, so the other tests see the seed.
      for (const rule of SWEEP_RULES) {
        const { sql, parameters } = sweeper.prepare(rule);
        const [counts] = await runner.manager.query<SweepCounts[]>(sql, parameters);
        outcomes[rule.name] = { raised: Number(counts?.raised), escalated: Number(counts?.escalated) };
      }
    } finally {
      await runner.rollbackTransaction();
      await runner.release();
      await dataSource.destroy();
    }
    expect(outcomes).toEqual(
      Object.fromEntries(SWEEP_RULES.map((rule) => [rule.name, { raised: 0, escalated: 0 }])),
    );
  });

  it('tells of nothing before 2017 and nothing after now', async () => {
    const [span] = await rows<{ earliest: Date; latest: Date; now: Date }>(
      `SELECT least((SELECT min(created_at) FROM placement), (SELECT min(occurred_at) FROM placement_event),
                    (SELECT min(contacted_at) FROM welfare_contact), (SELECT min(raised_at) FROM alert)) AS earliest,
              greatest((SELECT max(updated_at) FROM placement), (SELECT max(occurred_at) FROM placement_event),
                       (SELECT max(contacted_at) FROM welfare_contact), (SELECT max(created_at) FROM welfare_contact),
                       (SELECT max(updated_at) FROM alert), (SELECT max(returned_at) FROM placement_return),
                       (SELECT max(updated_at) FROM referral), (SELECT max(updated_at) FROM repatriation)) AS latest,
              now() AS now`,
    );
    expect(span?.earliest.getTime()).toBeGreaterThanOrEqual(new Date('2017-01-01T00:00:00+07:00').getTime());
    expect(span?.latest.getTime()).toBeLessThanOrEqual(span?.now.getTime() ?? 0);
  });

  it('changes nothing when run again, and says so', async () => {
    const before = await checksums();
    const again = await cli<Seeded>(['seed-demo']);
    expect(again).toMatchObject({ demoData: 'already loaded', changed: 'nothing' });
    expect(await onStart()).toMatchObject({ demoData: 'already loaded' });
    expect(await checksums()).toEqual(before);
  }, 120_000);

  it('writes no outbox event to relay, and one audit event that keeps the chain whole', async () => {
    expect(await rows('SELECT id FROM outbox_event WHERE sent_at IS NULL')).toEqual([]);
    const audit = await rows<{ action: string; actor_type: string }>(
      'SELECT action, actor_type FROM audit_event',
    );
    expect(audit).toEqual([{ action: 'demo.seeded', actor_type: 'cli' }]);
    const dataSource = await new DataSource(
      lintasDataSourceOptions({ DATABASE_URL: environment.database.url, DATABASE_POOL_SIZE: 1 }),
    ).initialize();
    try {
      expect(await new AuditTrail(new Clock()).verifyChain(dataSource.manager)).toEqual({
        valid: true,
        checked: 1,
      });
    } finally {
      await dataSource.destroy();
    }
  });

  it('sends every alert to at least one agency', async () => {
    expect(
      await rows(
        'SELECT a.id FROM alert a WHERE NOT EXISTS (SELECT 1 FROM alert_recipient r WHERE r.alert_id = a.id) LIMIT 5',
      ),
    ).toEqual([]);
  });

  it('lets the demo users log in and read the placements of their jurisdiction', async () => {
    api = await startTestApi();
    const officer = await loginAs(api.app, { username: 'petugas.bp3mi', password: DEMO_PASSWORD });
    const all = await graphql<{ placements: { totalCount: number } }>(
      api.app,
      PLACEMENTS,
      {},
      bearer(officer),
    );
    expect(all.errors).toBeUndefined();
    expect(all.data?.placements.totalCount).toBeGreaterThan(2000);

    const labour = await loginAs(api.app, { username: 'disnaker.banjarbaru', password: DEMO_PASSWORD });
    const own = await graphql<{
      placements: { totalCount: number; edges: { node: { worker: { originRegency: { code: string } } } }[] };
    }>(api.app, PLACEMENTS, {}, bearer(labour));
    expect(own.errors).toBeUndefined();
    expect(own.data?.placements.totalCount).toBeGreaterThan(0);
    expect(own.data?.placements.totalCount).toBeLessThan(all.data?.placements.totalCount ?? 0);
    expect(new Set(own.data?.placements.edges.map((edge) => edge.node.worker.originRegency.code))).toEqual(
      new Set(['6372']),
    );

    for (const stage of ['PLACED', 'REPATRIATING', 'REINTEGRATING', 'CLOSED', 'DECEASED', 'MISSING']) {
      const detail = await graphql<{ placements: { edges: unknown[] } }>(
        api.app,
        PLACEMENT_DETAIL,
        { filter: { stage } },
        bearer(officer),
      );
      expect([stage, detail.errors]).toEqual([stage, undefined]);
      expect(detail.data?.placements.edges.length).toBeGreaterThan(0);
    }

    // The statistics agencies report up the chain: every year since 2017 has its registrations.
    const statistics = await graphql<{
      statistics: { byYear: { period: string; placementsRegistered: number }[] };
    }>(api.app, STATISTICS, {}, bearer(officer));
    expect(statistics.errors).toBeUndefined();
    const years = statistics.data?.statistics.byYear ?? [];
    // The year of the data set's day (WIB) may have just begun: only the years before it are full.
    const asOfYear = new Date(new Date(first.asOf ?? '').getTime() + WIB).getUTCFullYear();
    expect(years[0]?.period).toBe('2017');
    expect(Number(years.at(-1)?.period)).toBeLessThanOrEqual(asOfYear);
    const registered = new Map(years.map((year) => [year.period, year.placementsRegistered]));
    const empty: string[] = [];
    for (let year = 2017; year < asOfYear; year += 1)
      if (!(Number(registered.get(String(year))) > 0)) empty.push(String(year));
    expect(empty).toEqual([]);

    for (const user of DEMO_USERS)
      await loginAs(api.app, { username: user.username, password: DEMO_PASSWORD });
  });

  it('refuses a database that holds data it did not make, and any database in production', async () => {
    /** What of the demo a database holds: its workers, its users, its agency, its audit event. */
    const written = async (url: string): Promise<number> => {
      const check = new pg.Client({ connectionString: url });
      await check.connect();
      try {
        const [counted] = (
          await check.query(
            `SELECT (SELECT count(*)::int FROM worker) + (SELECT count(*)::int FROM user_account)
                  + (SELECT count(*)::int FROM agency WHERE code = 'bp3mi-kalsel')
                  + (SELECT count(*)::int FROM audit_event WHERE action = 'demo.seeded') AS n`,
          )
        ).rows as { n: number }[];
        return counted?.n ?? -1;
      } finally {
        await check.end();
      }
    };
    const saved = { ...process.env };
    const restore = (): void => {
      for (const key of Object.keys(process.env)) if (!(key in saved)) delete process.env[key];
      Object.assign(process.env, saved);
    };
    const other = await createTestDatabase();
    try {
      process.env.DATABASE_URL = other.url;
      // At start, an empty database is left alone in production and wherever JWT_SECRET is one's own.
      const realSecret = 'a-production-secret-of-more-than-32-characters';
      const realKeys = {
        PII_KEYS: `own:${Buffer.alloc(32, 1).toString('base64')}`,
        PII_INDEX_KEY: Buffer.alloc(32, 2).toString('base64'),
      };
      const inProduction = await withEnv(
        { NODE_ENV: 'production', JWT_SECRET: realSecret, ...realKeys },
        () => cli<Seeded>(['seed-demo', '--on-start']),
      );
      expect([inProduction.demoData, inProduction.reason]).toEqual([
        'not loaded',
        expect.stringMatching(/never loaded in production/) as string,
      ]);
      const deployed = await withEnv({ NODE_ENV: 'development', JWT_SECRET: realSecret }, () =>
        cli<Seeded>(['seed-demo', '--on-start']),
      );
      expect([deployed.demoData, deployed.reason]).toEqual([
        'not loaded',
        expect.stringMatching(/JWT_SECRET is set/) as string,
      ]);
      expect(await written(other.url)).toBe(0);
      await cli(['create-agency', '--code', 'national', '--name', 'KP2MI', '--kind', 'NATIONAL']);
      const refusal = cli(['seed-demo']);
      await expect(refusal).rejects.toThrow(PreconditionFailedError);
      await expect(refusal).rejects.toThrow(/fills an empty database only.*\(in agency\)/);
      const inUse = await onStart();
      expect([inUse.demoData, inUse.reason]).toEqual([
        'not loaded',
        expect.stringMatching(/data the demo did not make/) as string,
      ]);
      process.env.LINTAS_DEMO_DATA = 'false';
      expect(await onStart()).toEqual({
        demoData: 'not loaded',
        reason: 'LINTAS_DEMO_DATA=false',
      });
      expect(await written(other.url)).toBe(0);
      Object.assign(process.env, {
        NODE_ENV: 'production',
        JWT_SECRET: 'a-production-secret-of-more-than-32-characters',
        ...realKeys,
      });
      delete process.env.LINTAS_DEMO_DATA;
      await expect(cli(['seed-demo'])).rejects.toThrow(/never loaded in production/);
    } finally {
      restore();
      await other.drop();
    }
  });
});
