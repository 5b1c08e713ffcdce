import type { EntityManager } from 'typeorm';
import type { RecruiterStatus } from '../placement/placement.enums.js';
import type { RecruiterFacts, RecruitmentPermitFacts } from '../rules/rule-engine.types.js';

interface RecruiterFactsRow {
  id: string;
  name: string;
  licenceNumber: string;
  status: RecruiterStatus;
  validFrom: string;
  validUntil: string;
  spskSelected: boolean;
}

/**
 * What the rule engine needs to know about a recruiter for a placement to `destination`: its
 * licence, and its permits for that country with the placements already counted against them.
 *
 * `used` counts the recruiter's placements to that country that are not CANCELLED, leaving out
 * `excludingPlacementId` (the placement being evaluated). A placement names no permit, so every
 * permit for the same country shows the same count. Read inside the caller's transaction; a caller
 * that commits on the quota must serialise per recruiter (e.g. lock the recruiter row first).
 * Null when there is no such recruiter.
 */
export async function loadRecruiterFacts(
  manager: EntityManager,
  recruiterId: string,
  destination: string,
  excludingPlacementId?: string,
): Promise<RecruiterFacts | null> {
  const [recruiter] = await manager.query<RecruiterFactsRow[]>(
    `SELECT id, name, licence_number AS "licenceNumber", status,
            to_char(valid_from, 'YYYY-MM-DD') AS "validFrom",
            to_char(valid_until, 'YYYY-MM-DD') AS "validUntil",
            spsk_selected AS "spskSelected"
       FROM recruiter
      WHERE id = $1`,
    [recruiterId],
  );
  if (!recruiter) return null;
  const permits = await manager.query<RecruitmentPermitFacts[]>(
    `WITH used AS (
       SELECT count(*)::int AS used
         FROM placement
        WHERE recruiter_id = $1
          AND destination = $2
          AND stage <> 'CANCELLED'
          AND ($3::uuid IS NULL OR id <> $3::uuid)
     )
     SELECT p.permit_number AS "permitNumber", p.destination, p.quota, used.used,
            to_char(p.valid_from, 'YYYY-MM-DD') AS "validFrom",
            to_char(p.valid_until, 'YYYY-MM-DD') AS "validUntil"
       FROM recruitment_permit p CROSS JOIN used
      WHERE p.recruiter_id = $1 AND p.destination = $2
      ORDER BY p.valid_from, p.permit_number`,
    [recruiterId, destination, excludingPlacementId ?? null],
  );
  return { ...recruiter, permits };
}
