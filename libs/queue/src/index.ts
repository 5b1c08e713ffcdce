export { batchedCalls } from './batched-calls.js';
export { DomainEventDispatcher, ReactsTo, type DomainEventRule } from './domain-event-dispatcher.js';
export { HandlesQueue, type JobHandler, type JobOutcome } from './job-handler.js';
export { JobWorkers } from './job-workers.js';
export { OutboxRelay } from './outbox-relay.js';
export { QueueModule, QueueWorkerModule } from './queue.module.js';
export {
  jobOptionsFor,
  QueueName,
  type AlertDeliveryJob,
  type AlertSweepJob,
  type DomainEventJob,
  type JobPayloads,
} from './queue-names.js';
export { QueueProducer } from './queue-producer.js';
export { RedisConnections } from './redis-connections.js';
