import { SetMetadata } from '@nestjs/common';
import type { Job } from 'bullmq';
import type { JobPayloads, QueueName } from './queue-names.js';

export const JOB_HANDLER = 'lintas:job-handler';

/** What a handler returns: `skipped` when, on re-reading state, there was nothing to do. */
export type JobOutcome = 'done' | 'skipped';

export interface JobHandler<Q extends QueueName> {
  handle(job: Job<JobPayloads[Q]>): Promise<JobOutcome>;
}

/** Marks the provider that processes a queue. The worker refuses to start with a queue that has none, or two. */
export const HandlesQueue = (queue: QueueName): ClassDecorator => SetMetadata(JOB_HANDLER, queue);
