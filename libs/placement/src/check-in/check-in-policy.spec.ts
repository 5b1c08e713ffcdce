import { loadConfig } from '#lintas/core';

import { RiskLevel } from '#lintas/pre-placement';
import { DISTRESS_STATUSES, PartnerStatus } from '../placement-abroad.enums.js';
import {
  assessRisk,
  checkInPolicyFrom,
  DEFAULT_CHECK_IN_POLICY,
  nextCheckInDue,
  schedule,
} from './check-in-policy.js';
import type { CheckInPolicy, ScheduleFacts } from './check-in-policy.types.js';

const at = (iso: string): Date => new Date(iso);
const DAY_MS = 24 * 60 * 60 * 1000;

/** A procedural, non-domestic placement that arrived, with nothing reported yet: LOW risk. */
function facts(overrides: Partial<ScheduleFacts> = {}): ScheduleFacts {
  return {
    domestic: false,
    procedural: true,
    departedAt: at('2026-01-01T02:00:00Z'),
    arrivedAt: at('2026-01-02T10:00:00Z'),
    lastReachedContactAt: null,
    partnerStatus: null,
    indicatorsSeenAt: [],
    currentDueAt: null,
    now: at('2026-04-01T12:00:00Z'),
    ...overrides,
  };
}

const daysBeforeNow = (days: number): Date => new Date(facts().now.getTime() - days * DAY_MS);

describe('schedule: when the next check-in is due', () => {
  const HIGH_RISK = { domestic: true, procedural: false };

  it.each<{ name: string; given: Partial<ScheduleFacts>; due: string | null }>([
    {
      name: 'arrival confirmed, no contact yet: 7 days after arrival',
      given: {},
      due: '2026-01-09T10:00:00.000Z',
    },
    {
      name: 'departed, arrival not confirmed: 14 days after departure',
      given: { arrivedAt: null },
      due: '2026-01-15T02:00:00.000Z',
    },
    {
      name: 'reached after arrival: 30 days after the contact',
      given: { lastReachedContactAt: at('2026-01-20T08:15:00Z') },
      due: '2026-02-19T08:15:00.000Z',
    },
    {
      name: 'reached after arrival, HIGH risk: 14 days after the contact',
      given: { ...HIGH_RISK, lastReachedContactAt: at('2026-01-20T08:15:00Z') },
      due: '2026-02-03T08:15:00.000Z',
    },
    {
      name: 'reached after arrival, MEDIUM risk: the regular 30 days',
      given: { domestic: true, lastReachedContactAt: at('2026-01-20T08:15:00Z') },
      due: '2026-02-19T08:15:00.000Z',
    },
    {
      name: 'last contact older than the arrival (a pre-departure call): still 7 days after arrival',
      given: { lastReachedContactAt: at('2025-12-30T09:00:00Z') },
      due: '2026-01-09T10:00:00.000Z',
    },
    {
      name: 'last contact in transit, after departure but before arrival: still 7 days after arrival',
      given: { lastReachedContactAt: at('2026-01-01T20:00:00Z') },
      due: '2026-01-09T10:00:00.000Z',
    },
    {
      name: 'last contact older than the arrival of a HIGH-risk placement: still 7 days after arrival',
      given: { ...HIGH_RISK, lastReachedContactAt: at('2025-12-30T09:00:00Z') },
      due: '2026-01-09T10:00:00.000Z',
    },
    {
      name: 'contact at the very instant of arrival counts',
      given: { lastReachedContactAt: at('2026-01-02T10:00:00Z') },
      due: '2026-02-01T10:00:00.000Z',
    },
    {
      name: 'arrival unconfirmed, reached after departure: 30 days after the contact',
      given: { arrivedAt: null, lastReachedContactAt: at('2026-01-05T06:00:00Z') },
      due: '2026-02-04T06:00:00.000Z',
    },
    {
      name: 'arrival unconfirmed, last contact before departure: still 14 days after departure',
      given: { arrivedAt: null, lastReachedContactAt: at('2025-12-31T23:00:00Z') },
      due: '2026-01-15T02:00:00.000Z',
    },
    {
      name: 'arrival confirmed without a recorded departure: 7 days after arrival',
      given: { departedAt: null },
      due: '2026-01-09T10:00:00.000Z',
    },
    {
      name: 'days are exact 24 h on the instant, across a DST change in Europe: the UTC time is kept',
      given: { arrivedAt: at('2026-03-26T23:30:00Z') },
      due: '2026-04-02T23:30:00.000Z',
    },
    {
      name: 'not abroad (neither departed nor arrived): no check-in is due',
      given: { departedAt: null, arrivedAt: null, lastReachedContactAt: at('2026-01-20T08:15:00Z') },
      due: null,
    },
  ])('$name', ({ given, due }) => {
    expect(schedule(facts(given)).nextCheckInDueAt?.toISOString() ?? null).toBe(due);
  });

  it('takes the cadence from the risk it is given, not from the facts', () => {
    const reached = facts({ lastReachedContactAt: at('2026-01-20T08:15:00Z') });
    const high = { level: RiskLevel.HIGH, reasons: ['partner reports DETAINED'] };
    const low = { level: RiskLevel.LOW, reasons: [] };
    expect(nextCheckInDue(reached, DEFAULT_CHECK_IN_POLICY, high)).toEqual(at('2026-02-03T08:15:00Z'));
    expect(nextCheckInDue(reached, DEFAULT_CHECK_IN_POLICY, low)).toEqual(at('2026-02-19T08:15:00Z'));
  });
});

