import { Args, Mutation, Query, Resolver } from '@nestjs/graphql';
import { Allow, CurrentPrincipal, READERS, type Principal } from '#lintas/access';
import { IdArgs, VersionedIdArgs, type ConnectionShape } from '#lintas/core';
import { PlacementIdArgs, PlacementModel, PlacementVersionArgs, type Placement } from '#lintas/pre-placement';
import { PlacementClosureService } from './closure/placement-closure.service.js';
import {
  ClosePlacementArgs,
  RecordReturnArgs,
  ReferralInput,
  ReferralsArgs,
  ReferralUpdateInput,
  ReintegrationRefusalInput,
  RepatriationInput,
  RepatriationUpdateInput,
  RepatriationVersionArgs,
} from './post-placement.inputs.js';
import { ReferralConnection, ReferralModel } from './post-placement.model.js';
import {
  REFERRAL_UPDATERS,
  REINTEGRATION_ROLES,
  REPATRIATION_ROLES,
  RETURN_RECORDERS,
} from './post-placement.roles.js';
import type { Referral } from './referral/referral.entity.js';
import { ReferralService } from './referral/referral.service.js';
import { RepatriationService } from './repatriation/repatriation.service.js';
import { PlacementReturnService } from './return/placement-return.service.js';

/** Purna penempatan over GraphQL: repatriation, return, reintegration and closure. */
@Resolver()
export class PostPlacementResolver {
  constructor(
    private readonly repatriations: RepatriationService,
    private readonly returns: PlacementReturnService,
    private readonly referralService: ReferralService,
    private readonly closures: PlacementClosureService,
  ) {}

  @Allow(...REPATRIATION_ROLES)
  @Mutation(() => PlacementModel, {
    description:
      'PLACED → REPATRIATING, or the remains of a DECEASED worker (the stage stays); with alertId the ' +
      'REPATRIATION_NEEDED alert it answers is resolved',
  })
  requestRepatriation(
    @CurrentPrincipal() principal: Principal,
    @Args() { placementId, version }: PlacementVersionArgs,
    @Args('input') input: RepatriationInput,
  ): Promise<Placement> {
    return this.repatriations.request(principal, placementId, version, {
      reason: input.reason,
      needs: input.needs ?? [],
      note: input.note?.trim() || null,
      plannedArrivalAt: input.plannedArrivalAt ?? null,
      alertId: input.alertId ?? null,
    });
  }

  @Allow(...REPATRIATION_ROLES)
  @Mutation(() => PlacementModel, {
    description:
      'ARRANGED → IN_TRANSIT, forward only; CANCELLED (with a note) puts a REPATRIATING worker back to ' +
      'PLACED. Also while the worker is PLACED again, MISSING or DECEASED. `version` is the repatriation’s',
  })
  updateRepatriation(
    @CurrentPrincipal() principal: Principal,
    @Args() { id, version }: RepatriationVersionArgs,
    @Args('input') input: RepatriationUpdateInput,
  ): Promise<Placement> {
    return this.repatriations.update(principal, id, version, {
      status: input.status ?? null,
      plannedArrivalAt: input.plannedArrivalAt ?? null,
      note: input.note?.trim() || null,
    });
  }

  @Allow(...RETURN_RECORDERS)
  @Mutation(() => PlacementModel, {
    description:
      'PLACED or REPATRIATING → RETURNED (completing the repatriation); for a DECEASED placement, the return of remains',
  })
  recordReturn(
    @CurrentPrincipal() principal: Principal,
    @Args() { placementId, version, returnedAt, input }: RecordReturnArgs,
  ): Promise<Placement> {
    return this.returns.record(principal, placementId, version, returnedAt, {
      portOfEntry: input?.portOfEntry?.trim() ?? null,
      healthOnArrival: input?.healthOnArrival ?? null,
      suspectedTraffickingVictim: input?.suspectedTraffickingVictim ?? false,
      wagesOwed: input?.wagesOwed ?? false,
      note: input?.note?.trim() || null,
    });
  }

  @Allow(...REINTEGRATION_ROLES)
  @Mutation(() => ReferralModel, {
    description:
      'RETURNED or REINTEGRATING → REINTEGRATING. Without consent only a CASE_HANDLER may refer, with the reason',
  })
  referToService(
    @CurrentPrincipal() principal: Principal,
    @Args() { placementId }: PlacementIdArgs,
    @Args('input') input: ReferralInput,
  ): Promise<Referral> {
    return this.referralService.refer(principal, placementId, {
      service: input.service,
      agencyId: input.agencyId ?? null,
      consentGiven: input.consentGiven,
      consentOverrideReason: input.consentOverrideReason?.trim() ?? null,
      note: input.note?.trim() || null,
    });
  }

  @Allow(...REFERRAL_UPDATERS)
  @Mutation(() => ReferralModel, {
    description: 'By the agency the referral is addressed to, or the office of origin',
  })
  updateReferral(
    @CurrentPrincipal() principal: Principal,
    @Args() { id, version }: VersionedIdArgs,
    @Args('input') input: ReferralUpdateInput,
  ): Promise<Referral> {
    return this.referralService.update(principal, id, version, {
      status: input.status,
      outcome: input.outcome?.trim() ?? null,
      note: input.note?.trim() || null,
    });
  }

  @Allow(...REINTEGRATION_ROLES)
  @Mutation(() => PlacementModel, {
    description: 'The worker refused reintegration services; the stage stays',
  })
  recordReintegrationRefusal(
    @CurrentPrincipal() principal: Principal,
    @Args() { placementId, version }: PlacementVersionArgs,
    @Args('input') input: ReintegrationRefusalInput,
  ): Promise<Placement> {
    return this.referralService.recordRefusal(principal, placementId, version, {
      services: input.services ?? [],
      refusedAt: input.refusedAt,
      note: input.note?.trim() || null,
    });
  }

  @Allow(...REINTEGRATION_ROLES)
  @Mutation(() => PlacementModel, {
    description:
      'RETURNED, REINTEGRATING or DECEASED → CLOSED, cancelling a repatriation still under way; ' +
      'PRECONDITION_FAILED lists open referrals in extensions.unmet',
  })
  closePlacement(
    @CurrentPrincipal() principal: Principal,
    @Args() { placementId, version, outcome }: ClosePlacementArgs,
  ): Promise<Placement> {
    return this.closures.close(principal, placementId, version, outcome.trim());
  }

  @Allow(...READERS)
  @Query(() => ReferralModel, { nullable: true })
  referral(@CurrentPrincipal() principal: Principal, @Args() { id }: IdArgs): Promise<Referral> {
    return this.referralService.get(principal, id);
  }

  @Allow(...READERS)
  @Query(() => ReferralConnection, {
    description: 'Newest first. A social service agency sees the referrals addressed to it, and no others',
  })
  referrals(
    @CurrentPrincipal() principal: Principal,
    @Args() { filter, first, after }: ReferralsArgs,
  ): Promise<ConnectionShape<Referral>> {
    return this.referralService.list(principal, filter ?? {}, first, after);
  }
}
