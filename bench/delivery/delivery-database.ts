/**
 * The delivery benchmark's own database, created afresh each run: migrated and given its agencies
 * through the real CLI, then placements whose contracts end within 30 days seeded in SQL, so that
 * the contract-ending sweep raises one CONTRACT_ENDING alert per placement — routed to the BP3MI
 * office of the worker's origin province alone, whose channel is the benchmark's webhook receiver.
 */
import pg from 'pg';
import type { DataSource } from 'typeorm';
import { BENCH_SERVER_URL } from '../lib/bench-env.js';
import { lintasCli } from './processes.js';

export const DELIVERY_DATABASE = 'lintas_bench_delivery';

/** The BP3MI offices that receive the alerts, each at its own path of the receiver. */
const AGENCIES = [
  { code: 'bp3mi-kalsel', name: 'BP3MI Kalimantan Selatan', province: '63', regency: '6372' },
  { code: 'bp3mi-jatim', name: 'BP3MI Jawa Timur', province: '35', regency: '3578' },
] as const;

async function withAdmin(work: (admin: pg.Client) => Promise<unknown>): Promise<void> {
  const admin = new pg.Client({ connectionString: `${BENCH_SERVER_URL}/postgres` });
  await admin.connect();
  try {
    await work(admin);
  } finally {
    await admin.end();
  }
}

export const dropDatabase = (): Promise<void> =>
  withAdmin((admin) => admin.query(`DROP DATABASE IF EXISTS ${DELIVERY_DATABASE} WITH (FORCE)`));

/** Creates and migrates the database, and points each agency's webhook at the receiver. */
export async function createDatabase(env: Record<string, string>, receiverPort: number): Promise<void> {
  await dropDatabase();
  await withAdmin((admin) => admin.query(`CREATE DATABASE ${DELIVERY_DATABASE}`));
  lintasCli(env, 'migrate');
  for (const agency of AGENCIES) {
    lintasCli(
      env,
      'create-agency',
      '--code',
      agency.code,
      '--name',
      agency.name,
      '--kind',
      'BP3MI',
      '--provinces',
      agency.province,
    );
    lintasCli(
      env,
      'set-alert-channels',
      '--agency',
      agency.code,
      '--webhook-url',
      `http://127.0.0.1:${receiverPort}/${agency.code}`,
    );
  }
}

/**
 * One PLACED placement per alert, half from each agency's province, each contract ending within 30
 * days. Placements are numbered from `first`: a later call with the next number adds more.
 */
export async function seedPlacements(dataSource: DataSource, count: number, first = 1): Promise<void> {
  const origins = AGENCIES.map((agency) => [agency.province, agency.regency]);
  await dataSource.query(
    `INSERT INTO worker (id, nik_ciphertext, nik_index, full_name, sex, date_of_birth, origin_province_code,
                        origin_regency_code)
     SELECT md5('worker:' || g)::uuid, 'v1.bench.AAAAAAAAAAAAAAAA.' || md5('nik:' || g),
            '00000000.' || left(md5('nik:' || g) || md5('index:' || g), 43), 'Bench worker ' || g,
            'FEMALE', date '1990-01-01' + g % 5000, ($2::text[])[1 + g % 2], ($3::text[])[1 + g % 2]
       FROM generate_series($4::int, $4::int + $1::int - 1) AS g`,
    [count, origins.map(([province]) => province), origins.map(([, regency]) => regency), first],
  );
  await dataSource.query(
    `INSERT INTO placement (id, worker_id, origin_province_code, origin_regency_code, destination, sector,
                           employer_type, job_title, stage, procedural, rule_set_version, contract_start,
                           contract_end, departed_at, arrived_at, last_reached_contact_at, next_check_in_due_at,
                           risk_level)
     SELECT md5('placement:' || g)::uuid, md5('worker:' || g)::uuid, worker.origin_province_code,
            worker.origin_regency_code, 'HK', 'DOMESTIC', 'INDIVIDUAL', 'Domestic worker', 'PLACED', true, 'bench',
            contract.ends - 730, contract.ends, now() - interval '700 days', now() - interval '699 days',
            now() - interval '5 days', now() + interval '25 days', 'LOW'
       FROM generate_series($2::int, $2::int + $1::int - 1) AS g
       JOIN worker ON worker.id = md5('worker:' || g)::uuid
      CROSS JOIN LATERAL (
              SELECT (now() AT TIME ZONE 'Asia/Jakarta')::date + 1 + g % 29 AS ends) AS contract`,
    [count, first],
  );
  await dataSource.query('ANALYZE');
}
