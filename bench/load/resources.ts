/**
 * The api's cold start (spawn → first 200 from /ready, and → first GraphQL answer) and the idle
 * resident memory of the api and the worker (issue 8 targets: < 3 s; < 250 MB each).
 */
import { setTimeout as sleep } from 'node:timers/promises';
import { type Figure, median } from '../lib/report.js';
import type { Lineup } from './lineup.js';
import { ServerProcess } from './servers.js';

const COLD_START_TARGET_MS = 3000;
const IDLE_RSS_TARGET_MB = 250;
/** After the worker's start-up sweeps: long enough for its next relay pass and the api's first GC. */
export const SETTLE_SECONDS = 10;

const MB = 1024 * 1024;
export const megabytes = (mebibytes: number): number => (mebibytes * MB) / 1_000_000;

async function firstGraphqlAnswer(url: string): Promise<void> {
  const response = await fetch(`${url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ query: '{ __typename }' }),
  });
  const answer = (await response.json()) as { data?: { __typename?: string } };
  if (answer.data?.__typename !== 'Query')
    throw new Error(`the api's first GraphQL answer was HTTP ${response.status}`);
}

export async function coldStarts(lineup: Lineup, times: number): Promise<Figure[]> {
  const toReady: number[] = [];
  const toGraphql: number[] = [];
  const port = lineup.coldStartPort;
  const spec = {
    ...lineup.specs.api,
    name: 'api (cold start)',
    port,
    env: { ...lineup.specs.api.env, API_PORT: String(port) },
  };
  for (let run = 0; run < times; run += 1) {
    const server = await ServerProcess.start(spec, lineup.node);
    try {
      toReady.push(await server.ready());
      await firstGraphqlAnswer(server.url);
      toGraphql.push(performance.now() - server.spawnedAt);
    } finally {
      await server.stop();
    }
  }
  const round = (values: number[]): number[] => values.map(Math.round);
  return [
    {
      measure: 'api cold start: spawn → first 200 from /ready',
      value: Math.round(median(toReady)),
      unit: 'ms',
      runs: round(toReady),
      target: '< 3 s',
      met: median(toReady) < COLD_START_TARGET_MS,
    },
    {
      measure: 'api cold start: spawn → first GraphQL answer',
      value: Math.round(median(toGraphql)),
      unit: 'ms',
      runs: round(toGraphql),
      target: '< 3 s',
      met: median(toGraphql) < COLD_START_TARGET_MS,
    },
  ];
}

/** RSS of freshly started servers, their start-up sweeps and what they raised done, after a short settle, before any load. */
export async function idleRss(servers: { api: ServerProcess; worker: ServerProcess }): Promise<Figure[]> {
  await sleep(SETTLE_SECONDS * 1000);
  return (['api', 'worker'] as const).map((name) => {
    const value = Math.round(megabytes(servers[name].rssMiB()));
    return {
      measure: `${name} idle RSS, ${SETTLE_SECONDS} s after the start-up sweeps`,
      value,
      unit: 'MB',
      target: '< 250 MB',
      met: value < IDLE_RSS_TARGET_MB,
    };
  });
}
