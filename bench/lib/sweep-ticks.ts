/**
 * The worker schedules every time rule at start (before its /ready answers), and BullMQ runs an
 * `every` scheduler's first tick at once. A benchmark starts its worker with
 * ALERT_SWEEP_INTERVAL_SECONDS=86400, so that no later tick falls in a measurement, and waits here
 * for the start-up sweeps to finish before it measures anything.
 */
import { setTimeout as sleep } from 'node:timers/promises';
import { Queue } from 'bullmq';
import type { Redis } from 'ioredis';
import { QueueName } from '#lintas/queue';

/** The time-rule sweeps the benchmark's workers run once at start, not again for a day. */
export const ONE_SWEEP_A_DAY = { ALERT_SWEEP_INTERVAL_SECONDS: '86400' } as const;

const POLL_MS = 250;

/** How long the queues must stay empty: longer than a relay pass, so no raised event is still in the outbox. */
const QUIET_MS = 2000;

/**
 * Waits until the sweeps are scheduled and no sweep job is waiting or running, then until what
 * they raised has been dispatched and delivered: no event or delivery job waiting or running for
 * QUIET_MS. On a fresh seed the first sweeps raise thousands of alerts, and a worker still
 * dispatching them is not idle.
 */
export async function waitForSweepTicks(
  connection: Redis,
  prefix: string,
  timeoutMs = 10 * 60_000,
): Promise<void> {
  const [sweeps, ...followers] = [
    QueueName.AlertSweeps,
    QueueName.DomainEvents,
    QueueName.AlertDeliveries,
  ].map((name) => new Queue(name, { connection, prefix }));
  const busy = async (queue: Queue): Promise<boolean> =>
    Object.values(await queue.getJobCounts('waiting', 'active', 'prioritized')).some((count) => count > 0);
  const deadline = Date.now() + timeoutMs;
  let quietSince: number | undefined;
  try {
    for (;;) {
      const scheduled = (await sweeps.getJobSchedulersCount()) > 0;
      const working = (await Promise.all([sweeps, ...followers].map(busy))).some(Boolean);
      if (!scheduled || working) quietSince = undefined;
      else quietSince ??= Date.now();
      if (quietSince !== undefined && Date.now() - quietSince >= QUIET_MS) return;
      if (Date.now() > deadline)
        throw new Error(`the worker's start-up sweeps had not finished after ${timeoutMs / 1000} s`);
      await sleep(POLL_MS);
    }
  } finally {
    await Promise.all([sweeps, ...followers].map((queue) => queue.close()));
  }
}
