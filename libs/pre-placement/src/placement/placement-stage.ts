import { ConflictError } from '#lintas/core';
import { PlacementStage } from './placement.enums.js';

/** What can happen to a placement; each names the stages it may start from and where it leads. */
export type PlacementTransition = 'clear' | 'depart' | 'cancel' | 'recordRequirement';

const { REGISTERED, CLEARED, DEPARTED, CANCELLED } = PlacementStage;

const TRANSITIONS: Record<
  PlacementTransition,
  { from: readonly PlacementStage[]; to: PlacementStage | null }
> = {
  clear: { from: [REGISTERED], to: CLEARED },
  // A departure is a fact: it is recorded even without clearance (and then flagged non-procedural).
  depart: { from: [REGISTERED, CLEARED], to: DEPARTED },
  cancel: { from: [REGISTERED, CLEARED], to: CANCELLED },
  // Evidence changes the checklist, not the stage.
  recordRequirement: { from: [REGISTERED, CLEARED], to: null },
};

export class PlacementTransitionError extends ConflictError {
  constructor(transition: PlacementTransition, stage: PlacementStage) {
    super(`A placement at stage ${stage} cannot ${describe(transition)}`, 'placementId');
  }
}

/** The stage a transition leads to from `stage`; CONFLICT when the move is not allowed. */
export function nextStage(stage: PlacementStage, transition: PlacementTransition): PlacementStage {
  const rule = TRANSITIONS[transition];
  if (!rule.from.includes(stage)) throw new PlacementTransitionError(transition, stage);
  return rule.to ?? stage;
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
  }
}
