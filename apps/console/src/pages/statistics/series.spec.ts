import {
  alertCohort,
  alertsByKind,
  departureSeries,
  formatDuration,
  percentOf,
  returnSeries,
  stageFunnel,
  type PeriodFigures,
} from './series';

function period(name: string, overrides: Partial<PeriodFigures> = {}): PeriodFigures {
  return {
    period: name,
    placementsRegistered: 0,
    suspectedTraffickingVictims: 0,
    departures: { total: 0, procedural: 0, nonProcedural: 0 },
    returns: { total: 0, ordinary: 0, repatriated: 0, remains: 0 },
    alerts: { raised: 0, acknowledged: 0, resolved: 0 },
    ...overrides,
  };
}

const total = period('total', {
  placementsRegistered: 761,
  departures: { total: 688, procedural: 539, nonProcedural: 149 },
  returns: { total: 310, ordinary: 240, repatriated: 66, remains: 4 },
  alerts: { raised: 1825, acknowledged: 1707, resolved: 1664 },
});

describe('stageFunnel and alertCohort', () => {
  it('follow the cycle and the cohort in order', () => {
    expect(stageFunnel(total)).toEqual([
      { stage: 'registered', value: 761 },
      { stage: 'departed', value: 688 },
      { stage: 'returned', value: 310 },
    ]);
    expect(alertCohort(total).map((step) => step.value)).toEqual([1825, 1707, 1664]);
  });
});

describe('alertsByKind', () => {
  it('puts the kinds raised most first and keeps those with none, in the order the API gave', () => {
    const alerts = {
      raised: 9,
      acknowledged: 0,
      resolved: 0,
      byKind: [
        { kind: 'NON_PROCEDURAL_DEPARTURE', raised: 2 },
        { kind: 'MISSED_CHECK_IN', raised: 7 },
        { kind: 'TRAFFICKING_INDICATORS', raised: 0 },
        { kind: 'CONTRACT_ENDING', raised: 0 },
      ],
    };
    expect(alertsByKind(period('total', { alerts }))).toEqual([
      { kind: 'MISSED_CHECK_IN', value: 7 },
      { kind: 'NON_PROCEDURAL_DEPARTURE', value: 2 },
      { kind: 'TRAFFICKING_INDICATORS', value: 0 },
      { kind: 'CONTRACT_ENDING', value: 0 },
    ]);
  });

  it('is empty for figures without kinds', () => {
    expect(alertsByKind(total)).toEqual([]);
  });
});

describe('departureSeries', () => {
  it('counts procedural then non-procedural per month, labelled in the officer language', () => {
    const figures = {
      total,
      byYear: [period('2025'), period('2026')],
      byMonth: [
        period('2025-12', { departures: { total: 3, procedural: 2, nonProcedural: 1 } }),
        period('2026-01', { departures: { total: 5, procedural: 5, nonProcedural: 0 } }),
        period('2026-02'),
      ],
    };
    const series = departureSeries(figures, 'id');
    expect(series.unit).toBe('month');
    expect(
      series.categories.map((category) => [category.label, category.tableLabel, category.values]),
    ).toEqual([
      ['Des 2025', 'Desember 2025', [2, 1]],
      ['Jan 2026', 'Januari 2026', [5, 0]],
      ['Feb', 'Februari 2026', [0, 0]],
    ]);
  });

  it('counts per year when the period has more months than bars can show', () => {
    const byMonth = Array.from({ length: 48 }, (_, index) =>
      period(`${2023 + Math.floor(index / 12)}-${String((index % 12) + 1).padStart(2, '0')}`),
    );
    const byYear = ['2023', '2024', '2025', '2026'].map((year) =>
      period(year, { departures: { total: 10, procedural: 7, nonProcedural: 3 } }),
    );
    const series = departureSeries({ total, byYear, byMonth }, 'en');
    expect(series.unit).toBe('year');
    expect(series.categories).toHaveLength(4);
    expect(series.categories[0]).toMatchObject({ label: '2023', values: [7, 3] });
  });
});

describe('returnSeries', () => {
  it('lists ordinary, repatriated and remains per year', () => {
    const byYear = [period('2026', { returns: { total: 310, ordinary: 240, repatriated: 66, remains: 4 } })];
    expect(returnSeries({ total, byYear, byMonth: [] })).toEqual([
      { period: '2026', label: '2026', tableLabel: '2026', values: [240, 66, 4] },
    ]);
  });
});

describe('percentOf', () => {
  it('rounds to a whole percent, and has none without a whole', () => {
    expect(percentOf(149, 688)).toBe(22);
    expect(percentOf(0, 0)).toBeUndefined();
  });
});

describe('formatDuration', () => {
  it('says the two largest units', () => {
    expect(formatDuration(10 * 86400 + 5 * 3600 + 20 * 60, 'id')).toBe('10 hari 5 jam');
    // Adjacent units only: 10 days and 53 minutes is 10 days to a person waiting.
    expect(formatDuration(867195, 'id')).toBe('10 hari');
    expect(formatDuration(3 * 3600 + 5 * 60, 'id')).toBe('3 jam 5 menit');
    expect(formatDuration(2700, 'en')).toBe('45 minutes');
    expect(formatDuration(86400 + 60, 'en')).toBe('1 day');
    expect(formatDuration(3660, 'en')).toBe('1 hour 1 minute');
  });

  it('says under a minute, and nothing without a median', () => {
    expect(formatDuration(12, 'id')).toBe('< 1 menit');
    expect(formatDuration(null, 'id')).toBeNull();
  });
});
