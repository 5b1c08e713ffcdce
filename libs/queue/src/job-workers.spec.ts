import { Injectable, Module } from '@nestjs/common';
import { DiscoveryModule } from '@nestjs/core';
import { Test } from '@nestjs/testing';
import { APP_LOGGER, ConfigModule, createLogger } from '#lintas/core';
import { HandlesQueue, type JobHandler, type JobOutcome } from './job-handler.js';
import { JobWorkers } from './job-workers.js';
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
