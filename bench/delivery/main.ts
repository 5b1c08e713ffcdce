/**
 * Alert delivery throughput (issue 8, item 4), part `delivery`: the contract-ending sweep raises N
 * alerts with their outbox rows, each routed to one BP3MI office whose webhook is a local receiver;
 * the real worker (`dist/apps/worker/src/main.js`, on Node 22) relays the outbox, dispatches and
 * delivers. Measured: deliveries per second from the first delivery received to the last, and end
 * to end from the sweep's commit; each run checks that every delivery is DELIVERED in the database
 * after one attempt and that the receiver got each exactly once, signed.
 *
 *   node dist/bench/delivery/main.js [--alerts 5000 | --quick (1000)] [--runs 5] [--worker-env NAME=VALUE …]
 *
 * `--worker-env` sets a variable of the worker (QUEUE_CONCURRENCY=8, …) for experiments; the figures
 * name every setting that differs from the defaults.
 */
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { parseArgs } from 'node:util';
import { Queue } from 'bullmq';
import { Redis } from 'ioredis';
import { DataSource } from 'typeorm';
import { AlertSweeper, sweepRuleNamed } from '#lintas/alerts';
import { Clock, loadConfig } from '#lintas/core';
import { QueueName } from '#lintas/queue';
import { lintasDataSourceOptions } from '../../migrations/data-source.js';
import { benchEnvironment } from '../lib/bench-env.js';
import { median, startReport, type Figure } from '../lib/report.js';
import { ONE_SWEEP_A_DAY, waitForSweepTicks } from '../lib/sweep-ticks.js';
import { createDatabase, DELIVERY_DATABASE, dropDatabase, seedPlacements } from './delivery-database.js';
import { startReceiver, startWorker, type RunningReceiver, type RunningWorker } from './processes.js';

/** The benchmark's own Redis prefix: its queues never meet those of another part's worker. */
const REDIS_PREFIX = 'lintas-bswd';
const TARGET_PER_SECOND = 1000;
const POLL_MS = 250;
/** After the database says all is delivered, how long a repeat delivery still has to show up. */
const SETTLE_MS = 1000;

const say = (line = ''): void => {
  process.stdout.write(`${line}\n`);
};

interface Options {
  alerts: number;
  runs: number;
  workerEnv: Record<string, string>;
}

function options(): Options {
  const { values } = parseArgs({
    options: {
      alerts: { type: 'string' },
      quick: { type: 'boolean' },
      runs: { type: 'string' },
      'worker-env': { type: 'string', multiple: true },
    },
  });
  const alerts = Number(values.alerts ?? (values.quick ? 1000 : 5000));
  const runs = Number(values.runs ?? 5);
  if (!Number.isInteger(alerts) || alerts < 2)
    throw new Error('--alerts must be a whole number of at least 2');
  if (!Number.isInteger(runs) || runs < 1) throw new Error('--runs must be a whole number of at least 1');
  const workerEnv: Record<string, string> = {};
  for (const setting of values['worker-env'] ?? []) {
    const [name, ...value] = setting.split('=');
    if (!name || value.length === 0) throw new Error(`--worker-env ${setting}: expected NAME=VALUE`);
    workerEnv[name] = value.join('=');
  }
  return { alerts, runs, workerEnv };
}

/** As if the last run's alerts were long resolved: the next sweep raises them all again. */
async function resolveOpenAlerts(dataSource: DataSource): Promise<void> {
  await dataSource.query(
    `UPDATE alert SET status = 'RESOLVED', resolved_at = now(), resolution_note = 'bench',
                      raised_at = raised_at - interval '2 years'
      WHERE status <> 'RESOLVED'`,
  );
  await dataSource.query(
    'VACUUM ANALYZE alert, alert_recipient, alert_delivery, alert_delivery_attempt, outbox_event',
  );
}

interface DeliveryCounts {
  deliveries: number;
  delivered: number;
  failed: number;
  attempts: number;
}

/** The deliveries of the open alerts (this run's), by state, and their attempts. */
async function deliveryCounts(dataSource: DataSource): Promise<DeliveryCounts> {
  const [counts] = await dataSource.query<DeliveryCounts[]>(
    `SELECT count(*)::int AS deliveries,
            count(*) FILTER (WHERE d.status = 'DELIVERED')::int AS delivered,
            count(*) FILTER (WHERE d.status = 'FAILED')::int AS failed,
            coalesce(sum(d.attempts), 0)::int AS attempts
       FROM alert a JOIN alert_delivery d ON d.alert_id = a.id
      WHERE a.status <> 'RESOLVED'`,
  );
  return counts;
}

