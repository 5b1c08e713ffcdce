/**
 * The soak (issue 8): the mixed workload for a long while, the api's RSS sampled throughout;
 * the RSS at the end must be within 20 % of the RSS after the first minute (no leak), without
 * errors. A soak under 2 minutes has no settled first minute to compare with: it is not judged.
 */
import { type Figure } from '../lib/report.js';
import { drive } from './drive.js';
import { releaseRegistrationPool } from './fixtures.js';
import type { RunContext } from './load.js';
import { megabytes } from './resources.js';
import { lintasSources, logIn } from './scenarios.js';
import type { ServerProcess } from './servers.js';

const DRIFT_TARGET = 0.2;
const SAMPLE_MS = 5000;
const FIRST_MINUTE_MS = 60_000;
const SHORTEST_JUDGED_MINUTES = 2;
/** Access tokens last 15 minutes: the officer logs in again well before. */
const RELOGIN_MS = 10 * 60_000;

export async function runSoak(
  context: RunContext,
  servers: { api: ServerProcess; worker: ServerProcess },
): Promise<Figure[]> {
  const { options, fixtures, pool } = context;
  // The sources read the officer's headers at each request: a new login replaces the token in place.
  const officer = await logIn(servers.api.url, fixtures);
  const relogin = setInterval(() => {
    logIn(servers.api.url, fixtures).then(
      (fresh) => Object.assign(officer, fresh),
      (error: unknown) => process.stderr.write(`soak: logging in again failed: ${String(error)}\n`),
    );
  }, RELOGIN_MS);
  const samples: { at: number; api: number; worker: number }[] = [];
  const startedAt = performance.now();
  const sampler = setInterval(() => {
    samples.push({
      at: performance.now() - startedAt,
      api: servers.api.rssMiB(),
      worker: servers.worker.rssMiB(),
    });
  }, SAMPLE_MS);
  const minutes = options.soakMinutes;
  try {
    const measurement = await drive(servers.api.url, lintasSources(fixtures, officer, pool).mixed, {
      durationSeconds: minutes * 60,
      connections: options.connections,
    });
    const end = { api: servers.api.rssMiB(), worker: servers.worker.rssMiB() };
    const firstMinute = samples.find((sample) => sample.at >= FIRST_MINUTE_MS) ??
      samples.at(-1) ?? { ...end, at: 0 };
    const drift = (end.api - firstMinute.api) / firstMinute.api;
    const judged = minutes >= SHORTEST_JUDGED_MINUTES;
    const failed =
      measurement.errors > 0
        ? `FAILED: ${measurement.errors} errors (${JSON.stringify(measurement.errorKinds)})`
        : '';
    const setting = `mixed workload for ${minutes} min, c=${options.connections}`;
    const mb = (mebibytes: number): number => Math.round(megabytes(mebibytes));
    return [
      {
        measure: `${setting}: api RSS at the end vs after the first minute`,
        value: mb(end.api),
        unit: 'MB',
        baseline: { name: 'after the first minute', value: mb(firstMinute.api) },
        ratio: end.api / firstMinute.api,
        target: 'within 20 %, no errors',
        met: judged ? Math.abs(drift) <= DRIFT_TARGET && measurement.errors === 0 : undefined,
        note: [
          failed,
          judged ? '' : `not judged: a soak under ${SHORTEST_JUDGED_MINUTES} min has no settled first minute`,
          `api RSS every ${SAMPLE_MS / 1000} s: ${samples.map((sample) => mb(sample.api)).join(', ')} MB`,
        ]
          .filter(Boolean)
          .join('; '),
      },
      {
        measure: `${setting}: worker RSS at the end vs after the first minute`,
        value: mb(end.worker),
        unit: 'MB',
        baseline: { name: 'after the first minute', value: mb(firstMinute.worker) },
        ratio: end.worker / firstMinute.worker,
      },
      {
        measure: `${setting}: Lintas throughput`,
        value: Number(measurement.requestsPerSecond.toFixed(1)),
        unit: 'req/s',
        note: [failed, `harness CPU ${measurement.harnessCpuPercent.toFixed(0)} % of a core`]
          .filter(Boolean)
          .join('; '),
      },
      {
        measure: `${setting}: Lintas p99 latency`,
        value: Number(measurement.p99.toFixed(2)),
        unit: 'ms',
      },
      // Errors fail in the table whatever the length of the soak, where a note alone would go unseen.
      ...(failed
        ? [
            {
              measure: `${setting}: errors`,
              value: measurement.errors,
              unit: 'errors',
              target: 'none',
              met: false,
              note: failed,
            },
          ]
        : []),
    ];
  } finally {
    clearInterval(sampler);
    clearInterval(relogin);
    await releaseRegistrationPool(options.database, fixtures.registrationPool);
    pool.release();
  }
}
