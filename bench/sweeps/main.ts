/**
 * Every time rule over a national-size table of placements (issue 8, item 4): the first sweep
 * (raising every due condition, with its outbox rows) and an idle re-sweep, through the real sweep
 * code (`AlertSweeper.run`, as the worker's job handler runs it), each against the bare statement
 * timed in psql; then the memory of the process running the sweeps over 10 cycles. Part `sweeps`.
 *
 *   node dist/bench/sweeps/main.js [--placements 1000000 | --quick] [--runs 5] [--reseed] [--explain]
 *
 * The database (`lintas_bench_sweeps`) is seeded once per size and reused; `--reseed` seeds it again.
 */
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { parseArgs } from 'node:util';
import { DataSource } from 'typeorm';
import { AlertSweeper, sweepRuleNamed, SWEEP_RULE_NAMES, type SweepRule } from '#lintas/alerts';
import { Clock, loadConfig } from '#lintas/core';
import { lintasDataSourceOptions } from '../../migrations/data-source.js';
import { benchDatabaseUrl, benchEnvironment } from '../lib/bench-env.js';
import { median, startReport, type Figure } from '../lib/report.js';
import { timeInPsql } from './psql.js';
import {
  clearOpenAlerts,
  OVERDUE_EVERY,
  readSeedMarker,
  recreateDatabase,
  resolveAll,
  restoreSeededState,
  seed,
  SWEEPS_DATABASE,
  writeSeedMarker,
} from './sweeps-database.js';

const MISSED_CHECK_IN = 'missed-check-in';
const TARGET_FIRST_MS = 1000;
const TARGET_IDLE_MS = 200;
const MEMORY_CYCLES = 10;
/** RSS after the cycles may exceed RSS before by this share and still be flat. */
const FLAT_RSS_MARGIN = 0.05;

const say = (line = ''): void => {
  process.stdout.write(`${line}\n`);
};
const mib = (bytes: number): number => Math.round((bytes / 1024 / 1024) * 10) / 10;
const rounded = (ms: number): number => Math.round(ms * 10) / 10;

/** The sweeps run at the instant the seed's dates are relative to: see `SeedMarker.anchor`. */
class SeedClock extends Clock {
  constructor(private readonly anchor: Date) {
    super();
  }

  override now(): Date {
    return new Date(this.anchor);
  }
}

/** A full collection without --expose-gc on the command line, so memory is read after garbage is gone. */
function collectGarbage(): void {
  setFlagsFromString('--expose-gc');
  (runInNewContext('gc') as () => void)();
}

async function timed<T>(work: () => Promise<T>): Promise<{ ms: number; result: T }> {
  const startedAt = performance.now();
  const result = await work();
  return { ms: performance.now() - startedAt, result };
}

function options(): { placements: number; runs: number; reseed: boolean; explain: boolean } {
  const { values } = parseArgs({
    options: {
      placements: { type: 'string' },
      quick: { type: 'boolean' },
      runs: { type: 'string' },
      reseed: { type: 'boolean' },
      explain: { type: 'boolean' },
    },
  });
  const placements = Number(values.placements ?? (values.quick ? 100_000 : 1_000_000));
  const runs = Number(values.runs ?? 5);
  if (!Number.isInteger(placements) || placements < OVERDUE_EVERY)
    throw new Error(`--placements must be a whole number of at least ${OVERDUE_EVERY}`);
  if (!Number.isInteger(runs) || runs < 1) throw new Error('--runs must be a whole number of at least 1');
  return { placements, runs, reseed: values.reseed === true, explain: values.explain === true };
}

/** The seeded database at this size, seeded now if it is not (or `reseed`); answers its anchor. */
async function preparedDatabase(
  config: ReturnType<typeof loadConfig>,
  placements: number,
  reseed: boolean,
): Promise<Date> {
  const marker = reseed ? null : await readSeedMarker(placements);
  if (marker) {
    say(`- reused ${SWEEPS_DATABASE}, seeded at ${marker.anchor} (--reseed to seed it again)`);
    return new Date(marker.anchor);
  }
  await recreateDatabase();
  const anchor = new Date();
  const dataSource = await new DataSource(lintasDataSourceOptions(config)).initialize();
  try {
    const { ms } = await timed(() => dataSource.runMigrations({ transaction: 'each' }));
    say(`- migrated ${SWEEPS_DATABASE}: ${Math.round(ms)} ms`);
    await seed(dataSource, placements, anchor, say);
  } finally {
    await dataSource.destroy();
  }
  await writeSeedMarker(placements, anchor);
  return anchor;
}

