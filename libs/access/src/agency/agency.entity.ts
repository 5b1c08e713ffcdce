import { Check, Column, CreateDateColumn, Entity, PrimaryColumn, Unique, UpdateDateColumn } from 'typeorm';
import { AgencyKind } from '../roles.js';

/** A BP3MI office, a Disnaker, an embassy or partner abroad, a social service, or the national agency. */
@Entity('agency')
@Unique('agency_code_key', ['code'])
@Check(
  'agency_kind_check',
  `kind IN ('BP3MI', 'DISNAKER', 'EMBASSY', 'PARTNER', 'SOCIAL_SERVICE', 'NATIONAL')`,
)
@Check('agency_webhook_check', '(webhook_url IS NULL) = (webhook_secret IS NULL)')
export class Agency {
  @PrimaryColumn('uuid', { primaryKeyConstraintName: 'agency_pkey' })
  id!: string;

  /** Short stable handle used by the CLI and integrations, e.g. `bp3mi-kalsel`. */
  @Column('text')
  code!: string;

  @Column('text')
  name!: string;

  @Column('text')
  kind!: AgencyKind;

  @Column('text', { array: true, default: () => "'{}'" })
  provinceCodes!: string[];

  @Column('text', { array: true, default: () => "'{}'" })
  regencyCodes!: string[];

  @Column('text', { array: true, default: () => "'{}'" })
  countryCodes!: string[];

  /** Where alerts are posted, signed with `webhookSecret` (HMAC-SHA256). */
  @Column('text', { nullable: true })
  webhookUrl!: string | null;

  /** Sensitive: shown once when set, never logged, never served over the API. */
  @Column('text', { nullable: true })
  webhookSecret!: string | null;

  /** Addresses that receive alerts by e-mail, in one message per alert. */
  @Column('text', { array: true, default: () => "'{}'" })
  alertEmails!: string[];

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt!: Date;
}
