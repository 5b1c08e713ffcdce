import { Column, Entity, PrimaryColumn } from 'typeorm';

/**
 * One change, as it happened. Rows are chained (each carries the previous row's hash) and the
 * database refuses UPDATE, DELETE and TRUNCATE on this table, so the trail can only grow.
 */
@Entity('audit_event')
export class AuditEvent {
  /** Position in the chain; assigned under a lock so the chain has one order. */
  @PrimaryColumn('bigint')
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
