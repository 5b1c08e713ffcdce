import type { Queue } from 'bullmq';
import { QueueName, type QueueProducer } from '#lintas/queue';
import { eventually } from './eventually.js';

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
  return eventually(
    async () => {
      const job = await sweeps.getJob(jobId);
      if (job?.failedReason) throw new Error(`sweep ${rule} failed: ${job.failedReason}`);
      return job?.finishedOn ? (job.returnvalue as string) : undefined;
    },
    10_000,
    `the ${rule} sweep`,
  );
}
