export { buildDataSourceOptions, type SchemaParts } from './data-source.options.js';
export { DatabaseModule } from './database.module.js';
export { firstPerKey, type FirstPerKey } from './first-per-key.js';
export { OutboxEvent } from './outbox/outbox-event.entity.js';
export { OutboxWriter, type DomainEvent } from './outbox/outbox.writer.js';
export { isDatabaseUnavailable, isUniqueViolation } from './postgres-errors.js';
export { SnakeNamingStrategy } from './snake-naming.strategy.js';
