import { placementScope, workerScope, type Principal } from '#lintas/access';
import type { PiiCipher } from '#lintas/core';
import { RequirementKind } from '#lintas/pre-placement';
import { openWorkerPii } from '#lintas/registry';
import type pg from 'pg';
import { positional } from './scope.js';

/** Every column of a placement, as TypeORM hydrates the page's entities (Lintas selects them all). */
const PLACEMENT_COLUMNS = [
  'id',
  'worker_id',
  'origin_province_code',
  'origin_regency_code',
  'destination',
  'destination_city',
  'sector',
  'employer_type',
  'employer_name',
  'job_title',
  'recruiter_id',
  'scheme',
  'visa_type',
  'contract_start',
  'contract_end',
  'planned_departure_at',
  'departed_at',
  'departure_port',
  'stage',
  'procedural',
  'procedural_reasons',
  'rule_set_version',
  're_trafficking_risk',
  'suspected_trafficking_victim',
  'cancellation_reason',
  'arrived_at',
  'partner_status',
  'partner_status_at',
  'last_reached_contact_at',
  'next_check_in_due_at',
  'risk_level',
  'risk_reasons',
  'returned_at',
  'closed_at',
  'closure_outcome',
  'created_at',
  'updated_at',
  'version',
]
  .map((column) => `"p"."${column}" AS "p_${column}"`)
  .join(', ');

const REQUIREMENT_COLUMNS = [
  'id',
  'placement_id',
  'kind',
  'status',
  'reason',
  'evaluated_by',
  'recorded_status',
  'document_number_ciphertext',
  'issuer',
  'issued_on',
  'expires_on',
  'note',
  'recorded_by_id',
  'recorded_at',
  'updated_at',
]
  .map((column) => `"r"."${column}" AS "r_${column}"`)
  .join(', ');

/** The worker statement of Lintas's WorkerQueries, scoped, for the page's workers. */
export const WORKER_SELECT = `SELECT "w"."id" AS "id", "w"."nik_ciphertext" AS "nikCiphertext",
  "w"."full_name" AS "fullName", "w"."sex" AS "sex", to_char("w"."date_of_birth", 'YYYY-MM-DD') AS "dateOfBirth",
  "w"."origin_province_code" AS "originProvinceCode", "p"."name" AS "originProvinceName",
  "w"."origin_regency_code" AS "originRegencyCode", "r"."name" AS "originRegencyName",
  "w"."incomplete" AS "incomplete", "w"."phone_ciphertext" AS "phoneCiphertext",
  "w"."passport_number_ciphertext" AS "passportNumberCiphertext",
  "w"."next_of_kin_ciphertext" AS "nextOfKinCiphertext", "w"."created_at" AS "createdAt",
  "w"."updated_at" AS "updatedAt", "w"."version" AS "version"
  FROM "worker" "w" LEFT JOIN "province" "p" ON "p"."code" = "w"."origin_province_code"
  LEFT JOIN "regency" "r" ON "r"."code" = "w"."origin_regency_code"`;

const CONTACT_COLUMNS = [
  'id',
  'placement_id',
  'contacted_at',
  'channel',
  'reached_worker',
  'location',
  'wellbeing',
  'indicators',
  'note',
  'corrects_id',
  'recorded_by_type',
  'recorded_by_id',
  'created_at',
]
  .map((column) => `"c"."${column}" AS "c_${column}"`)
  .join(', ');

/** The newest contact of each placement: Lintas's lastWelfareContact batch, a LATERAL … LIMIT 1 per key. */
const LAST_CONTACTS_SQL = `SELECT ${CONTACT_COLUMNS} FROM "welfare_contact" "c"
  WHERE "c"."id" IN (SELECT f.id FROM unnest(CAST($1 AS uuid[])) AS k(key)
    CROSS JOIN LATERAL (SELECT x.id FROM welfare_contact x WHERE x.placement_id = k.key
      ORDER BY x.contacted_at DESC, x.id DESC LIMIT 1) f)
  ORDER BY "c"."contacted_at" DESC, "c"."id" DESC`;

interface PlacementRow {
  p_id: string;
  p_worker_id: string;
  p_stage: string;
  p_destination: string;
  p_sector: string;
  p_job_title: string;
  p_next_check_in_due_at: Date | null;
  p_version: number;
}

export interface WorkerRow {
  id: string;
  nikCiphertext: string | null;
  fullName: string;
  sex: string;
  dateOfBirth: string;
  originProvinceCode: string | null;
  originRegencyCode: string | null;
}

