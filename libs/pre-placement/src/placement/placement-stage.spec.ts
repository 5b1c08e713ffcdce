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
    [PlacementStage.REPATRIATING, 'reportStatus', PlacementStage.REPATRIATING],
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

describe('placement stages after placement (purna penempatan)', () => {
  it.each<[PlacementStage, PlacementTransition, PlacementStage]>([
    [PlacementStage.PLACED, 'requestRepatriation', PlacementStage.REPATRIATING],
    [PlacementStage.DECEASED, 'requestRepatriation', PlacementStage.DECEASED],
    [PlacementStage.REPATRIATING, 'updateRepatriation', PlacementStage.REPATRIATING],
    [PlacementStage.PLACED, 'updateRepatriation', PlacementStage.PLACED],
    [PlacementStage.MISSING, 'updateRepatriation', PlacementStage.MISSING],
    [PlacementStage.DECEASED, 'updateRepatriation', PlacementStage.DECEASED],
    [PlacementStage.REPATRIATING, 'cancelRepatriation', PlacementStage.PLACED],
    [PlacementStage.PLACED, 'cancelRepatriation', PlacementStage.PLACED],
    [PlacementStage.MISSING, 'cancelRepatriation', PlacementStage.MISSING],
    [PlacementStage.DECEASED, 'cancelRepatriation', PlacementStage.DECEASED],
    [PlacementStage.PLACED, 'return', PlacementStage.RETURNED],
    [PlacementStage.REPATRIATING, 'return', PlacementStage.RETURNED],
    [PlacementStage.DECEASED, 'returnRemains', PlacementStage.DECEASED],
    [PlacementStage.RETURNED, 'refer', PlacementStage.REINTEGRATING],
    [PlacementStage.REINTEGRATING, 'refer', PlacementStage.REINTEGRATING],
    [PlacementStage.RETURNED, 'recordReintegrationRefusal', PlacementStage.RETURNED],
    [PlacementStage.REINTEGRATING, 'recordReintegrationRefusal', PlacementStage.REINTEGRATING],
    [PlacementStage.RETURNED, 'close', PlacementStage.CLOSED],
    [PlacementStage.REINTEGRATING, 'close', PlacementStage.CLOSED],
    [PlacementStage.DECEASED, 'close', PlacementStage.CLOSED],
    [PlacementStage.REINTEGRATING, 'reportDeceased', PlacementStage.DECEASED],
  ])('%s --%s--> %s', (from, transition, to) => {
    expect(nextStage(from, transition)).toBe(to);
  });

  it.each<[PlacementStage, PlacementTransition]>([
    [PlacementStage.DEPARTED, 'requestRepatriation'],
    [PlacementStage.REPATRIATING, 'requestRepatriation'],
    [PlacementStage.MISSING, 'requestRepatriation'],
    [PlacementStage.RETURNED, 'requestRepatriation'],
    [PlacementStage.RETURNED, 'updateRepatriation'],
    [PlacementStage.CLOSED, 'updateRepatriation'],
    [PlacementStage.RETURNED, 'cancelRepatriation'],
    [PlacementStage.CLOSED, 'cancelRepatriation'],
    [PlacementStage.RETURNED, 'reportStatus'],
    [PlacementStage.DEPARTED, 'return'],
    [PlacementStage.RETURNED, 'return'],
    [PlacementStage.DECEASED, 'return'],
    [PlacementStage.MISSING, 'return'],
    [PlacementStage.PLACED, 'returnRemains'],
    [PlacementStage.PLACED, 'refer'],
    [PlacementStage.CLOSED, 'refer'],
    [PlacementStage.DECEASED, 'refer'],
    [PlacementStage.PLACED, 'recordReintegrationRefusal'],
    [PlacementStage.CLOSED, 'recordReintegrationRefusal'],
    [PlacementStage.PLACED, 'close'],
    [PlacementStage.REPATRIATING, 'close'],
    [PlacementStage.CLOSED, 'close'],
    [PlacementStage.CANCELLED, 'close'],
    [PlacementStage.CLOSED, 'reportDeceased'],
  ])('refuses %s --%s--> with CONFLICT', (from, transition) => {
    expect(() => nextStage(from, transition)).toThrow(PlacementTransitionError);
    expect(() => nextStage(from, transition)).toThrow(`stage ${from}`);
  });

  it('closes only a placement that came home or whose worker died', () => {
    const closable = Object.values(PlacementStage).filter((stage) => {
      try {
        nextStage(stage, 'close');
        return true;
      } catch (error) {
        if (!(error instanceof PlacementTransitionError)) throw error;
        return false;
      }
    });
    expect(closable.sort()).toEqual(
      [PlacementStage.DECEASED, PlacementStage.REINTEGRATING, PlacementStage.RETURNED].sort(),
    );
  });

  it('names the refused move in words', () => {
    expect(() => nextStage(PlacementStage.PLACED, 'close')).toThrow(
      'A placement at stage PLACED cannot be closed',
    );
    expect(() => nextStage(PlacementStage.CLOSED, 'refer')).toThrow(
      'A placement at stage CLOSED cannot be referred to a reintegration service',
    );
  });

  it('says a departed worker’s arrival is confirmed before a repatriation is requested', () => {
    expect(() => nextStage(PlacementStage.DEPARTED, 'requestRepatriation')).toThrow(
      'A placement at stage DEPARTED cannot have a repatriation requested: confirm its arrival abroad first',
    );
  });
});
