import { randomBytes } from 'node:crypto';
import { EventEmitter } from 'node:events';
import { createServer } from 'node:net';
import { Writable } from 'node:stream';
import { setTimeout as sleep } from 'node:timers/promises';
import { Injectable, Module } from '@nestjs/common';
import { DiscoveryModule } from '@nestjs/core';
import { Queue, type Job } from 'bullmq';
import { Redis } from 'ioredis';
import type { Logger } from 'pino';
import { Test, type TestingModule } from '@nestjs/testing';
import { APP_LOGGER, ConfigModule, createLogger, LintasConfig, loadConfig } from '#lintas/core';
import { HandlesQueue, type JobHandler, type JobOutcome } from './job-handler.js';
import { JobWorkers, reportWorkerErrors, STALLS_ALLOWED } from './job-workers.js';
import { QueueName, type AlertDeliveryJob } from './queue-names.js';
import { RedisConnections } from './redis-connections.js';

@Injectable()
@HandlesQueue(QueueName.DomainEvents)
class FirstHandler implements JobHandler<QueueName.DomainEvents> {
  async handle(): Promise<JobOutcome> {
    return 'done';
  }
}

@Injectable()
@HandlesQueue(QueueName.DomainEvents)
class SecondHandler implements JobHandler<QueueName.DomainEvents> {
  async handle(): Promise<JobOutcome> {
    return 'done';
  }
}

@Injectable()
@HandlesQueue(QueueName.AlertDeliveries)
class DeliveryHandler implements JobHandler<QueueName.AlertDeliveries> {
  async handle(): Promise<JobOutcome> {
    return 'done';
  }
}

@Injectable()
@HandlesQueue(QueueName.AlertSweeps)
class SweepHandler implements JobHandler<QueueName.AlertSweeps> {
  async handle(): Promise<JobOutcome> {
    return 'done';
  }
}

/** Handlers for the queues a test is not about. */
const OTHER_QUEUES = [DeliveryHandler, SweepHandler];

/** A delivery handler that notes each job it ran. */
@Injectable()
@HandlesQueue(QueueName.AlertDeliveries)
class NotingDeliveryHandler implements JobHandler<QueueName.AlertDeliveries> {
  readonly ran: string[] = [];

  async handle(job: Job<AlertDeliveryJob>): Promise<JobOutcome> {
    this.ran.push(job.data.deliveryId);
    return 'done';
  }
}

async function workerModuleWith(
  handlers: (new () => object)[],
  config = loadConfig(),
  logger: Logger = createLogger('silent', 'test'),
): Promise<TestingModule> {
  @Module({
    imports: [DiscoveryModule, ConfigModule],
    providers: [JobWorkers, RedisConnections, { provide: APP_LOGGER, useValue: logger }, ...handlers],
  })
  class HandlersModule {}
  return Test.createTestingModule({ imports: [HandlersModule] })
    .overrideProvider(LintasConfig)
    .useValue(config)
    .compile();
}

async function jobWorkersWith(handlers: (new () => object)[]): Promise<JobWorkers> {
  return (await workerModuleWith(handlers)).get(JobWorkers);
}

describe('the worker checks its queue handlers at boot', () => {
  it('finds the one handler of each queue', async () => {
    const handlers = (await jobWorkersWith([FirstHandler, ...OTHER_QUEUES])).handlers();
    expect(handlers.get(QueueName.DomainEvents)).toBeInstanceOf(FirstHandler);
    expect(handlers.get(QueueName.AlertDeliveries)).toBeInstanceOf(DeliveryHandler);
    expect(handlers.get(QueueName.AlertSweeps)).toBeInstanceOf(SweepHandler);
  });

  it('refuses a queue with no handler', async () => {
    const workers = await jobWorkersWith(OTHER_QUEUES);
    expect(() => workers.handlers()).toThrow('queue "domain-events" must have exactly one handler, found 0');
  });

  it('refuses a queue with two handlers', async () => {
    const workers = await jobWorkersWith([FirstHandler, SecondHandler, ...OTHER_QUEUES]);
    expect(() => workers.handlers()).toThrow('queue "domain-events" must have exactly one handler, found 2');
  });
});

/** A port nothing listens on: the kernel refuses each connection at once. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  await new Promise<void>((resolve) => server.close(() => resolve()));
  if (address === null || typeof address === 'string') throw new Error('no port');
  return address.port;
}

/** What ioredis reports when Redis is away: its own errors, from `count` refused reconnects. */
async function refusedReconnects(count: number): Promise<Error[]> {
  const errors: Error[] = [];
  const connection = new Redis(await closedPort(), { lazyConnect: true, retryStrategy: () => 10 });
  await new Promise<void>((resolve) => {
    connection.on('error', (error: Error) => {
      errors.push(error);
      if (errors.length === count) resolve();
    });
    connection.connect().catch(() => undefined);
  });
  connection.disconnect();
  return errors;
}

