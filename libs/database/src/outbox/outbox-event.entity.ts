import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/**
 * A domain event, written in the same transaction as the change it reports. The relay moves it
 * to the job queue with its id as job id; `sentAt` is set only once the queue has it.
 * The payload carries ids only: job data sits in Redis in clear text.
 */
@Entity('outbox_event')
// The relay only ever reads unsent events, oldest first; sent ones drop out of this index.
@Index('outbox_event_unsent_idx', ['occurredAt', 'id'], { where: 'sent_at IS NULL' })
export class OutboxEvent {
  @PrimaryColumn('uuid', { primaryKeyConstraintName: 'outbox_event_pkey' })
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