describe('assessRisk: derived and explained', () => {
  const DOMESTIC = 'domestic work for a household employer';
  const NON_PROCEDURAL = 'departed non-procedurally';

  it.each<{ name: string; given: Partial<ScheduleFacts>; level: RiskLevel; reasons: string[] }>([
    { name: 'nothing known against it', given: {}, level: RiskLevel.LOW, reasons: [] },
    { name: 'domestic only', given: { domestic: true }, level: RiskLevel.MEDIUM, reasons: [DOMESTIC] },
    {
      name: 'non-procedural only',
      given: { procedural: false },
      level: RiskLevel.MEDIUM,
      reasons: [NON_PROCEDURAL],
    },
    {
      name: 'domestic and non-procedural together',
      given: { domestic: true, procedural: false },
      level: RiskLevel.HIGH,
      reasons: [DOMESTIC, NON_PROCEDURAL],
    },
    {
      name: 'indicators seen 89 days ago',
      given: { indicatorsSeenAt: [daysBeforeNow(89)] },
      level: RiskLevel.HIGH,
      reasons: ['1 contact with trafficking indicators in the last 90 days (latest 2026-01-02)'],
    },
    {
      name: 'indicators seen 91 days ago',
      given: { indicatorsSeenAt: [daysBeforeNow(91)] },
      level: RiskLevel.LOW,
      reasons: [],
    },
    {
      name: 'indicators seen exactly 90 days ago (the window is open at its start)',
      given: { indicatorsSeenAt: [daysBeforeNow(90)] },
      level: RiskLevel.LOW,
      reasons: [],
    },
    {
      name: 'indicators on several contacts, only those in the window counted, latest named',
      given: {
        indicatorsSeenAt: [at('2026-03-02T07:00:00Z'), daysBeforeNow(120), at('2026-02-10T07:00:00Z')],
      },
      level: RiskLevel.HIGH,
      reasons: ['2 contacts with trafficking indicators in the last 90 days (latest 2026-03-02)'],
    },
    {
      name: 'indicators only long ago on a domestic placement: MEDIUM, the old indicators unmentioned',
      given: { domestic: true, indicatorsSeenAt: [daysBeforeNow(200)] },
      level: RiskLevel.MEDIUM,
      reasons: [DOMESTIC],
    },
    {
      name: 'missed due date',
      given: { currentDueAt: at('2026-03-10T10:00:00Z'), lastReachedContactAt: at('2026-02-08T10:00:00Z') },
      level: RiskLevel.HIGH,
      reasons: ['no contact since the check-in due on 2026-03-10'],
    },
    {
      name: 'missed the first due date, never reached',
      given: { currentDueAt: at('2026-01-09T10:00:00Z') },
      level: RiskLevel.HIGH,
      reasons: ['no contact since the check-in due on 2026-01-09'],
    },
    {
      name: 'missed due date followed by a reached contact: no longer missed',
      given: { currentDueAt: at('2026-03-10T10:00:00Z'), lastReachedContactAt: at('2026-03-12T09:00:00Z') },
      level: RiskLevel.LOW,
      reasons: [],
    },
    {
      name: 'reached at the very instant it was due: not missed',
      given: { currentDueAt: at('2026-03-10T10:00:00Z'), lastReachedContactAt: at('2026-03-10T10:00:00Z') },
      level: RiskLevel.LOW,
      reasons: [],
    },
    {
      name: 'due date still ahead',
      given: { currentDueAt: at('2026-04-02T10:00:00Z') },
      level: RiskLevel.LOW,
      reasons: [],
    },
    {
      name: 'due this very instant: not yet missed',
      given: { currentDueAt: at('2026-04-01T12:00:00Z') },
      level: RiskLevel.LOW,
      reasons: [],
    },
    {
      name: 'a distress status on a domestic placement: every reason listed, not only the deciding one',
      given: { domestic: true, partnerStatus: PartnerStatus.IN_SHELTER },
      level: RiskLevel.HIGH,
      reasons: ['partner reports IN_SHELTER', DOMESTIC],
    },
    {
      name: 'everything at once',
      given: {
        domestic: true,
        procedural: false,
        partnerStatus: PartnerStatus.DETAINED,
        indicatorsSeenAt: [at('2026-02-10T07:00:00Z'), at('2026-03-02T07:00:00Z')],
        lastReachedContactAt: at('2026-03-02T07:00:00Z'),
        currentDueAt: at('2026-03-16T07:00:00Z'),
      },
      level: RiskLevel.HIGH,
      reasons: [
        'partner reports DETAINED',
        '2 contacts with trafficking indicators in the last 90 days (latest 2026-03-02)',
        'no contact since the check-in due on 2026-03-16',
        DOMESTIC,
        NON_PROCEDURAL,
      ],
    },
  ])('$name → $level', ({ given, level, reasons }) => {
    expect(assessRisk(facts(given), DEFAULT_CHECK_IN_POLICY)).toEqual({ level, reasons });
  });

  it.each([...DISTRESS_STATUSES, PartnerStatus.ABSCONDED, PartnerStatus.MISSING])(
    'partner status %s → HIGH',
    (partnerStatus) => {
      expect(assessRisk(facts({ partnerStatus }), DEFAULT_CHECK_IN_POLICY)).toEqual({
        level: RiskLevel.HIGH,
        reasons: [`partner reports ${partnerStatus}`],
      });
    },
  );

  it.each([PartnerStatus.WORKING, PartnerStatus.EMPLOYER_CHANGED])(
    'partner status %s → LOW',
    (partnerStatus) => {
      expect(assessRisk(facts({ partnerStatus }), DEFAULT_CHECK_IN_POLICY)).toEqual({
        level: RiskLevel.LOW,
        reasons: [],
      });
    },
  );

  it('tests every distress status above (the table is built from this list, so an empty list would pass)', () => {
    expect(DISTRESS_STATUSES).toEqual([
      PartnerStatus.IN_SHELTER,
      PartnerStatus.DETAINED,
      PartnerStatus.HOSPITALISED,
      PartnerStatus.DEPORTATION_PENDING,
    ]);
  });
});

