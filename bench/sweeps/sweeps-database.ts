/**
 * The sweeps' own database, seeded in SQL with `generate_series`: the sweeps resolve and raise
 * alerts by the ten thousand, so they must not share the database the load scenarios read.
 */
import pg from 'pg';
import type { DataSource } from 'typeorm';
import { BENCH_SERVER_URL } from '../lib/bench-env.js';

export const SWEEPS_DATABASE = 'lintas_bench_sweeps';

/** Every 100th placement is overdue for its check-in: 1%. */
export const OVERDUE_EVERY = 100;

/** Changes whenever the seed below changes, so that an older seed is never measured as this one. */
const SEED_VERSION = 'sweeps/2';

/**
 * What the database comment records about its seed. `anchor` is the instant the seed's dates are
 * relative to: the benchmark sweeps at that instant (a fixed Clock), so a database seeded days
 * ago still has exactly 1% overdue rather than every placement whose check-in has fallen due since.
 */
export interface SeedMarker {
  seed: string;
  placements: number;
  anchor: string;
}

async function withAdmin<T>(work: (admin: pg.Client) => Promise<T>): Promise<T> {
  const admin = new pg.Client({ connectionString: `${BENCH_SERVER_URL}/postgres` });
  await admin.connect();
  try {
    return await work(admin);
  } finally {
    await admin.end();
  }
}

/** The marker of a database seeded by this seed at this size, or null (absent, older, other size). */
export function readSeedMarker(placements: number): Promise<SeedMarker | null> {
  return withAdmin(async (admin) => {
    const { rows } = await admin.query<{ comment: string | null }>(
      `SELECT shobj_description(oid, 'pg_database') AS comment FROM pg_database WHERE datname = $1`,
      [SWEEPS_DATABASE],
    );
    const comment = rows[0]?.comment;
    if (!comment) return null;
    try {
      const marker = JSON.parse(comment) as SeedMarker;
      return marker.seed === SEED_VERSION && marker.placements === placements ? marker : null;
    } catch {
      return null;
    }
  });
}

export function recreateDatabase(): Promise<void> {
  return withAdmin(async (admin) => {
    await admin.query(`DROP DATABASE IF EXISTS ${SWEEPS_DATABASE} WITH (FORCE)`);
    await admin.query(`CREATE DATABASE ${SWEEPS_DATABASE}`);
  });
}

/** Written last, once the seed is complete: an interrupted seed is seeded again next time. */
export function writeSeedMarker(placements: number, anchor: Date): Promise<SeedMarker> {
  const marker: SeedMarker = { seed: SEED_VERSION, placements, anchor: anchor.toISOString() };
  return withAdmin(async (admin) => {
    const literal = JSON.stringify(marker).replaceAll("'", "''");
    await admin.query(`COMMENT ON DATABASE ${SWEEPS_DATABASE} IS '${literal}'`);
    return marker;
  });
}

const ANCHOR = '$2::timestamptz';
const TODAY = `(${ANCHOR} AT TIME ZONE 'Asia/Jakarta')::date`;

interface SeedStep {
  what: string;
  sql: string;
  /** Which of the placements (`$1`) and the anchor (`$2`) the statement reads. */
  reads: 'placements' | 'anchor' | 'both' | 'nothing';
}

/**
 * Set-based, with ids derived from the series number, so a placement finds its worker without a
 * join. `$1` is the number of placements, `$2` the anchor. Most placements are abroad (PLACED) with
 * a passport on file; 1% are overdue for their check-in (4–93 days, so MEDIUM, HIGH and CRITICAL all
 * occur), the rest are due within the next 30 days. About 0.5% each have a contract that ended 14+
 * days ago, a contract ending within 30 days, a passport expiring within 60 days, and an expired
 * passport. 1.5% are home (RETURNED): a third of them 31–90 days without a referral or a refusal
 * (reintegration overdue), a third who refused, a third back only 10 days. A history of resolved
 * alerts (half as many as placements) with their sent outbox rows stands for earlier months.
 */
