import { Column, Entity, PrimaryColumn } from 'typeorm';

/**
 * A domain event, written in the same transaction as the change it reports. The relay moves it
 * to the job queue with its id as job id; `sentAt` is set only once the queue has it.
 * The payload carries ids only: job data sits in Redis in clear text.
 */
@Entity('outbox_event')
export class OutboxEvent {
  @PrimaryColumn('uuid')
  id!: string;

  @Column('text')
  topic!: string;

  @Column('text')
  aggregateType!: string;

  @Column('uuid')
  aggregateId!: string;

  @Column('jsonb')
  payload!: Record<string, string>;

  @Column('text', { nullable: true })
  requestId!: string | null;

  @Column('timestamptz')
  occurredAt!: Date;

  @Column('timestamptz', { nullable: true })
  sentAt!: Date | null;
}
