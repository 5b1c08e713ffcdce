import { Context, Parent, ResolveField, Resolver } from '@nestjs/graphql';
import type DataLoader from 'dataloader';
import {
  AgencyDirectory,
  AgencyModel,
  CurrentPrincipal,
  type AgencySummary,
  type Principal,
} from '#lintas/access';
import { requestListLoader, requestLoader, type LoaderContext } from '#lintas/core';
import { PlacementModel, type Placement } from '#lintas/pre-placement';
import {
  PlacementReturnModel,
  ReferralModel,
  ReferredWorkerModel,
  ReintegrationRefusalModel,
  RepatriationModel,
} from './post-placement.model.js';
import { PostPlacementRelations, type ReferredWorker } from './post-placement.relations.js';
import type { ReintegrationRefusal, Referral } from './referral/referral.entity.js';
import { ReferralService } from './referral/referral.service.js';
import type { Repatriation } from './repatriation/repatriation.entity.js';
import { RepatriationService } from './repatriation/repatriation.service.js';
import type { PlacementReturn } from './return/placement-return.entity.js';
import { PlacementReturnService } from './return/placement-return.service.js';

/** A placement's repatriations, referrals and refusals, newest first, at most this many in one answer. */
const MAX_LISTED = 100;

/**
 * Purna penempatan on the Placement type. Relations are loaded after the page by key, once per
 * request: a page of 100 placements costs one query per relation, not one per row.
 */
@Resolver(() => PlacementModel)
export class PlacementHomeFieldsResolver {
  constructor(
    private readonly repatriationService: RepatriationService,
    private readonly returnService: PlacementReturnService,
    private readonly referralService: ReferralService,
  ) {}

  @ResolveField(() => Date, { nullable: true, description: 'When the worker (or remains) came home' })
  returnedAt(@Parent() placement: Placement): Date | null {
    return placement.returnedAt;
  }

  @ResolveField(() => Date, { nullable: true })
  closedAt(@Parent() placement: Placement): Date | null {
    return placement.closedAt;
  }

  @ResolveField(() => String, { nullable: true, description: 'What the cycle came to, once CLOSED' })
  closureOutcome(@Parent() placement: Placement): string | null {
    return placement.closureOutcome;
  }

  @ResolveField(() => RepatriationModel, { nullable: true, description: 'The latest repatriation' })
  async repatriation(
    @Parent() placement: Placement,
    @Context() context: LoaderContext,
  ): Promise<Repatriation | null> {
    const [latest] = await this.repatriationsLoader(context).load(placement.id);
    return latest ?? null;
  }

  @ResolveField(() => [RepatriationModel], { description: `Newest first, at most ${MAX_LISTED}` })
  repatriations(@Parent() placement: Placement, @Context() context: LoaderContext): Promise<Repatriation[]> {
    return this.repatriationsLoader(context).load(placement.id);
  }

  @ResolveField('return', () => PlacementReturnModel, {
    nullable: true,
    description: 'The return home, or of the remains; null until recorded',
  })
  async homecoming(
    @Parent() placement: Placement,
    @Context() context: LoaderContext,
  ): Promise<PlacementReturn | null> {
    const found = await requestLoader(
      context,
      'placement.return',
      (ids) => this.returnService.returnsOf(ids),
      (row) => row.placementId,
    ).load(placement.id);
    return found ?? null;
  }

  @ResolveField(() => [ReferralModel], {
    description: `Newest first, at most ${MAX_LISTED}; for the office of origin: an embassy or partner abroad sees none`,
  })
  referrals(
    @Parent() placement: Placement,
    @CurrentPrincipal() principal: Principal,
    @Context() context: LoaderContext,
  ): Promise<Referral[]> {
    return requestListLoader(
      context,
      'placement.referrals',
      (ids) => this.referralService.referralsOf(principal, ids, MAX_LISTED),
      (referral) => referral.placementId,
    ).load(placement.id);
  }

  @ResolveField(() => [ReintegrationRefusalModel], { description: `Newest first, at most ${MAX_LISTED}` })
  reintegrationRefusals(
    @Parent() placement: Placement,
    @Context() context: LoaderContext,
  ): Promise<ReintegrationRefusal[]> {
    return requestListLoader(
      context,
      'placement.reintegrationRefusals',
      (ids) => this.referralService.refusalsOf(ids, MAX_LISTED),
      (refusal) => refusal.placementId,
    ).load(placement.id);
  }

  private repatriationsLoader(context: LoaderContext): DataLoader<string, Repatriation[]> {
    return requestListLoader(
      context,
      'placement.repatriations',
      (ids) => this.repatriationService.repatriationsOf(ids, MAX_LISTED),
      (repatriation) => repatriation.placementId,
    );
  }
}

/** The agency a repatriation was requested by, one query for a page. */
@Resolver(() => RepatriationModel)
export class RepatriationFieldsResolver {
  constructor(private readonly agencies: AgencyDirectory) {}

  @ResolveField(() => AgencyModel, { nullable: true })
  requestedByAgency(
    @Parent() repatriation: Repatriation,
    @Context() context: LoaderContext,
  ): Promise<AgencySummary | undefined> {
    return this.agencies.summaryOf(context, repatriation.requestedByAgencyId);
  }
}

/** Who provides a referral, who made it, and whom it is for. */
@Resolver(() => ReferralModel)
export class ReferralFieldsResolver {
  constructor(
    private readonly relations: PostPlacementRelations,
    private readonly agencies: AgencyDirectory,
  ) {}

  @ResolveField(() => AgencyModel, { nullable: true, description: 'The agency providing the service' })
  agency(
    @Parent() referral: Referral,
    @Context() context: LoaderContext,
  ): Promise<AgencySummary | undefined> {
    return this.agencies.summaryOf(context, referral.agencyId);
  }

  @ResolveField(() => AgencyModel, { nullable: true })
  referredByAgency(
    @Parent() referral: Referral,
    @Context() context: LoaderContext,
  ): Promise<AgencySummary | undefined> {
    return this.agencies.summaryOf(context, referral.referredByAgencyId);
  }

  @ResolveField(() => ReferredWorkerModel, {
    nullable: true,
    description:
      'The person to help, shown to whoever may see the referral: the worker consented, or a case handler overrode it',
  })
  async worker(
    @Parent() referral: Referral,
    @Context() context: LoaderContext,
  ): Promise<ReferredWorker | null> {
    const worker = await requestLoader(
      context,
      'referral.worker',
      (ids) => this.relations.referredWorkers(ids),
      (row) => row.referralId,
    ).load(referral.id);
    return worker ?? null;
  }
}