interface RequirementRow {
  r_placement_id: string;
  r_kind: RequirementKind;
  r_status: string;
  r_expires_on: string | null;
}

interface ContactRow {
  c_placement_id: string;
  c_contacted_at: Date;
  c_channel: string;
  c_reached_worker: boolean;
}

const KIND_ORDER = Object.values(RequirementKind);

/**
 * `placements(first: N)` with worker, requirements and last welfare contact: Lintas's statements in
 * Lintas's shape — the page, then one batch per relation, concurrently (as the per-request
 * DataLoaders run them). Decrypts the NIK
 * only, the one personal field the page shows (Lintas decrypts all four worker fields and every
 * requirement's document number). No GraphQL parsing, validation or complexity check, no cursor.
 */
export async function placementsPage(
  pool: pg.Pool,
  cipher: PiiCipher,
  principal: Principal,
  first: number,
): Promise<object> {
  const rows = await pageRows(pool, principal, first);
  const placements = rows.slice(0, first);
  const placementIds = placements.map((row) => row.p_id);
  const workerIds = [...new Set(placements.map((row) => row.p_worker_id))];
  const workerCondition = positional(workerScope(principal.jurisdiction), 1);
  const [workers, requirements, contacts] = await Promise.all([
    pool.query<WorkerRow>(
      `${WORKER_SELECT} WHERE ${workerCondition.sql} AND "w"."id" = ANY($${workerCondition.values.length + 1})`,
      [...workerCondition.values, workerIds],
    ),
    pool.query<RequirementRow>(
      `SELECT ${REQUIREMENT_COLUMNS} FROM "requirement" "r" WHERE "r"."placement_id" = ANY($1)`,
      [placementIds],
    ),
    pool.query<ContactRow>(LAST_CONTACTS_SQL, [placementIds]),
  ]);
  const workerById = new Map(workers.rows.map((worker) => [worker.id, workerNode(cipher, worker)]));
  const requirementsOf = groupRequirements(requirements.rows);
  const contactOf = new Map(contacts.rows.map((contact) => [contact.c_placement_id, contactNode(contact)]));
  return {
    data: {
      placements: {
        edges: placements.map((row) => ({
          node: {
            id: row.p_id,
            stage: row.p_stage,
            destination: row.p_destination,
            sector: row.p_sector,
            jobTitle: row.p_job_title,
            nextCheckInDueAt: row.p_next_check_in_due_at,
            version: row.p_version,
            worker: workerById.get(row.p_worker_id) ?? null,
            requirements: requirementsOf.get(row.p_id) ?? [],
            lastWelfareContact: contactOf.get(row.p_id) ?? null,
          },
        })),
      },
    },
  };
}

/** The page alone, one statement: Lintas counts (in a REPEATABLE READ snapshot) only when `totalCount` is asked. */
async function pageRows(pool: pg.Pool, principal: Principal, first: number): Promise<PlacementRow[]> {
  const scope = positional(placementScope(principal.jurisdiction), 1);
  const { rows } = await pool.query<PlacementRow>(
    `SELECT ${PLACEMENT_COLUMNS} FROM "placement" "p" WHERE ${scope.sql}
      ORDER BY "p"."created_at" DESC, "p"."id" DESC LIMIT ${first + 1}`,
    scope.values,
  );
  return rows;
}

function workerNode(cipher: PiiCipher, worker: WorkerRow): object {
  const { nik } = openWorkerPii(cipher, {
    nikCiphertext: worker.nikCiphertext,
    phoneCiphertext: null,
    passportNumberCiphertext: null,
    nextOfKinCiphertext: null,
  });
  return {
    id: worker.id,
    fullName: worker.fullName,
    sex: worker.sex,
    dateOfBirth: worker.dateOfBirth,
    nik,
  };
}

/** Each placement's checklist in the order of the law's list, as Lintas answers it. */
function groupRequirements(rows: RequirementRow[]): Map<string, object[]> {
  const sorted = [...rows].sort((a, b) => KIND_ORDER.indexOf(a.r_kind) - KIND_ORDER.indexOf(b.r_kind));
  const byPlacement = new Map<string, object[]>();
  for (const row of sorted) {
    const list = byPlacement.get(row.r_placement_id) ?? [];
    list.push({ kind: row.r_kind, status: row.r_status, expiresOn: row.r_expires_on });
    byPlacement.set(row.r_placement_id, list);
  }
  return byPlacement;
}

function contactNode(contact: ContactRow): object {
  return {
    contactedAt: contact.c_contacted_at,
    channel: contact.c_channel,
    reachedWorker: contact.c_reached_worker,
  };
}
