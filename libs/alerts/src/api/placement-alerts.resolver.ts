import { Context, Parent, ResolveField, Resolver } from '@nestjs/graphql';
import { CurrentPrincipal, type Principal } from '#lintas/access';
import { requestListLoader, type LoaderContext } from '#lintas/core';
import { PlacementModel, type Placement } from '#lintas/pre-placement';
import { AlertRelations } from './alert-relations.js';
import { AlertModel } from './alert.model.js';
import type { AlertView } from './alert.queries.js';

/** A placement's alerts, newest first, at most this many in one answer. */
const MAX_LISTED = 100;

/** The alerts a placement raised, on the Placement type: one query for a whole page of placements. */
@Resolver(() => PlacementModel)
export class PlacementAlertsResolver {
  constructor(private readonly relations: AlertRelations) {}

  @ResolveField(() => [AlertModel], { description: `Newest first, at most ${MAX_LISTED}` })
  alerts(
    @Parent() placement: Placement,
    @CurrentPrincipal() principal: Principal,
    @Context() context: LoaderContext,
  ): Promise<AlertView[]> {
    return requestListLoader(
      context,
      'placement.alerts',
      (ids) => this.relations.alertsOfPlacements(principal, ids, MAX_LISTED),
      (alert) => alert.placementId ?? '',
    ).load(placement.id);
  }
}
