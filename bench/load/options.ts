/**
 * What a run of the load harness measures and for how long. Every value has a flag and a
 * BENCH_* environment variable; flags win.
 *
 * Defaults and why: 20 s per run is long enough for a stable p99 at a few hundred requests per
 * second and short enough for 5 alternating runs of every scenario; 50 connections keep the api's
 * event loop and its 10 database connections busy on 2 cores without making the latency mostly
 * queueing (it is the example too); 5 s of warm-up per server and scenario lets V8 optimise
 * and PostgreSQL cache the pages before anything is measured.
 */
import { BENCH_DATABASE, BENCH_REDIS_PREFIX } from '../lib/bench-env.js';

export const PARTS = ['resources', 'load', 'soak'] as const;
export type Part = (typeof PARTS)[number];

export interface LoadOptions {
  database: string;
  parts: Part[];
  /** Only the scenarios named (all when empty): for developing one scenario. */
  scenarios: string[];
  durationSeconds: number;
  warmupSeconds: number;
  connections: number;
  runs: number;
  /** registerPlacement at this fixed rate, for the p99 target. */
  fixedRate: number;
  soakMinutes: number;
  coldStarts: number;
  /** Workers kept free for registerPlacement: more than one run's requests. */
  registrationPool: number;
  portBase: number;
  redisPrefix: string;
}

const QUICK: Partial<Record<keyof LoadOptions, string>> = {
  durationSeconds: '5',
  warmupSeconds: '2',
  runs: '3',
  soakMinutes: '1',
  coldStarts: '3',
  registrationPool: '20000',
};

const FLAGS: Record<string, keyof LoadOptions> = {
  '--database': 'database',
  '--parts': 'parts',
  '--scenarios': 'scenarios',
  '--duration': 'durationSeconds',
  '--warmup': 'warmupSeconds',
  '--connections': 'connections',
  '--runs': 'runs',
  '--rate': 'fixedRate',
  '--soak-minutes': 'soakMinutes',
  '--cold-starts': 'coldStarts',
  '--registration-pool': 'registrationPool',
  '--port-base': 'portBase',
  '--redis-prefix': 'redisPrefix',
};

const ENV: Record<keyof LoadOptions, string> = {
  database: 'BENCH_DATABASE',
  parts: 'BENCH_PARTS',
  scenarios: 'BENCH_SCENARIOS',
  durationSeconds: 'BENCH_DURATION',
  warmupSeconds: 'BENCH_WARMUP',
  connections: 'BENCH_CONNECTIONS',
  runs: 'BENCH_RUNS',
  fixedRate: 'BENCH_RATE',
  soakMinutes: 'BENCH_SOAK_MINUTES',
  coldStarts: 'BENCH_COLD_STARTS',
  registrationPool: 'BENCH_REGISTRATION_POOL',
  portBase: 'BENCH_PORT_BASE',
  redisPrefix: 'BENCH_REDIS_PREFIX',
};

const DEFAULTS: Record<keyof LoadOptions, string> = {
  database: BENCH_DATABASE,
  parts: PARTS.join(','),
  scenarios: '',
  durationSeconds: '20',
  warmupSeconds: '5',
  connections: '50',
  runs: '5',
  fixedRate: '500',
  soakMinutes: '10',
  coldStarts: '5',
  registrationPool: '100000',
  portBase: '4100',
  redisPrefix: BENCH_REDIS_PREFIX,
};

export const USAGE = `node dist/bench/load/main.js [--quick] [--database D] [--parts ${PARTS.join(',')}]
  [--scenarios name,…] [--duration S] [--warmup S] [--connections C] [--runs N] [--rate R]
  [--soak-minutes M] [--cold-starts N] [--registration-pool N] [--port-base P] [--redis-prefix P]
--quick: 5 s runs, 2 s warm-up, 3 runs, a 1-minute soak, 3 cold starts.`;

function positive(name: string, value: string): number {
  const number = Number(value);
  if (!Number.isFinite(number) || number <= 0)
    throw new Error(`${name} must be a positive number, not "${value}"`);
  return number;
}

export function parseOptions(argv: readonly string[], env: NodeJS.ProcessEnv = process.env): LoadOptions {
  const given: Partial<Record<keyof LoadOptions, string>> = {};
  let quick = env.BENCH_QUICK === '1';
  for (let index = 0; index < argv.length; index += 1) {
    const flag = argv[index];
    if (flag === '--quick') {
      quick = true;
      continue;
    }
    const key = FLAGS[flag];
    const value = argv[index + 1];
    if (!key || value === undefined) throw new Error(`unknown or incomplete option "${flag}"\n${USAGE}`);
    given[key] = value;
    index += 1;
  }
  const value = (key: keyof LoadOptions): string =>
    given[key] ?? env[ENV[key]] ?? (quick ? QUICK[key] : undefined) ?? DEFAULTS[key];
  const list = (key: keyof LoadOptions): string[] => value(key).split(',').filter(Boolean);
  const parts = list('parts');
  for (const part of parts) {
    if (!PARTS.includes(part as Part)) throw new Error(`unknown part "${part}": ${PARTS.join(', ')}`);
  }
  return {
    database: value('database'),
    parts: parts as Part[],
    scenarios: list('scenarios'),
    durationSeconds: positive('--duration', value('durationSeconds')),
    warmupSeconds: positive('--warmup', value('warmupSeconds')),
    connections: positive('--connections', value('connections')),
    runs: positive('--runs', value('runs')),
    fixedRate: positive('--rate', value('fixedRate')),
    soakMinutes: positive('--soak-minutes', value('soakMinutes')),
    coldStarts: positive('--cold-starts', value('coldStarts')),
    registrationPool: positive('--registration-pool', value('registrationPool')),
    portBase: positive('--port-base', value('portBase')),
    redisPrefix: value('redisPrefix'),
  };
}
