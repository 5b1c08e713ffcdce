/**
 * The tables the demo data set fills, column by column with the type each is read as (`?` marks a
 * nullable column), in an order that satisfies every foreign key. The writer builds its statements
 * from these, and the row types below follow from them, so a row can hold neither a column the
 * table lacks nor miss one it has.
 */
export const DEMO_TABLES = {
  agency: {
    id: 'uuid',
    code: 'text',
    name: 'text',
    kind: 'text',
    province_codes: 'text[]',
    regency_codes: 'text[]',
    country_codes: 'text[]',
    webhook_url: 'text?',
    webhook_secret: 'text?',
    alert_emails: 'text[]',
    created_at: 'timestamptz',
    updated_at: 'timestamptz',
  },
  user_account: {
    id: 'uuid',
    username: 'text',
    display_name: 'text',
    password_hash: 'text',
    roles: 'text[]',
    agency_id: 'uuid',
    active: 'boolean',
    created_at: 'timestamptz',
    updated_at: 'timestamptz',
  },
  api_key: {
    id: 'uuid',
    name: 'text',
    prefix: 'text',
    secret_hash: 'text',
    roles: 'text[]',
    agency_id: 'uuid',
    created_at: 'timestamptz',
    revoked_at: 'timestamptz?',
  },
  recruiter: {
    id: 'uuid',
    name: 'text',
    licence_number: 'text',
    status: 'text',
    status_reason: 'text?',
    valid_from: 'date',
    valid_until: 'date',
    spsk_selected: 'boolean',
    created_at: 'timestamptz',
    updated_at: 'timestamptz',
    version: 'int',
  },
  recruitment_permit: {
    id: 'uuid',
    recruiter_id: 'uuid',
    permit_number: 'text',
    destination: 'text',
    quota: 'int',
    valid_from: 'date',
    valid_until: 'date',
    created_at: 'timestamptz',
  },
  worker: {
    id: 'uuid',
    // Sealed (PiiCipher): the data set holds no NIK, passport or phone number in clear.
    nik_ciphertext: 'text?',
    nik_index: 'text?',
    full_name: 'text',
    sex: 'text',
    date_of_birth: 'date',
    origin_province_code: 'text',
    origin_regency_code: 'text',
    incomplete: 'boolean',
    phone_ciphertext: 'text?',
    passport_number_ciphertext: 'text?',
    next_of_kin_ciphertext: 'text?',
    created_at: 'timestamptz',
    updated_at: 'timestamptz',
    version: 'int',
  },
  placement: {
    id: 'uuid',
    worker_id: 'uuid',
    origin_province_code: 'text',
    origin_regency_code: 'text',
    destination: 'text',
    destination_city: 'text?',
    sector: 'text',
    employer_type: 'text',
    employer_name: 'text?',
    job_title: 'text',
    recruiter_id: 'uuid?',
    scheme: 'text?',
    visa_type: 'text?',
    contract_start: 'date?',
    contract_end: 'date?',
    planned_departure_at: 'timestamptz?',
    departed_at: 'timestamptz?',
    departure_port: 'text?',
    stage: 'text',
    procedural: 'boolean',
    procedural_reasons: 'text[]',
    rule_set_version: 'text',
    re_trafficking_risk: 'boolean',
    suspected_trafficking_victim: 'boolean',
    cancellation_reason: 'text?',
    arrived_at: 'timestamptz?',
    partner_status: 'text?',
    partner_status_at: 'timestamptz?',
    last_reached_contact_at: 'timestamptz?',
    next_check_in_due_at: 'timestamptz?',
    risk_level: 'text?',
    risk_reasons: 'text[]',
    returned_at: 'timestamptz?',
    closed_at: 'timestamptz?',
    closure_outcome: 'text?',
    created_at: 'timestamptz',
    updated_at: 'timestamptz',
    version: 'int',
  },
  requirement: {
    id: 'uuid',
    placement_id: 'uuid',
    kind: 'text',
    status: 'text',
    reason: 'text?',
    evaluated_by: 'text',
    recorded_status: 'text?',
    // Sealed (PiiCipher): a passport's number among them.
    document_number_ciphertext: 'text?',
    issuer: 'text?',
    issued_on: 'date?',
    expires_on: 'date?',
    note: 'text?',
    recorded_by_id: 'text?',
    recorded_at: 'timestamptz?',
    updated_at: 'timestamptz',
  },
  // `sequence` is an identity: rows are written oldest first, so the timeline reads in order.
  placement_event: {
    placement_id: 'uuid',
    type: 'text',
    stage_from: 'text?',
    stage_to: 'text',
    actor_type: 'text',
    actor_id: 'text?',
    detail: 'jsonb',
    occurred_at: 'timestamptz',
  },
  partner_status_report: {
    id: 'uuid',
    placement_id: 'uuid',
    status: 'text',
    effective_at: 'timestamptz',
    note: 'text?',
    employer_name: 'text?',
    reported_by_type: 'text',
    reported_by_id: 'text?',
    created_at: 'timestamptz',
  },
  welfare_contact: {
    id: 'uuid',
    placement_id: 'uuid',
    contacted_at: 'timestamptz',
    channel: 'text',
    reached_worker: 'boolean',
    location: 'text?',
    wellbeing: 'text?',
    indicators: 'text[]',
    note: 'text?',
    corrects_id: 'uuid?',
    recorded_by_type: 'text',
    recorded_by_id: 'text?',
    created_at: 'timestamptz',
  },
  alert: {
    id: 'uuid',
    kind: 'text',
    severity: 'text',
    status: 'text',
    placement_id: 'uuid?',
    subject_alert_id: 'uuid?',
    dedupe_key: 'text',
    reason: 'text',
    raised_at: 'timestamptz',
    escalated_at: 'timestamptz?',
    acknowledged_at: 'timestamptz?',
    acknowledged_by_id: 'uuid?',
    assignee_id: 'uuid?',
    assigned_at: 'timestamptz?',
    resolved_at: 'timestamptz?',
    resolved_by_id: 'uuid?',
    resolution_note: 'text?',
    created_at: 'timestamptz',
    updated_at: 'timestamptz',
    version: 'int',
  },
  repatriation: {
    id: 'uuid',
    placement_id: 'uuid',
    status: 'text',
    reason: 'text',
    needs: 'text[]',
    note: 'text?',
    planned_arrival_at: 'timestamptz?',
    source_alert_id: 'uuid?',
    requested_by_agency_id: 'uuid',
    requested_by_type: 'text',
    requested_by_id: 'text?',
    requested_at: 'timestamptz',
    status_changed_at: 'timestamptz?',
    created_at: 'timestamptz',
    updated_at: 'timestamptz',
    version: 'int',
  },
  placement_return: {
    placement_id: 'uuid',
    kind: 'text',
    returned_at: 'timestamptz',
    port_of_entry: 'text?',
    health_on_arrival: 'text?',
    suspected_trafficking_victim: 'boolean',
    wages_owed: 'boolean',
    repatriation_id: 'uuid?',
    note: 'text?',
    recorded_by_type: 'text',
    recorded_by_id: 'text?',
    created_at: 'timestamptz',
  },
  referral: {
    id: 'uuid',
    placement_id: 'uuid',
    service: 'text',
    agency_id: 'uuid',
    referred_by_agency_id: 'uuid',
    status: 'text',
    consent_given: 'boolean',
    consent_override_reason: 'text?',
    note: 'text?',
    outcome: 'text?',
    referred_by_type: 'text',
    referred_by_id: 'text?',
    referred_at: 'timestamptz',
    status_changed_at: 'timestamptz?',
    created_at: 'timestamptz',
    updated_at: 'timestamptz',
    version: 'int',
  },
  reintegration_refusal: {
    id: 'uuid',
    placement_id: 'uuid',
    services: 'text[]',
    refused_at: 'timestamptz',
    note: 'text?',
    recorded_by_type: 'text',
    recorded_by_id: 'text?',
    created_at: 'timestamptz',
  },
} as const;

export type DemoTableName = keyof typeof DEMO_TABLES;

type ColumnType = 'uuid' | 'text' | 'int' | 'boolean' | 'date' | 'timestamptz' | 'text[]' | 'jsonb';

type ValueOf<T> = T extends 'int'
  ? number
  : T extends 'boolean'
    ? boolean
    : T extends 'text[]'
      ? readonly string[]
      : T extends 'jsonb'
        ? object
        : T extends 'timestamptz'
          ? Date
          : string;

type Cell<T> = T extends `${infer Base extends ColumnType}?` ? ValueOf<Base> | null : ValueOf<T>;

/** One row of a demo table: every column, and nothing else. */
export type DemoRow<Table extends DemoTableName> = {
  -readonly [Column in keyof (typeof DEMO_TABLES)[Table]]: Cell<(typeof DEMO_TABLES)[Table][Column]>;
};

/** Every row of the data set, table by table. */
export type DemoTables = { [Table in DemoTableName]: DemoRow<Table>[] };

export function emptyTables(): DemoTables {
  const tables = {} as Record<DemoTableName, unknown[]>;
  for (const table of Object.keys(DEMO_TABLES) as DemoTableName[]) tables[table] = [];
  return tables as DemoTables;
}
