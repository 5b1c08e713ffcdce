import { Inject, Injectable, type OnApplicationShutdown } from '@nestjs/common';
import { DiscoveryService, Reflector } from '@nestjs/core';
import { APP_LOGGER, LintasConfig } from '#lintas/core';
import { Worker, type Job } from 'bullmq';
import type { Logger } from 'pino';
import { JOB_HANDLER, type JobHandler } from './job-handler.js';
import { cappedBackoff, QueueName, type JobPayloads } from './queue-names.js';
import { RedisConnections } from './redis-connections.js';

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
      const worker = new Worker(queue, (job: Job<JobPayloads[QueueName]>) => handler.handle(job), {
        connection: this.connections.worker(),
        prefix: this.connections.prefix,
        concurrency:
          queue === QueueName.AlertDeliveries
            ? this.config.DELIVERY_CONCURRENCY
            : this.config.QUEUE_CONCURRENCY,
        settings: { backoffStrategy: cappedBackoff },
      });
      worker.on('failed', (job, error) =>
        this.logger.warn({ queue, jobId: job?.id, attempt: job?.attemptsMade, err: error }, 'job failed'),
      );
      worker.on('error', (error) => this.logger.error({ queue, err: error }, 'queue worker error'));
      this.workers.push(worker);
    }
  }

  async onApplicationShutdown(): Promise<void> {
    await Promise.allSettled(this.workers.map((worker) => worker.close()));
  }
}
