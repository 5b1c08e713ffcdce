import { Check, Column, Entity, ForeignKey, Index, PrimaryColumn } from 'typeorm';
import type { EmployerType, PlacementScheme, RuleDecision, Sector } from '../placement/placement.enums.js';

/**
 * One row of the placement-rules table, loaded from data/placement-rules by a migration. Rows are
 * never edited: a new policy is a new row with its own effective date.
 */
@Entity('placement_rule')
@Check(
  'placement_rule_sector_check',
  `sector IN ('FORMAL', 'DOMESTIC', 'SEAFARER', 'CARE_WORKER', 'PLANTATION', 'CONSTRUCTION', 'OTHER')`,
)
@Check('placement_rule_employer_type_check', `employer_type IN ('INDIVIDUAL', 'LEGAL_ENTITY')`)
@Check('placement_rule_decision_check', `decision IN ('OPEN', 'BANNED', 'CHANNEL_ONLY')`)
@Check('placement_rule_channel_check', `channel IN ('G_TO_G', 'SPSK')`)
// A channel is what a CHANNEL_ONLY rule opens; on any other rule it would be ignored.
@Check('placement_rule_channel_only_check', `(decision = 'CHANNEL_ONLY') = (channel IS NOT NULL)`)
@Check('placement_rule_source_check', `source <> ''`)
// effective_until is exclusive, so a rule must cover at least one day.
@Check('placement_rule_effective_check', 'effective_until > effective_from')
@Index('placement_rule_destination_sector_idx', ['destination', 'sector'])
export class PlacementRuleRow {
  /** Stable, e.g. `kepmenaker-260-2015:SA`: decisions and later data refer to it. */
  @PrimaryColumn('text', { primaryKeyConstraintName: 'placement_rule_pkey' })
  id!: string;

  /** ISO 3166-1 alpha-2. */
  @Column({ type: 'char', length: 2 })
  @ForeignKey('country', { name: 'placement_rule_destination_fkey' })
  destination!: string;

  @Column('text')
  sector!: Sector;

  /** null means every employer type. */
  @Column('text', { nullable: true })
  employerType!: EmployerType | null;

  @Column('text')
  decision!: RuleDecision;

  @Column({ type: 'text', array: true, default: () => "'{}'" })
  jobs!: string[];

  @Column({ type: 'text', array: true, default: () => "'{}'" })
  cities!: string[];

  @Column('text', { nullable: true })
  channel!: PlacementScheme | null;

  /** YYYY-MM-DD, kept as a string so no time zone can move it. */
  @Column('date')
  effectiveFrom!: string;

  /** Exclusive; null while the rule is in force. */
  @Column('date', { nullable: true })
  effectiveUntil!: string | null;

  @Column('text')
  source!: string;
}
