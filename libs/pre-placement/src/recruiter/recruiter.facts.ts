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
 * `used`, per permit: the recruiter's placements to that country, not CANCELLED, registered while
 * the permit was valid and BEFORE the placement being evaluated (`placementId`; one not yet
 * inserted comes after all). Quota goes first come, first served: a later registration over the
 * quota cannot take the place of an earlier one, and placements under an older permit do not
 * count against a renewed one. Read inside the caller's transaction; a caller that commits on the
 * quota must serialise per recruiter (the placement service locks the recruiter row first).
 * Null when there is no such recruiter.
 */
export async function loadRecruiterFacts(
  manager: EntityManager,
  recruiterId: string,
  destination: string,
  placementId?: string,
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
    `WITH judged AS (
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
      ORDER BY p.valid_from, p.permit_number`,
    [recruiterId, destination, placementId ?? null],
  );
  return { ...recruiter, permits };
}
