import { timeZoneOf, timeZoneOfProvince } from './time-zone';
import { formatDate, formatDateTime, zoneLabel } from './dates';
import type { Principal } from '../api/session-store';

const principal = (provinceCodes: string[], regencyCodes: string[] = []): Principal => ({
  id: 'user',
  name: 'Siti',
  kind: 'user',
  roles: ['OFFICER'],
  agency: {
    id: 'a',
    code: 'bp3mi',
    name: 'BP3MI',
    kind: 'BP3MI',
    provinceCodes,
    regencyCodes,
    countryCodes: [],
  },
});

describe('the officer time zone', () => {
  it.each([
    ['11', 'Asia/Jakarta'], // Aceh
    ['35', 'Asia/Jakarta'], // Jawa Timur
    ['61', 'Asia/Jakarta'], // Kalimantan Barat
    ['62', 'Asia/Jakarta'], // Kalimantan Tengah
    ['63', 'Asia/Makassar'], // Kalimantan Selatan
    ['65', 'Asia/Makassar'], // Kalimantan Utara
    ['51', 'Asia/Makassar'], // Bali
    ['53', 'Asia/Makassar'], // Nusa Tenggara Timur
    ['76', 'Asia/Makassar'], // Sulawesi Barat
    ['81', 'Asia/Jayapura'], // Maluku
    ['96', 'Asia/Jayapura'], // Papua Barat Daya
  ])('province %s keeps %s', (province, zone) => {
    expect(timeZoneOfProvince(province)).toBe(zone);
  });

  it('is the zone of the agency provinces when they share one', () => {
    expect(timeZoneOf(principal(['63']))).toBe('Asia/Makassar');
    expect(timeZoneOf(principal(['63', '64']))).toBe('Asia/Makassar');
  });

  it('is the zone of a Disnaker regency province: Banjarbaru reads WITA', () => {
    expect(timeZoneOf(principal([], ['6372']))).toBe('Asia/Makassar');
    expect(timeZoneOf(principal([], ['9471']))).toBe('Asia/Jayapura');
  });

  it('falls back to the browser zone for a national agency or one spanning zones', () => {
    const browser = Intl.DateTimeFormat().resolvedOptions().timeZone;
    expect(timeZoneOf(principal([]))).toBe(browser);
    expect(timeZoneOf(principal(['35', '63']))).toBe(browser);
    expect(timeZoneOf(undefined)).toBe(browser);
  });
});

describe('dates as the officer reads them', () => {
  const instant = '2026-11-26T06:05:00.000Z';

  it('shows a moment in WITA with its offset', () => {
    expect(zoneLabel('Asia/Makassar', new Date(instant))).toBe('WITA, UTC+8');
    expect(formatDateTime(instant, 'id', 'Asia/Makassar')).toBe('26 Nov 2026, 14.05 (WITA, UTC+8)');
    expect(formatDateTime(instant, 'en', 'Asia/Makassar')).toBe('26 Nov 2026, 14:05 (WITA, UTC+8)');
  });

  it('names WIB and WIT, and a foreign zone by its offset alone', () => {
    expect(zoneLabel('Asia/Jakarta', new Date(instant))).toBe('WIB, UTC+7');
    expect(zoneLabel('Asia/Jayapura', new Date(instant))).toBe('WIT, UTC+9');
    expect(zoneLabel('Asia/Kuala_Lumpur', new Date(instant))).toBe('UTC+8');
    expect(zoneLabel('Asia/Kolkata', new Date(instant))).toBe('UTC+5:30');
    expect(zoneLabel('UTC', new Date(instant))).toBe('UTC+0');
  });

  it('shows a calendar date as the same day everywhere', () => {
    expect(formatDate('2026-01-31', 'id')).toBe('31 Jan 2026');
    expect(formatDate('2026-01-31', 'en')).toBe('31 Jan 2026');
  });
});
