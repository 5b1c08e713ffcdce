import { Context, Parent, ResolveField, Resolver } from '@nestjs/graphql';
import { CurrentPrincipal, type Principal } from '#lintas/access';
import { requestListLoader, requestLoader, type LoaderContext } from '#lintas/core';
import { WorkerModel, WorkerService, type WorkerView } from '#lintas/registry';
import { RecruiterModel } from '../recruiter/recruiter.model.js';
import type { RecruiterView } from '../recruiter/recruiter.queries.js';
import { RecruiterService } from '../recruiter/recruiter.service.js';
import type { Placement, PlacementEvent } from './placement.entity.js';
import { PlacementEventModel, PlacementModel, RequirementModel } from './placement.model.js';
import { PlacementService } from './placement.service.js';
import type { RequirementView } from './requirement-document.js';

/**
 * Relations of a placement, loaded after the page by key, once per request for all its rows:
 * a page of 100 placements costs one query per relation, not one per row.
 */
@Resolver(() => PlacementModel)
export class PlacementFieldsResolver {
  constructor(
    private readonly placementService: PlacementService,
    private readonly workerService: WorkerService,
    private readonly recruiterService: RecruiterService,
  ) {}

  @ResolveField(() => WorkerModel, { nullable: true })
  worker(
    @Parent() placement: Placement,
    @CurrentPrincipal() principal: Principal,
    @Context() context: LoaderContext,
  ): Promise<WorkerView | undefined> {
    return requestLoader(
      context,
      'placement.worker',
      (ids) => this.workerService.findVisibleByIds(principal, ids),
      (worker) => worker.id,
    ).load(placement.workerId);
  }

  @ResolveField(() => RecruiterModel, { nullable: true })
  recruiter(
    @Parent() placement: Placement,
    @Context() context: LoaderContext,
  ): Promise<RecruiterView | undefined> | null {
    if (!placement.recruiterId) return null;
    return requestLoader(
      context,
      'placement.recruiter',
      (ids) => this.recruiterService.getMany(ids),
      (recruiter) => recruiter.id,
    ).load(placement.recruiterId);
  }

  @ResolveField(() => [RequirementModel])
  requirements(
    @Parent() placement: Placement,
    @Context() context: LoaderContext,
  ): Promise<RequirementView[]> {
    return requestListLoader(
      context,
      'placement.requirements',
      (ids) => this.placementService.requirementsOf(ids),
      (requirement) => requirement.placementId,
    ).load(placement.id);
  }

  @ResolveField(() => [PlacementEventModel], {
    description: 'Every transition and requirement decision, in order',
  })
  timeline(@Parent() placement: Placement, @Context() context: LoaderContext): Promise<PlacementEvent[]> {
    return requestListLoader(
      context,
      'placement.timeline',
      (ids) => this.placementService.timelinesOf(ids),
      (event) => event.placementId,
    ).load(placement.id);
  }
}
