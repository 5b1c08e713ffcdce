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
  ])('refuses %s --%s--> with CONFLICT', (from, transition) => {
    expect(() => nextStage(from, transition)).toThrow(PlacementTransitionError);
    expect(() => nextStage(from, transition)).toThrow(`stage ${from}`);
  });
});
