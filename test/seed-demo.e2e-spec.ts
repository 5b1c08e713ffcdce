import { AuditTrail } from '#lintas/audit';
import { Clock, PreconditionFailedError } from '#lintas/core';
import pg from 'pg';
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
  rows?: Record<string, number>;
  changed?: string;
  reason?: string;
}

describe('npm run seed:demo', () => {
  let environment: TestEnvironment;
  let db: pg.Client;
  let first: Seeded;
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
    first = await cli<Seeded>(['seed-demo']);
  }, 300_000);

  afterAll(async () => {
    await api?.close();
    await db.end();
    await environment.database.drop();
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
    expect(await cli<Seeded>(['seed-demo', '--on-start'])).toMatchObject({ demoData: 'already loaded' });
    expect(await checksums()).toEqual(before);
  }, 120_000);

  it('writes no outbox event to relay, and one audit event that keeps the chain whole', async () => {
    expect(await rows('SELECT id FROM outbox_event WHERE sent_at IS NULL')).toEqual([]);
    const audit = await rows<{ action: string; actor_type: string }>(
      'SELECT action, actor_type FROM audit_event',
    );
    expect(audit).toEqual([{ action: 'demo.seeded', actor_type: 'cli' }]);
    const { DataSource } = await import('typeorm');
    const { lintasDataSourceOptions } = await import('../migrations/data-source.js');
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
    expect(years[0]?.period).toBe('2017');
    expect(years.at(-1)?.period).toBe(String(new Date().getUTCFullYear()));
    expect(years.filter((year) => year.placementsRegistered === 0)).toEqual([]);

    for (const user of DEMO_USERS)
      await loginAs(api.app, { username: user.username, password: DEMO_PASSWORD });
  });

  it('refuses a database that holds data it did not make, and any database in production', async () => {
    const saved = { ...process.env };
    const restore = (): void => {
      for (const key of Object.keys(process.env)) if (!(key in saved)) delete process.env[key];
      Object.assign(process.env, saved);
    };
    const other = await createTestDatabase();
    try {
      process.env.DATABASE_URL = other.url;
      await cli(['create-agency', '--code', 'national', '--name', 'KP2MI', '--kind', 'NATIONAL']);
      const refusal = cli(['seed-demo']);
      await expect(refusal).rejects.toThrow(PreconditionFailedError);
      await expect(refusal).rejects.toThrow(/fills an empty database only.*\(in agency\)/);
      expect(await cli<Seeded>(['seed-demo', '--on-start'])).toMatchObject({ demoData: 'not loaded' });
      process.env.LINTAS_DEMO_DATA = 'false';
      expect(await cli<Seeded>(['seed-demo', '--on-start'])).toEqual({
        demoData: 'not loaded',
        reason: 'LINTAS_DEMO_DATA=false',
      });
      const check = new pg.Client({ connectionString: other.url });
      await check.connect();
      try {
        const [written] = (
          await check.query(
            'SELECT (SELECT count(*)::int FROM worker) + (SELECT count(*)::int FROM user_account) AS n',
          )
        ).rows as { n: number }[];
        expect(written?.n).toBe(0);
      } finally {
        await check.end();
      }
      Object.assign(process.env, {
        NODE_ENV: 'production',
        JWT_SECRET: 'a-production-secret-of-more-than-32-characters',
      });
      delete process.env.LINTAS_DEMO_DATA;
      await expect(cli(['seed-demo'])).rejects.toThrow(/never loaded in production/);
    } finally {
      restore();
      await other.drop();
    }
  });
});
