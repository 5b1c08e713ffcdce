import { Context, Parent, ResolveField, Resolver } from '@nestjs/graphql';
import { CurrentPrincipal, type Principal } from '#lintas/access';
import { requestListLoader, type LoaderContext } from '#lintas/core';
import { WorkerModel, type WorkerView } from '#lintas/registry';
import type { Placement } from './placement.entity.js';
import { PlacementModel } from './placement.model.js';
import { PlacementService } from './placement.service.js';

/** A worker's placements, newest first, at most this many in one answer. */
const MAX_LISTED = 100;

/**
 * A worker's placements, on the Worker type: registry knows nothing of placements, so the field
 * lives here. One query for a whole page of workers, within the caller's scope as `placement(id)`.
 */
@Resolver(() => WorkerModel)
export class WorkerPlacementsResolver {
  constructor(private readonly placementService: PlacementService) {}

  @ResolveField(() => [PlacementModel], {
    description: `Those you may see, newest first, at most ${MAX_LISTED}`,
  })
  placements(
    @Parent() worker: WorkerView,
    @CurrentPrincipal() principal: Principal,
    @Context() context: LoaderContext,
  ): Promise<Placement[]> {
    return requestListLoader(
      context,
      'worker.placements',
      (ids) => this.placementService.placementsOfWorkers(principal, ids, MAX_LISTED),
      (placement) => placement.workerId,
    ).load(worker.id);
  }
}
