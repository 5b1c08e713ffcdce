import type { PiiCipher } from '#lintas/core';
import { sealWorkerPii } from '#lintas/registry';
import type { DataSource } from 'typeorm';
import { nikFor } from '../factories.js';

/** What the data set holds, for the queries that read it. */
export interface SmallDataSet {
  workerIds: string[];
  placementIds: string[];
}

/**
 * `count` workers (of South Kalimantan, province 63, unless `regencies` says otherwise), each with a placement abroad and every
 * relation a placement page reads — a checklist, a timeline, contacts, statuses, alerts and their
 * recipients, repatriations, referrals, refusals — and `count` recruiters with permits: several
 * rows of each per placement, so a loader that ran once per row could not hide. Written in a few
 * set-based statements (registering them one by one through the API took most of the test's
 * time); the NIKs are sealed with the API's own cipher, so the API reads them as its own.
 */
export async function seedSmallDataSet(
  dataSource: DataSource,
  cipher: PiiCipher,
  agencyCode: string,
  count: number,
  regencies: readonly string[] = KALSEL_REGENCIES,
): Promise<SmallDataSet> {
  const serials = Array.from({ length: count }, (_, index) => index + 1);
  const sealed = serials.map((serial) =>
    sealWorkerPii(cipher, {
      nik: nikFor(regencies[serial % regencies.length] ?? '6372', '1992-04-20', 'FEMALE', serial),
      phone: null,
      passportNumber: null,
      nextOfKin: null,
    }),
  );
  const rows = await dataSource.query<{ workerId: string; placementId: string }[]>(PLACEMENTS, [
    sealed.map((pii) => pii.nikCiphertext),
    sealed.map((pii) => pii.nikIndex),
    regencies,
    DESTINATIONS,
  ]);
  const placementIds = rows.map((row) => row.placementId);
  await dataSource.query(RELATIONS, [placementIds, agencyCode]);
  await dataSource.query(RECRUITERS, [count]);
  await dataSource.query('ANALYZE');
  return { workerIds: rows.map((row) => row.workerId), placementIds };
}

const DESTINATIONS = ['MY', 'SA', 'HK', 'TW'];
/** Banjarmasin, Banjarbaru and Banjar: South Kalimantan, province 63. */
const KALSEL_REGENCIES = ['6371', '6372', '6303'];

/**
 * Workers and their placements, PLACED abroad, created a minute apart so pages have an order. The
 * destinations take turns, and one placement in 25 goes to Japan, a destination of few placements
 * as most are: the same shares every run, so the planner weighs the same statistics every run.
 */
const PLACEMENTS = `
WITH input AS (
  SELECT n, nik_ciphertext, nik_index, $3::text[] AS regencies
    FROM unnest($1::text[], $2::text[]) WITH ORDINALITY AS i(nik_ciphertext, nik_index, n)
),
workers AS (
  INSERT INTO worker (id, full_name, sex, date_of_birth, origin_province_code, origin_regency_code,
                      nik_ciphertext, nik_index, created_at)
  SELECT gen_random_uuid(), 'Worker ' || n, 'FEMALE', '1992-04-20', left(regencies[1 + n % cardinality(regencies)], 2),
         regencies[1 + n % cardinality(regencies)], nik_ciphertext, nik_index, now() - n * interval '1 minute'
    FROM input
  RETURNING id, origin_regency_code, created_at
),
placements AS (
  INSERT INTO placement (id, worker_id, origin_province_code, origin_regency_code, destination, sector,
                         employer_type, job_title, contract_start, contract_end, departed_at, stage,
                         procedural, rule_set_version, created_at, next_check_in_due_at)
  SELECT gen_random_uuid(), w.id, left(w.origin_regency_code, 2), w.origin_regency_code,
         CASE WHEN w.n % 25 = 0 THEN 'JP' ELSE ($4::text[])[1 + w.n % cardinality($4::text[])] END,
         'FORMAL', 'LEGAL_ENTITY', 'Operator', current_date - 300, current_date + 400,
         now() - interval '300 days', 'PLACED', true, 'query-discipline', w.created_at,
         now() + interval '10 days'
    FROM (SELECT *, row_number() OVER (ORDER BY created_at DESC) AS n FROM workers) w
  RETURNING id, worker_id
),
requirements AS (
  INSERT INTO requirement (id, placement_id, kind, status, evaluated_by, expires_on)
  SELECT gen_random_uuid(), p.id, kind, 'SATISFIED', 'OFFICER', current_date + 700
    FROM placements p CROSS JOIN unnest(ARRAY['PASSPORT_VALID', 'WORK_VISA', 'MEDICAL_FIT']) kind
),
events AS (
  INSERT INTO placement_event (placement_id, type, stage_from, stage_to, actor_type)
  SELECT p.id, type, stage_from, stage_to, 'user'
    FROM placements p
   CROSS JOIN (VALUES ('registered', NULL, 'REGISTERED'), ('depart', 'REGISTERED', 'DEPARTED'),
                      ('confirmArrival', 'DEPARTED', 'PLACED')) e(type, stage_from, stage_to)
)
SELECT worker_id AS "workerId", id AS "placementId" FROM placements`;