describe('schedule: risk and due date together', () => {
  it('a missed due date makes the placement HIGH, so the due date follows the 14-day cadence', () => {
    const result = schedule(
      facts({ lastReachedContactAt: at('2026-02-08T10:00:00Z'), currentDueAt: at('2026-03-10T10:00:00Z') }),
    );
    expect(result).toEqual({
      risk: { level: RiskLevel.HIGH, reasons: ['no contact since the check-in due on 2026-03-10'] },
      nextCheckInDueAt: at('2026-02-22T10:00:00Z'),
    });
  });

  it('a late contact clears the missed due date at once, before the caller stores the new one', () => {
    const result = schedule(
      facts({
        lastReachedContactAt: at('2026-03-12T09:00:00Z'),
        currentDueAt: at('2026-03-10T10:00:00Z'),
        now: at('2026-03-12T09:05:00Z'),
      }),
    );
    expect(result).toEqual({
      risk: { level: RiskLevel.LOW, reasons: [] },
      nextCheckInDueAt: at('2026-04-11T09:00:00Z'),
    });
  });
});

describe('a custom policy', () => {
  const policy: CheckInPolicy = {
    firstContactAfterArrivalDays: 3,
    firstContactAfterDepartureDays: 5,
    cadenceDays: 10,
    highRiskCadenceDays: 4,
    indicatorLookbackDays: 30,
  };

  it.each<{ name: string; given: Partial<ScheduleFacts>; due: string }>([
    { name: 'first contact after arrival', given: {}, due: '2026-01-05T10:00:00.000Z' },
    { name: 'first contact after departure', given: { arrivedAt: null }, due: '2026-01-06T02:00:00.000Z' },
    {
      name: 'cadence',
      given: { lastReachedContactAt: at('2026-01-20T08:15:00Z') },
      due: '2026-01-30T08:15:00.000Z',
    },
    {
      name: 'HIGH-risk cadence',
      given: { partnerStatus: PartnerStatus.MISSING, lastReachedContactAt: at('2026-01-20T08:15:00Z') },
      due: '2026-01-24T08:15:00.000Z',
    },
  ])('is honoured: $name', ({ given, due }) => {
    expect(schedule(facts(given), policy).nextCheckInDueAt?.toISOString()).toBe(due);
  });

  it.each`
    daysAgo | level             | reasons
    ${29}   | ${RiskLevel.HIGH} | ${['1 contact with trafficking indicators in the last 30 days (latest 2026-03-03)']}
    ${31}   | ${RiskLevel.LOW}  | ${[]}
  `(
    'is honoured: indicators $daysAgo days ago with a 30-day lookback → $level',
    ({ daysAgo, level, reasons }: { daysAgo: number; level: RiskLevel; reasons: string[] }) => {
      expect(assessRisk(facts({ indicatorsSeenAt: [daysBeforeNow(daysAgo)] }), policy)).toEqual({
        level,
        reasons,
      });
    },
  );
});

describe('checkInPolicyFrom', () => {
  it('gives the default policy from the default configuration', () => {
    expect(checkInPolicyFrom(loadConfig({}))).toEqual(DEFAULT_CHECK_IN_POLICY);
  });

  it('takes each number from its own variable', () => {
    const config = loadConfig({
      CHECK_IN_FIRST_AFTER_ARRIVAL_DAYS: '1',
      CHECK_IN_FIRST_AFTER_DEPARTURE_DAYS: '2',
      CHECK_IN_CADENCE_DAYS: '3',
      CHECK_IN_HIGH_RISK_CADENCE_DAYS: '4',
      CHECK_IN_INDICATOR_LOOKBACK_DAYS: '5',
    });
    expect(checkInPolicyFrom(config)).toEqual({
      firstContactAfterArrivalDays: 1,
      firstContactAfterDepartureDays: 2,
      cadenceDays: 3,
      highRiskCadenceDays: 4,
      indicatorLookbackDays: 5,
    });
  });
});
