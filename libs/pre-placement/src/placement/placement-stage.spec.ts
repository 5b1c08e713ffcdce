import { PlacementStage } from './placement.enums.js';
import { nextStage, PlacementTransitionError, type PlacementTransition } from './placement-stage.js';

describe('placement stages before departure', () => {
  it.each<[PlacementStage, PlacementTransition, PlacementStage]>([
    [PlacementStage.REGISTERED, 'clear', PlacementStage.CLEARED],
    [PlacementStage.REGISTERED, 'depart', PlacementStage.DEPARTED],
    [PlacementStage.CLEARED, 'depart', PlacementStage.DEPARTED],
    [PlacementStage.REGISTERED, 'cancel', PlacementStage.CANCELLED],
    [PlacementStage.CLEARED, 'cancel', PlacementStage.CANCELLED],
    [PlacementStage.CLEARED, 'recordRequirement', PlacementStage.CLEARED],
    [PlacementStage.DEPARTED, 'arrive', PlacementStage.PLACED],
    [PlacementStage.REGISTERED, 'arrive', PlacementStage.PLACED],
    [PlacementStage.PLACED, 'reportStatus', PlacementStage.PLACED],
    [PlacementStage.PLACED, 'reportMissing', PlacementStage.MISSING],
    [PlacementStage.MISSING, 'reportFound', PlacementStage.PLACED],
    [PlacementStage.MISSING, 'reportDeceased', PlacementStage.DECEASED],
    [PlacementStage.RETURNED, 'reportDeceased', PlacementStage.DECEASED],
    [PlacementStage.MISSING, 'recordContact', PlacementStage.MISSING],
  ])('%s --%s--> %s', (from, transition, to) => {
    expect(nextStage(from, transition)).toBe(to);
  });

  it.each<[PlacementStage, PlacementTransition]>([
    [PlacementStage.CLEARED, 'clear'],
    [PlacementStage.DEPARTED, 'clear'],
    [PlacementStage.DEPARTED, 'depart'],
    [PlacementStage.CANCELLED, 'depart'],
    [PlacementStage.DEPARTED, 'cancel'],
    [PlacementStage.CANCELLED, 'cancel'],
    [PlacementStage.DEPARTED, 'recordRequirement'],
    [PlacementStage.PLACED, 'arrive'],
    [PlacementStage.CANCELLED, 'arrive'],
    [PlacementStage.REGISTERED, 'reportStatus'],
    [PlacementStage.CLEARED, 'reportDeceased'],
    [PlacementStage.DECEASED, 'reportDeceased'],
    [PlacementStage.PLACED, 'reportFound'],
    [PlacementStage.REGISTERED, 'recordContact'],
    [PlacementStage.CANCELLED, 'recordContact'],
  ])('refuses %s --%s--> with CONFLICT', (from, transition) => {
    expect(() => nextStage(from, transition)).toThrow(PlacementTransitionError);
    expect(() => nextStage(from, transition)).toThrow(`stage ${from}`);
  });
});
