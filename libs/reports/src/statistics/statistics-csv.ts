import { RiskLevel } from '#lintas/pre-placement';
import { ReferralStatus, ReturnKind } from '#lintas/post-placement';
import type {
  AbroadNowCounts,
  PeriodFigures,
  ServiceReferralCounts,
  StatisticsReport,
} from './statistics.figures.js';
import { UNASSESSED } from './statistics.queries.js';

/** One line of the CSV: the period, the figure, which part of it ('' for all of it), and its value. */
export type CsvRow = readonly [period: string, metric: string, breakdown: string, value: number | null];

export const CSV_HEADER = ['period', 'metric', 'breakdown', 'value'] as const;

/** The period of the figures that are a snapshot at the moment of asking, not a count over the period. */
export const NOW_PERIOD = 'now';

/**
 * The report in long ("tidy") form, one figure a line, the same numbers as the GraphQL answer: the
 * total, every year, every month, then the workers abroad now. A median with nothing to measure
 * has an empty value.
 */
export function statisticsRows(report: StatisticsReport): CsvRow[] {
  return [
    ...periodRows(report.total),
    ...report.byYear.flatMap(periodRows),
    ...report.byMonth.flatMap(periodRows),
    ...abroadRows(report.abroadNow),
  ];
}

function periodRows(figures: PeriodFigures): CsvRow[] {
  const { period, departures, returns, alerts, referrals } = figures;
  return [
    [period, 'placements_registered', '', figures.placementsRegistered],
    [period, 'departures', '', departures.total],
    [period, 'departures', 'PROCEDURAL', departures.procedural],
    [period, 'departures', 'NON_PROCEDURAL', departures.nonProcedural],
    [period, 'returns', '', returns.total],
    [period, 'returns', ReturnKind.ORDINARY, returns.ordinary],
    [period, 'returns', ReturnKind.REPATRIATED, returns.repatriated],
    [period, 'returns', ReturnKind.REMAINS, returns.remains],
    [period, 'suspected_trafficking_victims', '', figures.suspectedTraffickingVictims],
    [period, 'alerts_raised', '', alerts.raised],
    ...alerts.byKind.map(({ kind, raised }): CsvRow => [period, 'alerts_raised', kind, raised]),
    [period, 'alerts_acknowledged', '', alerts.acknowledged],
    [period, 'alerts_resolved', '', alerts.resolved],
    [period, 'median_seconds_to_acknowledge', '', alerts.medianSecondsToAcknowledge],
    [period, 'median_seconds_to_resolve', '', alerts.medianSecondsToResolve],
    [period, 'referrals', '', referrals.total],
    ...referrals.byService.flatMap((counts): CsvRow[] => [
      [period, 'referrals', counts.service, counts.total],
      ...byStatus(counts).map(([status, count]): CsvRow => [
        period,
        'referrals',
        `${counts.service}/${status}`,
        count,
      ]),
    ]),
  ];
}

function byStatus(counts: ServiceReferralCounts): [ReferralStatus, number][] {
  return [
    [ReferralStatus.REFERRED, counts.referred],
    [ReferralStatus.ACCEPTED, counts.accepted],
    [ReferralStatus.IN_PROGRESS, counts.inProgress],
    [ReferralStatus.COMPLETED, counts.completed],
    [ReferralStatus.DECLINED, counts.declined],
  ];
}

function abroadRows(abroad: AbroadNowCounts): CsvRow[] {
  return [
    [NOW_PERIOD, 'placements_abroad', '', abroad.total],
    [NOW_PERIOD, 'placements_abroad', RiskLevel.LOW, abroad.low],
    [NOW_PERIOD, 'placements_abroad', RiskLevel.MEDIUM, abroad.medium],
    [NOW_PERIOD, 'placements_abroad', RiskLevel.HIGH, abroad.high],
    [NOW_PERIOD, 'placements_abroad', UNASSESSED, abroad.unassessed],
  ];
}

/**
 * A text that a spreadsheet would read as a formula (`=`, `+`, `-`, `@`, or a tab or carriage return
 * before one): prefixed with `'`, so that it is shown as text and never run (OWASP "CSV injection").
 * Numbers are written as numbers.
 */
const FORMULA_START = /^[=+\-@\t\r]/;

/** RFC 4180: a field holding a comma, a quote or a line break is quoted, its quotes doubled. */
export function csvField(value: string | number | null): string {
  const text = value === null ? '' : typeof value === 'number' ? String(value) : defused(value);
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

function defused(text: string): string {
  return FORMULA_START.test(text) ? `'${text}` : text;
}

/** RFC 4180 text: a header line, then one line per row, each ended by CRLF. */
export function toCsv(
  header: readonly string[],
  rows: readonly (readonly (string | number | null)[])[],
): string {
  return [header, ...rows].map((row) => `${row.map(csvField).join(',')}\r\n`).join('');
}

/** The name a downloaded report is saved under: the period it covers. */
export function statisticsFileName(report: Pick<StatisticsReport, 'from' | 'to'>): string {
  return report.from === null
    ? `lintas-statistics-to-${report.to}.csv`
    : `lintas-statistics-${report.from}-to-${report.to}.csv`;
}
