import { Injectable, type OnApplicationShutdown } from '@nestjs/common';
import { Queue } from 'bullmq';
import type { Redis } from 'ioredis';
import { DEFAULT_JOB_OPTIONS, type JobPayloads, type QueueName } from './queue-names.js';
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

  constructor(private readonly connections: RedisConnections) {}

  async addBulk<Q extends QueueName>(queueName: Q, jobs: QueuedJob<Q>[]): Promise<void> {
    await this.queue(queueName).addBulk(
      jobs.map((job) => ({
        name: job.name,
        data: job.data,
        opts: { ...DEFAULT_JOB_OPTIONS, jobId: job.jobId },
      })),
    );
  }

  queue(queueName: QueueName): Queue {
    let queue = this.queues.get(queueName);
    if (!queue) {
      this.connection ??= this.connections.producer();
      queue = new Queue(queueName, { connection: this.connection, prefix: this.connections.prefix });
      queue.on('error', () => undefined);
      this.queues.set(queueName, queue);
    }
    return queue;
  }

  /** For readiness: true when Redis answers within its short timeout. */
  async ping(): Promise<boolean> {
    const connection = (this.connection ??= this.connections.producer());
    try {
      if (connection.status !== 'ready') {
        await new Promise<void>((resolve, reject) => {
          const timeout = setTimeout(() => reject(new Error('Redis is not connected')), 1000);
          connection.once('ready', () => {
            clearTimeout(timeout);
            resolve();
          });
        });
      }
      return (await connection.ping()) === 'PONG';
    } catch {
      return false;
    }
  }

  async onApplicationShutdown(): Promise<void> {
    await Promise.allSettled([...this.queues.values()].map((queue) => queue.close()));
  }
}
