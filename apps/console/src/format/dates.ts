import { useSession } from '../api/client';
import { useLocale, type Locale } from '../i18n/locale';
import { timeZoneOf } from './time-zone';

const LANGUAGE: Record<Locale, string> = { id: 'id-ID', en: 'en-GB' };

/** The zone's name as Indonesians write it (WIB, WITA, WIT) with its offset: `WITA, UTC+8`; elsewhere the offset alone. */
export function zoneLabel(timeZone: string, at: Date = new Date()): string {
  const part = (locale: string, style: 'short' | 'longOffset'): string =>
    new Intl.DateTimeFormat(locale, { timeZone, timeZoneName: style })
      .formatToParts(at)
      .find((piece) => piece.type === 'timeZoneName')?.value ?? '';
  // `GMT+08:00` → `UTC+8`, `GMT+05:30` → `UTC+5:30`, `GMT` → `UTC+0`.
  const [, sign = '+', hours = '0', minutes = '00'] =
    /([+-])(\d{2}):(\d{2})/.exec(part('en-GB', 'longOffset')) ?? [];
  const offset = `UTC${sign}${Number(hours)}${minutes === '00' ? '' : `:${minutes}`}`;
  const name = part('id-ID', 'short');
  return /^(WIB|WITA|WIT)$/.test(name) ? `${name}, ${offset}` : offset;
}

/** A moment in the officer's zone, with the zone shown: `26 Nov 2026, 14.05 (WITA, UTC+8)`. */
export function formatDateTime(iso: string, locale: Locale, timeZone: string): string {
  const at = new Date(iso);
  const text = new Intl.DateTimeFormat(LANGUAGE[locale], {
    timeZone,
    day: 'numeric',
    month: 'short',
    year: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
  }).format(at);
  return `${text} (${zoneLabel(timeZone, at)})`;
}

/** A calendar date (the API's `Date`, `2026-11-26`): no zone, it is the same day everywhere. */
export function formatDate(date: string, locale: Locale): string {
  const [year = 0, month = 1, day = 1] = date.split('-').map(Number);
  return new Intl.DateTimeFormat(LANGUAGE[locale], {
    day: 'numeric',
    month: 'short',
    year: 'numeric',
    timeZone: 'UTC',
  }).format(new Date(Date.UTC(year, month - 1, day)));
}

/** Formatters bound to the officer's language and time zone. */
export function useDates(): {
  dateTime: (iso: string) => string;
  date: (date: string) => string;
  timeZone: string;
  zone: string;
} {
  const locale = useLocale();
  const session = useSession();
  const timeZone = timeZoneOf(session?.principal);
  return {
    dateTime: (iso) => formatDateTime(iso, locale, timeZone),
    date: (date) => formatDate(date, locale),
    timeZone,
    zone: zoneLabel(timeZone),
  };
}
