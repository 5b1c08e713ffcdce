/**
 * The load harness: starts Lintas's api and worker and the two baselines as children on Node 22,
 * then measures the parts asked for, each reported through bench/lib/report.ts:
 *   resources  api cold start, idle RSS of api and worker
 *   load       the load scenarios against their baselines
 *   soak       the mixed workload for minutes, RSS drift of the api
 * The children are killed at the end, on failure too, and the benchmark's Redis keys deleted.
 * The worker's time-rule sweeps run once at start, waited for before anything is measured.
 * The welfare contacts recorded under load, and the audit rows of every write, stay: a rerun
 * measures a database grown by them (the registrations are deleted after each run).
 *
 *   node dist/bench/load/main.js --quick            (see options.ts for every flag)
 */
import { loadavg } from 'node:os';
import { Redis } from 'ioredis';
import { type Figure, median, startReport } from '../lib/report.js';
import { waitForSweepTicks } from '../lib/sweep-ticks.js';
import { type Fixtures, prepareFixtures, releaseRegistrationPool } from './fixtures.js';
import { runLoad, type RunContext, type Targets } from './load.js';
import {
  assertPostgraphileInstalled,
  baselinesPresent,
  lineup,
  startAll,
  versions,
  type Lineup,
} from './lineup.js';
import { parseOptions, type LoadOptions } from './options.js';
import { coldStarts, idleRss } from './resources.js';
import { RegistrationPool } from './scenarios.js';
import { type ServerProcess, stopAll } from './servers.js';
import { runSoak } from './soak.js';

const say = (line: string): void => {
  process.stderr.write(`${line}\n`);
};

/** Deletes the keys under the prefix: queues, job ids and rate-limit counters of this run. */
async function clearRedis(redisUrl: string, prefix: string): Promise<number> {
  const redis = new Redis(redisUrl, { lazyConnect: true, maxRetriesPerRequest: 1 });
  await redis.connect();
  let deleted = 0;
  try {
    for await (const keys of redis.scanStream({ match: `${prefix}:*`, count: 1000 }) as AsyncIterable<
      string[]
    >) {
      if (keys.length > 0) deleted += await redis.unlink(...keys);
    }
    return deleted;
  } finally {
    redis.disconnect();
  }
}

async function startUpSweeps(redisUrl: string, prefix: string): Promise<void> {
  const redis = new Redis(redisUrl, { maxRetriesPerRequest: null });
  try {
    await waitForSweepTicks(redis, prefix);
  } finally {
    redis.disconnect();
  }
}

function contextFigure(loads: readonly number[], about: string): Figure {
  return {
    measure: 'load average (1 min) at the start of the measured runs',
    value: Number(median(loads).toFixed(2)),
    unit: '',
    runs: loads.map((load) => Number(load.toFixed(2))),
    note: about,
  };
}

async function measure(options: LoadOptions, servers: Lineup): Promise<void> {
  const about = await versions(servers.node, options.database);
  say(about);
  const wantsLoad = options.parts.includes('load') || options.parts.includes('soak');
  const withBaselines = options.parts.includes('load') && baselinesPresent();
  if (options.parts.includes('load') && !withBaselines) say('baselines not built: Lintas is measured alone');
  if (withBaselines) assertPostgraphileInstalled();
  const resources: Figure[] = [];
  const resourcesReport = startReport('resources');
  if (options.parts.includes('resources')) {
    say(`api cold start × ${options.coldStarts}`);
    resources.push(...(await coldStarts(servers, options.coldStarts)));
  }
  const { specs } = servers;
  let fixtures: Fixtures | undefined;
  const started: ServerProcess[] = await startAll(
    [specs.api, specs.worker, ...(withBaselines ? [specs.raw, specs.postgraphile] : [])],
    servers.node,
  );
  try {
    const [api, worker, raw, postgraphile] = started;
    say("waiting for the worker's start-up sweeps");
    await startUpSweeps(servers.lintasEnv.REDIS_URL, options.redisPrefix);
    if (options.parts.includes('resources')) {
      resources.push(...(await idleRss({ api, worker })));
      resources.push(contextFigure([loadavg()[0]], about));
      resourcesReport.finish(resources);
    }
    if (!wantsLoad) return;
    say('preparing the fixtures (registration pool, samples)');
    fixtures = await prepareFixtures(options.database, options.registrationPool);
    const context: RunContext = {
      options,
      fixtures,
      pool: new RegistrationPool(fixtures.registrationPool),
      loads: [],
    };
    if (options.parts.includes('load')) {
      const report = startReport('load');
      const targets: Targets = { api, raw, postgraphile };
      const figures = await runLoad(context, targets);
      report.finish([...figures, contextFigure(context.loads, about)]);
    }
    if (options.parts.includes('soak')) {
      const report = startReport('soak');
      say(`soak: mixed workload for ${options.soakMinutes} min`);
      report.finish([...(await runSoak(context, { api, worker })), contextFigure([loadavg()[0]], about)]);
    }
  } finally {
    await stopAll(started);
    // With every server stopped, no registration is still in flight: the pool is left free.
    if (fixtures) await releaseRegistrationPool(options.database, fixtures.registrationPool);
  }
}

async function main(): Promise<void> {
  const options = parseOptions(process.argv.slice(2));
  const servers = lineup(options);
  // A killed run may have left a scheduler with its next sweep due: every run starts without one.
  await clearRedis(servers.lintasEnv.REDIS_URL, options.redisPrefix);
  try {
    await measure(options, servers);
  } finally {
    const deleted = await clearRedis(servers.lintasEnv.REDIS_URL, options.redisPrefix);
    say(`deleted ${deleted} Redis keys under ${options.redisPrefix}`);
  }
}

await main();
