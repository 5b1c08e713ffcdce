import type { EventEmitter } from 'node:events';
import { Inject, Injectable, type OnApplicationShutdown } from '@nestjs/common';
import { DiscoveryService, Reflector } from '@nestjs/core';
import { APP_LOGGER, LintasConfig } from '#lintas/core';
import { Worker, type Job } from 'bullmq';
import type { Logger } from 'pino';
import { JOB_HANDLER, type JobHandler } from './job-handler.js';
import { cappedBackoff, QueueName, type JobPayloads } from './queue-names.js';
import { RedisConnections } from './redis-connections.js';

/**
 * How many times a job may stall — its worker killed, or cut off from Redis for longer than the
 * job's lock (30 s), while running it — and still be run again. BullMQ counts a job's stalls over
 * its whole life, never resetting the count, and past the allowance fails the job without running
 * its handler: with BullMQ's default of 1, two worker crashes or two Redis outages that caught the
 * same job would leave a delivery PENDING for ever, or an event's alert never raised. Every handler
 * is idempotent, so running a job again is safe. The price is paid by a job that itself brings the
 * worker down (exhausts its memory, or blocks it until it is restarted): it does so this many times
 * more, each 30 to 60 s or more after the last, before it is given up — a crash loop of 10 to 20
 * minutes, long enough to be noticed and stopped, while the other jobs go on between crashes.
 */
export const STALLS_ALLOWED = 20;

/** Starts one BullMQ worker per queue, after checking that every queue has exactly one handler. */
@Injectable()
export class JobWorkers implements OnApplicationShutdown {
  private readonly workers: Worker[] = [];

  constructor(
    private readonly discovery: DiscoveryService,
    private readonly reflector: Reflector,
    private readonly connections: RedisConnections,
    private readonly config: LintasConfig,
    @Inject(APP_LOGGER) private readonly logger: Logger,
  ) {}

  /** Throws, naming the queue, when a queue has no handler or more than one. */
  handlers(): Map<QueueName, JobHandler<QueueName>> {
    const found = new Map<QueueName, JobHandler<QueueName>[]>();
    for (const wrapper of this.discovery.getProviders()) {
      const queue =
        wrapper.metatype && this.reflector.get<QueueName | undefined>(JOB_HANDLER, wrapper.metatype);
      if (!queue || !wrapper.instance) continue;
      found.set(queue, [...(found.get(queue) ?? []), wrapper.instance as JobHandler<QueueName>]);
    }
    const handlers = new Map<QueueName, JobHandler<QueueName>>();
    for (const queue of Object.values(QueueName)) {
      const candidates = found.get(queue) ?? [];
      if (candidates.length !== 1) {
        throw new Error(`queue "${queue}" must have exactly one handler, found ${candidates.length}`);
      }
      const [handler] = candidates;
      if (handler) handlers.set(queue, handler);
    }
    return handlers;
  }

  start(): void {
    for (const [queue, handler] of this.handlers()) {
      const connection = this.connections.worker();
      const worker = new Worker(queue, (job: Job<JobPayloads[QueueName]>) => handler.handle(job), {
        connection,
        prefix: this.connections.prefix,
        concurrency:
          queue === QueueName.AlertDeliveries
            ? this.config.DELIVERY_CONCURRENCY
            : this.config.QUEUE_CONCURRENCY,
        settings: { backoffStrategy: cappedBackoff },
        maxStalledCount: STALLS_ALLOWED,
      });
      worker.on('failed', reportFailedJobs(queue, this.logger));
      worker.on('error', reportWorkerErrors(queue, connection, this.logger));
      this.workers.push(worker);
    }
  }

  async onApplicationShutdown(): Promise<void> {
    await Promise.allSettled(this.workers.map((worker) => worker.close()));
  }
}

/**
 * What a failed job becomes in the log. A failure its handler threw is a warning: BullMQ retries
 * it, and the handler saw it (a delivery's last failed attempt raises DELIVERY_FAILED). A job given
 * up because it stalled more than STALLS_ALLOWED times is an error: its handler did not run, so
 * nothing else says that its work is not done until someone retries it from the queue's failed jobs.
 */
export function reportFailedJobs(
  queue: QueueName,
  logger: Logger,
): (job: Job | undefined, error: Error) => void {
  return (job, error) => {
    if (job && job.stalledCounter > STALLS_ALLOWED) {
      logger.error(
        { queue, jobId: job.id, stalls: job.stalledCounter, err: error },
        'job given up after its worker stopped while running it too many times: its work is not done' +
          ' (a delivery stays PENDING, an event raises no alert) until it is retried from the failed jobs',
      );
      return;
    }
    logger.warn({ queue, jobId: job?.id, attempt: job?.attemptsMade, err: error }, 'job failed');
  };
}

/** A socket's failure (ECONNREFUSED, ECONNRESET, ETIMEDOUT …): Node names the system call that failed. */
const isNetworkError = (error: Error): boolean => 'syscall' in error;

/**
 * What a queue worker's errors become in the log. While Redis is away, ioredis reports every failed
 * reconnect of each of a worker's connections, several a second for as long as the outage lasts:
 * that is said once per outage, as the outbox relay does, and once more when the worker's
 * connection is back. Every other error (a lost job lock, a failed script) is logged as it comes.
 */
export function reportWorkerErrors(
  queue: QueueName,
  connection: EventEmitter,
  logger: Logger,
): (error: Error) => void {
  let cutOff = false;
  connection.on('ready', () => {
    if (cutOff) logger.info({ queue }, 'queue worker reached Redis again');
    cutOff = false;
  });
  return (error) => {
    if (!isNetworkError(error)) {
      logger.error({ queue, err: error }, 'queue worker error');
      return;
    }
    if (!cutOff) {
      logger.warn(
        { queue, err: error },
        'queue worker cannot reach Redis; it resumes by itself once Redis answers',
      );
    }
    cutOff = true;
  };
}
