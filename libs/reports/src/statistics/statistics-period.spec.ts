import { monthsOf, monthsSpanned, yearsOf } from './statistics-period.js';

describe('the calendar of the statistics', () => {
  it('lists every month the period touches, across years, first and last included', () => {
    expect(monthsOf('2023-11-15', '2024-02-01')).toEqual(['2023-11', '2023-12', '2024-01', '2024-02']);
    expect(monthsOf('2024-03', '2024-03-31')).toEqual(['2024-03']);
    expect(monthsOf('2024-04-01', '2024-03-31')).toEqual([]);
  });

  it('lists every year the period touches', () => {
    expect(yearsOf('2022-12-31', '2024-01-01')).toEqual(['2022', '2023', '2024']);
  });

  it('counts months touched, not whole months elapsed', () => {
    expect(monthsSpanned('2024-01-31', '2024-02-01')).toBe(2);
    expect(monthsSpanned('2005-01-01', '2024-12-31')).toBe(240);
    expect(monthsSpanned('2004-12-31', '2024-12-31')).toBe(241);
  });
});
