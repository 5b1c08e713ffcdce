import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { Principal } from '#lintas/access';
import { Clock, PreconditionFailedError } from '#lintas/core';
import { nextStage, PlacementStore, type Placement } from '#lintas/pre-placement';
import type { DataSource } from 'typeorm';
import { ChangeRecorder } from '../change-recorder.js';
import { OPEN_REFERRAL_STATUSES, RepatriationStatus } from '../post-placement.enums.js';
import { RepatriationService } from '../repatriation/repatriation.service.js';

interface OpenReferral {
  referralId: string;
  service: string;
  status: string;
  agency: string;
}

/**
 * The end of a placement's cycle: a worker home (reintegrating or not) or a worker who died. Not
 * while a referral is still open — the help asked for must be given, or declined, first. A
 * repatriation still under way (the remains of a worker buried abroad will not come home) ends
 * with the case: it is cancelled in the same change.
 */
@Injectable()
export class PlacementClosureService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly store: PlacementStore,
    private readonly recorder: ChangeRecorder,
    private readonly repatriations: RepatriationService,
    private readonly clock: Clock,
  ) {}

  /** RETURNED, REINTEGRATING or DECEASED → CLOSED; PRECONDITION_FAILED lists each open referral. */
  close(principal: Principal, placementId: string, version: number, outcome: string): Promise<Placement> {
    return this.dataSource.transaction(async (manager) => {
      const placement = await this.store.lockForChange(manager, principal, placementId, version, 'ORIGIN');
      const stage = nextStage(placement.stage, 'close');
      // Referrals are added under the placement's lock, so none can open while this one is held.
      const open = await manager.query<OpenReferral[]>(
        `SELECT r.id AS "referralId", r.service, r.status, a.name AS agency
           FROM referral r JOIN agency a ON a.id = r.agency_id
          WHERE r.placement_id = $1 AND r.status = ANY($2::text[])
          ORDER BY r.referred_at, r.id`,
        [placementId, OPEN_REFERRAL_STATUSES],
      );
      if (open.length > 0) {
        throw new PreconditionFailedError(
          'The placement cannot be closed while referrals are open: complete or decline them first',
          open.map((referral) => ({ kind: 'OPEN_REFERRAL', ...referral })),
        );
      }
      const cancelled = await this.repatriations.endActiveRepatriation(
        manager,
        principal,
        placement,
        RepatriationStatus.CANCELLED,
        `Cancelled by the closure of the placement: ${outcome}`,
      );
      const now = this.clock.now();
      const changes: Partial<Placement> = {
        stage,
        closedAt: now,
        closureOutcome: outcome,
        nextCheckInDueAt: null,
      };
      const after = await this.store.save(manager, placement, changes);
      await this.recorder.record(manager, principal, {
        before: placement,
        after,
        event: 'close',
        detail: { cancelledRepatriationId: cancelled?.id ?? null },
        topic: 'placement.closed',
        action: 'placement.closed',
        audit: { before: { stage: placement.stage }, after: changes },
      });
      return after;
    });
  }
}