function capturedLog(): { lines: () => { level: string; message: string }[]; stream: Writable } {
  const chunks: string[] = [];
  const stream = new Writable({
    write(chunk: Buffer, _encoding, done) {
      chunks.push(chunk.toString('utf8'));
      done();
    },
  });
  const lines = (): { level: string; message: string }[] =>
    chunks
      .join('')
      .trim()
      .split('\n')
      .filter(Boolean)
      .map((line) => JSON.parse(line) as { level: string; message: string });
  return { lines, stream };
}

describe('a queue worker cut off from Redis', () => {
  it('says so once per outage, not at every reconnect, and says when Redis is back', async () => {
    const { lines, stream } = capturedLog();
    const connection = new EventEmitter();
    const report = reportWorkerErrors(
      QueueName.AlertDeliveries,
      connection,
      createLogger('info', 'worker', stream),
    );
    const refused = await refusedReconnects(20);

    refused.forEach(report);
    connection.emit('ready');
    refused.forEach(report);

    expect(lines().map(({ level, message }) => [level, message])).toEqual([
      ['warn', 'queue worker cannot reach Redis; it resumes by itself once Redis answers'],
      ['info', 'queue worker reached Redis again'],
      ['warn', 'queue worker cannot reach Redis; it resumes by itself once Redis answers'],
    ]);
  });

  it('logs every other error as it comes', () => {
    const { lines, stream } = capturedLog();
    const report = reportWorkerErrors(
      QueueName.DomainEvents,
      new EventEmitter(),
      createLogger('info', 'worker', stream),
    );
    report(new Error('Missing lock for job 1. moveToFinished'));
    report(new Error('Missing lock for job 2. moveToFinished'));
    expect(lines().map(({ level }) => level)).toEqual(['error', 'error']);
  });
});

/** What became of a delivery job found stranded by a worker that died while running it. */
interface Rerun {
  state: string;
  handlerRan: boolean;
  log: { level: string; message: string }[];
}

/**
 * Leaves a delivery job in the tests' Redis as a worker killed while running it does — active, its
 * lock expired, already marked by a stalled check — after `earlierStalls` such deaths, then starts
 * the queue workers, whose stalled check runs at once, and answers what became of the job.
 */
async function rerunAfter(earlierStalls: number): Promise<Rerun> {
  const prefix = `lintas-stalls-${randomBytes(4).toString('hex')}`;
  const config = loadConfig({ ...process.env, REDIS_KEY_PREFIX: prefix });
  const redis = new Redis(config.REDIS_URL);
  const deliveries = new Queue(QueueName.AlertDeliveries, { connection: redis, prefix });
  const { lines, stream } = capturedLog();
  const moduleRef = await workerModuleWith(
    [NotingDeliveryHandler, FirstHandler, SweepHandler],
    config,
    createLogger('info', 'worker', stream),
  );
  const workers = moduleRef.get(JobWorkers);
  const deliveryId = 'delivery-1';
  const key = (name: string): string => `${prefix}:${QueueName.AlertDeliveries}:${name}`;
  try {
    await deliveries.add('deliver', { deliveryId }, { jobId: deliveryId, attempts: 8 });
    await redis
      .multi()
      .lrem(key('wait'), 0, deliveryId)
      .lpush(key('active'), deliveryId)
      .sadd(key('stalled'), deliveryId)
      .hset(key(deliveryId), 'stc', earlierStalls)
      .exec();
    workers.start();
    const deadline = Date.now() + 20_000;
    let state = await deliveries.getJobState(deliveryId);
    while (state !== 'completed' && state !== 'failed') {
      if (Date.now() > deadline) throw new Error(`the job is still ${state}`);
      await sleep(50);
      state = await deliveries.getJobState(deliveryId);
    }
    // Closing waits for the job's end to be reported.
    await workers.onApplicationShutdown();
    const handlerRan = moduleRef.get(NotingDeliveryHandler).ran.includes(deliveryId);
    return { state, handlerRan, log: lines() };
  } finally {
    await workers.onApplicationShutdown();
    await moduleRef.get(RedisConnections).onApplicationShutdown();
    await deliveries.close();
    const keys = await redis.keys(`${prefix}:*`);
    if (keys.length > 0) await redis.del(...keys);
    await redis.quit();
  }
}

describe('a job whose worker stopped while running it (killed, or cut off from Redis)', () => {
  it('is run again after a second such stop: BullMQ alone would fail it unrun', async () => {
    expect(await rerunAfter(1)).toMatchObject({ state: 'completed', handlerRan: true, log: [] });
  });

  it(`is run again after ${STALLS_ALLOWED} such stops`, async () => {
    expect(await rerunAfter(STALLS_ALLOWED - 1)).toMatchObject({ state: 'completed', handlerRan: true });
  });

  it('is given up after one more, unrun, and the log says so as an error', async () => {
    const { state, handlerRan, log } = await rerunAfter(STALLS_ALLOWED);
    expect({ state, handlerRan }).toEqual({ state: 'failed', handlerRan: false });
    expect(log.map(({ level, message }) => [level, message])).toEqual([
      [
        'error',
        'job given up after its worker stopped while running it too many times: its work is not done' +
          ' (a delivery stays PENDING, an event raises no alert) until it is retried from the failed jobs',
      ],
    ]);
  });
});