async function waitUntilDelivered(dataSource: DataSource, alerts: number): Promise<DeliveryCounts> {
  const deadline = Date.now() + 60_000 + alerts * 20;
  for (;;) {
    const counts = await deliveryCounts(dataSource);
    if (counts.failed > 0) throw new Error(`${counts.failed} deliveries FAILED`);
    if (counts.delivered >= alerts) return counts;
    if (Date.now() > deadline)
      throw new Error(
        `only ${counts.delivered} of ${alerts} delivered in time (${counts.deliveries} written)`,
      );
    await sleep(POLL_MS);
  }
}

interface RunResult {
  /** Deliveries per second from the first received to the last. */
  rate: number;
  /** Deliveries per second from the sweep's commit to the last received. */
  endToEnd: number;
  /** From the sweep's commit to the first delivery received. */
  firstAfterMs: number;
  /** CPU time of the worker process per delivery (relay, dispatch and delivery), when known. */
  workerCpuMs: number | null;
}

async function measureRun(
  dataSource: DataSource,
  sweeper: AlertSweeper,
  receiver: RunningReceiver,
  worker: RunningWorker,
  alerts: number,
): Promise<RunResult> {
  const contractEnding = sweepRuleNamed('contract-ending');
  if (!contractEnding) throw new Error('no contract-ending rule');
  await resolveOpenAlerts(dataSource);
  await receiver.tally(true);
  const cpuBefore = worker.cpuMs();
  const { raised } = await sweeper.run(contractEnding);
  const committedAt = Date.now();
  if (raised !== alerts) throw new Error(`the sweep raised ${raised} alerts, not ${alerts}`);
  const counts = await waitUntilDelivered(dataSource, alerts);
  const cpuAfter = worker.cpuMs();
  await sleep(SETTLE_MS);
  const tally = await receiver.tally();
  const problems = [
    counts.deliveries !== alerts && `${counts.deliveries} deliveries written for ${alerts} alerts`,
    counts.attempts !== alerts && `${counts.attempts} attempts recorded for ${alerts} deliveries`,
    tally.received !== alerts && `the receiver got ${tally.received} requests for ${alerts} deliveries`,
    tally.repeats > 0 && `the receiver got ${tally.repeats} deliveries twice`,
    tally.malformed > 0 && `${tally.malformed} requests without a signature or an Idempotency-Key`,
  ].filter((problem): problem is string => typeof problem === 'string');
  if (problems.length > 0) throw new Error(problems.join('; '));
  if (tally.firstAt === null || tally.lastAt === null) throw new Error('nothing was received');
  return {
    rate: alerts / (Math.max(tally.lastAt - tally.firstAt, 1) / 1000),
    endToEnd: alerts / (Math.max(tally.lastAt - committedAt, 1) / 1000),
    firstAfterMs: tally.firstAt - committedAt,
    workerCpuMs: cpuBefore === null || cpuAfter === null ? null : (cpuAfter - cpuBefore) / alerts,
  };
}

/**
 * Completed jobs are kept for days (their ids deduplicate): cleared between runs, so that every
 * run starts with the same Redis.
 */
async function clearCompletedJobs(redis: Redis): Promise<void> {
  for (const name of [QueueName.DomainEvents, QueueName.AlertDeliveries]) {
    const queue = new Queue(name, { connection: redis, prefix: REDIS_PREFIX });
    await queue.clean(0, 1_000_000, 'completed');
    await queue.close();
  }
}

async function deleteRedisKeys(redis: Redis): Promise<void> {
  let cursor = '0';
  do {
    const [next, keys] = await redis.scan(cursor, 'MATCH', `${REDIS_PREFIX}:*`, 'COUNT', 1000);
    if (keys.length > 0) await redis.unlink(...keys);
    cursor = next;
  } while (cursor !== '0');
}

const rounded = (value: number): number => Math.round(value);

/** The worker is one Node process: 1,000 ms of CPU divided by this is its ceiling in deliveries/s on one core. */
function workerCpuFigure(results: RunResult[]): Figure[] {
  const cpu = results.map((result) => result.workerCpuMs);
  if (cpu.some((value) => value === null)) return [];
  const perDelivery = cpu.filter((value): value is number => value !== null);
  const value = median(perDelivery);
  return [
    {
      measure: 'worker CPU per delivery (relay, dispatch, delivery)',
      value: Math.round(value * 100) / 100,
      unit: 'ms',
      runs: perDelivery.map((ms) => Math.round(ms * 100) / 100),
      note: `the worker's ceiling on one core: about ${rounded(1000 / value)} deliveries/s`,
    },
  ];
}

