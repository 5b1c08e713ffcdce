import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { Redis } from 'ioredis';
import { PlacementStage } from '#lintas/pre-placement';
import { runCommand } from '../apps/cli/src/commands.js';
import { benchDatabaseUrl } from '../bench/lib/bench-env.js';
import { isoInstant } from '../bench/seed/copy-text.js';
import { BENCH_USERS } from '../bench/seed/reference.js';
import { catalogOf } from '../bench/seed/schema-structures.js';
import { seedNational } from '../bench/seed/seed-national.js';
import { bearer, graphql, loginAs, startTestApi, type TestApi } from './support/test-api.js';

/**
 * The national seed of the benchmark (bench/seed), at a small size: reproducible, shaped as its
 * distributions say, with the schema the migrations make, readable by the Lintas API, and with a
 * valid audit trail.
 */
const PLACEMENTS = 2000;
const SEED = 20261126;
const AS_OF = new Date('2026-11-25T17:00:00Z');
const database = `lintas_bseed_test_${randomBytes(4).toString('hex')}`;
const reference = `${database}_ref`;
const redisKeyPrefix = `lintas_bseed-test-${randomBytes(4).toString('hex')}`;

async function withDatabase<T>(name: string, work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: benchDatabaseUrl(name) });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

/**
 * A checksum of every seeded row, ids included. Left out: the sealed columns (a fresh IV each
 * time, as the real cipher does) and the ids of agencies, users and the API key, which the
 * service makes with randomUUID (the rows that point at them are compared by agency code).
 */
const CHECKSUM = `
  SELECT md5(string_agg(line, E'\\n' ORDER BY line)) AS checksum, count(*)::int AS rows FROM (
    SELECT concat_ws('|', id, full_name, sex, date_of_birth, origin_regency_code, created_at) AS line FROM worker
    UNION ALL SELECT concat_ws('|', p.id, worker_id, origin_regency_code, destination, sector, employer_type, stage,
                    procedural, departed_at, arrived_at, next_check_in_due_at, risk_level, returned_at, closed_at)
      FROM placement p
    UNION ALL SELECT concat_ws('|', id, placement_id, kind, status, reason, issued_on, expires_on, recorded_at,
                    document_number_ciphertext IS NULL) FROM requirement
    UNION ALL SELECT concat_ws('|', sequence, placement_id, type, stage_from, stage_to, occurred_at) FROM placement_event
    UNION ALL SELECT concat_ws('|', id, placement_id, contacted_at, channel, reached_worker, indicators) FROM welfare_contact
    UNION ALL SELECT concat_ws('|', a.id, a.kind, a.status, a.placement_id, a.raised_at, ag.code)
      FROM alert a JOIN alert_recipient r ON r.alert_id = a.id JOIN agency ag ON ag.id = r.agency_id
  ) AS rows`;

async function checksum(): Promise<{ checksum: string; rows: number }> {
  return withDatabase(database, async (client) => {
    const result = await client.query<{ checksum: string; rows: number }>(CHECKSUM);
    const [row] = result.rows;
    if (!row) throw new Error('no checksum');
    return row;
  });
}

const seed = (): ReturnType<typeof seedNational> =>
  seedNational({
    database,
    placements: PLACEMENTS,
    seed: SEED,
    asOf: AS_OF,
    threads: 0,
  });

let api: TestApi | undefined;
let first: { checksum: string; rows: number };
let partnerKey: string;

beforeAll(async () => {
  await seed();
  first = await checksum();
  partnerKey = (await seed()).access.partnerKey.key;
}, 180_000);

afterAll(async () => {
  await api?.close();
  const redis = new Redis('redis://127.0.0.1:6379', { lazyConnect: true, maxRetriesPerRequest: 1 });
  await redis.connect();
  const keys = await redis.keys(`${redisKeyPrefix}:*`);
  if (keys.length > 0) await redis.unlink(...keys);
  redis.disconnect();
  await withDatabase('postgres', async (client) => {
    await client.query(`DROP DATABASE IF EXISTS ${database} WITH (FORCE)`);
    await client.query(`DROP DATABASE IF EXISTS ${reference} WITH (FORCE)`);
  });
});

