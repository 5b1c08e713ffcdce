import { AlertKind, AlertSeverity } from '../model/alert.enums.js';
import {
  ABROAD_NOT_REPATRIATING,
  dayCount,
  dedupeKeySql,
  isoDate,
  TODAY_WIB,
  wibDayStart,
  type SweepRule,
} from './sweep-rule.js';

/** Days after the contract's last day before a worker not yet home needs repatriation. */
export const CONTRACT_ENDED_AFTER_DAYS = 14;

/**
 * The contract ended at least 14 days ago (WIB) and the worker is still abroad: REPATRIATION_NEEDED,
 * HIGH. The key is the one the distress rule uses, so a placement has one open repatriation alert
 * whichever rule saw it first. Served by placement_contract_end_idx.
 */
export const contractEndedSweep: SweepRule = {
  name: 'contract-ended',
  candidates: `
    SELECT '${AlertKind.REPATRIATION_NEEDED}' AS kind, '${AlertSeverity.HIGH}' AS severity,
           placement.id AS placement_id,
           ${dedupeKeySql(AlertKind.REPATRIATION_NEEDED, 'placement.id')} AS dedupe_key,
           format(
             'Contract ended on %s (%s ago) and no return has been recorded. Arrange the repatriation, or record the return or a contract extension.',
             ${isoDate('placement.contract_end')}, ${dayCount(`${TODAY_WIB} - placement.contract_end`)}) AS reason,
           ${wibDayStart(`placement.contract_end + ${CONTRACT_ENDED_AFTER_DAYS}`)} AS since
      FROM placement
     WHERE placement.stage IN ${ABROAD_NOT_REPATRIATING}
       AND placement.contract_end <= ${TODAY_WIB} - ${CONTRACT_ENDED_AFTER_DAYS}`,
  parameters: () => [],
};
