import {
  isRepatriationOpen,
  outcomeRequired,
  placementActions,
  referralTargets,
  repatriationTargets,
} from './progress';

describe('a repatriation moves forward only', () => {
  it.each([
    ['REQUESTED', ['ARRANGED', 'IN_TRANSIT', 'CANCELLED']],
    ['ARRANGED', ['IN_TRANSIT', 'CANCELLED']],
    ['IN_TRANSIT', ['CANCELLED']],
    ['COMPLETED', []],
    ['CANCELLED', []],
  ] as const)('from %s to %p', (status, targets) => {
    expect(repatriationTargets(status)).toEqual(targets);
  });

  it('is open until completed or cancelled', () => {
    expect(isRepatriationOpen('ARRANGED')).toBe(true);
    expect(isRepatriationOpen('COMPLETED')).toBe(false);
    expect(isRepatriationOpen(undefined)).toBe(false);
  });
});

describe('a referral moves one step, or is declined while open', () => {
  it.each([
    ['REFERRED', ['ACCEPTED', 'DECLINED']],
    ['ACCEPTED', ['IN_PROGRESS', 'DECLINED']],
    ['IN_PROGRESS', ['COMPLETED', 'DECLINED']],
    ['COMPLETED', []],
    ['DECLINED', []],
  ] as const)('from %s to %p', (status, targets) => {
    expect(referralTargets(status)).toEqual(targets);
  });

  it('needs an outcome to end', () => {
    expect(outcomeRequired('COMPLETED')).toBe(true);
    expect(outcomeRequired('DECLINED')).toBe(true);
    expect(outcomeRequired('ACCEPTED')).toBe(false);
    expect(outcomeRequired('')).toBe(false);
  });
});

describe('what may be done for a placement', () => {
  it('repatriates a worker abroad, or the remains, when none is under way', () => {
    expect(placementActions('PLACED', undefined, false)).toEqual({
      requestRepatriation: true,
      updateRepatriation: false,
      recordReturn: true,
      refer: false,
      recordRefusal: false,
    });
    expect(placementActions('DECEASED', 'CANCELLED', false).requestRepatriation).toBe(true);
    expect(placementActions('DECEASED', 'ARRANGED', false).requestRepatriation).toBe(false);
  });

  it('follows a repatriation under way whatever the stage', () => {
    expect(placementActions('REPATRIATING', 'IN_TRANSIT', false)).toMatchObject({
      requestRepatriation: false,
      updateRepatriation: true,
      recordReturn: true,
    });
    expect(placementActions('MISSING', 'ARRANGED', false)).toMatchObject({
      updateRepatriation: true,
      recordReturn: false,
    });
  });

  it('refers and records refusals only after the return, which is recorded once', () => {
    expect(placementActions('RETURNED', 'COMPLETED', true)).toEqual({
      requestRepatriation: false,
      updateRepatriation: false,
      recordReturn: false,
      refer: true,
      recordRefusal: true,
    });
    expect(placementActions('DECEASED', 'COMPLETED', true).recordReturn).toBe(false);
    expect(placementActions('DEPARTED', undefined, false).recordReturn).toBe(false);
  });
});
