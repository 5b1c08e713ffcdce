import type { JobsOptions } from 'bullmq';
import type { LintasConfig } from '#lintas/core';

export enum QueueName {
  /** Every outbox event, relayed with its event id as job id. */
  DomainEvents = 'domain-events',
  /** One job per alert delivery (recipient and channel), with the delivery id as job id. */
  AlertDeliveries = 'alert-deliveries',
  /** The time rules, run by job schedulers and on demand. */
  AlertSweeps = 'alert-sweeps',
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

export interface AlertDeliveryJob {
  deliveryId: string;
}

export interface AlertSweepJob {
  /** The time rule to run, by name. */
  rule: string;
}

export interface JobPayloads {
  [QueueName.DomainEvents]: DomainEventJob;
  [QueueName.AlertDeliveries]: AlertDeliveryJob;
  [QueueName.AlertSweeps]: AlertSweepJob;
}

const DAY_SECONDS = 24 * 60 * 60;

/** The backoff of events and sweeps: exponential from 1 s, capped at 5 minutes (see `cappedBackoff`). */
export const CAPPED_BACKOFF = 'capped-exponential';
const CAPPED_FIRST_MS = 1000;
const CAPPED_MAX_MS = 5 * 60 * 1000;
/** With the cap, about 24 hours of retries: an outage of PostgreSQL must not use them up. */
const CAPPED_ATTEMPTS = 300;

/**
 * Delay before retry `attemptsMade` (1 for the first retry): 1 s, 2 s, 4 s … then every 5 minutes,
 * each with up to 20% jitter. An event job that gave up would be an alert lost — its outbox row is
 * already marked sent — so events keep trying through any outage an operator can fix in a day.
 */
export function cappedBackoff(attemptsMade: number): number {
  const delay = Math.min(CAPPED_FIRST_MS * 2 ** Math.max(attemptsMade - 1, 0), CAPPED_MAX_MS);
  return Math.floor(delay * (0.8 + Math.random() * 0.2));
}

/**
 * How long jobs are kept and how they retry, per queue. Events back off from 1 s to at most
 * 5 minutes, for about a day (`cappedBackoff`); a sweep tries twice; deliveries follow DELIVERY_ATTEMPTS and
 * DELIVERY_BACKOFF_MS, with jitter so that receivers back from an outage are not hit all at once.
 * Completed jobs are kept QUEUE_KEEP_COMPLETED_DAYS: a job id deduplicates only while the job
 * exists, and that is the window in which the same event or delivery may be offered again.
 */
export function jobOptionsFor(queue: QueueName, config: LintasConfig): JobsOptions {
  const retention = {
    removeOnComplete: { age: config.QUEUE_KEEP_COMPLETED_DAYS * DAY_SECONDS },
    removeOnFail: { age: config.QUEUE_KEEP_FAILED_DAYS * DAY_SECONDS },
  };
  if (queue === QueueName.AlertDeliveries) {
    return {
      ...retention,
      attempts: config.DELIVERY_ATTEMPTS,
      backoff: { type: 'exponential', delay: config.DELIVERY_BACKOFF_MS, jitter: 0.2 },
    };
  }
  if (queue === QueueName.AlertSweeps) {
    // The next tick is the retry: a sweep that keeps failing must not pile up stale ticks that all
    // fire when the database comes back.
    return { ...retention, attempts: 2, backoff: { type: CAPPED_BACKOFF } };
  }
  return { ...retention, attempts: CAPPED_ATTEMPTS, backoff: { type: CAPPED_BACKOFF } };
}
