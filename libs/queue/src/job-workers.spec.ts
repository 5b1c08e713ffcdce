import { EventEmitter } from 'node:events';
import { createServer } from 'node:net';
import { Writable } from 'node:stream';
import { Injectable, Module } from '@nestjs/common';
import { DiscoveryModule } from '@nestjs/core';
import { Redis } from 'ioredis';
import { Test } from '@nestjs/testing';
import { APP_LOGGER, ConfigModule, createLogger } from '#lintas/core';
import { HandlesQueue, type JobHandler, type JobOutcome } from './job-handler.js';
import { JobWorkers, reportWorkerErrors } from './job-workers.js';
import { QueueName } from './queue-names.js';
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

async function jobWorkersWith(handlers: (new () => object)[]): Promise<JobWorkers> {
  @Module({
    imports: [DiscoveryModule, ConfigModule],
    providers: [
      JobWorkers,
      RedisConnections,
      { provide: APP_LOGGER, useValue: createLogger('silent', 'test') },
      ...handlers,
    ],
  })
  class HandlersModule {}
  const moduleRef = await Test.createTestingModule({ imports: [HandlersModule] }).compile();
  return moduleRef.get(JobWorkers);
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
