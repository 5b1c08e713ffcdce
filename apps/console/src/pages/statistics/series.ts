import type { Locale } from '../../i18n/locale';
import type { BarCategory } from './layout';
import { monthAxisLabel, periodLabel } from './months';

/** The figures of one period, as the statistics query answers them (the page's selection of it). */
export interface PeriodFigures {
  period: string;
  placementsRegistered: number;
  suspectedTraffickingVictims: number;
  departures: { total: number; procedural: number; nonProcedural: number };
  returns: { total: number; ordinary: number; repatriated: number; remains: number };
  alerts: {
    raised: number;
    acknowledged: number;
    resolved: number;
    medianSecondsToAcknowledge?: number | null;
    medianSecondsToResolve?: number | null;
    /** Those raised, by kind (every kind, zeros included); absent from figures that leave it out. */
    byKind?: readonly { kind: string; raised: number }[];
  };
}

export interface StatisticsFigures {
  total: PeriodFigures;
  byYear: readonly PeriodFigures[];
  byMonth: readonly PeriodFigures[];
}

/** A chart's categories, each with the label under its bar and the one its table row reads. */
export interface ChartCategory extends BarCategory {
  period: string;
  tableLabel: string;
}

/** Beyond this many months a bar per month is too thin to read: the chart counts by year instead. */
export const MAX_MONTH_BARS = 36;

/** The placement cycle as the period's figures follow it: registered, departed, returned. */
export function stageFunnel(
  total: PeriodFigures,
): { stage: 'registered' | 'departed' | 'returned'; value: number }[] {
  return [
    { stage: 'registered', value: total.placementsRegistered },
    { stage: 'departed', value: total.departures.total },
    { stage: 'returned', value: total.returns.total },
  ];
}

/** Departures, procedural then non-procedural, per month — or per year when the period is long. */
export function departureSeries(
  figures: StatisticsFigures,
  locale: Locale,
): { unit: 'month' | 'year'; categories: ChartCategory[] } {
  const byMonth = figures.byMonth.length <= MAX_MONTH_BARS;
  const periods = byMonth ? figures.byMonth : figures.byYear;
  return {
    unit: byMonth ? 'month' : 'year',
    categories: periods.map((period, index) => ({
      period: period.period,
      label: byMonth ? monthAxisLabel(period.period, locale, index === 0) : period.period,
      tableLabel: periodLabel(period.period, locale),
      values: [period.departures.procedural, period.departures.nonProcedural],
    })),
  };
}

/** Returns per year: ordinary, repatriated, remains. */
export function returnSeries(figures: StatisticsFigures): ChartCategory[] {
  return figures.byYear.map((year) => ({
    period: year.period,
    label: year.period,
    tableLabel: year.period,
    values: [year.returns.ordinary, year.returns.repatriated, year.returns.remains],
  }));
}

/** The period's alerts as a cohort: raised, of those acknowledged, of those resolved. */
export function alertCohort(
  total: PeriodFigures,
): { step: 'raised' | 'acknowledged' | 'resolved'; value: number }[] {
  return [
    { step: 'raised', value: total.alerts.raised },
    { step: 'acknowledged', value: total.alerts.acknowledged },
    { step: 'resolved', value: total.alerts.resolved },
  ];
}

/**
 * The kinds of alert raised in the period, most first, zeros last (kept: none is a figure too);
 * a tie keeps the API's order, which puts the departures checked first.
 */
export function alertsByKind(total: PeriodFigures): { kind: string; value: number }[] {
  return (total.alerts.byKind ?? [])
    .map((counts) => ({ kind: counts.kind, value: counts.raised }))
    .sort((a, b) => b.value - a.value);
}

/** A part as a whole percentage of its whole; undefined when there is no whole to share. */
export function percentOf(part: number, whole: number): number | undefined {
  return whole > 0 ? Math.round((part / whole) * 100) : undefined;
}

const UNITS: Record<Locale, Record<'day' | 'hour' | 'minute', [string, string]>> = {
  id: { day: ['hari', 'hari'], hour: ['jam', 'jam'], minute: ['menit', 'menit'] },
  en: { day: ['day', 'days'], hour: ['hour', 'hours'], minute: ['minute', 'minutes'] },
};

/**
 * A median waiting time as a person says it, to the two largest units: `10 hari 1 jam`,
 * `3 jam 5 menit`, `45 menit`; under a minute `< 1 menit`. Null (no alert to measure) is null.
 */
export function formatDuration(seconds: number | null | undefined, locale: Locale): string | null {
  if (seconds === null || seconds === undefined || !Number.isFinite(seconds)) return null;
  const minutes = Math.round(seconds / 60);
  const units = UNITS[locale];
  if (minutes < 1) return `< 1 ${units.minute[0]}`;
  const parts: [number, 'day' | 'hour' | 'minute'][] = [
    [Math.floor(minutes / 1440), 'day'],
    [Math.floor((minutes % 1440) / 60), 'hour'],
    [minutes % 60, 'minute'],
  ];
  const first = parts.findIndex(([amount]) => amount > 0);
  return parts
    .slice(first, first + 2)
    .filter(([amount]) => amount > 0)
    .map(([amount, unit]) => `${amount} ${units[unit][amount === 1 ? 0 : 1]}`)
    .join(' ');
}
