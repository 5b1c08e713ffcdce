import { type TraffickingIndicator } from '#lintas/placement';
import { AlertSeverity } from '../model/alert.enums.js';

const { CRITICAL, HIGH, MEDIUM } = AlertSeverity;

/**
 * How urgent one trafficking indicator is. Violence and confinement put the worker in danger now;
 * withheld documents, debt bondage and threats keep a worker trapped (both are HIGH or more, as
 * BP3MI trainers teach); the remaining signs call for a closer look.
 */
const SEVERITY_OF: Record<TraffickingIndicator, AlertSeverity> = {
  PHYSICAL_OR_SEXUAL_VIOLENCE: CRITICAL,
  RESTRICTION_OF_MOVEMENT: CRITICAL,
  RETENTION_OF_IDENTITY_DOCUMENTS: HIGH,
  DEBT_BONDAGE: HIGH,
  INTIMIDATION_AND_THREATS: HIGH,
  WITHHOLDING_OF_WAGES: HIGH,
  ISOLATION: HIGH,
  RESTRICTED_COMMUNICATION: HIGH,
  ABUSE_OF_VULNERABILITY: MEDIUM,
  DECEPTION: MEDIUM,
  ABUSIVE_WORKING_AND_LIVING_CONDITIONS: MEDIUM,
  EXCESSIVE_OVERTIME: MEDIUM,
  SUSPICIOUS_RECRUITMENT: MEDIUM,
  UNREALISTIC_JOB_PROMISE: MEDIUM,
  CLOSE_SURVEILLANCE: MEDIUM,
};

const RANK = [AlertSeverity.LOW, MEDIUM, HIGH, CRITICAL];

/** The severity of a contact's indicators: that of the gravest one. */
export function indicatorSeverity(indicators: readonly TraffickingIndicator[]): AlertSeverity {
  return indicators.reduce<AlertSeverity>(
    (worst, indicator) =>
      RANK.indexOf(SEVERITY_OF[indicator]) > RANK.indexOf(worst) ? SEVERITY_OF[indicator] : worst,
    MEDIUM,
  );
}
