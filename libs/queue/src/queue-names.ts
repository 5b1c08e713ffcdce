import type { JobsOptions } from 'bullmq';

export enum QueueName {
  /** Every outbox event, relayed with its event id as job id. */
  DomainEvents = 'domain-events',
}

/** What a domain-event job carries: ids only, since job data sits in Redis in clear text. */
export interface DomainEventJob {
  eventId: string;
  topic: string;
  aggregateType: string;
  aggregateId: string;
  payload: Record<string, string>;
  occurredAt: string;
}

export interface JobPayloads {
  [QueueName.DomainEvents]: DomainEventJob;
}

const DAY_SECONDS = 24 * 60 * 60;

/**
 * Retries back off exponentially (1 s, 2 s, 4 s … about 2 minutes for the last of 8 tries).
 * Completed jobs are kept a week: a job id deduplicates only while the job still exists, and
 * that week is the window in which the relay may offer the same event again.
 */
export const DEFAULT_JOB_OPTIONS: JobsOptions = {
  attempts: 8,
  backoff: { type: 'exponential', delay: 1000 },
  removeOnComplete: { age: 7 * DAY_SECONDS },
  removeOnFail: { age: 30 * DAY_SECONDS },
};
