import type { EntityManager } from 'typeorm';

/** What event rules re-read of a placement: an event says something happened, the row says what is true now. */
export interface PlacementSnapshot {
  id: string;
  stage: string;
  procedural: boolean;
  proceduralReasons: string[];
  partnerStatus: string | null;
  partnerStatusAt: Date | null;
  nextCheckInDueAt: Date | null;
  closedAt: Date | null;
  /** When the worker — or, at stage DECEASED, the remains — came home; null while no return is recorded. */
  returnedAt: Date | null;
}

export async function placementSnapshot(
  manager: EntityManager,
  placementId: string,
): Promise<PlacementSnapshot | null> {
  const [row] = await manager.query<PlacementSnapshot[]>(
    `SELECT id, stage, procedural, procedural_reasons AS "proceduralReasons",
            partner_status AS "partnerStatus", partner_status_at AS "partnerStatusAt",
            next_check_in_due_at AS "nextCheckInDueAt", closed_at AS "closedAt", returned_at AS "returnedAt"
       FROM placement WHERE id = $1`,
    [placementId],
  );
  return row ?? null;
}

/** A date as officers read it: the day in WIB (UTC+7), where Lintas judges days. */
export function wibDate(instant: Date): string {
  return new Date(instant.getTime() + 7 * 60 * 60 * 1000).toISOString().slice(0, 10);
}
