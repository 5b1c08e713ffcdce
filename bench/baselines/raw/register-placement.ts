import { createHash, randomUUID } from 'node:crypto';
import { isWithinJurisdiction, Role, workerScope, type Principal } from '#lintas/access';
import { canonicalJson } from '#lintas/audit';
import type { PiiCipher } from '#lintas/core';
import {
  EmployerType,
  evaluatePlacement,
  indonesianDate,
  PlacementScheme,
  PlacementStage,
  Sector,
  VisaType,
  type Evaluation,
  type PlacementFacts,
  type PlacementRule,
  type RecruiterFacts,
  type RecruitmentPermitFacts,
} from '#lintas/pre-placement';
import { openWorkerPii, parseNik } from '#lintas/registry';
import type pg from 'pg';
import { WORKER_SELECT, type WorkerRow } from './placements-page.js';
import { Refusal } from './refusal.js';
import { positional } from './scope.js';

/** The `RegisterPlacementInput` Lintas takes, as JSON. */
export interface RegisterPlacementInput {
  workerId: string;
  destination: string;
  destinationCity?: string | null;
  sector: Sector;
  jobTitle: string;
  employerType: EmployerType;
  employerName?: string | null;
  recruiterId?: string | null;
  scheme?: PlacementScheme | null;
  visaType?: VisaType | null;
  contractStart?: string | null;
  contractEnd?: string | null;
  plannedDepartureAt?: string | null;
}

const optional = (schema: object): object => ({ anyOf: [schema, { type: 'null' }] });

/** Lintas's class-validator rules for the input, as the JSON schema Fastify checks the body with. */
export const REGISTER_PLACEMENT_BODY = {
  type: 'object',
  required: ['input'],
  properties: {
    input: {
      type: 'object',
      additionalProperties: false,
      required: ['workerId', 'destination', 'sector', 'jobTitle', 'employerType'],
      properties: {
        workerId: { type: 'string', format: 'uuid' },
        destination: { type: 'string', pattern: '^[A-Za-z]{2}$' },
        destinationCity: optional({ type: 'string', maxLength: 100 }),
        sector: { enum: Object.values(Sector) },
        jobTitle: { type: 'string', pattern: '\\S', maxLength: 200 },
        employerType: { enum: Object.values(EmployerType) },
        employerName: optional({ type: 'string', maxLength: 200 }),
        recruiterId: optional({ type: 'string', format: 'uuid' }),
        scheme: optional({ enum: Object.values(PlacementScheme) }),
        visaType: optional({ enum: Object.values(VisaType) }),
        contractStart: optional({ type: 'string', format: 'date' }),
        contractEnd: optional({ type: 'string', format: 'date' }),
        plannedDepartureAt: optional({ type: 'string', format: 'date-time' }),
      },
    },
  },
} as const;

/** The terms as Lintas's resolver hands them to the service: absent fields null, the title trimmed. */
interface PlacementTerms {
  workerId: string;
  destination: string;
  destinationCity: string | null;
  sector: Sector;
  employerType: EmployerType;
  employerName: string | null;
  jobTitle: string;
  recruiterId: string | null;
  scheme: PlacementScheme | null;
  visaType: VisaType | null;
  contractStart: string | null;
  contractEnd: string | null;
  plannedDepartureAt: Date | null;
}

/** Any fixed number: Lintas's lock that gives the audit chain one order. */
const AUDIT_CHAIN_LOCK = 7_220_017;
const GENESIS_HASH = '0'.repeat(64);
const OFFICERS: readonly Role[] = [Role.OFFICER, Role.ADMIN];

const REGENCY_OF_NIK_SQL = `SELECT code, province_code AS "provinceCode" FROM regency WHERE code = $1
     UNION ALL
     SELECT r.code, r.province_code FROM legacy_regency_code l
       JOIN regency r ON r.code = l.regency_code WHERE l.legacy_code = $1
     LIMIT 1`;

const RECRUITER_SQL = `SELECT id, name, licence_number AS "licenceNumber", status,
            to_char(valid_from, 'YYYY-MM-DD') AS "validFrom",
            to_char(valid_until, 'YYYY-MM-DD') AS "validUntil",
            spsk_selected AS "spskSelected"
       FROM recruiter
      WHERE id = $1`;

