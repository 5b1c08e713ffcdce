import {
  Check,
  Column,
  CreateDateColumn,
  Entity,
  ForeignKey,
  Index,
  PrimaryColumn,
  PrimaryGeneratedColumn,
  Unique,
  UpdateDateColumn,
} from 'typeorm';
import { sealedEnvelopeCheck } from '#lintas/core';
import type {
  EmployerType,
  PlacementScheme,
  PlacementStage,
  RequirementKind,
  RequirementStatus,
  Sector,
  VisaType,
} from './placement.enums.js';

// The schema's own vocabulary, as the migration checks it.
const STAGES = `'REGISTERED', 'CLEARED', 'DEPARTED', 'PLACED', 'REPATRIATING', 'RETURNED', 'REINTEGRATING',
  'CLOSED', 'CANCELLED', 'DECEASED', 'MISSING'`;
const REQUIREMENT_STATUSES = `'PENDING', 'SATISFIED', 'FAILED', 'WAIVED'`;

/** One cycle of one worker, from registration to closure: the aggregate the lifecycle moves. */
@Entity('placement')
@Check('placement_stage_check', `stage IN (${STAGES})`)
@Check(
  'placement_sector_check',
  `sector IN ('FORMAL', 'DOMESTIC', 'SEAFARER', 'CARE_WORKER', 'PLANTATION', 'CONSTRUCTION', 'OTHER')`,
)
@Check('placement_employer_type_check', `employer_type IN ('INDIVIDUAL', 'LEGAL_ENTITY')`)
@Check('placement_scheme_check', `scheme IN ('G_TO_G', 'SPSK')`)
@Check(
  'placement_visa_type_check',
  `visa_type IN ('WORK', 'TOURIST', 'UMRAH', 'VISIT', 'INTERNSHIP', 'STUDENT', 'OTHER')`,
)
@Check('placement_contract_dates_check', 'contract_end >= contract_start')
// One open placement per worker: the database holds the rule even against concurrent registrations.
@Index('placement_one_open_per_worker_key', ['workerId'], {
  unique: true,
  where: `stage NOT IN ('CLOSED', 'CANCELLED')`,
})
@Index('placement_worker_id_idx', ['workerId', 'createdAt'])
// Counting a recruitment permit's quota reads the live placements of a recruiter in one country:
// with their creation time and id in the index, without visiting the table.
@Index('placement_recruiter_destination_idx', ['recruiterId', 'destination', 'createdAt', 'id'], {
  where: `stage <> 'CANCELLED'`,
})
// Lists are read newest first; TypeORM cannot declare DESC columns, so these are left to the migration.
@Index('placement_origin_province_created_idx', { synchronize: false })
@Index('placement_origin_regency_created_idx', { synchronize: false })
@Index('placement_destination_created_idx', { synchronize: false })
@Index('placement_created_idx', { synchronize: false })
@Check(
  'placement_partner_status_check',
  `partner_status IN ('WORKING', 'EMPLOYER_CHANGED', 'IN_SHELTER', 'DETAINED', 'HOSPITALISED', 'DEPORTATION_PENDING', 'ABSCONDED', 'DECEASED', 'MISSING')`,
)
@Check('placement_risk_level_check', `risk_level IN ('LOW', 'MEDIUM', 'HIGH')`)
// The missed-check-in sweep reads due dates of workers abroad, those waiting to be brought home included.
@Index('placement_next_check_in_due_idx', ['nextCheckInDueAt'], {
  where: `stage IN ('DEPARTED', 'PLACED', 'REPATRIATING')`,
})
// The contract sweeps (ended without return, ending soon) read contract ends of workers abroad with
// no repatriation under way.
@Index('placement_contract_end_idx', ['contractEnd'], { where: `stage IN ('DEPARTED', 'PLACED')` })
// The reintegration-overdue sweep reads returns still waiting for a referral.
@Index('placement_returned_at_idx', ['returnedAt'], { where: `stage = 'RETURNED'` })
// The statistics read departures, and arrivals of workers reported abroad without one, by instant.
@Index('placement_departed_at_idx', ['departedAt'], { where: 'departed_at IS NOT NULL' })
@Index('placement_reported_abroad_arrived_at_idx', ['arrivedAt'], {
  where: `rule_set_version = 'reported-abroad' AND departed_at IS NULL`,
})
@Check(
  'placement_closure_check',
  `(stage = 'CLOSED') = (closed_at IS NOT NULL AND closure_outcome IS NOT NULL)`,
)
export class Placement {
  @PrimaryColumn('uuid', { primaryKeyConstraintName: 'placement_pkey' })
  id!: string;

  @Column('uuid')
  @ForeignKey('worker', { name: 'placement_worker_id_fkey' })
  workerId!: string;

