import { indonesianDate } from '#lintas/pre-placement';

/** Instants as milliseconds, calendar days as `YYYY-MM-DD`: the arithmetic the stories use. */

export const MINUTE = 60 * 1000;
export const HOUR = 60 * MINUTE;
export const DAY = 24 * HOUR;
const WIB = 7 * HOUR;

export const isoDay = (instant: Date): string => instant.toISOString().slice(0, 10);

export const addDays = (day: string, days: number): string =>
  isoDay(new Date(new Date(`${day}T00:00:00Z`).getTime() + days * DAY));

export const plusMonths = (day: string, months: number): string => {
  const date = new Date(`${day}T00:00:00Z`);
  date.setUTCMonth(date.getUTCMonth() + months);
  return isoDay(date);
};

/** The instant a WIB calendar day begins: day rules (sweeps, deadlines) are judged on WIB days. */
export const wibDayStart = (day: string): Date => new Date(new Date(`${day}T00:00:00Z`).getTime() - WIB);

/** The WIB calendar day of an instant, as alert reasons and notes name it. */
export const wibDate = (instant: Date): string => indonesianDate(instant);

/** The instant the WIB day of `instant` began: what the data set is told up to. */
export const startOfWibDay = (instant: Date): Date => wibDayStart(wibDate(instant));

export const later = (instant: Date, milliseconds: number): Date =>
  new Date(instant.getTime() + milliseconds);
