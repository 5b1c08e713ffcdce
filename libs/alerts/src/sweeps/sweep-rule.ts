import { AlertTopic } from '../model/alert-ledger.js';
import { SEVERITY_ORDER_SQL } from '../model/alert.enums.js';

/**
 * A time rule: one SELECT of the conditions that need an alert, run inside `sweepStatement`.
 * It yields `kind, severity, placement_id, dedupe_key, reason` and `since` (the instant the
 * condition began), one row per dedupe key, and may read `$1` (now, from the Clock) and its own
 * parameters from `$3` on.
 */
export interface SweepRule {
  readonly name: string;
  readonly candidates: string;
  /** The values of `$3` onwards. */
  parameters(settings: SweepSettings): unknown[];
}

/** What the rules read from the configuration. */
export interface SweepSettings {
  checkInGraceDays: number;
}

/** "Now", as every rule reads it: the Clock's instant, never the database's own clock. */
export const NOW = '$1::timestamptz';

/** Day rules are judged on the calendar of Indonesia's western time zone (WIB). */
export const TODAY_WIB = `(${NOW} AT TIME ZONE 'Asia/Jakarta')::date`;

/**
 * Placements whose worker is abroad, including one waiting to be brought home (in a shelter, in
 * detention, in hospital — sometimes for weeks): still owed welfare contacts, still carrying a
 * passport and a visa. A missing or deceased worker is a case, not a schedule; one home is home.
 * Equal to the predicate of placement_next_check_in_due_idx, which the missed-check-in sweep reads.
 */
export const ABROAD = `('DEPARTED', 'PLACED', 'REPATRIATING')`;

/**
 * Placements abroad with no repatriation under way: the contract rules watch these alone. Once a
 * repatriation is requested the return is being arranged, which is what a contract's end asks
 * for. Equal to the predicate of placement_contract_end_idx.
 */
export const ABROAD_NOT_REPATRIATING = `('DEPARTED', 'PLACED')`;

/** `dedupeKeyOf` in SQL: `KIND:<placementId>[:detail]`. */
export function dedupeKeySql(kind: string, placementId: string, detail?: string): string {
  return detail
    ? `concat_ws(':', '${kind}', ${placementId}, ${detail})`
    : `concat_ws(':', '${kind}', ${placementId})`;
}

/** The instant a WIB calendar day begins, for a condition's `since`. */
export const wibDayStart = (date: string): string => `((${date})::timestamp AT TIME ZONE 'Asia/Jakarta')`;

/** A date as officers read it in a reason: `2025-01-31`. */
export const isoDate = (expression: string): string => `to_char(${expression}, 'YYYY-MM-DD')`;

/** A number of days as a reason says it: `1 day`, `12 days`. */
export const dayCount = (days: string): string =>
  `CASE WHEN ${days} = 1 THEN '1 day' ELSE (${days}) || ' days' END`;

/** How far off a date is, as a reason says it: `today`, `in 1 day`, `in 12 days`. */
export const inDays = (days: string): string =>
  `CASE WHEN ${days} = 0 THEN 'today' ELSE 'in ' || ${dayCount(days)} END`;

/**
 * A version-7 UUID (RFC 9562) stamped with the sweep's now. A sweep inserts thousands of alerts and
 * outbox rows at once: time-ordered ids land together at the right edge of each primary-key index
 * rather than on a random leaf page each (bench/SWEEPS.md has the figures).
 */
const TIME_ORDERED_UUID = `encode(
    set_byte(overlay(uuid_send(gen_random_uuid())
                     PLACING substring(int8send((extract(epoch FROM ${NOW}) * 1000)::bigint) FROM 3) FROM 1 FOR 6),
             6, 112 + floor(random() * 16)::int),
    'hex')::uuid`;

const rank = (severity: string): string => `array_position(${SEVERITY_ORDER_SQL}, ${severity})`;

/**
 * The whole sweep as one statement, so it is all or nothing: raises each condition without an open
 * alert, escalates an open one to a higher severity (never lowers it, never adds a second), and
 * writes the outbox event of each change, as `AlertLedger.raise` does row by row.
 *
 * Conditions whose open alert already has that severity or higher are left out before the insert,
 * so an idle sweep writes nothing and locks nothing (ON CONFLICT … DO UPDATE … WHERE locks the
 * conflicting row even when its WHERE is false). ON CONFLICT still settles a race with another
 * sweep or an event rule raising the same key. Parameters: `$1` now, `$2` the request id the outbox
 * rows carry.
 */
export function sweepStatement(rule: SweepRule): string {
  // The open alert is looked up by a probe of alert_open_dedupe_key per condition (LIMIT 1 keeps
  // it a probe): the cost follows the conditions found, never the alert table's history.
  return `
    WITH changed AS (
      INSERT INTO alert (id, kind, severity, placement_id, dedupe_key, reason, raised_at, updated_at)
      SELECT ${TIME_ORDERED_UUID}, candidate.kind, candidate.severity, candidate.placement_id,
             candidate.dedupe_key, candidate.reason, ${NOW}, ${NOW}
        FROM (${rule.candidates}) AS candidate
        LEFT JOIN LATERAL (
               SELECT existing.severity FROM alert AS existing
                WHERE existing.dedupe_key = candidate.dedupe_key AND existing.status <> 'RESOLVED'
                LIMIT 1) AS open_alert ON true
       WHERE CASE
               WHEN open_alert.severity IS NULL OR ${rank('open_alert.severity')} < ${rank('candidate.severity')}
               -- A person (or Lintas) resolved this very condition since it began, at this severity
               -- or higher: it stays resolved until it worsens, rather than coming back every tick.
               -- Inside the CASE, so it is probed only for conditions the open alert lets through
               -- (as a plain condition the planner would push it down to every candidate).
               THEN (SELECT 1 FROM alert AS settled
                      WHERE settled.dedupe_key = candidate.dedupe_key AND settled.status = 'RESOLVED'
                        AND settled.raised_at >= candidate.since
                        AND ${rank('settled.severity')} >= ${rank('candidate.severity')}
                      LIMIT 1) IS NULL
               ELSE false
             END
      ON CONFLICT (dedupe_key) WHERE status <> 'RESOLVED' DO UPDATE
         SET severity = EXCLUDED.severity, reason = EXCLUDED.reason, escalated_at = EXCLUDED.raised_at,
             version = alert.version + 1, updated_at = EXCLUDED.raised_at
       WHERE ${rank('alert.severity')} < ${rank('EXCLUDED.severity')}
      RETURNING alert.id, alert.severity, (alert.xmax = 0) AS inserted
    ),
    published AS (
      INSERT INTO outbox_event (id, topic, aggregate_type, aggregate_id, payload, request_id, occurred_at, sent_at)
      SELECT ${TIME_ORDERED_UUID},
             CASE WHEN changed.inserted THEN '${AlertTopic.Raised}' ELSE '${AlertTopic.Escalated}' END,
             'alert', changed.id, jsonb_build_object('alertId', changed.id, 'severity', changed.severity),
             $2::text, ${NOW}, NULL
        FROM changed
      RETURNING topic
    )
    SELECT count(*) FILTER (WHERE topic = '${AlertTopic.Raised}')::int AS raised,
           count(*) FILTER (WHERE topic = '${AlertTopic.Escalated}')::int AS escalated
      FROM published`;
}