const PERMITS_SQL = `WITH judged AS (
       SELECT created_at FROM placement WHERE id = $3::uuid
     )
     SELECT p.permit_number AS "permitNumber", p.destination, p.quota,
            (SELECT count(*)::int
               FROM placement pl
              WHERE pl.recruiter_id = $1
                AND pl.destination = $2
                AND pl.stage <> 'CANCELLED'
                AND pl.id IS DISTINCT FROM $3::uuid
                AND pl.created_at::date BETWEEN p.valid_from AND p.valid_until
                AND (NOT EXISTS (SELECT 1 FROM judged) OR pl.created_at < (SELECT created_at FROM judged))
            ) AS used,
            to_char(p.valid_from, 'YYYY-MM-DD') AS "validFrom",
            to_char(p.valid_until, 'YYYY-MM-DD') AS "validUntil"
       FROM recruitment_permit p
      WHERE p.recruiter_id = $1 AND p.destination = $2
      ORDER BY p.valid_from, p.permit_number`;

const RULES_SQL = `SELECT id,
            destination,
            sector,
            employer_type AS "employerType",
            decision,
            jobs,
            cities,
            channel,
            to_char(effective_from, 'YYYY-MM-DD') AS "effectiveFrom",
            to_char(effective_until, 'YYYY-MM-DD') AS "effectiveUntil",
            source
       FROM placement_rule
      WHERE destination = $1 AND sector = $2
      ORDER BY id`;

const INSERT_PLACEMENT_SQL = `INSERT INTO "placement"("id", "worker_id", "origin_province_code", "origin_regency_code",
  "destination", "destination_city", "sector", "employer_type", "employer_name", "job_title", "recruiter_id",
  "scheme", "visa_type", "contract_start", "contract_end", "planned_departure_at", "departed_at",
  "departure_port", "stage", "procedural", "procedural_reasons", "rule_set_version", "re_trafficking_risk",
  "suspected_trafficking_victim", "cancellation_reason", "arrived_at", "partner_status", "partner_status_at",
  "last_reached_contact_at", "next_check_in_due_at", "risk_level", "risk_reasons", "returned_at", "closed_at",
  "closure_outcome", "created_at", "updated_at", "version")
  VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19, $20, $21, $22,
  $23, $24, $25, DEFAULT, DEFAULT, DEFAULT, DEFAULT, DEFAULT, DEFAULT, DEFAULT, DEFAULT, DEFAULT, DEFAULT,
  DEFAULT, DEFAULT, $26)
  RETURNING "procedural_reasons", "re_trafficking_risk", "suspected_trafficking_victim", "risk_reasons",
  "created_at", "updated_at", "version"`;

const REQUIREMENT_COLUMN_COUNT = 14;

const UPSERT_REQUIREMENTS_SQL = (rows: number): string =>
  `INSERT INTO "requirement"("id", "placement_id", "kind", "status", "reason", "evaluated_by", "recorded_status",
  "document_number_ciphertext", "issuer", "issued_on", "expires_on", "note", "recorded_by_id", "recorded_at",
  "updated_at") VALUES ${Array.from({ length: rows }, (_row, index) => {
    const base = index * REQUIREMENT_COLUMN_COUNT;
    const numbers = Array.from(
      { length: REQUIREMENT_COLUMN_COUNT },
      (_column, column) => `$${base + column + 1}`,
    );
    return `(${numbers.join(', ')}, DEFAULT)`;
  }).join(', ')}
  ON CONFLICT ( "placement_id", "kind" ) DO UPDATE SET "placement_id" = EXCLUDED."placement_id",
  "kind" = EXCLUDED."kind", "id" = EXCLUDED."id", "status" = EXCLUDED."status", "reason" = EXCLUDED."reason",
  "evaluated_by" = EXCLUDED."evaluated_by", "recorded_status" = EXCLUDED."recorded_status",
  "document_number_ciphertext" = EXCLUDED."document_number_ciphertext", "issuer" = EXCLUDED."issuer",
  "issued_on" = EXCLUDED."issued_on", "expires_on" = EXCLUDED."expires_on", "note" = EXCLUDED."note",
  "recorded_by_id" = EXCLUDED."recorded_by_id", "recorded_at" = EXCLUDED."recorded_at", "updated_at" = DEFAULT
  RETURNING "updated_at"`;

const INSERT_EVENT_SQL = `INSERT INTO placement_event (placement_id, type, stage_from, stage_to, actor_type, actor_id, detail, occurred_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`;

