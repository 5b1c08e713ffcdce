import { AlertKind, AlertSeverity } from '../model/alert.enums.js';
import { dayCount, dedupeKeySql, isoDate, TODAY_WIB, wibDayStart, type SweepRule } from './sweep-rule.js';

/** WIB days after the return by which a worker should have been referred, or have refused. */
export const REINTEGRATION_DUE_AFTER_DAYS = 30;

/**
 * A worker home for 30 WIB days or more (stage RETURNED) with neither a reintegration referral nor
 * a recorded refusal: REINTEGRATION_OVERDUE, MEDIUM, or HIGH for a suspected trafficking victim
 * (the placement's flag, which recording the return sets and nothing clears; the open alert is
 * escalated once it is set).
 * A referral, a refusal, the closure or the worker's death resolves the open alert
 * (ReintegrationAddressedRule). Served by placement_returned_at_idx.
 */
export const reintegrationOverdueSweep: SweepRule = {
  name: 'reintegration-overdue',
  candidates: `
    SELECT '${AlertKind.REINTEGRATION_OVERDUE}' AS kind,
           CASE WHEN placement.suspected_trafficking_victim THEN '${AlertSeverity.HIGH}' ELSE '${AlertSeverity.MEDIUM}' END AS severity,
           placement.id AS placement_id,
           ${dedupeKeySql(AlertKind.REINTEGRATION_OVERDUE, 'placement.id')} AS dedupe_key,
           CASE WHEN placement.suspected_trafficking_victim
             THEN format(
               'Suspected trafficking victim returned home on %s (%s ago) and neither a reintegration referral nor a refusal has been recorded. Refer the worker to rehabilitation and legal aid, or record the refusal.',
               ${isoDate('home.returned_on')}, ${dayCount(`${TODAY_WIB} - home.returned_on`)})
             ELSE format(
               'Returned home on %s (%s ago) and neither a reintegration referral nor a refusal has been recorded. Refer the worker to a reintegration service, or record the refusal.',
               ${isoDate('home.returned_on')}, ${dayCount(`${TODAY_WIB} - home.returned_on`)})
           END AS reason,
           ${wibDayStart(`home.returned_on + ${REINTEGRATION_DUE_AFTER_DAYS}`)} AS since
      FROM placement
     CROSS JOIN LATERAL (
             SELECT (placement.returned_at AT TIME ZONE 'Asia/Jakarta')::date AS returned_on) AS home
     WHERE placement.stage = 'RETURNED'
       -- Returned on or before the WIB day 30 days ago, said as a bound on returned_at itself
       -- (before the next WIB day began) so that the partial index serves it.
       AND placement.returned_at < ${wibDayStart(`${TODAY_WIB} - ${REINTEGRATION_DUE_AFTER_DAYS - 1}`)}
       AND NOT EXISTS (SELECT 1 FROM referral WHERE referral.placement_id = placement.id)
       AND NOT EXISTS (SELECT 1 FROM reintegration_refusal WHERE reintegration_refusal.placement_id = placement.id)`,
  parameters: () => [],
};
