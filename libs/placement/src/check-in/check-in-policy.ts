import type { LintasConfig } from '#lintas/core';

import { RiskLevel } from '#lintas/pre-placement';
import { DISTRESS_STATUSES, PartnerStatus } from '../placement-abroad.enums.js';
import type { CheckInPolicy, RiskAssessment, Schedule, ScheduleFacts } from './check-in-policy.types.js';

/** The schedule described in the README; LintasConfig's CHECK_IN_* defaults repeat these numbers. */
export const DEFAULT_CHECK_IN_POLICY: CheckInPolicy = {
  firstContactAfterArrivalDays: 7,
  firstContactAfterDepartureDays: 14,
  cadenceDays: 30,
  highRiskCadenceDays: 14,
  indicatorLookbackDays: 90,
};

export type CheckInConfig = Pick<
  LintasConfig,
  | 'CHECK_IN_FIRST_AFTER_ARRIVAL_DAYS'
  | 'CHECK_IN_FIRST_AFTER_DEPARTURE_DAYS'
  | 'CHECK_IN_CADENCE_DAYS'
  | 'CHECK_IN_HIGH_RISK_CADENCE_DAYS'
  | 'CHECK_IN_INDICATOR_LOOKBACK_DAYS'
>;

export function checkInPolicyFrom(config: CheckInConfig): CheckInPolicy {
  return {
    firstContactAfterArrivalDays: config.CHECK_IN_FIRST_AFTER_ARRIVAL_DAYS,
    firstContactAfterDepartureDays: config.CHECK_IN_FIRST_AFTER_DEPARTURE_DAYS,
    cadenceDays: config.CHECK_IN_CADENCE_DAYS,
    highRiskCadenceDays: config.CHECK_IN_HIGH_RISK_CADENCE_DAYS,
    indicatorLookbackDays: config.CHECK_IN_INDICATOR_LOOKBACK_DAYS,
  };
}

const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * Days are exact multiples of 24 h added to the instant, in UTC: no calendar or time-zone rounding,
 * so the schedule is the same whichever zone the server, the embassy or the worker is in.
 */
function addDays(instant: Date, days: number): Date {
  return new Date(instant.getTime() + days * DAY_MS);
}

/** Officers read dates as the UTC calendar day, the same day the timestamptz columns show in UTC. */
function day(instant: Date): string {
  return instant.toISOString().slice(0, 10);
}

/** ABSCONDED and MISSING are not distress statuses (no shelter, no detention) but the worker is out of reach. */
const HIGH_RISK_STATUSES: readonly PartnerStatus[] = [
  ...DISTRESS_STATUSES,
  PartnerStatus.ABSCONDED,
  PartnerStatus.MISSING,
];

/**
 * The stored due date counts as missed only while no reached contact came at or after it: a late
 * contact clears it at once, without waiting for the caller to store the due date that contact gives.
 */
function missedDueAt(facts: ScheduleFacts): Date | null {
  const { currentDueAt, lastReachedContactAt, now } = facts;
  if (currentDueAt === null || currentDueAt.getTime() >= now.getTime()) return null;
  if (lastReachedContactAt !== null && lastReachedContactAt.getTime() >= currentDueAt.getTime()) return null;
  return currentDueAt;
}

export function assessRisk(facts: ScheduleFacts, policy: CheckInPolicy): RiskAssessment {
  const high: string[] = [];

  if (facts.partnerStatus !== null && HIGH_RISK_STATUSES.includes(facts.partnerStatus)) {
    high.push(`partner reports ${facts.partnerStatus}`);
  }

  const since = facts.now.getTime() - policy.indicatorLookbackDays * DAY_MS;
  const recent = facts.indicatorsSeenAt.filter((seenAt) => seenAt.getTime() > since);
  if (recent.length > 0) {
    const latest = new Date(Math.max(...recent.map((seenAt) => seenAt.getTime())));
    const contacts = recent.length === 1 ? '1 contact' : `${recent.length} contacts`;
    high.push(
      `${contacts} with trafficking indicators in the last ${policy.indicatorLookbackDays} days (latest ${day(latest)})`,
    );
  }

  const missed = missedDueAt(facts);
  if (missed !== null) high.push(`no contact since the check-in due on ${day(missed)}`);

  // Each alone is a known risk; together nobody official stands between the worker and a private
  // household (no licensed agency, no registered contract), which weighs as much as a HIGH sign.
  const profile: string[] = [];
  if (facts.domestic) profile.push('domestic work for a household employer');
  if (!facts.procedural) profile.push('departed non-procedurally');

  const reasons = [...high, ...profile];
  const level =
    high.length > 0 || profile.length === 2
      ? RiskLevel.HIGH
      : profile.length === 1
        ? RiskLevel.MEDIUM
        : RiskLevel.LOW;
  return { level, reasons };
}

export function nextCheckInDue(
  facts: ScheduleFacts,
  policy: CheckInPolicy,
  risk: RiskAssessment,
): Date | null {
  const { departedAt, arrivedAt, lastReachedContactAt } = facts;
  const abroadSince = arrivedAt ?? departedAt;
  if (abroadSince === null) return null;

  // A contact from before the arrival (a pre-departure call, a check at the transit airport) says
  // nothing about the workplace: the first contact after arrival is still owed.
  if (lastReachedContactAt !== null && lastReachedContactAt.getTime() >= abroadSince.getTime()) {
    const cadence = risk.level === RiskLevel.HIGH ? policy.highRiskCadenceDays : policy.cadenceDays;
    return addDays(lastReachedContactAt, cadence);
  }
  if (arrivedAt !== null) return addDays(arrivedAt, policy.firstContactAfterArrivalDays);
  return addDays(abroadSince, policy.firstContactAfterDepartureDays);
}

/** Risk first: its level decides the cadence of the due date. */
export function schedule(facts: ScheduleFacts, policy: CheckInPolicy = DEFAULT_CHECK_IN_POLICY): Schedule {
  const risk = assessRisk(facts, policy);
  return { risk, nextCheckInDueAt: nextCheckInDue(facts, policy, risk) };
}
