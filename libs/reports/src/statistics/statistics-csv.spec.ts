import { ReferralStatus, ServiceKind } from '#lintas/post-placement';
import { assembleReport } from './statistics-report.js';
import { csvField, statisticsFileName, statisticsRows, toCsv } from './statistics-csv.js';

describe('statistics as CSV', () => {
  it('quotes a field only when RFC 4180 requires it, doubling its quotes', () => {
    expect(csvField('MEDICAL/COMPLETED')).toBe('MEDICAL/COMPLETED');
    expect(csvField(5400.5)).toBe('5400.5');
    expect(csvField(null)).toBe('');
    expect(csvField('a,b')).toBe('"a,b"');
    expect(csvField('say "hi"')).toBe('"say ""hi"""');
    expect(csvField('two\nlines')).toBe('"two\nlines"');
  });

  it('keeps a spreadsheet from reading text as a formula, and numbers as numbers', () => {
    expect(csvField('=HYPERLINK("http://x")')).toBe('"\'=HYPERLINK(""http://x"")"');
    expect(csvField('+62')).toBe("'+62");
    expect(csvField('-1')).toBe("'-1");
    expect(csvField('@SUM(A1)')).toBe("'@SUM(A1)");
    expect(csvField('\t=1')).toBe("'\t=1");
    expect(csvField('a=b')).toBe('a=b');
    expect(csvField(-1)).toBe('-1');
  });

  it('ends every line, the header too, with CRLF', () => {
    expect(
      toCsv(
        ['a', 'b'],
        [
          ['x', 1],
          ['y,z', null],
        ],
      ),
    ).toBe('a,b\r\nx,1\r\n"y,z",\r\n');
  });

  it('writes one line per figure: every period, then the workers abroad now', () => {
    const report = assembleReport(
      { from: '2024-12-01', to: '2025-01-31' },
      {
        figures: [
          {
            period: '2025-01',
            placementsRegistered: 3,
            departedProcedural: 1,
            departedNonProcedural: 2,
            returnedOrdinary: 0,
            returnedRepatriated: 0,
            returnedRemains: 0,
            suspectedVictims: 0,
            alertsRaised: 2,
            alertsAcknowledged: 1,
            alertsResolved: 0,
            medianSecondsToAcknowledge: 90,
            medianSecondsToResolve: null,
            // In the order of COUNTED_ALERT_KINDS: NON_PROCEDURAL_DEPARTURE is the first.
            alertsRaisedByKind: [2, 0, 0, 0, 0, 0, 0, 0],
          },
        ],
        referrals: [
          { period: 'total', service: ServiceKind.MEDICAL, status: ReferralStatus.DECLINED, count: 4 },
        ],
        abroad: [{ riskLevel: 'UNASSESSED', count: 2 }],
      },
    );
    const rows = statisticsRows(report);
    // total, 2024, 2025, 2024-12, 2025-01: 65 figures each; then 5 for the workers abroad now
    expect(rows).toHaveLength(5 * 65 + 5);
    expect(rows).toContainEqual(['2025-01', 'alerts_raised', 'NON_PROCEDURAL_DEPARTURE', 2]);
    expect(rows).toContainEqual(['2025-01', 'alerts_raised', 'MISSED_CHECK_IN', 0]);
    expect(rows).toContainEqual(['2024-12', 'alerts_raised', 'NON_PROCEDURAL_DEPARTURE', 0]);
    expect(rows).toContainEqual(['2025-01', 'departures', 'NON_PROCEDURAL', 2]);
    expect(rows).toContainEqual(['2025-01', 'median_seconds_to_acknowledge', '', 90]);
    expect(rows).toContainEqual(['2025-01', 'median_seconds_to_resolve', '', null]);
    expect(rows).toContainEqual(['2024-12', 'placements_registered', '', 0]);
    expect(rows).toContainEqual(['total', 'referrals', 'MEDICAL', 4]);
    expect(rows).toContainEqual(['total', 'referrals', 'MEDICAL/DECLINED', 4]);
    expect(rows).toContainEqual(['now', 'placements_abroad', 'UNASSESSED', 2]);
    expect(statisticsFileName(report)).toBe('lintas-statistics-2024-12-01-to-2025-01-31.csv');
    expect(statisticsFileName({ from: null, to: '2025-01-31' })).toBe('lintas-statistics-to-2025-01-31.csv');
  });
});
