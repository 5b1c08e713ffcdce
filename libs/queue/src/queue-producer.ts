import { Injectable, type OnApplicationShutdown } from '@nestjs/common';
import { Queue } from 'bullmq';
import type { Redis } from 'ioredis';
import { LintasConfig } from '#lintas/core';
import { jobOptionsFor, type JobPayloads, type QueueName } from './queue-names.js';
import { RedisConnections } from './redis-connections.js';

export interface QueuedJob<Q extends QueueName> {
  name: string;
  data: JobPayloads[Q];
  /** Deterministic, so offering the same job twice adds it once. */
  jobId: string;
}

/** Adds jobs to queues. Only the outbox relay and job schedulers use it: requests write the outbox. */
@Injectable()
export class QueueProducer implements OnApplicationShutdown {
  private readonly queues = new Map<QueueName, Queue>();
  private connection?: Redis;

  constructor(
    private readonly connections: RedisConnections,
    private readonly config: LintasConfig,
  ) {}

  /**
   * Adds the jobs, or fails within `timeoutMs`: a caller holding a transaction must not wait out
   * a Redis outage. A late success is harmless, since offering the same job ids again adds nothing.
   */
  async addBulk<Q extends QueueName>(queueName: Q, jobs: QueuedJob<Q>[], timeoutMs = 5000): Promise<void> {
    if (!(await this.waitUntilConnected(timeoutMs))) throw new Error('Redis is not connected');
    const adding = this.queue(queueName).addBulk(
      jobs.map((job) => ({
        name: job.name,
        data: job.data,
        opts: { ...jobOptionsFor(queueName, this.config), jobId: job.jobId },
      })),
    );
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_resolve, reject) => {
      timer = setTimeout(
        () => reject(new Error(`Redis did not take the jobs within ${timeoutMs} ms`)),
        timeoutMs,
      );
    });
    try {
      await Promise.race([adding, timeout]);
    } finally {
      clearTimeout(timer);
    }
  }

  queue(queueName: QueueName): Queue {
    let queue = this.queues.get(queueName);
    if (!queue) {
      queue = new Queue(queueName, {
        connection: this.producerConnection(),
        prefix: this.connections.prefix,
      });
      queue.on('error', () => undefined);
      this.queues.set(queueName, queue);
    }
    return queue;
  }

  /** For readiness: true when Redis answers within a second. */
  async ping(): Promise<boolean> {
    try {
      return (await this.waitUntilConnected(1000)) && (await this.producerConnection().ping()) === 'PONG';
    } catch {
      return false;
    }
  }

  /** True once the connection is up; false if it is not up within `timeoutMs`. */
  async waitUntilConnected(timeoutMs: number): Promise<boolean> {
    const connection = this.producerConnection();
    if (connection.status === 'ready') return true;
    if (timeoutMs <= 0) return false;
    return new Promise<boolean>((resolve) => {
      const onReady = (): void => {
        clearTimeout(timer);
        resolve(true);
      };
      const timer = setTimeout(() => {
        connection.off('ready', onReady);
        resolve(false);
      }, timeoutMs);
      connection.once('ready', onReady);
    });
  }

  async onApplicationShutdown(): Promise<void> {
    await Promise.allSettled([...this.queues.values()].map((queue) => queue.close()));
  }

  private producerConnection(): Redis {
    return (this.connection ??= this.connections.producer());
  }
}
