import { isoToLocalDateTime, localDateTimeToIso } from './local-date-time';

describe('a wall-clock time in the officer zone', () => {
  it.each([
    ['2026-11-26T14:05', 'Asia/Makassar', '2026-11-26T06:05:00.000Z'], // WITA, UTC+8
    ['2026-11-26T14:05', 'Asia/Jakarta', '2026-11-26T07:05:00.000Z'], // WIB, UTC+7
    ['2026-11-26T14:05', 'Asia/Jayapura', '2026-11-26T05:05:00.000Z'], // WIT, UTC+9
    ['2026-11-26T05:30', 'Asia/Makassar', '2026-11-25T21:30:00.000Z'], // the day before in UTC
    ['2026-11-26T23:30', 'Asia/Riyadh', '2026-11-26T20:30:00.000Z'], // a return seen from KBRI Riyadh
    ['2026-11-26T14:05:30', 'Asia/Kuala_Lumpur', '2026-11-26T06:05:30.000Z'],
    ['2028-02-29T00:00', 'UTC', '2028-02-29T00:00:00.000Z'],
  ])('%s in %s is %s', (local, timeZone, iso) => {
    expect(localDateTimeToIso(local, timeZone)).toBe(iso);
  });

  it('follows summer time on either side of the change', () => {
    expect(localDateTimeToIso('2026-07-01T12:00', 'Europe/Amsterdam')).toBe('2026-07-01T10:00:00.000Z');
    expect(localDateTimeToIso('2026-12-01T12:00', 'Europe/Amsterdam')).toBe('2026-12-01T11:00:00.000Z');
  });

  it.each(['', '2026-11-26', '2026-02-29T10:00', '2026-11-26T24:00', '2026-11-26T10:60', '26/11/2026 14:05'])(
    'refuses %p',
    (local) => {
      expect(localDateTimeToIso(local, 'Asia/Makassar')).toBeUndefined();
    },
  );

  it('shows an instant as the wall clock of the zone, and round-trips', () => {
    expect(isoToLocalDateTime('2026-11-26T06:05:00.000Z', 'Asia/Makassar')).toBe('2026-11-26T14:05');
    expect(isoToLocalDateTime('2026-11-25T21:30:00Z', 'Asia/Makassar')).toBe('2026-11-26T05:30');
    const iso = localDateTimeToIso('2026-03-29T09:45', 'Asia/Jayapura') ?? '';
    expect(isoToLocalDateTime(iso, 'Asia/Jayapura')).toBe('2026-03-29T09:45');
  });
});
