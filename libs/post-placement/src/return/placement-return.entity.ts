import { Check, Column, CreateDateColumn, Entity, ForeignKey, Index, PrimaryColumn } from 'typeorm';
import { HealthOnArrival, ReturnKind, sqlValues } from '../post-placement.enums.js';

/** The worker's arrival home (or of their remains), recorded once per placement. */
@Entity('placement_return')
@Check('placement_return_kind_check', `kind IN (${sqlValues(ReturnKind)})`)
@Check('placement_return_health_check', `health_on_arrival IN (${sqlValues(HealthOnArrival)})`)
@Index('placement_return_returned_at_idx', ['returnedAt'])
export class PlacementReturn {
  @PrimaryColumn('uuid', { primaryKeyConstraintName: 'placement_return_pkey' })
  @ForeignKey('placement', { name: 'placement_return_placement_id_fkey' })
  placementId!: string;

  @Column('text')
  kind!: ReturnKind;

  @Column('timestamptz')
  returnedAt!: Date;

  @Column('text', { nullable: true })
  portOfEntry!: string | null;

  /** Null for remains. */
  @Column('text', { nullable: true })
  healthOnArrival!: HealthOnArrival | null;

  @Column('boolean', { default: false })
  suspectedTraffickingVictim!: boolean;

  @Column('boolean', { default: false })
  wagesOwed!: boolean;

  /** The repatriation this return completed, if the worker was brought home. */
  @Column('uuid', { nullable: true })
  @ForeignKey('repatriation', { name: 'placement_return_repatriation_id_fkey' })
  repatriationId!: string | null;

  @Column('text', { nullable: true })
  note!: string | null;

  @Column('text')
  recordedByType!: string;

  @Column('text', { nullable: true })
  recordedById!: string | null;

  @CreateDateColumn({ type: 'timestamptz', precision: 3 })
  createdAt!: Date;
}
