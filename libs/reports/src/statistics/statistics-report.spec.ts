import { ReferralStatus, ServiceKind } from '#lintas/post-placement';
import { assembleReport, firstMonth, type StatisticsRows } from './statistics-report.js';

const NONE: StatisticsRows = { figures: [], referrals: [], abroad: [] };

describe('assembling the statistics', () => {
  it('answers zeros, and no years or months, when counting from the first record finds none', () => {
    const report = assembleReport({ from: null, to: '2025-01-31' }, NONE);
    expect(report.byYear).toEqual([]);
    expect(report.byMonth).toEqual([]);
    expect(report.total.placementsRegistered).toBe(0);
    expect(report.total.alerts.medianSecondsToResolve).toBeNull();
    expect(report.total.referrals.byService.map((counts) => counts.service)).toEqual(
      Object.values(ServiceKind),
    );
    expect(report.abroadNow).toEqual({ total: 0, low: 0, medium: 0, high: 0, unassessed: 0 });
  });

  it('starts at the earliest month holding a fact when no from is given, referrals included', () => {
    const rows: StatisticsRows = {
      ...NONE,
      referrals: [
        { period: '2023-11', service: ServiceKind.SHELTER, status: ReferralStatus.ACCEPTED, count: 1 },
        { period: '2023', service: ServiceKind.SHELTER, status: ReferralStatus.ACCEPTED, count: 1 },
      ],
    };
    expect(firstMonth({ from: null, to: '2024-02-10' }, rows)).toBe('2023-11');
    const report = assembleReport({ from: null, to: '2024-02-10' }, rows);
    expect(report.byMonth.map((month) => month.period)).toEqual(['2023-11', '2023-12', '2024-01', '2024-02']);
    expect(report.byYear.map((year) => [year.period, year.referrals.total])).toEqual([
      ['2023', 1],
      ['2024', 0],
    ]);
    const shelter = report.byMonth[0].referrals.byService.find(
      (counts) => counts.service === ServiceKind.SHELTER,
    );
    expect(shelter).toEqual({
      service: ServiceKind.SHELTER,
      total: 1,
      referred: 0,
      accepted: 1,
      inProgress: 0,
      completed: 0,
      declined: 0,
    });
  });
});