const SEED_STEPS: readonly SeedStep[] = [
  {
    what: 'workers',
    reads: 'placements',
    // The sweeps read no personal details: placeholders shaped as sealed values stand in (they do not decrypt).
    sql: `INSERT INTO worker (id, nik_ciphertext, nik_index, full_name, sex, date_of_birth, origin_province_code,
                        origin_regency_code)
     SELECT md5('worker:' || g)::uuid, 'v1.bench.AAAAAAAAAAAAAAAA.' || md5('nik:' || g),
            '00000000.' || left(md5('nik:' || g) || md5('index:' || g), 43), 'Bench worker ' || g,
            CASE WHEN g % 2 = 0 THEN 'FEMALE' ELSE 'MALE' END, date '1985-01-01' + g % 7000, '63', '6372'
       FROM generate_series(1, $1::int) AS g`,
  },
  {
    what: 'placements',
    reads: 'both',
    sql: `INSERT INTO placement (id, worker_id, origin_province_code, origin_regency_code, destination, sector,
                           employer_type, job_title, stage, procedural, rule_set_version, contract_start,
                           contract_end, departed_at, arrived_at, last_reached_contact_at, next_check_in_due_at,
                           returned_at, risk_level)
     SELECT md5('placement:' || g)::uuid, md5('worker:' || g)::uuid, '63', '6372',
            (ARRAY['MY', 'SA', 'TW', 'HK', 'SG'])[1 + g % 5], 'FORMAL', 'LEGAL_ENTITY', 'Operator',
            CASE WHEN home.returned_at IS NULL THEN 'PLACED' ELSE 'RETURNED' END,
            true, 'bench', contract.ends - 730, contract.ends, departed.at, departed.at + interval '1 day',
            due.at - interval '30 days', CASE WHEN home.returned_at IS NULL THEN due.at END, home.returned_at, 'LOW'
       FROM generate_series(1, $1::int) AS g
      CROSS JOIN LATERAL (SELECT ${ANCHOR} - (100 + g % 600) * interval '1 day' AS at) AS departed
      CROSS JOIN LATERAL (
              SELECT CASE WHEN g % ${OVERDUE_EVERY} = 0 THEN ${ANCHOR} - (4 + (g / ${OVERDUE_EVERY}) % 90) * interval '1 day'
                          ELSE ${ANCHOR} + interval '1 hour' + (g % 30) * interval '1 day' END AS at) AS due
      CROSS JOIN LATERAL (
              SELECT CASE WHEN g % 200 = 1 THEN ${TODAY} - 14 - (g / 200) % 60
                          WHEN g % 200 = 2 THEN ${TODAY} + (g / 200) % 31
                          ELSE ${TODAY} + 31 + g % 700 END AS ends) AS contract
      CROSS JOIN LATERAL (
              SELECT CASE WHEN g % 200 IN (5, 6) THEN ${ANCHOR} - (31 + (g / 200) % 60) * interval '1 day'
                          WHEN g % 200 = 7 THEN ${ANCHOR} - interval '10 days' END AS returned_at) AS home`,
  },
  {
    what: 'passports',
    reads: 'both',
    sql: `INSERT INTO requirement (id, placement_id, kind, status, evaluated_by, document_number_ciphertext, issued_on, expires_on)
     SELECT md5('passport:' || g)::uuid, md5('placement:' || g)::uuid, 'PASSPORT_VALID', 'SATISFIED', 'OFFICER',
            'v1.bench.AAAAAAAAAAAAAAAA.' || md5('passport:' || g), expiry.day - 1826, expiry.day
       FROM generate_series(1, $1::int) AS g
      CROSS JOIN LATERAL (
              SELECT CASE WHEN g % 200 = 3 THEN ${TODAY} + (g / 200) % 61
                          WHEN g % 200 = 4 THEN ${TODAY} - 1 - (g / 200) % 30
                          ELSE ${TODAY} + 61 + g % 1500 END AS day) AS expiry`,
  },
  {
    what: 'reintegration refusals',
    reads: 'both',
    sql: `INSERT INTO reintegration_refusal (id, placement_id, refused_at, recorded_by_type)
     SELECT md5('refusal:' || g)::uuid, md5('placement:' || g)::uuid, ${ANCHOR} - interval '20 days', 'cli'
       FROM generate_series(1, $1::int) AS g
      WHERE g % 200 = 6`,
  },
  {
    what: 'resolved alerts (history)',
    reads: 'both',
    sql: `INSERT INTO alert (id, kind, severity, status, placement_id, dedupe_key, reason, raised_at, resolved_at,
                       resolution_note)
     SELECT md5('alert:' || g)::uuid, 'MISSED_CHECK_IN', 'MEDIUM', 'RESOLVED', placement.id,
            'MISSED_CHECK_IN:' || placement.id, 'history', ${ANCHOR} - (100 + g % 700) * interval '1 day',
            ${ANCHOR} - (100 + g % 700) * interval '1 day' + interval '2 days', 'Resolved by Lintas: history.'
       FROM generate_series(1, $1::int / 2) AS g
      CROSS JOIN LATERAL (SELECT md5('placement:' || (1 + (g * 7) % $1::int))::uuid AS id) AS placement`,
  },
  {
    what: 'sent outbox rows (history)',
    reads: 'nothing',
    sql: `INSERT INTO outbox_event (id, topic, aggregate_type, aggregate_id, payload, occurred_at, sent_at)
     SELECT md5('event:' || id)::uuid, 'alert.raised', 'alert', id,
            jsonb_build_object('alertId', id, 'severity', severity), raised_at, raised_at
       FROM alert`,
  },
];

