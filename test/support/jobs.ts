import type { Queue } from 'bullmq';
import { QueueName, type QueueProducer } from '#lintas/queue';
import { eventually } from './eventually.js';

/**
 * The return value of a job once it has finished, read from one fetch of the job: its state read
 * apart could say "completed" while the fetched copy still lacks the value. A job that failed for
 * good fails the test with its reason.
 */
export function jobOutcome(queue: Queue, jobId: string, what: string): Promise<unknown> {
  return eventually(
    async () => {
      const job = await queue.getJob(jobId);
      if (!job?.finishedOn) return undefined;
      if (job.failedReason) throw new Error(`${what} failed: ${job.failedReason}`);
      return job.returnvalue as unknown;
    },
    10_000,
    what,
  );
}

/**
 * Runs a time rule now, as its scheduler would, and answers the job's outcome once it finished.
 * `jobId` must be new: BullMQ ignores a job whose id it still holds.
 */
export async function runSweep(
  producer: QueueProducer,
  sweeps: Queue,
  rule: string,
  jobId: string,
): Promise<string> {
  await producer.addBulk(QueueName.AlertSweeps, [{ name: rule, data: { rule }, jobId }]);
  return (await jobOutcome(sweeps, jobId, `the ${rule} sweep`)) as string;
}
