import type { EntityManager } from 'typeorm';
import type { Sector } from '../placement/placement.enums.js';
import type { PlacementRule } from './rule-engine.types.js';

/**
 * Every rule for a destination and sector, whatever its effective dates: the engine picks the one
 * in force on the departure date, and digests all of them into the rule-set version. Ordered by id
 * so the same table always gives the same list.
 */
export async function findPlacementRules(
  manager: EntityManager,
  destination: string,
  sector: Sector,
): Promise<PlacementRule[]> {
  // The aliases give the rows the shape of PlacementRule. Dates leave PostgreSQL as text:
  // node-postgres would turn a `date` into a Date at local midnight.
  return manager.query<PlacementRule[]>(
    `SELECT id,
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
      ORDER BY id`,
    [destination, sector],
  );
}
