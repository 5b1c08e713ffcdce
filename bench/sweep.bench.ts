/**
 * The missed-check-in sweep on 1,000,000 placements abroad, 1% overdue (issue 5): times the first
 * sweep with its outbox rows, an idle re-sweep and the bare INSERT … SELECT; shows the plans; and
 * checks that the process running the sweeps keeps a flat memory. The other time rules are timed
 * on the same data for reference. Rerunnable: the database is dropped and re-created every run.
 *
 *   npm run bench:sweep                      (BENCH_PLACEMENTS=100000 for a quick run)
 *   BENCH_REUSE=1 npm run bench:sweep        (keeps a database seeded by an earlier run)
 */
import { cpus, loadavg, totalmem } from 'node:os';
import pg from 'pg';
import { DataSource } from 'typeorm';
import { AlertSweeper, sweepRuleNamed, SWEEP_RULE_NAMES, type SweepRule } from '#lintas/alerts';
import { Clock, loadConfig } from '#lintas/core';
import { lintasDataSourceOptions } from '../migrations/data-source.js';

const SERVER_URL = process.env.BENCH_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432';
const DATABASE = 'lintas_bench';
const PLACEMENTS = Number(process.env.BENCH_PLACEMENTS ?? 1_000_000);
/** Every 100th placement is overdue: 1%. */
const OVERDUE_EVERY = 100;
const RUNS = 5;
const IDLE_RUNS = 10;
const MEMORY_CYCLES = 10;

const TARGET_FIRST_MS = 1000;
const TARGET_IDLE_MS = 200;

const say = (line = ''): void => {
  process.stdout.write(`${line}\n`);
};

const ms = (value: number): string => `${value.toFixed(1)} ms`;
const mib = (bytes: number): string => `${(bytes / 1024 / 1024).toFixed(1)} MiB`;
const median = (values: number[]): number => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? Number.NaN;
};

async function timed<T>(work: () => Promise<T>): Promise<{ ms: number; result: T }> {
  const startedAt = performance.now();
  const result = await work();
  return { ms: performance.now() - startedAt, result };
}

/** Drops and creates the database, unless BENCH_REUSE is set and it exists: true when it is new. */
async function prepareDatabase(): Promise<boolean> {
  const admin = new pg.Client({ connectionString: `${SERVER_URL}/postgres` });
  await admin.connect();
  try {
    const existing = await admin.query('SELECT 1 FROM pg_database WHERE datname = $1', [DATABASE]);
    if (process.env.BENCH_REUSE && existing.rowCount === 1) return false;
    await admin.query(`DROP DATABASE IF EXISTS ${DATABASE} WITH (FORCE)`);
    await admin.query(`CREATE DATABASE ${DATABASE}`);
    return true;
  } finally {
    await admin.end();
  }
}

const TODAY = `(now() AT TIME ZONE 'Asia/Jakarta')::date`;

/**
 * Seeds in SQL, set-based. Ids are derived from the series number, so a placement finds its worker
 * without a join. Every placement is abroad (PLACED) with a passport on file; 1% are overdue for
 * their check-in (spread over 4–93 days, so MEDIUM, HIGH and CRITICAL all occur), the rest are due
 * within the next 30 days. About 0.5% each have a contract that ended 14+ days ago, a contract
 * ending within 30 days, a passport expiring within 60 days, and an expired passport. A history of
 * 500,000 resolved alerts, with their sent outbox rows, stands for the alerts of earlier months.
 */