/** The rule's conditions inserted as alerts and nothing else: no open-alert probe, no outbox. */
const bareInsert = (rule: SweepRule): string => `
  INSERT INTO alert (id, kind, severity, placement_id, dedupe_key, reason, raised_at, updated_at)
  SELECT gen_random_uuid(), candidate.kind, candidate.severity, candidate.placement_id, candidate.dedupe_key,
         candidate.reason, $1::timestamptz, $1::timestamptz
    FROM (${rule.candidates}) AS candidate`;

/** What any sweep of the rule must at least do: find its conditions. */
const bareSelect = (rule: SweepRule): string => `SELECT count(*) FROM (${rule.candidates}) AS candidate`;

const sqlType = (value: unknown): string =>
  value instanceof Date ? 'timestamptz' : typeof value === 'number' ? 'int' : 'text';

interface RuleTimings {
  rule: string;
  raised: number;
  first: number[];
  bareInsert: number[];
  idle: number[];
  bareSelect: number[];
}

/**
 * Alternates the bare insert in psql and the first sweep, each from the same state (no open alert,
 * no unsent event, vacuumed), then times idle re-sweeps and the bare select alternately.
 */
async function measureRule(
  dataSource: DataSource,
  sweeper: AlertSweeper,
  rule: SweepRule,
  runs: number,
): Promise<RuleTimings> {
  const databaseUrl = benchDatabaseUrl(SWEEPS_DATABASE);
  const { parameters } = sweeper.prepare(rule);
  // The request id ($2) is null here and read by no bare statement, but PREPARE needs every type.
  const types = parameters.map(sqlType);
  const timings: RuleTimings = {
    rule: rule.name,
    raised: 0,
    first: [],
    bareInsert: [],
    idle: [],
    bareSelect: [],
  };
  for (let run = 0; run < runs; run += 1) {
    await clearOpenAlerts(dataSource);
    const bare = await timeInPsql(databaseUrl, bareInsert(rule), types, parameters);
    timings.bareInsert.push(bare.ms);
    const bareRows = Number(/^INSERT 0 (\d+)$/.exec(bare.output)?.[1] ?? Number.NaN);

    await clearOpenAlerts(dataSource);
    const sweep = await timed(() => sweeper.run(rule));
    timings.first.push(sweep.ms);
    timings.raised = sweep.result.raised;
    if (sweep.result.raised !== bareRows)
      throw new Error(`${rule.name}: the sweep raised ${sweep.result.raised}, the bare insert ${bareRows}`);
  }
  const [{ unsent }] = await dataSource.query<{ unsent: number }[]>(
    'SELECT count(*)::int AS unsent FROM outbox_event WHERE sent_at IS NULL',
  );
  if (unsent !== timings.raised)
    throw new Error(`${rule.name}: ${timings.raised} alerts raised but ${unsent} outbox rows`);

  for (let run = 0; run < runs; run += 1) {
    const sweep = await timed(() => sweeper.run(rule));
    if (sweep.result.raised + sweep.result.escalated > 0)
      throw new Error(`${rule.name}: an idle sweep changed something`);
    timings.idle.push(sweep.ms);
    timings.bareSelect.push((await timeInPsql(databaseUrl, bareSelect(rule), types, parameters)).ms);
  }
  return timings;
}

function ruleFigures(timings: RuleTimings): Figure[] {
  const missedCheckIn = timings.rule === MISSED_CHECK_IN;
  const first = median(timings.first);
  const bare = median(timings.bareInsert);
  const idle = median(timings.idle);
  const bareSelect = median(timings.bareSelect);
  const note = missedCheckIn ? undefined : "the issue's targets are for the missed check-in";
  return [
    {
      measure: `${timings.rule}: first sweep (${timings.raised.toLocaleString('en-US')} alerts + outbox rows)`,
      value: rounded(first),
      unit: 'ms',
      runs: timings.first.map(rounded),
      baseline: { name: 'bare INSERT … SELECT in psql', value: rounded(bare) },
      ratio: first / bare,
      ratioMeaning: 'time',
      ...(missedCheckIn ? { target: `< ${TARGET_FIRST_MS} ms`, met: first < TARGET_FIRST_MS } : { note }),
    },
    {
      measure: `${timings.rule}: idle re-sweep`,
      value: rounded(idle),
      unit: 'ms',
      runs: timings.idle.map(rounded),
      baseline: { name: 'bare SELECT in psql', value: rounded(bareSelect) },
      ratio: idle / bareSelect,
      ratioMeaning: 'time',
      ...(missedCheckIn ? { target: `< ${TARGET_IDLE_MS} ms`, met: idle < TARGET_IDLE_MS } : { note }),
    },
  ];
}

