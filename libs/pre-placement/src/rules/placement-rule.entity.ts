import { Column, Entity, PrimaryColumn } from 'typeorm';
import type { EmployerType, PlacementScheme, RuleDecision, Sector } from '../placement/placement.enums.js';

/**
 * One row of the placement-rules table, loaded from data/placement-rules by a migration. Rows are
 * never edited: a new policy is a new row with its own effective date.
 */
@Entity('placement_rule')
export class PlacementRuleRow {
  /** Stable, e.g. `kepmenaker-260-2015:SA`: decisions and later data refer to it. */
  @PrimaryColumn('text')
  id!: string;

  /** ISO 3166-1 alpha-2. */
  @Column({ type: 'char', length: 2 })
  destination!: string;

  @Column('text')
  sector!: Sector;

  /** null: any employer type. */
  @Column('text', { nullable: true })
  employerType!: EmployerType | null;

  @Column('text')
  decision!: RuleDecision;

  @Column({ type: 'text', array: true })
  jobs!: string[];

  @Column({ type: 'text', array: true })
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