const INSERT_OUTBOX_SQL = `INSERT INTO "outbox_event"("id", "topic", "aggregate_type", "aggregate_id", "payload",
  "request_id", "occurred_at", "sent_at") VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`;

const LAST_AUDIT_SQL = `SELECT "AuditEvent"."sequence" AS "AuditEvent_sequence", "AuditEvent"."hash" AS "AuditEvent_hash"
  FROM "audit_event" "AuditEvent" ORDER BY "AuditEvent_sequence" DESC LIMIT 1`;

const INSERT_AUDIT_SQL = `INSERT INTO audit_event (sequence, id, actor_type, actor_id, action, entity_type, entity_id,
         before, after, request_id, occurred_at, previous_hash, hash)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13)`;

interface InsertedRow {
  procedural_reasons: string[];
  re_trafficking_risk: boolean;
  suspected_trafficking_victim: boolean;
  risk_reasons: string[];
  created_at: Date;
  updated_at: Date;
  version: number;
}

/** The placement as Lintas's entity holds it after the insert: what the audit keeps and the answer shows. */
type RegisteredPlacement = Record<string, unknown> & { id: string; reTraffickingRisk: boolean };

/**
 * `registerPlacement`: Lintas's statements, in its one transaction and its order (terms, worker in
 * scope, the rule engine's facts, the insert, the checklist, the timeline, the outbox, the audit
 * chain). The rule engine itself is Lintas's (a pure function): the rows written are the same.
 * Not done: GraphQL parsing and validation (a JSON schema checks the body instead), decrypting the
 * worker's phone, passport and next of kin (Lintas decrypts them and uses none), API keys.
 */
export async function registerPlacement(
  pool: pg.Pool,
  cipher: PiiCipher,
  principal: Principal,
  input: RegisterPlacementInput,
): Promise<object> {
  if (!OFFICERS.some((role) => principal.roles.includes(role))) {
    throw new Refusal('FORBIDDEN', 'Only an officer may register a placement');
  }
  const terms = termsOf(input);
  const requestId = randomUUID();
  const client = await pool.connect();
  try {
    await client.query('START TRANSACTION');
    const placement = await register(client, cipher, principal, terms, requestId);
    await client.query('COMMIT');
    return { data: { registerPlacement: placement } };
  } catch (error) {
    await client.query('ROLLBACK');
    throw error;
  } finally {
    client.release();
  }
}

function termsOf(input: RegisterPlacementInput): PlacementTerms {
  return {
    workerId: input.workerId,
    destination: input.destination.toUpperCase(),
    destinationCity: input.destinationCity ?? null,
    sector: input.sector,
    employerType: input.employerType,
    employerName: input.employerName ?? null,
    jobTitle: input.jobTitle.trim(),
    recruiterId: input.recruiterId ?? null,
    scheme: input.scheme ?? null,
    visaType: input.visaType ?? null,
    contractStart: input.contractStart ?? null,
    contractEnd: input.contractEnd ?? null,
    plannedDepartureAt: input.plannedDepartureAt ? new Date(input.plannedDepartureAt) : null,
  };
}

async function register(
  client: pg.PoolClient,
  cipher: PiiCipher,
  principal: Principal,
  terms: PlacementTerms,
  requestId: string,
): Promise<RegisteredPlacement> {
  await checkTerms(client, terms);
  const scope = positional(workerScope(principal.jurisdiction), 1);
  const {
    rows: [worker],
  } = await client.query<WorkerRow>(
    `${WORKER_SELECT} WHERE ${scope.sql} AND "w"."id" = $${scope.values.length + 1}`,
    [...scope.values, terms.workerId],
  );
  // Seeing a worker (an embassy sees those placed in its country) is not being the office of origin.
  const ofOrigin =
    worker &&
    isWithinJurisdiction(principal.jurisdiction, {
      provinceCode: worker.originProvinceCode ?? undefined,
      regencyCode: worker.originRegencyCode ?? undefined,
    });
  if (!worker || !ofOrigin) throw new Refusal('NOT_FOUND', 'Worker not found');
  const id = randomUUID();
  const departureDate = terms.plannedDepartureAt && indonesianDate(terms.plannedDepartureAt);
  const evaluation = evaluatePlacement(await factsOf(client, cipher, terms, departureDate, id));
  const { rowCount: earlierVictims } = await client.query(
    'SELECT 1 FROM placement WHERE worker_id = $1 AND suspected_trafficking_victim LIMIT 1',
    [terms.workerId],
  );
  const placement = await insertPlacement(client, terms, worker, id, evaluation, (earlierVictims ?? 0) > 0);
  await upsertRequirements(client, id, evaluation);
  await client.query(INSERT_EVENT_SQL, [
    id,
    'registered',
    null,
    PlacementStage.REGISTERED,
    principal.kind,
    principal.id,
    {
      procedural: evaluation.procedural,
      destinationDecision: evaluation.destination.decision,
      ruleSetVersion: evaluation.ruleSetVersion,
    },
    new Date(),
  ]);
  await publish(client, 'placement.registered', id, requestId);
  if (placement.reTraffickingRisk) await publish(client, 'placement.re_trafficking_risk', id, requestId);
  await recordAudit(client, principal, placement, requestId);
  return placement;
}