/**
 * RSS of this process, which runs the sweeps as the worker does, before and after cycles of: resolve
 * every open alert, sweep every rule (raising everything again), sweep every rule idle. No VACUUM in
 * between: the alert table grows as it would between autovacuum passes.
 */
async function measureMemory(
  sweeper: AlertSweeper,
  dataSource: DataSource,
  rules: SweepRule[],
): Promise<Figure> {
  const cycle = async (): Promise<void> => {
    await resolveAll(dataSource);
    for (const rule of rules) await sweeper.run(rule);
    for (const rule of rules) await sweeper.run(rule);
  };
  await cycle();
  collectGarbage();
  const before = process.memoryUsage();
  for (let run = 0; run < MEMORY_CYCLES; run += 1) await cycle();
  collectGarbage();
  const after = process.memoryUsage();
  say(
    `- memory: rss ${mib(before.rss)} → ${mib(after.rss)} MiB, heapUsed ${mib(before.heapUsed)} → ` +
      `${mib(after.heapUsed)} MiB, external ${mib(before.external)} → ${mib(after.external)} MiB`,
  );
  return {
    measure: `RSS of the process running the sweeps, after ${MEMORY_CYCLES} cycles of every rule`,
    value: mib(after.rss),
    unit: 'MiB',
    baseline: { name: 'before the cycles', value: mib(before.rss) },
    ratio: after.rss / before.rss,
    target: `flat (within ${FLAT_RSS_MARGIN * 100}%)`,
    met: after.rss <= before.rss * (1 + FLAT_RSS_MARGIN),
  };
}

async function explain(dataSource: DataSource, sweeper: AlertSweeper, rule: SweepRule): Promise<string> {
  const { sql, parameters } = sweeper.prepare(rule);
  const rows = await dataSource.transaction(async (manager) => {
    await manager.query('SET LOCAL jit = off');
    return manager.query<{ 'QUERY PLAN': string }[]>(`EXPLAIN (ANALYZE, BUFFERS, WAL) ${sql}`, parameters);
  });
  return rows.map((row) => row['QUERY PLAN']).join('\n');
}

async function printPlans(dataSource: DataSource, sweeper: AlertSweeper, rules: SweepRule[]): Promise<void> {
  for (const rule of rules) {
    await clearOpenAlerts(dataSource);
    for (const which of ['first', 'idle']) {
      say(
        `\n### Plan of the ${which} ${rule.name} sweep\n\n\`\`\`\n${await explain(dataSource, sweeper, rule)}\n\`\`\``,
      );
    }
  }
}

async function main(): Promise<void> {
  const { placements, runs, reseed, explain: withPlans } = options();
  const report = startReport('sweeps');
  const config = loadConfig({ ...benchEnvironment(SWEEPS_DATABASE), DATABASE_POOL_SIZE: '4' });
  const rules = SWEEP_RULE_NAMES.map((name) => sweepRuleNamed(name)).filter(
    (rule): rule is SweepRule => rule !== undefined,
  );

  say(`# Sweeps: ${placements.toLocaleString('en-US')} placements, 1 in ${OVERDUE_EVERY} overdue`);
  const anchor = await preparedDatabase(config, placements, reseed);
  const dataSource = await new DataSource(lintasDataSourceOptions(config)).initialize();
  try {
    const [{ version }] = await dataSource.query<{ version: string }[]>('SELECT version()');
    say(`- ${version}; JIT off for the sweeps and for psql`);
    await restoreSeededState(dataSource);
    const sweeper = new AlertSweeper(dataSource, new SeedClock(anchor), config);

    const figures: Figure[] = [];
    for (const rule of rules) {
      const timings = await measureRule(dataSource, sweeper, rule, runs);
      say(
        `- ${rule.name}: ${timings.raised} raised; first ${timings.first.map(Math.round).join(', ')} ms ` +
          `(bare ${timings.bareInsert.map(Math.round).join(', ')}); idle ${timings.idle.map(Math.round).join(', ')} ms ` +
          `(bare ${timings.bareSelect.map(Math.round).join(', ')})`,
      );
      figures.push(...ruleFigures(timings));
    }
    figures.push(await measureMemory(sweeper, dataSource, rules));
    if (withPlans) await printPlans(dataSource, sweeper, rules);
    await restoreSeededState(dataSource);
    say();
    report.finish(figures);
  } finally {
    await dataSource.destroy();
  }
}

await main();