const RELATIONS = `
WITH placements AS (SELECT unnest($1::uuid[]) AS id),
agency AS (SELECT id FROM agency WHERE code = $2),
contacts AS (
  INSERT INTO welfare_contact (id, placement_id, contacted_at, channel, reached_worker, recorded_by_type)
  SELECT gen_random_uuid(), p.id, now() - n * interval '9 days', 'PHONE', n % 2 = 0, 'user'
    FROM placements p CROSS JOIN generate_series(1, 3) n
),
statuses AS (
  INSERT INTO partner_status_report (id, placement_id, status, effective_at, reported_by_type)
  SELECT gen_random_uuid(), p.id, 'WORKING', now() - n * interval '20 days', 'api-key'
    FROM placements p CROSS JOIN generate_series(1, 2) n
),
alerts AS (
  INSERT INTO alert (id, kind, severity, placement_id, dedupe_key, reason, raised_at)
  SELECT gen_random_uuid(), 'MISSED_CHECK_IN', 'MEDIUM', p.id, 'qd:' || p.id || ':' || n, 'no contact',
         now() - n * interval '1 day'
    FROM placements p CROSS JOIN generate_series(1, 2) n
  RETURNING id
),
recipients AS (
  INSERT INTO alert_recipient (alert_id, agency_id, reason)
  SELECT a.id, agency.id, 'origin' FROM alerts a CROSS JOIN agency
),
repatriations AS (
  INSERT INTO repatriation (id, placement_id, status, reason, requested_by_agency_id, requested_by_type, requested_at)
  SELECT gen_random_uuid(), p.id, 'COMPLETED', 'CONTRACT_ENDED', agency.id, 'user', now() - n * interval '30 days'
    FROM placements p CROSS JOIN agency CROSS JOIN generate_series(1, 2) n
),
referrals AS (
  INSERT INTO referral (id, placement_id, service, agency_id, referred_by_agency_id, status, consent_given,
                        referred_by_type, referred_at)
  SELECT gen_random_uuid(), p.id, service, agency.id, agency.id, 'REFERRED', true, 'user', now()
    FROM placements p CROSS JOIN agency CROSS JOIN unnest(ARRAY['MEDICAL', 'LEGAL_AID']) service
)
INSERT INTO reintegration_refusal (id, placement_id, services, refused_at, recorded_by_type)
SELECT gen_random_uuid(), p.id, ARRAY['SHELTER'], now() - n * interval '2 days', 'user'
  FROM placements p CROSS JOIN generate_series(1, 2) n`;

const RECRUITERS = `
WITH recruiters AS (
  INSERT INTO recruiter (id, name, licence_number, status, valid_from, valid_until)
  SELECT gen_random_uuid(), 'PT Discipline ' || n, 'QD-' || gen_random_uuid(), 'ACTIVE', current_date - 30, current_date + 365
    FROM generate_series(1, $1::int) n
  RETURNING id
)
INSERT INTO recruitment_permit (id, recruiter_id, permit_number, destination, quota, valid_from, valid_until)
SELECT gen_random_uuid(), r.id, 'QD-P-' || d, d, 10, current_date - 30, current_date + 365
  FROM recruiters r CROSS JOIN unnest(ARRAY['MY', 'SA']) d`;
