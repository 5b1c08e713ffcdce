import { Column, CreateDateColumn, Entity, PrimaryColumn, UpdateDateColumn } from 'typeorm';
import type {
  EmployerType,
  PlacementScheme,
  PlacementStage,
  RequirementKind,
  RequirementStatus,
  Sector,
  VisaType,
} from './placement.enums.js';

/** One cycle of one worker, from registration to closure: the aggregate the lifecycle moves. */
@Entity('placement')
export class Placement {
  @PrimaryColumn('uuid')
  id!: string;

  @Column('uuid')
  workerId!: string;

  /** Copied from the worker at registration: the jurisdiction that answers for this placement. */
  @Column({ type: 'char', length: 2 })
  originProvinceCode!: string;

  @Column({ type: 'char', length: 4 })
  originRegencyCode!: string;

  @Column({ type: 'char', length: 2 })
  destination!: string;

  @Column('text', { nullable: true })
  destinationCity!: string | null;

  @Column('text')
  sector!: Sector;

  @Column('text')
  employerType!: EmployerType;

  @Column('text', { nullable: true })
  employerName!: string | null;

  @Column('text')
  jobTitle!: string;

  @Column('uuid', { nullable: true })
  recruiterId!: string | null;

  @Column('text', { nullable: true })
  scheme!: PlacementScheme | null;

  @Column('text', { nullable: true })
  visaType!: VisaType | null;

  @Column('date', { nullable: true })
  contractStart!: string | null;

  @Column('date', { nullable: true })
  contractEnd!: string | null;

  @Column('timestamptz', { nullable: true })
  plannedDepartureAt!: Date | null;

  @Column('timestamptz', { nullable: true })
  departedAt!: Date | null;

  @Column('text', { nullable: true })
  departurePort!: string | null;

  @Column('text')
  stage!: PlacementStage;

  @Column('boolean')
  procedural!: boolean;

  @Column('text', { array: true })
  proceduralReasons!: string[];

  @Column('text')
  ruleSetVersion!: string;

  /** The worker was a suspected trafficking victim in an earlier placement (IOM tracks re-trafficking). */
  @Column('boolean')
  reTraffickingRisk!: boolean;

  /** Set when this placement shows trafficking; a later placement of the worker is then flagged. */
  @Column('boolean')
  suspectedTraffickingVictim!: boolean;

  @Column('text', { nullable: true })
  cancellationReason!: string | null;

  @CreateDateColumn({ type: 'timestamptz', precision: 3 })
  createdAt!: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt!: Date;

  @Column('int')
  version!: number;
}

/** One procedural check of a placement: what the officer recorded, and what the engine decided. */
@Entity('requirement')
export class Requirement {
  @PrimaryColumn('uuid')
  id!: string;

  @Column('uuid')
  placementId!: string;

  @Column('text')
  kind!: RequirementKind;

  /** The engine's decision, re-made on every change. */
  @Column('text')
  status!: RequirementStatus;

  @Column('text', { nullable: true })
  reason!: string | null;

  @Column('text')
  evaluatedBy!: 'LINTAS' | 'OFFICER';

  /** What the officer recorded, which the engine reads (null: nothing recorded). */
  @Column('text', { nullable: true })
  recordedStatus!: RequirementStatus | null;

  @Column('text', { nullable: true })
  documentNumber!: string | null;

  @Column('text', { nullable: true })
  issuer!: string | null;

  @Column('date', { nullable: true })
  issuedOn!: string | null;

  @Column('date', { nullable: true })
  expiresOn!: string | null;

  @Column('text', { nullable: true })
  note!: string | null;

  @Column('text', { nullable: true })
  recordedById!: string | null;

  @Column('timestamptz', { nullable: true })
  recordedAt!: Date | null;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt!: Date;
}

/** The timeline: every transition and requirement decision, in order, with actor and time. */
@Entity('placement_event')
export class PlacementEvent {
  @PrimaryColumn('bigint')
  sequence!: string;

  @Column('uuid')
  placementId!: string;

  @Column('text')
  type!: string;

  @Column('text', { nullable: true })
  stageFrom!: PlacementStage | null;

  @Column('text')
  stageTo!: PlacementStage;

  @Column('text')
  actorType!: string;

  @Column('text', { nullable: true })
  actorId!: string | null;

  @Column('jsonb')
  detail!: Record<string, unknown>;

  @Column({ type: 'timestamptz', precision: 3 })
  occurredAt!: Date;
}

export const placementEntities = [Placement, Requirement, PlacementEvent];