function figures(results: RunResult[], alerts: number, workerEnv: Record<string, string>): Figure[] {
  const settings = Object.entries(workerEnv).map(([name, value]) => `${name}=${value}`);
  const setup =
    `${alerts.toLocaleString('en-US')} CONTRACT_ENDING alerts, one webhook delivery each; worker on Node 22` +
    (settings.length > 0 ? ` with ${settings.join(', ')}` : ' with the default settings');
  const rate = median(results.map((result) => result.rate));
  return [
    {
      measure: 'webhook deliveries/s, first delivery to last',
      value: rounded(rate),
      unit: 'deliveries/s',
      runs: results.map((result) => rounded(result.rate)),
      target: `≥ ${TARGET_PER_SECOND.toLocaleString('en-US')}/s`,
      met: rate >= TARGET_PER_SECOND,
      note: setup,
    },
    {
      measure: "webhook deliveries/s, end to end from the sweep's outbox rows",
      value: rounded(median(results.map((result) => result.endToEnd))),
      unit: 'deliveries/s',
      runs: results.map((result) => rounded(result.endToEnd)),
      note: `first delivery ${rounded(median(results.map((result) => result.firstAfterMs)))} ms after the commit (median)`,
    },
    ...workerCpuFigure(results),
  ];
}

async function main(): Promise<void> {
  const { alerts, runs, workerEnv } = options();
  const report = startReport('delivery');
  const env: Record<string, string> = {
    ...benchEnvironment(DELIVERY_DATABASE),
    REDIS_KEY_PREFIX: REDIS_PREFIX,
  };
  // One tick at start, then none: a scheduled sweep must not raise this run's alerts before the harness does.
  const worker = { ...env, ...ONE_SWEEP_A_DAY, ...workerEnv };
  const logFile = join(tmpdir(), 'lintas-bench-delivery-worker.log');
  const redis = new Redis(env.REDIS_URL, { maxRetriesPerRequest: null });
  const receiver = await startReceiver();
  let dataSource: DataSource | undefined;
  let running: RunningWorker | undefined;
  let cleaning: Promise<void> | undefined;
  /** Once, whether the run ends, fails or is interrupted: no worker, receiver or database is left behind. */
  const cleanUp = (): Promise<void> =>
    (cleaning ??= (async () => {
      await running?.stop();
      await dataSource?.destroy();
      receiver.stop();
      await deleteRedisKeys(redis);
      redis.disconnect();
      await dropDatabase();
    })());
  for (const [signal, code] of [
    ['SIGINT', 130],
    ['SIGTERM', 143],
  ] as const) {
    process.once(signal, () => {
      say(`${signal}: stopping the worker and the receiver, dropping ${DELIVERY_DATABASE}`);
      void cleanUp().finally(() => process.exit(code));
    });
  }
  try {
    await deleteRedisKeys(redis);
    say(`# Alert delivery: ${alerts.toLocaleString('en-US')} alerts, ${runs} runs after a warm-up`);
    await createDatabase(env, receiver.port);
    const config = loadConfig({ ...env, DATABASE_POOL_SIZE: '2' });
    dataSource = await new DataSource(lintasDataSourceOptions(config)).initialize();
    running = await startWorker(worker, logFile);
    say(`- worker started (log: ${logFile})`);
    await waitForSweepTicks(redis, REDIS_PREFIX);
    await seedPlacements(dataSource, alerts);
    const sweeper = new AlertSweeper(dataSource, new Clock(), config);
    const results: RunResult[] = [];
    for (let run = 0; run <= runs; run += 1) {
      const result = await measureRun(dataSource, sweeper, receiver, running, alerts);
      say(
        `- ${run === 0 ? 'warm-up' : `run ${run}`}: ${rounded(result.rate)} deliveries/s first to last, ` +
          `${rounded(result.endToEnd)}/s end to end, first after ${rounded(result.firstAfterMs)} ms, ` +
          `worker CPU ${result.workerCpuMs?.toFixed(2) ?? '?'} ms per delivery`,
      );
      if (run > 0) results.push(result);
      await clearCompletedJobs(redis);
    }
    say();
    report.finish(figures(results, alerts, workerEnv));
  } finally {
    await cleanUp();
  }
}

await main();
