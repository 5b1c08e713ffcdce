import { Global, Module } from '@nestjs/common';
import { DiscoveryModule } from '@nestjs/core';
import { DomainEventDispatcher } from './domain-event-dispatcher.js';
import { JobWorkers } from './job-workers.js';
import { OutboxRelay } from './outbox-relay.js';
import { QueueProducer } from './queue-producer.js';
import { RedisConnections } from './redis-connections.js';

/** Redis connections and the producer, for every process (the API needs them for readiness). */
@Global()
@Module({
  providers: [RedisConnections, QueueProducer],
  exports: [RedisConnections, QueueProducer],
})
export class QueueModule {}

/** What only the worker runs: the outbox relay and the queue processors. */
@Module({
  imports: [DiscoveryModule],
  providers: [OutboxRelay, JobWorkers, DomainEventDispatcher],
  exports: [OutboxRelay, JobWorkers],
})
export class QueueWorkerModule {}
