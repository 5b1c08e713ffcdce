import { AlertKind, AlertSeverity } from '../model/alert.enums.js';
import {
  ABROAD,
  dayCount,
  dedupeKeySql,
  inDays,
  isoDate,
  TODAY_WIB,
  wibDayStart,
  type SweepRule,
} from './sweep-rule.js';

/** How far ahead (days, WIB) the expiry of a passport or work visa is announced. */
export const DOCUMENT_EXPIRING_WITHIN_DAYS = 60;

/** How long (days, WIB) an expired document of a worker still abroad is still looked at. */
export const DOCUMENT_EXPIRED_LOOKBACK_DAYS = 365;

/**
 * The passport or work visa of a worker abroad expires within 60 days (WIB): DOCUMENT_EXPIRING,
 * MEDIUM, or HIGH once it has expired (the open alert is escalated then). One alert per document,
 * keyed by the requirement kind. Served by requirement_document_expires_idx.
 *
 * A worker waiting to be brought home is watched too: without a valid passport, or a travel
 * document in its place, the worker cannot board, and an expired visa turns the wait into an
 * overstay (detention, fines, an exit refused), whatever the repatriation's own needs say.
 */
export const documentExpiringSweep: SweepRule = {
  name: 'document-expiring',
  candidates: `
    SELECT '${AlertKind.DOCUMENT_EXPIRING}' AS kind,
           CASE WHEN expiry.days_left < 0 THEN '${AlertSeverity.HIGH}' ELSE '${AlertSeverity.MEDIUM}' END
             AS severity,
           placement.id AS placement_id,
           ${dedupeKeySql(AlertKind.DOCUMENT_EXPIRING, 'placement.id', 'requirement.kind')} AS dedupe_key,
           CASE WHEN expiry.days_left < 0
             THEN format('%s expired on %s (%s ago) while the worker is abroad. %s at once.',
                         document.name, ${isoDate('requirement.expires_on')}, ${dayCount('-expiry.days_left')},
                         document.renewal)
             ELSE format('%s expires on %s (%s). %s before then.',
                         document.name, ${isoDate('requirement.expires_on')}, ${inDays('expiry.days_left')},
                         document.renewal)
           END AS reason,
           CASE WHEN expiry.days_left < 0
             THEN ${wibDayStart('requirement.expires_on')}
             ELSE ${wibDayStart(`requirement.expires_on - ${DOCUMENT_EXPIRING_WITHIN_DAYS}`)}
           END AS since
      FROM requirement
      -- One primary-key probe per document in the window (LIMIT 1 keeps it a probe), rather than
      -- a scan of every placement to hash-join a few thousand documents.
     CROSS JOIN LATERAL (
             SELECT placement.id, placement.stage FROM placement
              WHERE placement.id = requirement.placement_id AND placement.stage IN ${ABROAD}
              LIMIT 1) AS placement
     CROSS JOIN LATERAL (SELECT requirement.expires_on - ${TODAY_WIB} AS days_left) AS expiry
     -- A worker waiting to be brought home renews nothing: the embassy issues the travel document
     -- the journey needs, and the exit is settled with the immigration authorities.
     CROSS JOIN LATERAL (
             SELECT CASE requirement.kind WHEN 'PASSPORT_VALID' THEN 'Passport' ELSE 'Work visa' END AS name,
                    CASE
                      WHEN placement.stage = 'REPATRIATING' AND requirement.kind = 'PASSPORT_VALID'
                        THEN 'Have the embassy issue an emergency travel document (SPLP)'
                      WHEN placement.stage = 'REPATRIATING'
                        THEN 'Arrange the exit with the immigration authorities'
                      WHEN requirement.kind = 'PASSPORT_VALID' THEN 'Have it renewed at the embassy'
                      ELSE 'Have the employer renew it'
                    END AS renewal) AS document
     WHERE requirement.kind IN ('PASSPORT_VALID', 'WORK_VISA')
       AND requirement.expires_on IS NOT NULL
       AND requirement.expires_on <= ${TODAY_WIB} + ${DOCUMENT_EXPIRING_WITHIN_DAYS}
       -- A document that expired over a year ago was alerted on then; without this bound every
       -- document that ever expired would be read again on every tick, for ever.
       AND requirement.expires_on >= ${TODAY_WIB} - ${DOCUMENT_EXPIRED_LOOKBACK_DAYS}`,
  parameters: () => [],
};
