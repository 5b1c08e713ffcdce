import { Args, Context, Mutation, Query, Resolver, Subscription } from '@nestjs/graphql';
import { Allow, CurrentPrincipal, READERS, type Principal } from '#lintas/access';
import { IdArgs, VersionedIdArgs, type ConnectionShape, type LoaderContext } from '#lintas/core';
import { AlertsArgs, AssignAlertArgs, ResolveAlertArgs } from './alert.inputs.js';
import type { UserSummary } from './alert-relations.js';
import { AlertConnection, AlertModel, UserModel } from './alert.model.js';
import type { AlertView } from './alert.queries.js';
import { ALERT_HANDLERS, AlertService } from './alert.service.js';
import { filterMap } from './live-stream.js';

/**
 * Alerts, for everyone who reads in the jurisdiction; handled (acknowledged, assigned, resolved)
 * by officers and case handlers. Partners read the alerts of their countries and act on the
 * placement itself — a welfare contact or a status resolves what Lintas can resolve.
 */
@Resolver(() => AlertModel)
export class AlertResolver {
  constructor(private readonly alertService: AlertService) {}

  @Allow(...READERS)
  @Query(() => AlertConnection, { description: 'Newest first' })
  alerts(
    @CurrentPrincipal() principal: Principal,
    @Args() { filter, first, after }: AlertsArgs,
  ): Promise<ConnectionShape<AlertView>> {
    return this.alertService.list(principal, filter ?? {}, first, after);
  }

  @Allow(...READERS)
  @Query(() => AlertModel, { nullable: true })
  alert(@CurrentPrincipal() principal: Principal, @Args() { id }: IdArgs): Promise<AlertView> {
    return this.alertService.get(principal, id);
  }

  @Allow(...ALERT_HANDLERS)
  @Query(() => [UserModel], {
    description:
      'The active people of your agency who handle alerts, by name (at most 500): whom assignAlert can hand an alert you see to',
  })
  alertHandlers(@CurrentPrincipal() principal: Principal): Promise<UserSummary[]> {
    return this.alertService.handlers(principal);
  }

  @Allow(...ALERT_HANDLERS)
  @Mutation(() => AlertModel, {
    description:
      'Seen and being handled; acknowledging again changes nothing, a resolved alert answers CONFLICT',
  })
  acknowledgeAlert(
    @CurrentPrincipal() principal: Principal,
    @Args() { id, version }: VersionedIdArgs,
  ): Promise<AlertView> {
    return this.alertService.acknowledge(principal, id, version);
  }

  @Allow(...ALERT_HANDLERS)
  @Mutation(() => AlertModel, {
    description: 'Hands the alert to a user whose agency covers it; assigning acknowledges it too',
  })
  assignAlert(
    @CurrentPrincipal() principal: Principal,
    @Args() { id, userId, version }: AssignAlertArgs,
  ): Promise<AlertView> {
    return this.alertService.assign(principal, id, userId, version);
  }

  @Allow(...ALERT_HANDLERS)
  @Mutation(() => AlertModel, { description: 'Done with; the note says what was done' })
  resolveAlert(
    @CurrentPrincipal() principal: Principal,
    @Args() { id, note, version }: ResolveAlertArgs,
  ): Promise<AlertView> {
    return this.alertService.resolve(principal, id, note, version);
  }

  @Allow(...READERS)
  @Subscription(() => AlertModel, {
    description:
      'Alerts raised or escalated in your jurisdiction, as they happen (graphql-ws; credentials in connectionParams)',
  })
  alertRaised(
    @CurrentPrincipal() principal: Principal,
    @Context() context: LoaderContext,
  ): AsyncIterableIterator<{ alertRaised: AlertView }> {
    // One context serves every event of a subscription: each alert is loaded afresh, not from the last one's cache.
    return filterMap(this.alertService.live(principal), async (alert) => {
      context.loaders.clear();
      return { alertRaised: alert };
    });
  }
}
