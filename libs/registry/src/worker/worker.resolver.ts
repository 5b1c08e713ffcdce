import { Args, Mutation, Query, Resolver } from '@nestjs/graphql';
import { Allow, CurrentPrincipal, READERS, Role, type Principal } from '#lintas/access';
import { IdArgs, VersionedIdArgs, type ConnectionShape } from '#lintas/core';
import { RegisterWorkerInput, UpdateWorkerInput, WorkersArgs } from './worker.inputs.js';
import { WorkerConnection, WorkerModel } from './worker.model.js';
import type { WorkerView } from './worker.queries.js';
import { WorkerService } from './worker.service.js';

/** Workers: registered and corrected by BP3MI officers, read by everyone in the jurisdiction. */
@Resolver(() => WorkerModel)
export class WorkerResolver {
  constructor(private readonly workerService: WorkerService) {}

  @Allow(Role.OFFICER, Role.ADMIN)
  @Mutation(() => WorkerModel)
  registerWorker(
    @CurrentPrincipal() principal: Principal,
    @Args('input') input: RegisterWorkerInput,
  ): Promise<WorkerView> {
    return this.workerService.register(principal, input);
  }

  @Allow(Role.OFFICER, Role.ADMIN)
  @Mutation(() => WorkerModel)
  updateWorker(
    @CurrentPrincipal() principal: Principal,
    @Args() { id, version }: VersionedIdArgs,
    @Args('input') input: UpdateWorkerInput,
  ): Promise<WorkerView> {
    return this.workerService.update(principal, id, input, version);
  }

  @Allow(...READERS)
  @Query(() => WorkerModel, { nullable: true })
  worker(@CurrentPrincipal() principal: Principal, @Args() { id }: IdArgs): Promise<WorkerView> {
    return this.workerService.get(principal, id);
  }

  @Allow(...READERS)
  @Query(() => WorkerModel, { nullable: true })
  workerByNik(
    @CurrentPrincipal() principal: Principal,
    @Args('nik') nik: string,
  ): Promise<WorkerView | null> {
    return this.workerService.findByNik(principal, nik);
  }

  @Allow(...READERS)
  @Query(() => WorkerConnection)
  workers(
    @CurrentPrincipal() principal: Principal,
    @Args() { filter, first, after }: WorkersArgs,
  ): Promise<ConnectionShape<WorkerView>> {
    return this.workerService.list(principal, filter ?? {}, first, after);
  }
}
