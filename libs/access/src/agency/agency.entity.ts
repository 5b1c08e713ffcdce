import { Column, CreateDateColumn, Entity, PrimaryColumn, UpdateDateColumn } from 'typeorm';
import { AgencyKind } from '../roles.js';

/** A BP3MI office, a Disnaker, an embassy or partner abroad, a social service, or the national agency. */
@Entity('agency')
export class Agency {
  @PrimaryColumn('uuid')
  id!: string;

  /** Short stable handle used by the CLI and integrations, e.g. `bp3mi-kalsel`. */
  @Column('text')
  code!: string;

  @Column('text')
  name!: string;

  @Column('text')
  kind!: AgencyKind;

  @Column('text', { array: true })
  provinceCodes!: string[];

  @Column('text', { array: true })
  regencyCodes!: string[];

  @Column('text', { array: true })
  countryCodes!: string[];

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt!: Date;
}