/** Bad combinations of terms; the recruiter row locked, as Lintas counts its permit quota one at a time. */
async function checkTerms(client: pg.PoolClient, terms: PlacementTerms): Promise<void> {
  const country = await client.query('SELECT 1 FROM country WHERE code = $1', [terms.destination]);
  const problems = country.rowCount === 0 ? ['input.destination is not an ISO 3166-1 country code'] : [];
  if (terms.contractStart && terms.contractEnd && terms.contractEnd < terms.contractStart) {
    problems.push('input.contractEnd is before the contract start');
  }
  if (terms.recruiterId) {
    const recruiter = await client.query('SELECT 1 FROM recruiter WHERE id = $1 FOR UPDATE', [
      terms.recruiterId,
    ]);
    if (recruiter.rowCount === 0) problems.push('input.recruiterId is not a registered recruiter');
  }
  if (problems.length > 0) throw new Refusal('BAD_USER_INPUT', problems.join('; '));
}

/** What the rule engine reads, gathered with Lintas's statements (the worker read again, unscoped). */
async function factsOf(
  client: pg.PoolClient,
  cipher: PiiCipher,
  terms: PlacementTerms,
  departureDate: string | null,
  placementId: string,
): Promise<PlacementFacts> {
  const {
    rows: [worker],
  } = await client.query<WorkerRow>(`${WORKER_SELECT} WHERE TRUE AND "w"."id" = $1`, [terms.workerId]);
  if (!worker) throw new Refusal('NOT_FOUND', 'Worker not found');
  const nik =
    openWorkerPii(cipher, {
      nikCiphertext: worker.nikCiphertext,
      phoneCiphertext: null,
      passportNumberCiphertext: null,
      nextOfKinCiphertext: null,
    }).nik ?? '';
  const parsed = parseNik(nik);
  const nikRegency = parsed
    ? (await client.query<{ code: string }>(REGENCY_OF_NIK_SQL, [parsed.regencyCode])).rows[0]
    : undefined;
  const recruiter = terms.recruiterId
    ? await recruiterFacts(client, terms.recruiterId, terms.destination, placementId)
    : null;
  const { rows: rules } = await client.query<PlacementRule>(RULES_SQL, [terms.destination, terms.sector]);
  return {
    worker: {
      nik,
      sex: worker.sex === 'FEMALE' ? 'FEMALE' : 'MALE',
      dateOfBirth: worker.dateOfBirth,
      originRegencyCode: worker.originRegencyCode ?? '',
      nikRegencyCode: nikRegency?.code ?? null,
    },
    destination: terms.destination,
    destinationCity: terms.destinationCity,
    sector: terms.sector,
    employerType: terms.employerType,
    jobTitle: terms.jobTitle,
    scheme: terms.scheme,
    recruiter,
    visaType: terms.visaType,
    contractStart: terms.contractStart,
    contractEnd: terms.contractEnd,
    departureDate,
    rules,
    recorded: [],
  };
}

async function recruiterFacts(
  client: pg.PoolClient,
  recruiterId: string,
  destination: string,
  placementId: string,
): Promise<RecruiterFacts | null> {
  const {
    rows: [recruiter],
  } = await client.query<Omit<RecruiterFacts, 'permits'>>(RECRUITER_SQL, [recruiterId]);
  if (!recruiter) return null;
  const { rows: permits } = await client.query<RecruitmentPermitFacts>(PERMITS_SQL, [
    recruiterId,
    destination,
    placementId,
  ]);
  return { ...recruiter, permits };
}

