import { RiskLevel } from '#lintas/pre-placement';
import { ReferralStatus, ServiceKind } from '#lintas/post-placement';
import { monthsOf, TOTAL_PERIOD, yearsOf } from './statistics-period.js';
import type {
  AbroadNowCounts,
  PeriodFigures,
  ServiceReferralCounts,
  StatisticsReport,
} from './statistics.figures.js';
import {
  COUNTED_ALERT_KINDS,
  UNASSESSED,
  type AbroadRow,
  type FigureRow,
  type ReferralRow,
  type StatisticsBounds,
} from './statistics.queries.js';

/** What the statements answered: only periods that hold a fact have rows. */
export interface StatisticsRows {
  figures: FigureRow[];
  referrals: ReferralRow[];
  abroad: AbroadRow[];
}

const MONTH = /^\d{4}-\d{2}$/;

/**
 * The month the figures start in: the month of `from`, or without one the earliest month that
 * holds a fact. Undefined when counting starts at the first record and there is none.
 */
export function firstMonth(bounds: StatisticsBounds, rows: StatisticsRows): string | undefined {
  if (bounds.from !== null) return bounds.from.slice(0, 7);
  const months = [...rows.figures, ...rows.referrals]
    .map((row) => row.period)
    .filter((period) => MONTH.test(period))
    .sort();
  return months[0];
}

/**
 * The report from the statements' rows: the total, then every year and every month from the first
 * month to the month of `to`, a period without facts answering zeros so a series has no gaps.
 */
export function assembleReport(bounds: StatisticsBounds, rows: StatisticsRows): StatisticsReport {
  const figures = new Map(rows.figures.map((row) => [row.period, row]));
  const referrals = new Map<string, ReferralRow[]>();
  for (const row of rows.referrals) referrals.set(row.period, [...(referrals.get(row.period) ?? []), row]);
  const of = (period: string): PeriodFigures =>
    periodFigures(period, figures.get(period), referrals.get(period) ?? []);
  const first = firstMonth(bounds, rows);
  return {
    from: bounds.from,
    to: bounds.to,
    total: of(TOTAL_PERIOD),
    byYear: first ? yearsOf(first, bounds.to).map(of) : [],
    byMonth: first ? monthsOf(first, bounds.to).map(of) : [],
    abroadNow: abroadNow(rows.abroad),
  };
}

function periodFigures(period: string, row: FigureRow | undefined, referrals: ReferralRow[]): PeriodFigures {
  const byService = Object.values(ServiceKind).map((service) =>
    serviceCounts(
      service,
      referrals.filter((referral) => referral.service === service),
    ),
  );
  return {
    period,
    placementsRegistered: row?.placementsRegistered ?? 0,
    departures: {
      total: (row?.departedProcedural ?? 0) + (row?.departedNonProcedural ?? 0),
      procedural: row?.departedProcedural ?? 0,
      nonProcedural: row?.departedNonProcedural ?? 0,
    },
    returns: {
      total: (row?.returnedOrdinary ?? 0) + (row?.returnedRepatriated ?? 0) + (row?.returnedRemains ?? 0),
      ordinary: row?.returnedOrdinary ?? 0,
      repatriated: row?.returnedRepatriated ?? 0,
      remains: row?.returnedRemains ?? 0,
    },
    suspectedTraffickingVictims: row?.suspectedVictims ?? 0,
    alerts: {
      raised: row?.alertsRaised ?? 0,
      acknowledged: row?.alertsAcknowledged ?? 0,
      resolved: row?.alertsResolved ?? 0,
      medianSecondsToAcknowledge: row?.medianSecondsToAcknowledge ?? null,
      medianSecondsToResolve: row?.medianSecondsToResolve ?? null,
      byKind: COUNTED_ALERT_KINDS.map((kind, index) => ({
        kind,
        raised: row?.alertsRaisedByKind[index] ?? 0,
      })),
    },
    referrals: { total: byService.reduce((sum, counts) => sum + counts.total, 0), byService },
  };
}

function serviceCounts(service: ServiceKind, rows: ReferralRow[]): ServiceReferralCounts {
  const count = (status: ReferralStatus): number => rows.find((row) => row.status === status)?.count ?? 0;
  return {
    service,
    total: rows.reduce((sum, row) => sum + row.count, 0),
    referred: count(ReferralStatus.REFERRED),
    accepted: count(ReferralStatus.ACCEPTED),
    inProgress: count(ReferralStatus.IN_PROGRESS),
    completed: count(ReferralStatus.COMPLETED),
    declined: count(ReferralStatus.DECLINED),
  };
}

function abroadNow(rows: AbroadRow[]): AbroadNowCounts {
  const count = (riskLevel: string): number => rows.find((row) => row.riskLevel === riskLevel)?.count ?? 0;
  return {
    total: rows.reduce((sum, row) => sum + row.count, 0),
    low: count(RiskLevel.LOW),
    medium: count(RiskLevel.MEDIUM),
    high: count(RiskLevel.HIGH),
    unassessed: count(UNASSESSED),
  };
}