async function seed(dataSource: DataSource): Promise<void> {
  const steps: [string, string][] = [
    [
      'workers',
      // The sweeps read no personal details: placeholders shaped as sealed values stand in (they do not decrypt).
      `INSERT INTO worker (id, nik_ciphertext, nik_index, full_name, sex, date_of_birth, origin_province_code,
                          origin_regency_code)
       SELECT md5('worker:' || g)::uuid, 'v1.bench.AAAAAAAAAAAAAAAA.' || md5('nik:' || g),
              '00000000.' || left(md5('nik:' || g) || md5('index:' || g), 43), 'Bench worker ' || g,
              CASE WHEN g % 2 = 0 THEN 'FEMALE' ELSE 'MALE' END, date '1985-01-01' + g % 7000, '63', '6372'
         FROM generate_series(1, $1::int) AS g`,
    ],
    [
      'placements',
      `INSERT INTO placement (id, worker_id, origin_province_code, origin_regency_code, destination, sector,
                             employer_type, job_title, stage, procedural, rule_set_version, contract_start,
                             contract_end, departed_at, arrived_at, last_reached_contact_at, next_check_in_due_at,
                             risk_level)
       SELECT md5('placement:' || g)::uuid, md5('worker:' || g)::uuid, '63', '6372',
              (ARRAY['MY', 'SA', 'TW', 'HK', 'SG'])[1 + g % 5], 'FORMAL', 'LEGAL_ENTITY', 'Operator', 'PLACED',
              true, 'bench', contract.ends - 730, contract.ends, departed.at, departed.at + interval '1 day',
              due.at - interval '30 days', due.at, 'LOW'
         FROM generate_series(1, $1::int) AS g
        CROSS JOIN LATERAL (SELECT now() - (10 + g % 600) * interval '1 day' AS at) AS departed
        CROSS JOIN LATERAL (
                SELECT CASE WHEN g % ${OVERDUE_EVERY} = 0 THEN now() - (4 + (g / ${OVERDUE_EVERY}) % 90) * interval '1 day'
                            ELSE now() + interval '1 hour' + (g % 30) * interval '1 day' END AS at) AS due
        CROSS JOIN LATERAL (
                SELECT CASE WHEN g % 200 = 1 THEN ${TODAY} - 14 - (g / 200) % 60
                            WHEN g % 200 = 2 THEN ${TODAY} + (g / 200) % 31
                            ELSE ${TODAY} + 31 + g % 700 END AS ends) AS contract`,
    ],
    [
      'passports',
      `INSERT INTO requirement (id, placement_id, kind, status, evaluated_by, document_number_ciphertext, issued_on, expires_on)
       SELECT md5('passport:' || g)::uuid, md5('placement:' || g)::uuid, 'PASSPORT_VALID', 'SATISFIED', 'OFFICER',
              'v1.bench.AAAAAAAAAAAAAAAA.' || md5('passport:' || g), expiry.day - 1826, expiry.day
         FROM generate_series(1, $1::int) AS g
        CROSS JOIN LATERAL (
                SELECT CASE WHEN g % 200 = 3 THEN ${TODAY} + (g / 200) % 61
                            WHEN g % 200 = 4 THEN ${TODAY} - 1 - (g / 200) % 30
                            ELSE ${TODAY} + 61 + g % 1500 END AS day) AS expiry`,
    ],
    [
      'resolved alerts (history)',
      `INSERT INTO alert (id, kind, severity, status, placement_id, dedupe_key, reason, raised_at, resolved_at,
                         resolution_note)
       SELECT md5('alert:' || g)::uuid, 'MISSED_CHECK_IN', 'MEDIUM', 'RESOLVED', placement.id,
              'MISSED_CHECK_IN:' || placement.id, 'history', now() - (100 + g % 700) * interval '1 day',
              now() - (100 + g % 700) * interval '1 day' + interval '2 days', 'Resolved by Lintas: history.'
         FROM generate_series(1, $1::int / 2) AS g
        CROSS JOIN LATERAL (SELECT md5('placement:' || (1 + (g * 7) % $1::int))::uuid AS id) AS placement`,
    ],
    [
      'sent outbox rows (history)',
      `INSERT INTO outbox_event (id, topic, aggregate_type, aggregate_id, payload, occurred_at, sent_at)
       SELECT md5('event:' || id)::uuid, 'alert.raised', 'alert', id,
              jsonb_build_object('alertId', id, 'severity', severity), raised_at, raised_at
         FROM alert WHERE $1::int > 0`,
    ],
  ];
  for (const [what, sql] of steps) {
    const { ms: took } = await timed(() => dataSource.query(sql, [PLACEMENTS]));
    say(`- seeded ${what}: ${ms(took)}`);
  }
  const { ms: vacuumed } = await timed(() => dataSource.query('VACUUM ANALYZE'));
  say(`- VACUUM ANALYZE: ${ms(vacuumed)}`);
}

/**
 * As if every open alert belonged to an earlier episode, long resolved, and the relay had sent the
 * outbox: the next sweep raises every overdue placement again. Their raised_at moves back two years,
 * before any current condition began, or the sweep would rightly leave the resolved condition alone.
 * (History is the 100+ days old resolved alerts seeded above.)
 */
const resolveAll = (dataSource: DataSource): Promise<unknown> =>
  dataSource.transaction(async (manager) => {
    await manager.query(
      `UPDATE alert SET status = 'RESOLVED', resolved_at = now(), resolution_note = 'bench',
                        raised_at = raised_at - interval '2 years'
        WHERE status <> 'RESOLVED'`,
    );
    await manager.query('UPDATE outbox_event SET sent_at = now() WHERE sent_at IS NULL');
  });

