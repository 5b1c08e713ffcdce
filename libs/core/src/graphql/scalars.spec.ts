import { isCalendarDate, LocalDate, StrictDateTime } from './scalars.js';

describe('Date scalar', () => {
  it.each(['1995-08-01', '2000-02-29'])('accepts %s', (value) => {
    expect(LocalDate.parseValue(value)).toBe(value);
  });

  it.each(['2026-02-30', '1995-13-01', '01-08-1995', '1995-8-1', 19950801])('refuses %p', (value) => {
    expect(() => LocalDate.parseValue(value)).toThrow('calendar date');
  });

  it('knows leap years', () => {
    expect(isCalendarDate('1900-02-29')).toBe(false);
  });
});

describe('DateTime scalar', () => {
  it.each([
    ['2026-11-25T08:30:00+08:00', '2026-11-25T00:30:00.000Z'],
    ['2026-11-25T00:30Z', '2026-11-25T00:30:00.000Z'],
    ['2026-11-25T00:30:00.123456-03:00', '2026-11-25T03:30:00.123Z'],
  ])('reads %s as the instant %s', (value, instant) => {
    expect(StrictDateTime.parseValue(value).toISOString()).toBe(instant);
  });

  it.each([
    ['no offset', '2026-11-25T08:30:00'],
    ['a number', 0],
    ['a date alone', '2026-11-25'],
    ['30 February', '2026-02-30T08:30:00Z'],
    ['a far year', '-010000-01-01T00:00:00Z'],
    ['the year 3000', '3000-01-01T00:00:00Z'],
  ])('refuses %s', (_case, value) => {
    expect(() => StrictDateTime.parseValue(value)).toThrow(/date-time/);
  });
});