describe('the national seed of the benchmark', () => {
  it('gives the same rows, ids included, for the same seed', async () => {
    const second = await checksum();
    expect(second.rows).toBeGreaterThan(PLACEMENTS * 20);
    expect(second).toEqual(first);
  });

  it('writes instants as a Date would, fractions of a millisecond dropped', () => {
    const instants = [0, 86_399_999.9, 951_782_400_000, AS_OF.getTime() - 0.4, 1_735_689_599_999.5];
    for (let step = 0; step < 1000; step += 1) instants.push(1.6e12 + step * 98_765_432.1);
    expect(instants.map(isoInstant)).toEqual(instants.map((at) => new Date(at).toISOString()));
  });

  it('holds the distributions: the big sending provinces and destinations lead, every stage occurs', async () => {
    await withDatabase(database, async (client) => {
      const provinces = await client.query<{ code: string }>(
        'SELECT origin_province_code AS code FROM placement GROUP BY 1 ORDER BY count(*) DESC, 1 LIMIT 3',
      );
      expect(provinces.rows.map((row) => row.code).sort()).toEqual(['32', '33', '35']);
      const destinations = await client.query<{ code: string }>(
        'SELECT destination AS code FROM placement GROUP BY 1 ORDER BY count(*) DESC, 1 LIMIT 3',
      );
      expect(destinations.rows.map((row) => row.code).sort()).toEqual(['HK', 'MY', 'TW']);
      const stages = await client.query<{ stage: string; count: number }>(
        'SELECT stage, count(*)::int AS count FROM placement GROUP BY 1 ORDER BY 2 DESC',
      );
      expect(stages.rows.map((row) => row.stage).sort()).toEqual(Object.values(PlacementStage).sort());
      expect(stages.rows[0]?.stage).toBe('PLACED');
      const [overdue] = (
        await client.query<{ share: number }>(
          `SELECT avg((next_check_in_due_at < $1::timestamptz - interval '3 days')::int)::float AS share
             FROM placement WHERE stage = 'PLACED'`,
          [AS_OF],
        )
      ).rows;
      expect(overdue?.share).toBeGreaterThan(0.002);
      expect(overdue?.share).toBeLessThan(0.03);
      const [{ requirements } = { requirements: 0 }] = (
        await client.query<{ requirements: number }>(
          'SELECT count(*)::int / $1 AS requirements FROM requirement',
          [PLACEMENTS],
        )
      ).rows;
      expect(requirements).toBe(18);
      // The checklist is copied in binary: its instants and days fall within the story's years
      // (registrations up to about ten years back), not thirty years off (PostgreSQL counts from 2000).
      const [span] = (
        await client.query<{ earliest: Date; latest: Date; firstIssued: Date; lastIssued: Date }>(
          `SELECT least(min(recorded_at), min(updated_at)) AS earliest,
                  greatest(max(recorded_at), max(updated_at)) AS latest,
                  min(issued_on)::timestamptz AS "firstIssued", max(issued_on)::timestamptz AS "lastIssued"
             FROM requirement`,
        )
      ).rows;
      const year = 365 * 86_400_000;
      for (const at of [span?.earliest, span?.latest, span?.firstIssued, span?.lastIssued]) {
        expect(at?.getTime()).toBeGreaterThan(AS_OF.getTime() - 12 * year);
        expect(at?.getTime()).toBeLessThan(AS_OF.getTime() + year);
      }
    });
  });

  it('ends with the schema the migrations make', async () => {
    await withDatabase('postgres', (client) => client.query(`CREATE DATABASE ${reference}`));
    const { DataSource } = await import('typeorm');
    const { lintasDataSourceOptions } = await import('../migrations/data-source.js');
    const dataSource = await new DataSource(
      lintasDataSourceOptions({ DATABASE_URL: benchDatabaseUrl(reference), DATABASE_POOL_SIZE: 1 }),
    ).initialize();
    await dataSource.runMigrations({ transaction: 'each' });
    await dataSource.destroy();
    const [seeded, migrated] = await Promise.all([
      withDatabase(database, catalogOf),
      withDatabase(reference, catalogOf),
    ]);
    expect(seeded).toEqual(migrated);
  });

  it('is read by the Lintas API: a worker with its NIK, a placement with its checklist', async () => {
    Object.assign(process.env, { NODE_ENV: 'test', REDIS_KEY_PREFIX: redisKeyPrefix, LOG_LEVEL: 'warn' });
    api = await startTestApi();
    const token = await loginAs(api.app, BENCH_USERS.officer);
    const [placement] = await withDatabase(
      database,
      async (client) =>
        (
          await client.query<{ id: string; workerId: string }>(
            `SELECT id, worker_id AS "workerId" FROM placement
            WHERE origin_province_code = '35' AND stage = 'PLACED' ORDER BY id LIMIT 1`,
          )
        ).rows,
    );
    if (!placement) throw new Error('no placed worker from Jawa Timur');
    const worker = await graphql<{
      worker: { nik: string; fullName: string; originRegency: { code: string } };
    }>(
      api.app,
      'query Worker($id: ID!) { worker(id: $id) { nik fullName originRegency { code } } }',
      { id: placement.workerId },
      bearer(token),
    );
    expect(worker.errors).toBeUndefined();
    expect(worker.data?.worker.nik).toMatch(/^35\d{14}$/);
    expect(worker.data?.worker.nik.slice(0, 4)).toBe(worker.data?.worker.originRegency.code);
    const read = await graphql<{
      placement: {
        stage: string;
        requirements: { kind: string; status: string; documentNumber: string | null }[];
      };
    }>(
      api.app,
      'query Placement($id: ID!) { placement(id: $id) { stage requirements { kind status documentNumber } } }',
      { id: placement.id },
      bearer(token),
    );
    expect(read.errors).toBeUndefined();
    expect(read.data?.placement.stage).toBe('PLACED');
    expect(read.data?.placement.requirements).toHaveLength(18);
    const passport = read.data?.placement.requirements.find(
      (requirement) => requirement.kind === 'PASSPORT_VALID',
    );
    expect(passport?.documentNumber).toMatch(/^C\d{7}$/);
    const partner = await graphql<{ placements: { totalCount: number } }>(
      api.app,
      'query { placements(first: 1) { totalCount } }',
      {},
      { 'x-api-key': partnerKey },
    );
    expect(partner.errors).toBeUndefined();
    expect(partner.data?.placements.totalCount).toBeGreaterThan(0);
  });

  it('keeps a valid audit trail', async () => {
    const lines: string[] = [];
    await runCommand(
      ['audit:verify'],
      (line) => lines.push(line),
      () => Promise.resolve(''),
    );
    expect(JSON.parse(lines.join('\n'))).toMatchObject({ valid: true });
  });
});