/** The state before a first sweep: no open alert, no unsent event, vacuumed, so every run starts alike. */
async function clearOpenAlerts(dataSource: DataSource): Promise<void> {
  await resolveAll(dataSource);
  await dataSource.query('VACUUM ANALYZE alert, outbox_event');
}

const BARE_INSERT = `
  INSERT INTO alert (id, kind, severity, placement_id, dedupe_key, reason, raised_at)
  SELECT gen_random_uuid(), 'MISSED_CHECK_IN', 'MEDIUM', placement.id, 'MISSED_CHECK_IN:' || placement.id,
         'bare insert', $1::timestamptz
    FROM placement
   WHERE placement.stage IN ('DEPARTED', 'PLACED', 'REPATRIATING')
     AND placement.next_check_in_due_at < $1::timestamptz - $2::int * interval '24 hours'`;

/** Runs a statement as AlertSweeper.run does: in its own transaction, without JIT. */
const withoutJit = <T>(dataSource: DataSource, sql: string, parameters: unknown[]): Promise<T> =>
  dataSource.transaction(async (manager) => {
    await manager.query('SET LOCAL jit = off');
    return manager.query<T>(sql, parameters);
  });

async function explain(dataSource: DataSource, sweeper: AlertSweeper, rule: SweepRule): Promise<string> {
  const { sql, parameters } = sweeper.prepare(rule);
  const rows = await withoutJit<{ 'QUERY PLAN': string }[]>(
    dataSource,
    `EXPLAIN (ANALYZE, BUFFERS, WAL) ${sql}`,
    parameters,
  );
  return rows.map((row) => row['QUERY PLAN']).join('\n');
}

function gc(): void {
  (globalThis as { gc?: () => void }).gc?.();
}

