import { monthAxisLabel, periodLabel } from './months';

describe('periodLabel', () => {
  it('names a month in Indonesian and English', () => {
    expect(periodLabel('2026-05', 'id')).toBe('Mei 2026');
    expect(periodLabel('2026-08', 'id', 'short')).toBe('Agu 2026');
    expect(periodLabel('2026-12', 'id')).toBe('Desember 2026');
    expect(periodLabel('2026-05', 'en')).toBe('May 2026');
    expect(periodLabel('2026-10', 'en', 'short')).toBe('Oct 2026');
  });

  it('leaves a year, the total and a malformed period as they are', () => {
    expect(periodLabel('2026', 'id')).toBe('2026');
    expect(periodLabel('total', 'en')).toBe('total');
    expect(periodLabel('2026-13', 'id')).toBe('2026-13');
  });
});

describe('monthAxisLabel', () => {
  it('adds the year at the first bar and at each January only', () => {
    expect(monthAxisLabel('2025-11', 'id', true)).toBe('Nov 2025');
    expect(monthAxisLabel('2025-12', 'id', false)).toBe('Des');
    expect(monthAxisLabel('2026-01', 'id', false)).toBe('Jan 2026');
    expect(monthAxisLabel('2026-03', 'en', false)).toBe('Mar');
  });
});
