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

/** Waits until the sweeps are scheduled and no sweep job is waiting or running. */
export async function waitForSweepTicks(
  connection: Redis,
  prefix: string,
  timeoutMs = 10 * 60_000,
): Promise<void> {
  const queue = new Queue(QueueName.AlertSweeps, { connection, prefix });
  const deadline = Date.now() + timeoutMs;
  try {
    for (;;) {
      const scheduled = (await queue.getJobSchedulersCount()) > 0;
      const counts = await queue.getJobCounts('waiting', 'active', 'prioritized');
      if (scheduled && Object.values(counts).every((count) => count === 0)) return;
      if (Date.now() > deadline)
        throw new Error(`the worker's start-up sweeps had not finished after ${timeoutMs / 1000} s`);
      await sleep(POLL_MS);
    }
  } finally {
    await queue.close();
  }
}