async function main(): Promise<void> {
  const config = loadConfig({
    ...process.env,
    DATABASE_URL: `${SERVER_URL}/${DATABASE}`,
    DATABASE_POOL_SIZE: '4',
  });
  const missedCheckIn = sweepRuleNamed('missed-check-in');
  if (!missedCheckIn) throw new Error('no missed-check-in rule');

  say(`# Sweep benchmark, ${new Date().toISOString()}`);
  say();
  const fresh = await prepareDatabase();
  const dataSource = await new DataSource(lintasDataSourceOptions(config)).initialize();
  try {
    const [{ version }] = await dataSource.query<{ version: string }[]>('SELECT version()');
    say(
      `- machine: ${cpus().length} CPUs (nproc), ${cpus()[0]?.model ?? 'unknown CPU'}, ${mib(totalmem())} RAM`,
    );
    say(`- ${version}`);
    say(`- Node ${process.version}`);
    say(
      `- load average at the start: ${loadavg()
        .map((load) => load.toFixed(2))
        .join(', ')}`,
    );
    const [{ shared_buffers: sharedBuffers }] =
      await dataSource.query<{ shared_buffers: string }[]>('SHOW shared_buffers');
    say(`- PostgreSQL settings as installed (shared_buffers ${sharedBuffers})`);
    if (fresh) {
      say(`- ${PLACEMENTS.toLocaleString('en')} placements abroad, 1 in ${OVERDUE_EVERY} overdue`);
      const { ms: migrated } = await timed(() => dataSource.runMigrations({ transaction: 'each' }));
      say(`- migrated ${DATABASE}: ${ms(migrated)}`);
      await seed(dataSource);
    } else {
      const [{ count }] = await dataSource.query<{ count: string }[]>('SELECT count(*) FROM placement');
      say(
        `- reused ${DATABASE}: ${Number(count).toLocaleString('en')} placements abroad, 1 in ${OVERDUE_EVERY} overdue`,
      );
    }

    const sweeper = new AlertSweeper(dataSource, new Clock(), config);
    const grace = config.CHECK_IN_GRACE_DAYS;

    say();
    say('## Missed check-in');
    say();
    const bare: number[] = [];
    for (let run = 0; run < RUNS; run += 1) {
      await clearOpenAlerts(dataSource);
      bare.push((await timed(() => withoutJit(dataSource, BARE_INSERT, [new Date(), grace]))).ms);
    }
    const [{ count: bareRows }] = await dataSource.query<{ count: string }[]>(
      `SELECT count(*) FROM alert WHERE status <> 'RESOLVED'`,
    );

    const first: number[] = [];
    let firstCounts = { raised: 0, escalated: 0 };
    for (let run = 0; run < RUNS; run += 1) {
      await clearOpenAlerts(dataSource);
      const sweep = await timed(() => sweeper.run(missedCheckIn));
      first.push(sweep.ms);
      firstCounts = sweep.result;
    }
    const [{ count: outboxRows }] = await dataSource.query<{ count: string }[]>(
      'SELECT count(*) FROM outbox_event WHERE sent_at IS NULL',
    );

    const idle: number[] = [];
    for (let run = 0; run < IDLE_RUNS; run += 1) {
      const sweep = await timed(() => sweeper.run(missedCheckIn));
      if (sweep.result.raised + sweep.result.escalated > 0)
        throw new Error('an idle sweep changed something');
      idle.push(sweep.ms);
    }

    say('| measure | runs | median | min | max | target |');
    say('|---|---|---|---|---|---|');
    const row = (what: string, values: number[], target: string): void =>
      say(
        `| ${what} | ${values.length} | ${ms(median(values))} | ${ms(Math.min(...values))} | ${ms(Math.max(...values))} | ${target} |`,
      );
    row(`bare INSERT … SELECT (${bareRows} rows)`, bare, '—');
    row(
      `first sweep (${firstCounts.raised} raised, ${outboxRows} outbox rows)`,
      first,
      `< ${TARGET_FIRST_MS} ms: ${Math.max(...first) < TARGET_FIRST_MS ? 'met' : 'MISSED'}`,
    );
    row(
      'idle re-sweep (nothing to do)',
      idle,
      `< ${TARGET_IDLE_MS} ms: ${Math.max(...idle) < TARGET_IDLE_MS ? 'met' : 'MISSED'}`,
    );
    say();
    say(
      'Each first sweep and bare insert starts with no open alert and no unsent outbox row, on top of ' +
        'the history (all resolved and sent, then VACUUM ANALYZE).',
    );

    say();
    say('### Memory of the process running the sweeps');
    say();
    say(
      `${MEMORY_CYCLES} cycles of: resolve every open alert and mark the outbox sent, then sweep ` +
        `(raising every overdue placement again), then an idle sweep; no VACUUM in between.`,
    );
    say();
    await resolveAll(dataSource);
    await sweeper.run(missedCheckIn);
    gc();
    const before = process.memoryUsage();
    const cycles: number[] = [];
    for (let cycle = 0; cycle < MEMORY_CYCLES; cycle += 1) {
      await resolveAll(dataSource);
      const sweep = await timed(() => sweeper.run(missedCheckIn));
      cycles.push(sweep.ms);
      await sweeper.run(missedCheckIn);
    }
    gc();
    const after = process.memoryUsage();
    const [{ count: history }] = await dataSource.query<{ count: string }[]>('SELECT count(*) FROM alert');
    say('| | before | after | change |');
    say('|---|---|---|---|');
    for (const key of ['rss', 'heapUsed', 'external'] as const) {
      say(`| ${key} | ${mib(before[key])} | ${mib(after[key])} | ${mib(after[key] - before[key])} |`);
    }
    say();
    say(
      `Sweeps in these cycles (alert table growing to ${history} rows): median ${ms(median(cycles))}, ` +
        `max ${ms(Math.max(...cycles))}.`,
    );

    say();
    say('### Plan of the first sweep');
    say();
    await clearOpenAlerts(dataSource);
    say('```');
    say(await explain(dataSource, sweeper, missedCheckIn));
    say('```');
    say();
    say('### Plan of an idle re-sweep');
    say();
    say('```');
    say(await explain(dataSource, sweeper, missedCheckIn));
    say('```');

    say();
    say('## The other time rules, on the same data');
    say();
    say('| rule | first sweep | raised | idle re-sweep (median of 5) |');
    say('|---|---|---|---|');
    for (const name of SWEEP_RULE_NAMES.filter((rule) => rule !== missedCheckIn.name)) {
      const rule = sweepRuleNamed(name);
      if (!rule) continue;
      await clearOpenAlerts(dataSource);
      const sweep = await timed(() => sweeper.run(rule));
      const idleRule: number[] = [];
      for (let run = 0; run < 5; run += 1) idleRule.push((await timed(() => sweeper.run(rule))).ms);
      say(`| ${name} | ${ms(sweep.ms)} | ${sweep.result.raised} | ${ms(median(idleRule))} |`);
    }
    for (const name of SWEEP_RULE_NAMES.filter((rule) => rule !== missedCheckIn.name)) {
      const rule = sweepRuleNamed(name);
      if (!rule) continue;
      await clearOpenAlerts(dataSource);
      say();
      say(`### Plan of the first ${name} sweep`);
      say();
      say('```');
      say(await explain(dataSource, sweeper, rule));
      say('```');
    }
    say();
    say(
      `Load average at the end: ${loadavg()
        .map((load) => load.toFixed(2))
        .join(', ')}.`,
    );
  } finally {
    await dataSource.destroy();
  }
}

await main();
