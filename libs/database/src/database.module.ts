import { Global, Module } from '@nestjs/common';
import { Clock } from '#lintas/core';
import { OutboxWriter } from './outbox/outbox.writer.js';

/** The outbox writer and the clock; the DataSource itself is registered by each app. */
@Global()
@Module({
  providers: [Clock, OutboxWriter],
  exports: [Clock, OutboxWriter],
})
export class DatabaseModule {}
