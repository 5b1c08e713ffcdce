import { Check, Column, Entity, Index, PrimaryColumn, Unique } from 'typeorm';

/**
 * One change, as it happened. Rows are chained (each carries the previous row's hash) and the
 * database refuses UPDATE, DELETE and TRUNCATE on this table, so the trail can only grow.
 */
@Entity('audit_event')
@Unique('audit_event_id_key', ['id'])
@Check('audit_event_actor_type_check', `actor_type IN ('user', 'api-key', 'system', 'cli')`)
@Index('audit_event_entity_idx', ['entityId', 'sequence'])
export class AuditEvent {
  /** Position in the chain; assigned under a lock so the chain has one order. */
  @PrimaryColumn('bigint', { primaryKeyConstraintName: 'audit_event_pkey' })
  sequence!: string;

  @Column('uuid')
  id!: string;

  @Column('text')
  actorType!: string;

  @Column('text', { nullable: true })
  actorId!: string | null;

  @Column('text')
  action!: string;

  @Column('text')
  entityType!: string;

  @Column('uuid')
  entityId!: string;

  @Column('jsonb', { nullable: true })
  before!: Record<string, unknown> | null;

  @Column('jsonb', { nullable: true })
  after!: Record<string, unknown> | null;

  @Column('text', { nullable: true })
  requestId!: string | null;

  @Column('timestamptz')
  occurredAt!: Date;

  @Column('text')
  previousHash!: string;

  @Column('text')
  hash!: string;
}
