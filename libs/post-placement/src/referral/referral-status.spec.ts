import { ReferralStatus } from '../post-placement.enums.js';
import { nextReferralStatus, ReferralTransitionError } from './referral-status.js';

function thrownBy(action: () => unknown): unknown {
  try {
    action();
  } catch (error) {
    return error;
  }
  return undefined;
}

const { REFERRED, ACCEPTED, IN_PROGRESS, COMPLETED, DECLINED } = ReferralStatus;

describe('referral statuses', () => {
  it.each<[ReferralStatus, ReferralStatus]>([
    [REFERRED, ACCEPTED],
    [ACCEPTED, IN_PROGRESS],
    [IN_PROGRESS, COMPLETED],
    [REFERRED, DECLINED],
    [ACCEPTED, DECLINED],
    [IN_PROGRESS, DECLINED],
  ])('%s → %s', (from, to) => {
    expect(nextReferralStatus(from, to)).toBe(to);
  });

  it.each<[ReferralStatus, ReferralStatus]>([
    [REFERRED, IN_PROGRESS],
    [REFERRED, COMPLETED],
    [REFERRED, REFERRED],
    [ACCEPTED, REFERRED],
    [ACCEPTED, COMPLETED],
    [IN_PROGRESS, ACCEPTED],
    [COMPLETED, DECLINED],
    [DECLINED, ACCEPTED],
    [DECLINED, DECLINED],
  ])('refuses %s → %s with CONFLICT on input.status', (from, to) => {
    const refusal = thrownBy(() => nextReferralStatus(from, to));
    expect(refusal).toBeInstanceOf(ReferralTransitionError);
    expect(refusal).toMatchObject({ code: 'CONFLICT', path: 'input.status' });
  });

  it('says what a referral may become instead', () => {
    expect(() => nextReferralStatus(REFERRED, COMPLETED)).toThrow(
      'A REFERRED referral cannot become COMPLETED; it may become ACCEPTED or DECLINED',
    );
    expect(() => nextReferralStatus(COMPLETED, DECLINED)).toThrow(
      'The referral is COMPLETED: it cannot change any more',
    );
  });
});
