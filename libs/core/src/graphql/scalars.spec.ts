import { isCalendarDate, LocalDate } from './scalars.js';

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
