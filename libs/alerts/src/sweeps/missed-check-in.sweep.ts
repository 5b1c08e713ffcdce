import { AlertKind, AlertSeverity } from '../model/alert.enums.js';
import { ABROAD, dayCount, dedupeKeySql, isoDate, NOW, type SweepRule } from './sweep-rule.js';

/** Days overdue, counted from the due date itself, at which the alert climbs the ladder. */
export const MISSED_CHECK_IN_LADDER = { highAfterDays: 30, criticalAfterDays: 60 } as const;

/** Whole days of 24 h, as the check-in policy counts them: no calendar or time-zone rounding. */
const DAYS_OVERDUE = `floor(extract(epoch FROM ${NOW} - placement.next_check_in_due_at) / 86400)::int`;

/**
 * A placement abroad whose welfare check-in is more than CHECK_IN_GRACE_DAYS overdue: MEDIUM, HIGH
 * from 30 days overdue, CRITICAL ("unreachable") from 60. The due date moves on with every contact
 * that reaches the worker, so it alone says how long nobody has heard from them. A worker waiting
 * abroad to be brought home is watched like any other: the wait may last weeks, in a shelter or in
 * detention, and silence then is no less alarming.
 * Served by placement_next_check_in_due_idx, whose predicate is ABROAD.
 */
export const missedCheckInSweep: SweepRule = {
  name: 'missed-check-in',
  candidates: `
    SELECT '${AlertKind.MISSED_CHECK_IN}' AS kind, ladder.severity, placement.id AS placement_id,
           ${dedupeKeySql(AlertKind.MISSED_CHECK_IN, 'placement.id')} AS dedupe_key,
           CASE ladder.severity
             WHEN '${AlertSeverity.CRITICAL}' THEN format(
               'Worker unreachable: no welfare contact has reached the worker since the check-in due on %s (%s overdue). Locate the worker through the embassy, the employer and the family.',
               due.due_on, ${dayCount('overdue.days')})
             WHEN '${AlertSeverity.HIGH}' THEN format(
               'No welfare contact has reached the worker since the check-in due on %s (%s overdue). Contact the worker, the employer and the recruiter.',
               due.due_on, ${dayCount('overdue.days')})
             ELSE format(
               'Welfare check-in due on %s was missed (%s overdue). Contact the worker.',
               due.due_on, ${dayCount('overdue.days')})
           END AS reason,
           placement.next_check_in_due_at AS since
      FROM placement
     CROSS JOIN LATERAL (SELECT ${DAYS_OVERDUE} AS days) AS overdue
     CROSS JOIN LATERAL (
             SELECT CASE
                      WHEN overdue.days >= ${MISSED_CHECK_IN_LADDER.criticalAfterDays} THEN '${AlertSeverity.CRITICAL}'
                      WHEN overdue.days >= ${MISSED_CHECK_IN_LADDER.highAfterDays} THEN '${AlertSeverity.HIGH}'
                      ELSE '${AlertSeverity.MEDIUM}'
                    END AS severity) AS ladder
     CROSS JOIN LATERAL (
             SELECT ${isoDate(`placement.next_check_in_due_at AT TIME ZONE 'Asia/Jakarta'`)} AS due_on) AS due
     WHERE placement.stage IN ${ABROAD}
       AND placement.next_check_in_due_at < ${NOW} - $3::int * interval '24 hours'`,
  parameters: (settings) => [settings.checkInGraceDays],
};