async function insertPlacement(
  client: pg.PoolClient,
  terms: PlacementTerms,
  worker: WorkerRow,
  id: string,
  evaluation: Evaluation,
  reTraffickingRisk: boolean,
): Promise<RegisteredPlacement> {
  const written = {
    ...terms,
    id,
    originProvinceCode: worker.originProvinceCode,
    originRegencyCode: worker.originRegencyCode,
    departedAt: null,
    departurePort: null,
    stage: PlacementStage.REGISTERED,
    procedural: evaluation.procedural,
    proceduralReasons: evaluation.proceduralReasons,
    ruleSetVersion: evaluation.ruleSetVersion,
    reTraffickingRisk,
    suspectedTraffickingVictim: false,
    cancellationReason: null,
    version: 1,
  };
  try {
    const {
      rows: [inserted],
    } = await client.query<InsertedRow>(INSERT_PLACEMENT_SQL, [
      id,
      terms.workerId,
      written.originProvinceCode,
      written.originRegencyCode,
      terms.destination,
      terms.destinationCity,
      terms.sector,
      terms.employerType,
      terms.employerName,
      terms.jobTitle,
      terms.recruiterId,
      terms.scheme,
      terms.visaType,
      terms.contractStart,
      terms.contractEnd,
      terms.plannedDepartureAt,
      null,
      null,
      written.stage,
      written.procedural,
      written.proceduralReasons,
      written.ruleSetVersion,
      reTraffickingRisk,
      false,
      null,
      1,
    ]);
    return {
      ...written,
      riskReasons: inserted?.risk_reasons ?? [],
      createdAt: inserted?.created_at,
      updatedAt: inserted?.updated_at,
    };
  } catch (error) {
    if ((error as { constraint?: string }).constraint === 'placement_one_open_per_worker_key') {
      throw new Refusal('CONFLICT', 'The worker already has a placement that is not closed or cancelled');
    }
    throw error;
  }
}

async function upsertRequirements(
  client: pg.PoolClient,
  placementId: string,
  evaluation: Evaluation,
): Promise<void> {
  const values = evaluation.requirements.flatMap((decision) => [
    randomUUID(),
    placementId,
    decision.kind,
    decision.status,
    decision.reason,
    decision.evaluatedBy,
    null,
    null,
    null,
    null,
    null,
    null,
    null,
    null,
  ]);
  await client.query(UPSERT_REQUIREMENTS_SQL(evaluation.requirements.length), values);
}

async function publish(
  client: pg.PoolClient,
  topic: string,
  placementId: string,
  requestId: string,
): Promise<void> {
  await client.query(INSERT_OUTBOX_SQL, [
    randomUUID(),
    topic,
    'placement',
    placementId,
    { placementId },
    requestId,
    new Date(),
    null,
  ]);
}

/** One link of Lintas's hash chain, hashed as Lintas hashes it, so `audit:verify` still passes. */
async function recordAudit(
  client: pg.PoolClient,
  principal: Principal,
  placement: RegisteredPlacement,
  requestId: string,
): Promise<void> {
  await client.query('SELECT pg_advisory_xact_lock($1)', [AUDIT_CHAIN_LOCK]);
  const {
    rows: [last],
  } = await client.query<{ AuditEvent_sequence: string; AuditEvent_hash: string }>(LAST_AUDIT_SQL);
  const event = {
    sequence: String(BigInt(last?.AuditEvent_sequence ?? '0') + 1n),
    id: randomUUID(),
    actorType: principal.kind,
    actorId: principal.id,
    action: 'placement.registered',
    entityType: 'placement',
    entityId: placement.id,
    before: null,
    after: JSON.parse(JSON.stringify(placement)) as Record<string, unknown>,
    requestId,
    occurredAt: new Date().toISOString(),
    previousHash: last?.AuditEvent_hash ?? GENESIS_HASH,
  };
  const hash = createHash('sha256').update(canonicalJson(event)).digest('hex');
  await client.query(INSERT_AUDIT_SQL, [
    event.sequence,
    event.id,
    event.actorType,
    event.actorId,
    event.action,
    event.entityType,
    event.entityId,
    event.before,
    event.after,
    event.requestId,
    event.occurredAt,
    event.previousHash,
    hash,
  ]);
}
