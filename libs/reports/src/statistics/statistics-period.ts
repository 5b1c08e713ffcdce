/**
 * The calendar of the statistics: periods are WIB calendar days, and figures are broken down by the
 * WIB year (`2024`) and month (`2024-03`) they fall in. Pure, so the buckets are tested on their own.
 */

/** At most this many months in one answer: twenty years of monthly figures. */
export const MAX_PERIOD_MONTHS = 240;

/** How the total over the whole period is named where a year or a month would be. */
export const TOTAL_PERIOD = 'total';

/** Months since year 0 of a `YYYY-MM` or `YYYY-MM-DD`: consecutive months are consecutive numbers. */
function monthIndex(date: string): number {
  return Number(date.slice(0, 4)) * 12 + Number(date.slice(5, 7)) - 1;
}

function monthOfIndex(index: number): string {
  const year = Math.floor(index / 12);
  return `${String(year).padStart(4, '0')}-${String((index % 12) + 1).padStart(2, '0')}`;
}

/** How many calendar months the period touches, the first and last included. */
export function monthsSpanned(first: string, last: string): number {
  return monthIndex(last) - monthIndex(first) + 1;
}

/** Every month from the month of `first` to the month of `last`, both included, as `YYYY-MM`. */
export function monthsOf(first: string, last: string): string[] {
  const months: string[] = [];
  for (let index = monthIndex(first); index <= monthIndex(last); index += 1) months.push(monthOfIndex(index));
  return months;
}

/** Every year from the year of `first` to the year of `last`, both included, as `YYYY`. */
export function yearsOf(first: string, last: string): string[] {
  const years: string[] = [];
  for (let year = Number(first.slice(0, 4)); year <= Number(last.slice(0, 4)); year += 1) {
    years.push(String(year).padStart(4, '0'));
  }
  return years;
}
