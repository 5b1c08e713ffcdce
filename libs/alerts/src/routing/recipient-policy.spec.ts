import { AlertKind, AlertSeverity } from '../model/alert.enums.js';
import { RecipientRole, recipientRoles } from './recipient-policy.js';

const { ORIGIN_BP3MI, ORIGIN_DISNAKER, DESTINATION_PARTNER, NATIONAL } = RecipientRole;

describe('whom an alert goes to', () => {
  it('sends a non-procedural departure to the origin BP3MI and Disnaker', () => {
    expect(recipientRoles(AlertKind.NON_PROCEDURAL_DEPARTURE, AlertSeverity.HIGH)).toEqual([
      ORIGIN_BP3MI,
      ORIGIN_DISNAKER,
    ]);
  });

  it('brings the Disnaker into a missed check-in only from HIGH', () => {
    expect(recipientRoles(AlertKind.MISSED_CHECK_IN, AlertSeverity.MEDIUM)).toEqual([
      DESTINATION_PARTNER,
      ORIGIN_BP3MI,
    ]);
    expect(recipientRoles(AlertKind.MISSED_CHECK_IN, AlertSeverity.HIGH)).toContain(ORIGIN_DISNAKER);
    expect(recipientRoles(AlertKind.MISSED_CHECK_IN, AlertSeverity.CRITICAL)).toContain(ORIGIN_DISNAKER);
  });

  it('sends trafficking indicators and repatriation needs to origin and destination', () => {
    for (const kind of [AlertKind.TRAFFICKING_INDICATORS, AlertKind.REPATRIATION_NEEDED]) {
      expect(recipientRoles(kind, AlertSeverity.HIGH)).toEqual([
        ORIGIN_BP3MI,
        ORIGIN_DISNAKER,
        DESTINATION_PARTNER,
      ]);
    }
  });

  it('sends dates that approach to BP3MI alone, and failed deliveries to the national agency', () => {
    expect(recipientRoles(AlertKind.CONTRACT_ENDING, AlertSeverity.LOW)).toEqual([ORIGIN_BP3MI]);
    expect(recipientRoles(AlertKind.DOCUMENT_EXPIRING, AlertSeverity.MEDIUM)).toEqual([ORIGIN_BP3MI]);
    expect(recipientRoles(AlertKind.DELIVERY_FAILED, AlertSeverity.HIGH)).toEqual([NATIONAL]);
  });
});
