/**
 * What the load scenarios need from the seeded database: who logs in, which workers may be
 * registered, which placements a partner may record contacts on, which workers an officer may read.
 * Read once, before the servers are under load.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import pg from 'pg';
import { loadConfig, PiiCipher } from '#lintas/core';
import { sealWorkerPii } from '#lintas/registry';
import { benchDatabaseUrl, benchEnvironment } from '../lib/bench-env.js';
import { resultsDirectory } from '../lib/report.js';

export interface Credentials {
  officer: { username: string; password: string };
  partnerApiKey: string;
}

export interface Recruiting {
  destination: string;
  sector: string;
  employerType: string;
  jobTitle: string;
  /** Recruiters licensed for the destination; empty: the placement goes by a government scheme. */
  recruiterIds: string[];
}

export interface Fixtures {
  credentials: Credentials;
  /** Workers of the officer's jurisdiction with no open placement, one per registration. */
  registrationPool: string[];
  recruiting: Recruiting[];
  /** PLACED placements in the partner's countries. */
  contactPlacements: string[];
  /** Workers of the officer's jurisdiction with at least one placement. */
  readableWorkers: string[];
  /** The province the officer's office covers, when it covers exactly one; national otherwise. */
  officerProvince?: string;
}

const OFFICER = 'bench-officer';
const SAMPLE = 20_000;

/**
 * The seed writes `bench-credentials.json` into the results directory (BENCH_RESULTS_DIR, else
 * `bench/results/`); BENCH_CREDENTIALS overrides the path.
 * Read by shape rather than by one layout: an object with `username: "bench-officer"` and a
 * `password`, and a string shaped as a Lintas API key (`lintas_<prefix>_<secret>`).
 */
export function readCredentials(path = process.env.BENCH_CREDENTIALS): Credentials {
  const file = path ?? join(resultsDirectory(), 'bench-credentials.json');
  const values: unknown[] = [JSON.parse(readFileSync(file, 'utf8'))];
  let officer: Credentials['officer'] | undefined;
  let partnerApiKey: string | undefined;
  while (values.length > 0) {
    const value = values.pop();
    if (typeof value === 'string' && /^lintas_[0-9a-f]+_\S+$/.test(value)) partnerApiKey ??= value;
    if (typeof value !== 'object' || value === null) continue;
    const record = value as Record<string, unknown>;
    if (record.username === OFFICER && typeof record.password === 'string') {
      officer = { username: OFFICER, password: record.password };
    }
    values.push(...Object.values(record));
  }
  if (!officer || !partnerApiKey)
    throw new Error(`${file} holds no ${OFFICER} password or no PARTNER API key`);
  return { officer, partnerApiKey };
}

interface Jurisdiction {
  national: boolean;
  provinceCodes: string[];
  regencyCodes: string[];
}

async function officerJurisdiction(client: pg.Client, username: string): Promise<Jurisdiction> {
  const { rows } = await client.query<{ kind: string; province_codes: string[]; regency_codes: string[] }>(
    `SELECT a.kind, a.province_codes, a.regency_codes
       FROM user_account u JOIN agency a ON a.id = u.agency_id WHERE u.username = $1`,
    [username],
  );
  const [agency] = rows;
  if (!agency) throw new Error(`no user ${username} in the database`);
  return {
    national: agency.kind === 'NATIONAL',
    provinceCodes: agency.province_codes,
    regencyCodes: agency.regency_codes,
  };
}

/** The SQL condition "origin within the jurisdiction" on a table with origin_*_code columns ($1, $2). */
const WITHIN = (jurisdiction: Jurisdiction): string =>
  jurisdiction.national ? 'TRUE' : '(origin_province_code = ANY($1) OR origin_regency_code = ANY($2))';

/** A uuid derived from the number, shaped as version 4: the API accepts only ids of a real version. */
const POOL_ID = (number: string): string =>
  `overlay(overlay(md5('lintas-bench-registration:' || ${number}) placing '4' from 13) placing '8' from 17)::uuid`;

const pool = (size: number): string => `SELECT ${POOL_ID('g')} AS id FROM generate_series(1, ${size}) AS g`;

/**
 * Workers kept for registerPlacement, made once and found again by their derived ids: the seed's
 * own workers are too few in a quick run (each registration takes one worker with no open
 * placement). Their NIKs use districts 90–99, which no regency has, and are unique by construction;
 * one that still collides with a seeded NIK is skipped.
 */
