import { Context, Parent, ResolveField, Resolver } from '@nestjs/graphql';
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
  AlertRelations,
  type AttemptView,
  type DeliveryView,
  type RecipientView,
  type UserSummary,
} from './alert-relations.js';
import {
  AlertDeliveryAttemptModel,
  AlertDeliveryModel,
  AlertModel,
  AlertRecipientModel,
  UserModel,
} from './alert.model.js';
import type { AlertView } from './alert.queries.js';

function userLoader(
  context: LoaderContext,
  relations: AlertRelations,
  id: string | null,
): Promise<UserSummary | undefined> | null {
  if (id === null) return null;
  return requestLoader(
    context,
    'alert.user',
    (ids) => relations.users(ids),
    (user) => user.id,
  ).load(id);
}

/**
 * Relations of an alert, loaded after the page by key, once per request for all its rows:
 * a page of 100 alerts costs one query per relation, not one per alert.
 */
@Resolver(() => AlertModel)
export class AlertFieldsResolver {
  constructor(private readonly relations: AlertRelations) {}

  @ResolveField(() => PlacementModel, {
    nullable: true,
    description: 'The placement the alert is about; for DELIVERY_FAILED, that of the undelivered alert',
  })
  placement(
    @Parent() alert: AlertView,
    @CurrentPrincipal() principal: Principal,
    @Context() context: LoaderContext,
  ): Promise<Placement | undefined> | null {
    if (alert.placementId === null) return null;
    return requestLoader(
      context,
      'alert.placement',
      (ids) => this.relations.placementsOf(principal, ids),
      (placement) => placement.id,
    ).load(alert.placementId);
  }

  @ResolveField(() => UserModel, { nullable: true })
  acknowledgedBy(
    @Parent() alert: AlertView,
    @Context() context: LoaderContext,
  ): Promise<UserSummary | undefined> | null {
    return userLoader(context, this.relations, alert.acknowledgedById);
  }

  @ResolveField(() => UserModel, { nullable: true })
  assignee(
    @Parent() alert: AlertView,
    @Context() context: LoaderContext,
  ): Promise<UserSummary | undefined> | null {
    return userLoader(context, this.relations, alert.assigneeId);
  }

  @ResolveField(() => UserModel, {
    nullable: true,
    description: 'Null on a resolved alert when Lintas resolved it itself; the note says why',
  })
  resolvedBy(
    @Parent() alert: AlertView,
    @Context() context: LoaderContext,
  ): Promise<UserSummary | undefined> | null {
    return userLoader(context, this.relations, alert.resolvedById);
  }

  @ResolveField(() => [AlertRecipientModel], { description: 'The agencies the alert was routed to' })
  recipients(@Parent() alert: AlertView, @Context() context: LoaderContext): Promise<RecipientView[]> {
    return requestListLoader(
      context,
      'alert.recipients',
      (ids) => this.relations.recipients(ids),
      (recipient) => recipient.alertId,
    ).load(alert.id);
  }

  @ResolveField(() => [AlertDeliveryModel], { description: 'Every delivery, oldest first' })
  deliveries(
    @Parent() alert: AlertView,
    @Context() context: LoaderContext,
    @CurrentPrincipal() principal: Principal,
  ): Promise<DeliveryView[]> {
    return requestListLoader(
      context,
      'alert.deliveries',
      (ids) => this.relations.deliveries(ids, principal),
      (delivery) => delivery.alertId,
    ).load(alert.id);
  }
}

@Resolver(() => AlertRecipientModel)
export class AlertRecipientFieldsResolver {
  constructor(private readonly agencies: AgencyDirectory) {}

  @ResolveField(() => AgencyModel)
  agency(
    @Parent() recipient: RecipientView,
    @Context() context: LoaderContext,
  ): Promise<AgencySummary | undefined> {
    return this.agencies.summaryOf(context, recipient.agencyId);
  }
}

@Resolver(() => AlertDeliveryModel)
export class AlertDeliveryFieldsResolver {
  constructor(
    private readonly relations: AlertRelations,
    private readonly agencies: AgencyDirectory,
  ) {}

  @ResolveField(() => AgencyModel)
  agency(
    @Parent() delivery: DeliveryView,
    @Context() context: LoaderContext,
  ): Promise<AgencySummary | undefined> {
    return this.agencies.summaryOf(context, delivery.agencyId);
  }

  @ResolveField(() => [AlertDeliveryAttemptModel], { description: 'Every try, in order' })
  attemptLog(@Parent() delivery: DeliveryView, @Context() context: LoaderContext): Promise<AttemptView[]> {
    return requestListLoader(
      context,
      'alert.deliveryAttempts',
      (ids) => this.relations.attempts(ids),
      (attempt) => attempt.deliveryId,
    ).load(delivery.id);
  }
}
