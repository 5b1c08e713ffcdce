import type { PlacementStage, ReferralStatus, RepatriationStatus } from '../../gql/graphql';

/**
 * Where a repatriation may be moved by hand: forward (ARRANGED, IN_TRANSIT) or CANCELLED while it
 * is under way. COMPLETED is not among them: it follows from recording the return.
 */
export function repatriationTargets(status: RepatriationStatus): RepatriationStatus[] {
  switch (status) {
    case 'REQUESTED':
      return ['ARRANGED', 'IN_TRANSIT', 'CANCELLED'];
    case 'ARRANGED':
      return ['IN_TRANSIT', 'CANCELLED'];
    case 'IN_TRANSIT':
      return ['CANCELLED'];
    default:
      return [];
  }
}

export function isRepatriationOpen(status: RepatriationStatus | undefined): boolean {
  return status === 'REQUESTED' || status === 'ARRANGED' || status === 'IN_TRANSIT';
}

/** Where a referral may go: one step forward, or DECLINED while it is open (as the API rules). */
export function referralTargets(status: ReferralStatus): ReferralStatus[] {
  switch (status) {
    case 'REFERRED':
      return ['ACCEPTED', 'DECLINED'];
    case 'ACCEPTED':
      return ['IN_PROGRESS', 'DECLINED'];
    case 'IN_PROGRESS':
      return ['COMPLETED', 'DECLINED'];
    default:
      return [];
  }
}

/** COMPLETED and DECLINED end a referral: each says what came of it. */
export function outcomeRequired(status: ReferralStatus | ''): boolean {
  return status === 'COMPLETED' || status === 'DECLINED';
}

/** What may be done for a placement on the post-placement page, from its stage and latest repatriation. */
export interface PlacementActions {
  requestRepatriation: boolean;
  updateRepatriation: boolean;
  recordReturn: boolean;
  refer: boolean;
  recordRefusal: boolean;
}

/**
 * A worker abroad (PLACED) or the remains of one who died there may be repatriated when none is
 * under way; one under way may be followed or cancelled whatever the stage (the worker may be
 * found again or go missing meanwhile); the return is recorded for a worker still abroad or the
 * remains; referrals and refusals come after the return.
 */
export function placementActions(
  stage: PlacementStage,
  latestRepatriation: RepatriationStatus | undefined,
  returned: boolean,
): PlacementActions {
  const open = isRepatriationOpen(latestRepatriation);
  const home = stage === 'RETURNED' || stage === 'REINTEGRATING';
  return {
    requestRepatriation: !open && !returned && (stage === 'PLACED' || stage === 'DECEASED'),
    updateRepatriation: open,
    recordReturn: !returned && (stage === 'PLACED' || stage === 'REPATRIATING' || stage === 'DECEASED'),
    refer: home,
    recordRefusal: home,
  };
}
