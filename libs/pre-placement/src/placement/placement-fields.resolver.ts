import { ResolveField, Resolver } from '@nestjs/graphql';
import { principalIn, type AccessContext } from '#lintas/access';
import { requestListLoader, requestLoader, selectedFields, type LoaderContext } from '#lintas/core';
import { WorkerModel, WorkerService, type WorkerView } from '#lintas/registry';
import type { GraphQLResolveInfo } from 'graphql';
import { RecruiterModel } from '../recruiter/recruiter.model.js';
import type { RecruiterView } from '../recruiter/recruiter.queries.js';
import { RecruiterService } from '../recruiter/recruiter.service.js';
import type { Placement, PlacementEvent } from './placement.entity.js';
import { PlacementEventModel, PlacementModel, RequirementModel } from './placement.model.js';
import { PlacementService, requirementFieldsRead } from './placement.service.js';
import type { RequirementPart } from './requirement-document.js';

/**
 * Relations of a placement, loaded after the page by key, once per request for all its rows:
 * a page of 100 placements costs one query per relation, not one per row. Each takes GraphQL's
 * own arguments (parent, args, context), not @Parent/@Context: Nest then calls it directly instead
 * of through its context creator and pipes, once per row (see principalIn).
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
    placement: Placement,
    _args: unknown,
    context: AccessContext & LoaderContext,
  ): Promise<WorkerView | undefined> {
    const principal = principalIn(context);
    return requestLoader(
      context,
      'placement.worker',
      (ids) => this.workerService.findVisibleByIds(principal, ids),
      (worker) => worker.id,
    ).load(placement.workerId);
  }

  @ResolveField(() => RecruiterModel, { nullable: true })
  recruiter(
    placement: Placement,
    _args: unknown,
    context: LoaderContext,
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
    placement: Placement,
    _args: unknown,
    context: LoaderContext,
    info: GraphQLResolveInfo,
  ): Promise<RequirementPart[]> {
    // Only the columns of the fields asked are read; a selection reading other columns gets its own batch.
    const fields = requirementFieldsRead(selectedFields(info));
    return requestListLoader(
      context,
      `placement.requirements:${fields.join()}`,
      (ids) => this.placementService.requirementsOf(ids, fields),
      (requirement) => requirement.placementId,
    ).load(placement.id);
  }

  @ResolveField(() => [PlacementEventModel], {
    description: 'Every transition and requirement decision, in order',
  })
  timeline(placement: Placement, _args: unknown, context: LoaderContext): Promise<PlacementEvent[]> {
    return requestListLoader(
      context,
      'placement.timeline',
      (ids) => this.placementService.timelinesOf(ids),
      (event) => event.placementId,
    ).load(placement.id);
  }
}

/** Who made each entry of a timeline, by name: the users and API keys of a page, in one query. */
@Resolver(() => PlacementEventModel)
export class PlacementEventFieldsResolver {
  constructor(private readonly placementService: PlacementService) {}

  @ResolveField(() => String, {
    nullable: true,
    description: "Who: the user's name, or the agency whose API key it was; null for Lintas itself",
  })
  async actorName(event: PlacementEvent, _args: unknown, context: LoaderContext): Promise<string | null> {
    if (!event.actorId || (event.actorType !== 'user' && event.actorType !== 'api-key')) return null;
    const found = await requestLoader(
      context,
      'placement-event.actor',
      (actors) => this.placementService.actorNames(actors),
      (row) => row.actor,
    ).load(`${event.actorType}:${event.actorId}`);
    return found?.name ?? null;
  }
}