async function ensureRegistrationPool(
  client: pg.Client,
  jurisdiction: Jurisdiction,
  size: number,
): Promise<void> {
  const { rows: existing } = await client.query<{ count: number }>(
    `SELECT count(*)::int AS count FROM worker WHERE id IN (${pool(size)})`,
  );
  if ((existing[0]?.count ?? 0) >= size * 0.99) return;
  const { rows: regencies } = await client.query<{ code: string; province_code: string }>(
    `SELECT code, province_code FROM regency
      WHERE ${jurisdiction.national ? 'TRUE' : '(province_code = ANY($1) OR code = ANY($2))'} ORDER BY code LIMIT 1`,
    jurisdiction.national ? [] : [jurisdiction.provinceCodes, jurisdiction.regencyCodes],
  );
  const [regency] = regencies;
  if (!regency) throw new Error('the officer’s jurisdiction holds no regency');
  const cipher = PiiCipher.fromConfig(loadConfig(benchEnvironment()));
  const batch = 5000;
  for (let first = 1; first <= size; first += batch) {
    const numbers = Array.from({ length: Math.min(batch, size - first + 1) }, (_, index) => first + index);
    const workers = numbers.map((number) => poolWorker(number, regency.code));
    const sealed = workers.map((worker) =>
      sealWorkerPii(cipher, { ...worker, phone: null, passportNumber: null, nextOfKin: null }),
    );
    await client.query(
      `INSERT INTO worker (id, full_name, sex, date_of_birth, origin_province_code, origin_regency_code,
                           nik_ciphertext, nik_index)
       SELECT ${POOL_ID('n')}, 'Pekerja Uji ' || n, sex, birth, $1, $2, nik, nik_index
         FROM unnest($3::int[], $4::text[], $5::date[], $6::text[], $7::text[]) AS w(n, sex, birth, nik, nik_index)
       ON CONFLICT DO NOTHING`,
      [
        regency.province_code,
        regency.code,
        numbers,
        workers.map((worker) => worker.sex),
        workers.map((worker) => worker.dateOfBirth),
        sealed.map((values) => values.nikCiphertext),
        sealed.map((values) => values.nikIndex),
      ],
    );
  }
}

function poolWorker(number: number, regencyCode: string): { nik: string; sex: string; dateOfBirth: string } {
  // number = serial × 50,000 + birth day × 10 + district: distinct numbers give distinct NIKs.
  const birth = new Date(Date.UTC(1980, 0, 1) + (Math.floor(number / 10) % 5000) * 86_400_000);
  const female = number % 2 === 0;
  const two = (value: number): string => String(value).padStart(2, '0');
  const day = birth.getUTCDate() + (female ? 40 : 0);
  const serial = String(9999 - Math.floor(number / 50_000)).padStart(4, '0');
  return {
    nik: `${regencyCode}${90 + (number % 10)}${two(day)}${two(birth.getUTCMonth() + 1)}${two(birth.getUTCFullYear() % 100)}${serial}`,
    sex: female ? 'FEMALE' : 'MALE',
    dateOfBirth: birth.toISOString().slice(0, 10),
  };
}

/**
 * Frees the pool again: the placements registered in a run (by Lintas or by the raw baseline) are
 * deleted with their requirements, events, outbox rows and any alert an event rule raised (with its
 * deliveries and their attempts), so the next run has free workers and the database stays the size
 * it was seeded at. Audit rows stay (append-only).
 */
export async function releaseRegistrationPool(
  database: string,
  workerIds: readonly string[],
): Promise<number> {
  return withClient(database, async (client) => {
    await client.query('BEGIN');
    await client.query(
      'CREATE TEMP TABLE bench_released ON COMMIT DROP AS SELECT id FROM placement WHERE worker_id = ANY($1::uuid[])',
      [workerIds],
    );
    const alerts = 'SELECT id FROM alert WHERE placement_id IN (SELECT id FROM bench_released)';
    for (const statement of [
      // The outbox names what an event is about by aggregate_type and aggregate_id (no foreign key).
      `DELETE FROM outbox_event
        WHERE (aggregate_type = 'placement' AND aggregate_id IN (SELECT id FROM bench_released))
           OR (aggregate_type = 'alert' AND aggregate_id IN (${alerts}))`,
      `DELETE FROM alert_delivery_attempt
        WHERE delivery_id IN (SELECT id FROM alert_delivery WHERE alert_id IN (${alerts}))`,
      `DELETE FROM alert_delivery WHERE alert_id IN (${alerts})`,
      `DELETE FROM alert_recipient WHERE alert_id IN (${alerts})`,
      'DELETE FROM alert WHERE placement_id IN (SELECT id FROM bench_released)',
      'DELETE FROM requirement WHERE placement_id IN (SELECT id FROM bench_released)',
      'DELETE FROM placement_event WHERE placement_id IN (SELECT id FROM bench_released)',
    ]) {
      await client.query(statement);
    }
    const { rowCount } = await client.query(
      'DELETE FROM placement WHERE id IN (SELECT id FROM bench_released)',
    );
    await client.query('COMMIT');
    return rowCount ?? 0;
  });
}

