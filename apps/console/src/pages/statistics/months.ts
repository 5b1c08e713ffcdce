import type { Locale } from '../../i18n/locale';

/** Month names as Indonesian and English officers write them; fixed, so a chart reads the same in every browser. */
const MONTHS: Record<Locale, { short: readonly string[]; long: readonly string[] }> = {
  id: {
    short: ['Jan', 'Feb', 'Mar', 'Apr', 'Mei', 'Jun', 'Jul', 'Agu', 'Sep', 'Okt', 'Nov', 'Des'],
    long: [
      'Januari',
      'Februari',
      'Maret',
      'April',
      'Mei',
      'Juni',
      'Juli',
      'Agustus',
      'September',
      'Oktober',
      'November',
      'Desember',
    ],
  },
  en: {
    short: ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'],
    long: [
      'January',
      'February',
      'March',
      'April',
      'May',
      'June',
      'July',
      'August',
      'September',
      'October',
      'November',
      'December',
    ],
  },
};

const MONTH_PERIOD = /^(\d{4})-(\d{2})$/;

/**
 * A period of the API (`"2026-03"`, `"2026"`, `"total"`) as a person reads it: `Mar 2026` on an
 * axis (`short`), `Maret 2026` in a table (`long`); a year or anything else is shown as it is.
 */
export function periodLabel(period: string, locale: Locale, style: 'short' | 'long' = 'long'): string {
  const match = MONTH_PERIOD.exec(period);
  if (!match) return period;
  const [, year = '', month = ''] = match;
  const name = MONTHS[locale][style][Number(month) - 1];
  return name ? `${name} ${year}` : period;
}

/**
 * The label under a month's bar: the month alone (`Mar`), with the year at January and at the
 * first bar (`Jan 2026`), so a chart over several years says where each year starts.
 */
export function monthAxisLabel(period: string, locale: Locale, first: boolean): string {
  const match = MONTH_PERIOD.exec(period);
  if (!match) return period;
  const [, year = '', month = ''] = match;
  const name = MONTHS[locale].short[Number(month) - 1];
  if (!name) return period;
  return first || month === '01' ? `${name} ${year}` : name;
}