/** Seeds a migrated, empty database; `say` hears each step's time. */
export async function seed(
  dataSource: DataSource,
  placements: number,
  anchor: Date,
  say: (line: string) => void,
): Promise<void> {
  const parameters = { placements: [placements], anchor: [anchor], both: [placements, anchor], nothing: [] };
  for (const { what, sql, reads } of SEED_STEPS) {
    const startedAt = performance.now();
    await dataSource.query(sql, parameters[reads]);
    say(`- seeded ${what}: ${Math.round(performance.now() - startedAt)} ms`);
  }
  const startedAt = performance.now();
  await dataSource.query('VACUUM ANALYZE');
  say(`- VACUUM ANALYZE: ${Math.round(performance.now() - startedAt)} ms`);
}

/**
 * Back to the seeded state: the alerts and outbox rows earlier benchmark runs added are deleted, so
 * every run measures the same tables rather than a history that grows with each rerun.
 */
export async function restoreSeededState(dataSource: DataSource): Promise<void> {
  await dataSource.transaction(async (manager) => {
    await manager.query(
      `DELETE FROM outbox_event USING alert
        WHERE outbox_event.aggregate_id = alert.id AND alert.reason <> 'history'`,
    );
    await manager.query(`DELETE FROM alert WHERE reason <> 'history'`);
  });
  await dataSource.query('VACUUM ANALYZE alert, outbox_event');
}

/**
 * As if every open alert belonged to an earlier episode, long resolved, and the relay had sent the
 * outbox: the next sweep raises every due condition again. Their raised_at moves back two years,
 * before any current condition began, or the sweep would rightly leave the resolved condition alone.
 */
export const resolveAll = (dataSource: DataSource): Promise<unknown> =>
  dataSource.transaction(async (manager) => {
    await manager.query(
      `UPDATE alert SET status = 'RESOLVED', resolved_at = now(), resolution_note = 'bench',
                        raised_at = raised_at - interval '2 years'
        WHERE status <> 'RESOLVED'`,
    );
    await manager.query('UPDATE outbox_event SET sent_at = now() WHERE sent_at IS NULL');
  });

/** The state before a first sweep: no open alert, no unsent event, vacuumed, so every run starts alike. */
export async function clearOpenAlerts(dataSource: DataSource): Promise<void> {
  await resolveAll(dataSource);
  await dataSource.query('VACUUM ANALYZE alert, outbox_event');
}