async function withClient<T>(database: string, work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: benchDatabaseUrl(database) });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

/** Destinations, sectors and employer types the placement rules leave OPEN, as recruited in bulk. */
const RECRUITING: Omit<Recruiting, 'recruiterIds'>[] = [
  { destination: 'MY', sector: 'PLANTATION', employerType: 'LEGAL_ENTITY', jobTitle: 'Pemanen sawit' },
  { destination: 'TW', sector: 'CARE_WORKER', employerType: 'INDIVIDUAL', jobTitle: 'Perawat lansia' },
  {
    destination: 'HK',
    sector: 'DOMESTIC',
    employerType: 'INDIVIDUAL',
    jobTitle: 'Penata laksana rumah tangga',
  },
  { destination: 'KR', sector: 'FORMAL', employerType: 'LEGAL_ENTITY', jobTitle: 'Operator pabrik' },
  { destination: 'JP', sector: 'CARE_WORKER', employerType: 'LEGAL_ENTITY', jobTitle: 'Kaigo' },
  {
    destination: 'SG',
    sector: 'DOMESTIC',
    employerType: 'INDIVIDUAL',
    jobTitle: 'Penata laksana rumah tangga',
  },
];

async function recruitersByDestination(client: pg.Client): Promise<Recruiting[]> {
  const { rows } = await client.query<{ destination: string; recruiter_ids: string[] }>(
    `SELECT p.destination, (array_agg(DISTINCT r.id))[1:50] AS recruiter_ids
       FROM recruiter r JOIN recruitment_permit p ON p.recruiter_id = r.id
      WHERE r.status = 'ACTIVE' AND current_date BETWEEN p.valid_from AND p.valid_until
        AND current_date BETWEEN r.valid_from AND r.valid_until
      GROUP BY p.destination`,
  );
  return RECRUITING.map((terms) => ({
    ...terms,
    recruiterIds: rows.find((row) => row.destination === terms.destination)?.recruiter_ids ?? [],
  }));
}

async function sampleIds(client: pg.Client, sql: string, params: unknown[]): Promise<string[]> {
  const { rows } = await client.query<{ id: string }>(sql, params);
  return rows.map((row) => row.id);
}

export async function prepareFixtures(database: string, registrationPoolSize: number): Promise<Fixtures> {
  const credentials = readCredentials();
  return withClient(database, async (client) => {
    const jurisdiction = await officerJurisdiction(client, credentials.officer.username);
    const within = WITHIN(jurisdiction);
    const params = jurisdiction.national ? [] : [jurisdiction.provinceCodes, jurisdiction.regencyCodes];
    await ensureRegistrationPool(client, jurisdiction, registrationPoolSize);
    const registrationPool = await sampleIds(
      client,
      `SELECT id FROM (${pool(registrationPoolSize)}) AS pool WHERE EXISTS (SELECT 1 FROM worker w WHERE w.id = pool.id)`,
      [],
    );
    const prefix = credentials.partnerApiKey.split('_')[1];
    const contactPlacements = await sampleIds(
      client,
      `SELECT p.id FROM placement p
        WHERE p.stage = 'PLACED'
          AND p.destination = ANY(SELECT unnest(a.country_codes) FROM api_key k JOIN agency a ON a.id = k.agency_id
                                   WHERE k.prefix = $1)
        ORDER BY md5(p.id::text) LIMIT ${SAMPLE}`,
      [prefix],
    );
    const readableWorkers = await sampleIds(
      client,
      `SELECT worker_id AS id FROM placement WHERE ${within} GROUP BY worker_id ORDER BY md5(worker_id::text) LIMIT ${SAMPLE}`,
      params,
    );
    if (contactPlacements.length === 0) throw new Error('no PLACED placement in the partner’s countries');
    if (readableWorkers.length === 0) throw new Error('no placement in the officer’s jurisdiction');
    const single = !jurisdiction.national && jurisdiction.regencyCodes.length === 0;
    return {
      credentials,
      ...(single && jurisdiction.provinceCodes.length === 1
        ? { officerProvince: jurisdiction.provinceCodes[0] }
        : {}),
      registrationPool,
      recruiting: await recruitersByDestination(client),
      contactPlacements,
      readableWorkers,
    };
  });
}
