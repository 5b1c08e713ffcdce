import { ConflictError } from '#lintas/core';
import { ReferralStatus } from '../post-placement.enums.js';

const { REFERRED, ACCEPTED, IN_PROGRESS, COMPLETED, DECLINED } = ReferralStatus;

/** Where a referral may go from each status: forward one step, or DECLINED while it is open. */
const NEXT: Record<ReferralStatus, readonly ReferralStatus[]> = {
  [REFERRED]: [ACCEPTED, DECLINED],
  [ACCEPTED]: [IN_PROGRESS, DECLINED],
  [IN_PROGRESS]: [COMPLETED, DECLINED],
  [COMPLETED]: [],
  [DECLINED]: [],
};

/** The statuses that end a referral: each needs an outcome. */
export const FINAL_REFERRAL_STATUSES: readonly ReferralStatus[] = [COMPLETED, DECLINED];

export class ReferralTransitionError extends ConflictError {
  constructor(from: ReferralStatus, to: ReferralStatus) {
    super(
      NEXT[from].length === 0
        ? `The referral is ${from}: it cannot change any more`
        : `A ${from} referral cannot become ${to}; it may become ${NEXT[from].join(' or ')}`,
      'input.status',
    );
  }
}

/** `to`, when a referral at `from` may move there; CONFLICT otherwise. */
export function nextReferralStatus(from: ReferralStatus, to: ReferralStatus): ReferralStatus {
  if (!NEXT[from].includes(to)) throw new ReferralTransitionError(from, to);
  return to;
}