  /**
   * Copied from the worker at registration: the jurisdiction that answers for this placement.
   * Null for a worker of unknown origin reported abroad: then only the national agency and the
   * destination's embassies and partners see it.
   */
  @Column({ type: 'char', length: 2, nullable: true })
  originProvinceCode!: string | null;

  @Column({ type: 'char', length: 4, nullable: true })
  @ForeignKey('regency', { name: 'placement_origin_regency_code_fkey' })
  originRegencyCode!: string | null;

  @Column({ type: 'char', length: 2 })
  @ForeignKey('country', { name: 'placement_destination_fkey' })
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
  @ForeignKey('recruiter', { name: 'placement_recruiter_id_fkey' })
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

  @Column('text', { array: true, default: () => "'{}'" })
  proceduralReasons!: string[];

  @Column('text')
  ruleSetVersion!: string;

  /** The worker was a suspected trafficking victim in an earlier placement (IOM tracks re-trafficking). */
  @Column('boolean', { default: false })
  reTraffickingRisk!: boolean;

  /** Set when this placement shows trafficking; a later placement of the worker is then flagged. */
  @Column('boolean', { default: false })
  suspectedTraffickingVictim!: boolean;

  @Column('text', { nullable: true })
  cancellationReason!: string | null;

  // Abroad (masa penempatan), kept on the aggregate so the check-in sweep reads one table.
  @Column('timestamptz', { nullable: true })
  arrivedAt!: Date | null;

  /** The latest status an embassy or partner reported (PartnerStatus); the history is in its own table. */
  @Column('text', { nullable: true })
  partnerStatus!: string | null;

  @Column('timestamptz', { nullable: true })
  partnerStatusAt!: Date | null;

  @Column('timestamptz', { nullable: true })
  lastReachedContactAt!: Date | null;

  @Column('timestamptz', { nullable: true })
  nextCheckInDueAt!: Date | null;

  /** LOW, MEDIUM or HIGH, with its reasons: derived by the check-in policy, stored for the sweeps. */
  @Column('text', { nullable: true })
  riskLevel!: string | null;

  @Column('text', { array: true, default: () => "'{}'" })
  riskReasons!: string[];

  // Home (purna penempatan); the details of the return are in placement_return.
  @Column('timestamptz', { nullable: true })
  returnedAt!: Date | null;

  @Column('timestamptz', { nullable: true })
  closedAt!: Date | null;

  /** What the cycle came to, in the words of whoever closed it. */
  @Column('text', { nullable: true })
  closureOutcome!: string | null;

  /** Milliseconds, as the keyset cursors carry them. */
  @CreateDateColumn({ type: 'timestamptz', precision: 3 })
  createdAt!: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt!: Date;

  @Column('int', { default: 1 })
  version!: number;
}

/** One procedural check of a placement: what the officer recorded, and what the engine decided. */
@Entity('requirement')
@Unique('requirement_placement_kind_key', ['placementId', 'kind'])
@Check('requirement_status_check', `status IN (${REQUIREMENT_STATUSES})`)
@Check('requirement_recorded_status_check', `recorded_status IN (${REQUIREMENT_STATUSES})`)
@Check('requirement_evaluated_by_check', `evaluated_by IN ('LINTAS', 'OFFICER')`)
@Check('requirement_evidence_dates_check', 'expires_on >= issued_on')
// A document number written in clear by mistake is refused by the database, not kept.
@Check('requirement_document_number_sealed_check', sealedEnvelopeCheck('document_number_ciphertext'))
// The document-expiring sweep reads the expiry of passports and work visas only.
@Index('requirement_document_expires_idx', ['expiresOn'], {
  where: `kind IN ('PASSPORT_VALID', 'WORK_VISA') AND expires_on IS NOT NULL`,
})
export class Requirement {
  @PrimaryColumn('uuid', { primaryKeyConstraintName: 'requirement_pkey' })
  id!: string;

  @Column('uuid')
  @ForeignKey('placement', { name: 'requirement_placement_id_fkey' })
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

  /**
   * The document's number (a passport's, a visa's, a contract's), sealed with PiiCipher: each leads
   * to the worker. requirement-document.ts seals and opens it.
   */
  @Column('text', { nullable: true })
  documentNumberCiphertext!: string | null;

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
@Index('placement_event_placement_idx', ['placementId', 'sequence'])
export class PlacementEvent {
  @PrimaryGeneratedColumn('identity', {
    type: 'bigint',
    generatedIdentity: 'ALWAYS',
    primaryKeyConstraintName: 'placement_event_pkey',
  })
  sequence!: string;

  @Column('uuid')
  @ForeignKey('placement', { name: 'placement_event_placement_id_fkey' })
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

  @Column('jsonb', { default: () => "'{}'" })
  detail!: Record<string, unknown>;

  @Column({ type: 'timestamptz', precision: 3, default: () => 'now()' })
  occurredAt!: Date;
}

export const placementEntities = [Placement, Requirement, PlacementEvent];
