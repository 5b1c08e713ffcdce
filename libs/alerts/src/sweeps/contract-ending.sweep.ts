import { AlertKind, AlertSeverity } from '../model/alert.enums.js';
import {
  ABROAD_NOT_REPATRIATING,
  dedupeKeySql,
  inDays,
  isoDate,
  TODAY_WIB,
  wibDayStart,
  type SweepRule,
} from './sweep-rule.js';

/** How far ahead (days, WIB) a contract's end is announced. */
export const CONTRACT_ENDING_WITHIN_DAYS = 30;

/**
 * The contract of a worker abroad ends within 30 days (WIB, today included): CONTRACT_ENDING, LOW,
 * so the return or an extension is planned in time. Served by placement_contract_end_idx.
 */
export const contractEndingSweep: SweepRule = {
  name: 'contract-ending',
  candidates: `
    SELECT '${AlertKind.CONTRACT_ENDING}' AS kind, '${AlertSeverity.LOW}' AS severity,
           placement.id AS placement_id,
           ${dedupeKeySql(AlertKind.CONTRACT_ENDING, 'placement.id')} AS dedupe_key,
           format(
             'Contract ends on %s (%s). Plan the return with the worker and the recruiter, or record a contract extension.',
             ${isoDate('placement.contract_end')}, ${inDays(`placement.contract_end - ${TODAY_WIB}`)}) AS reason,
           ${wibDayStart(`placement.contract_end - ${CONTRACT_ENDING_WITHIN_DAYS}`)} AS since
      FROM placement
     WHERE placement.stage IN ${ABROAD_NOT_REPATRIATING}
       AND placement.contract_end BETWEEN ${TODAY_WIB} AND ${TODAY_WIB} + ${CONTRACT_ENDING_WITHIN_DAYS}`,
  parameters: () => [],
};
