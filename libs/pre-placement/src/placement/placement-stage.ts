import { ConflictError } from '#lintas/core';
import { PlacementStage } from './placement.enums.js';

/** What can happen to a placement; each names the stages it may start from and where it leads. */
export type PlacementTransition =
  | 'clear'
  | 'depart'
  | 'cancel'
  | 'recordRequirement'
  | 'arrive'
  | 'reportStatus'
  | 'reportMissing'
  | 'reportFound'
  | 'reportDeceased'
  | 'recordContact'
  | 'requestRepatriation'
  | 'updateRepatriation'
  | 'cancelRepatriation'
  | 'return'
  | 'returnRemains'
  | 'refer'
  | 'recordReintegrationRefusal'
  | 'close';

const {
  REGISTERED,
  CLEARED,
  DEPARTED,
  PLACED,
  REPATRIATING,
  RETURNED,
  REINTEGRATING,
  CLOSED,
  CANCELLED,
  DECEASED,
  MISSING,
} = PlacementStage;

/**
 * Where a transition leads: one stage, `null` to leave the stage as it is, or a stage per starting
 * stage (those not named stay as they are).
 */
type Target = PlacementStage | null | Partial<Record<PlacementStage, PlacementStage>>;

const TRANSITIONS: Record<PlacementTransition, { from: readonly PlacementStage[]; to: Target }> = {
  clear: { from: [REGISTERED], to: CLEARED },
  // A departure is a fact: it is recorded even without clearance (and then flagged non-procedural).
  depart: { from: [REGISTERED, CLEARED], to: DEPARTED },
  cancel: { from: [REGISTERED, CLEARED], to: CANCELLED },
  // Evidence changes the checklist, not the stage.
  recordRequirement: { from: [REGISTERED, CLEARED], to: null },
  // A partner may meet a worker whose departure nobody recorded: the departure is then recorded too.
  arrive: { from: [REGISTERED, CLEARED, DEPARTED], to: PLACED },
  // An embassy still reports on a worker waiting to be brought home (in a shelter, in hospital).
  reportStatus: { from: [DEPARTED, PLACED, REPATRIATING], to: null },
  // DECEASED and MISSING can be reached from any stage after DEPARTED (DESIGN.md).
  reportMissing: { from: [DEPARTED, PLACED, REPATRIATING], to: MISSING },
  reportFound: { from: [MISSING], to: PLACED },
  reportDeceased: { from: [DEPARTED, PLACED, REPATRIATING, RETURNED, REINTEGRATING, MISSING], to: DECEASED },
  recordContact: { from: [DEPARTED, PLACED, REPATRIATING, MISSING], to: null },
  // Purna penempatan. A repatriation brings home a worker placed abroad, or the remains of one who
  // died there (the stage stays DECEASED). A worker only reported departed is not known to be
  // abroad yet: the arrival is confirmed first.
  requestRepatriation: { from: [PLACED, DECEASED], to: { [PLACED]: REPATRIATING } },
  // A repatriation under way is never stuck: it is followed, or cancelled, while the worker is
  // waiting for it, found again after being reported missing, still missing, or has died. Only the
  // cancellation of a worker waiting for it moves the stage, back to PLACED.
  updateRepatriation: { from: [REPATRIATING, PLACED, MISSING, DECEASED], to: null },
  cancelRepatriation: { from: [REPATRIATING, PLACED, MISSING, DECEASED], to: { [REPATRIATING]: PLACED } },
  // Home at the end of the contract (PLACED) or brought home (REPATRIATING).
  return: { from: [PLACED, REPATRIATING], to: RETURNED },
  // The remains of a worker who died abroad come home; the placement stays DECEASED.
  returnRemains: { from: [DECEASED], to: null },
  refer: { from: [RETURNED, REINTEGRATING], to: REINTEGRATING },
  // A worker may refuse reintegration services: a fact to record, not a step of the cycle.
  recordReintegrationRefusal: { from: [RETURNED, REINTEGRATING], to: null },
  close: { from: [RETURNED, REINTEGRATING, DECEASED], to: CLOSED },
};

/** What to do first, where a refused move has an obvious way forward. */
const FIRST: Partial<Record<PlacementTransition, Partial<Record<PlacementStage, string>>>> = {
  requestRepatriation: { [DEPARTED]: 'confirm its arrival abroad first' },
};

export class PlacementTransitionError extends ConflictError {
  constructor(transition: PlacementTransition, stage: PlacementStage) {
    const first = FIRST[transition]?.[stage];
    super(
      `A placement at stage ${stage} cannot ${describe(transition)}${first ? `: ${first}` : ''}`,
      'placementId',
    );
  }
}

/** The stage a transition leads to from `stage`; CONFLICT when the move is not allowed. */
export function nextStage(stage: PlacementStage, transition: PlacementTransition): PlacementStage {
  const rule = TRANSITIONS[transition];
  if (!rule.from.includes(stage)) throw new PlacementTransitionError(transition, stage);
  if (rule.to === null) return stage;
  return typeof rule.to === 'string' ? rule.to : (rule.to[stage] ?? stage);
}

function describe(transition: PlacementTransition): string {
  switch (transition) {
    case 'clear':
      return 'be cleared for departure';
    case 'depart':
      return 'depart';
    case 'cancel':
      return 'be cancelled';
    case 'recordRequirement':
      return 'have its requirements changed';
    case 'arrive':
      return 'arrive';
    case 'reportStatus':
      return 'have a partner status reported';
    case 'reportMissing':
      return 'be reported missing';
    case 'reportFound':
      return 'be reported found';
    case 'reportDeceased':
      return 'be reported deceased';
    case 'recordContact':
      return 'have a welfare contact recorded';
    case 'requestRepatriation':
      return 'have a repatriation requested';
    case 'updateRepatriation':
      return 'have its repatriation updated';
    case 'cancelRepatriation':
      return 'have its repatriation cancelled';
    case 'return':
      return 'have a return home recorded';
    case 'returnRemains':
      return 'have the return of remains recorded';
    case 'refer':
      return 'be referred to a reintegration service';
    case 'recordReintegrationRefusal':
      return 'have a refusal of reintegration recorded';
    case 'close':
      return 'be closed';
  }
}
