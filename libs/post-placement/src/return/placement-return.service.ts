import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { Principal } from '#lintas/access';
import { InvalidInputError } from '#lintas/core';
import { nextStage, PlacementStage, PlacementStore, type Placement } from '#lintas/pre-placement';
import type { DataSource } from 'typeorm';
import { ChangeRecorder } from '../change-recorder.js';
import { HealthOnArrival, RepatriationStatus, ReturnKind } from '../post-placement.enums.js';
import { RepatriationService } from '../repatriation/repatriation.service.js';
import { insertUnique } from '../unique-insert.js';
import { PlacementReturn } from './placement-return.entity.js';

export interface ReturnDetails {
  portOfEntry: string | null;
  healthOnArrival: HealthOnArrival | null;
  suspectedTraffickingVictim: boolean;
  wagesOwed: boolean;
  note: string | null;
}

/**
 * The worker is home: at the end of the contract (ORDINARY), brought home by a repatriation, which
 * it completes (REPATRIATED), or — for a worker who died abroad — the remains (REMAINS, the stage
 * stays DECEASED). Recorded once per placement, at the office of origin.
 */
@Injectable()
export class PlacementReturnService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly store: PlacementStore,
    private readonly recorder: ChangeRecorder,
    private readonly repatriations: RepatriationService,
  ) {}

  record(
    principal: Principal,
    placementId: string,
    version: number,
    returnedAt: Date,
    details: ReturnDetails,
  ): Promise<Placement> {
    this.store.refuseFuture(returnedAt, 'returnedAt');
    return this.dataSource.transaction(async (manager) => {
      const placement = await this.store.lockForChange(manager, principal, placementId, version, 'ORIGIN');
      const remains = placement.stage === PlacementStage.DECEASED;
      const stage = nextStage(placement.stage, remains ? 'returnRemains' : 'return');
      if (remains && details.healthOnArrival) {
        throw InvalidInputError.of('input.healthOnArrival', 'is not recorded for the return of remains');
      }
      checkReturnedAt(placement, returnedAt);
      // A worker found after being reported missing mid-repatriation comes home by that repatriation.
      const repatriation = await this.repatriations.endActiveRepatriation(
        manager,
        principal,
        placement,
        RepatriationStatus.COMPLETED,
        null,
      );
      const kind = remains ? ReturnKind.REMAINS : repatriation ? ReturnKind.REPATRIATED : ReturnKind.ORDINARY;
      const row = manager.create(PlacementReturn, {
        placementId,
        kind,
        returnedAt,
        portOfEntry: details.portOfEntry,
        healthOnArrival: details.healthOnArrival,
        suspectedTraffickingVictim: details.suspectedTraffickingVictim,
        wagesOwed: details.wagesOwed,
        repatriationId: repatriation?.id ?? null,
        note: details.note,
        recordedByType: principal.kind,
        recordedById: principal.id,
      });
      // Recorded once: the remains, or a worker who came home and died there since.
      await insertUnique(manager, PlacementReturn, row, 'placement_return_pkey', {
        message: `The return of placement ${placementId} is recorded already`,
        path: 'placementId',
      });
      const changes: Partial<Placement> = {
        stage,
        returnedAt,
        // Home: no welfare contact is due any more.
        nextCheckInDueAt: null,
        ...(details.suspectedTraffickingVictim && { suspectedTraffickingVictim: true }),
      };
      const after = await this.store.save(manager, placement, changes);
      await this.recorder.record(manager, principal, {
        before: placement,
        after,
        event: 'return',
        detail: { kind, repatriationId: repatriation?.id ?? null },
        topic: 'placement.returned',
        payload: { returnKind: kind },
        action: 'placement.returned',
        audit: {
          before: { stage: placement.stage, nextCheckInDueAt: placement.nextCheckInDueAt },
          after: { ...changes, return: row },
        },
      });
      return after;
    });
  }

  returnsOf(placementIds: readonly string[]): Promise<PlacementReturn[]> {
    return this.dataSource
      .getRepository(PlacementReturn)
      .createQueryBuilder('r')
      .where('r.placement_id = ANY(:placementIds)', { placementIds })
      .getMany();
  }
}

/**
 * A return follows the journey out: never before the recorded departure or arrival abroad, and the
 * remains never before the death (the partner status DECEASED and its time).
 */
function checkReturnedAt(placement: Placement, returnedAt: Date): void {
  const diedAt = placement.stage === PlacementStage.DECEASED ? placement.partnerStatusAt : null;
  if (diedAt && returnedAt < diedAt) {
    throw InvalidInputError.of('returnedAt', 'is before the recorded death');
  }
  if (placement.arrivedAt && returnedAt < placement.arrivedAt) {
    throw InvalidInputError.of('returnedAt', 'is before the recorded arrival abroad');
  }
  if (placement.departedAt && returnedAt < placement.departedAt) {
    throw InvalidInputError.of('returnedAt', 'is before the recorded departure');
  }
}
