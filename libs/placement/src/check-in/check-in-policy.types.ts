import type { RiskLevel } from '#lintas/pre-placement';
import type { PartnerStatus } from '../placement-abroad.enums.js';

/** The schedule's numbers: configurable (LintasConfig CHECK_IN_*), documented in the README. */
export interface CheckInPolicy {
  /** First contact due this many days after a confirmed arrival. */
  firstContactAfterArrivalDays: number;
  /** First contact due this many days after departure while arrival is not confirmed. */
  firstContactAfterDepartureDays: number;
  /** Then every this many days. */
  cadenceDays: number;
  /** …or every this many days for a HIGH-risk placement. */
  highRiskCadenceDays: number;
  /** Trafficking indicators seen within this many days make a placement HIGH risk. */
  indicatorLookbackDays: number;
}

/** Everything the policy reads about one placement abroad, gathered by the caller. */
export interface ScheduleFacts {
  /** The sector is DOMESTIC (household work for a person). */
  domestic: boolean;
  procedural: boolean;
  departedAt: Date | null;
  arrivedAt: Date | null;
  /** The latest contact that reached the worker (unreached attempts do not count). */
  lastReachedContactAt: Date | null;
  /** The latest partner status, if any. */
  partnerStatus: PartnerStatus | null;
  /** When trafficking indicators were recorded (one entry per contact with at least one). */
  indicatorsSeenAt: Date[];
  /** The due date currently stored, to tell whether a contact was missed; null before the first. */
  currentDueAt: Date | null;
  now: Date;
}

export interface RiskAssessment {
  level: RiskLevel;
  /** Why, in words an officer can act on; empty for LOW. */
  reasons: string[];
}

export interface Schedule {
  risk: RiskAssessment;
  /** Null when the placement is not abroad (not departed). */
  nextCheckInDueAt: Date | null;
}
