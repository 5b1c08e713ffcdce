import { pastMoment, plannedMoment } from './moments';

describe('a moment that has happened', () => {
  const now = new Date('2026-11-26T06:00:00.000Z'); // 14:00 WITA

  it('is sent as its instant', () => {
    expect(pastMoment('2026-11-26T13:59', 'Asia/Makassar', now)).toEqual({ iso: '2026-11-26T05:59:00.000Z' });
  });

  it('is refused when it lies ahead in the officer zone', () => {
    expect(pastMoment('2026-11-26T14:01', 'Asia/Makassar', now)).toEqual({ problem: 'future' });
    expect(pastMoment('2026-11-26T13:01', 'Asia/Jakarta', now)).toEqual({ problem: 'future' });
  });

  it('is required unless optional, and must be a real moment', () => {
    expect(pastMoment(' ', 'Asia/Makassar', now)).toEqual({ problem: 'required' });
    expect(pastMoment('', 'Asia/Makassar', now, { optional: true })).toEqual({ iso: undefined });
    expect(pastMoment('2026-02-30T10:00', 'Asia/Makassar', now)).toEqual({ problem: 'invalid' });
  });

  it('lets a planned moment be empty or in the future', () => {
    expect(plannedMoment('', 'Asia/Makassar')).toEqual({ iso: undefined });
    expect(plannedMoment('2027-01-02T08:00', 'Asia/Makassar')).toEqual({ iso: '2027-01-02T00:00:00.000Z' });
    expect(plannedMoment('2027-13-02T08:00', 'Asia/Makassar')).toEqual({ problem: 'invalid' });
  });
});
