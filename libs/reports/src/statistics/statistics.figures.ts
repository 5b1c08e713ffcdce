import type { AlertKind } from '#lintas/alerts';
import type { ServiceKind } from '#lintas/post-placement';

/** What the statistics answer, independent of how they are sent (GraphQL or CSV). */

export interface DepartureCounts {
  total: number;
  procedural: number;
  nonProcedural: number;
}

export interface ReturnCounts {
  total: number;
  ordinary: number;
  repatriated: number;
  remains: number;
}

export interface AlertFigures {
  raised: number;
  acknowledged: number;
  resolved: number;
  /** Null when none of the alerts raised in the period has been acknowledged. */
  medianSecondsToAcknowledge: number | null;
  medianSecondsToResolve: number | null;
  /** Those raised, by kind: every kind about placements, in the order of COUNTED_ALERT_KINDS, zeros included. */
  byKind: AlertKindCount[];
}

export interface AlertKindCount {
  kind: AlertKind;
  raised: number;
}

export interface ServiceReferralCounts {
  service: ServiceKind;
  total: number;
  referred: number;
  accepted: number;
  inProgress: number;
  completed: number;
  declined: number;
}

export interface ReferralFigures {
  total: number;
  /** Every service, in the order of ServiceKind, zeros included. */
  byService: ServiceReferralCounts[];
}

/** The figures of one period: the whole of it (`total`), a year (`2024`) or a month (`2024-03`). */
export interface PeriodFigures {
  period: string;
  placementsRegistered: number;
  departures: DepartureCounts;
  returns: ReturnCounts;
  suspectedTraffickingVictims: number;
  alerts: AlertFigures;
  referrals: ReferralFigures;
}

/** Placements whose worker is abroad at the moment of asking, by the risk level of their check-ins. */
export interface AbroadNowCounts {
  total: number;
  low: number;
  medium: number;
  high: number;
  unassessed: number;
}

export interface StatisticsReport {
  /** The first day counted; null when counting starts at the first record. */
  from: string | null;
  to: string;
  total: PeriodFigures;
  byYear: PeriodFigures[];
  byMonth: PeriodFigures[];
  abroadNow: AbroadNowCounts;
}
