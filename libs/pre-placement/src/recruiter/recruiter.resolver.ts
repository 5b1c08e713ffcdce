import { Args, Mutation, Query, Resolver } from '@nestjs/graphql';
import { Allow, CurrentPrincipal, READERS, Role, type Principal } from '#lintas/access';
import { IdArgs, type ConnectionShape } from '#lintas/core';
import {
  AddRecruitmentPermitArgs,
  RecruitersArgs,
  RecruitmentPermitInput,
  RegisterRecruiterInput,
  UpdateRecruiterStatusArgs,
} from './recruiter.inputs.js';
import { RecruiterConnection, RecruiterModel } from './recruiter.model.js';
import type { RecruiterView } from './recruiter.queries.js';
import { RecruiterService } from './recruiter.service.js';

/** Recruiters (P3MI): registered and licensed by officers, read by everyone, since licences are national. */
@Resolver(() => RecruiterModel)
export class RecruiterResolver {
  constructor(private readonly recruiterService: RecruiterService) {}

  @Allow(Role.OFFICER, Role.ADMIN)
  @Mutation(() => RecruiterModel)
  registerRecruiter(
    @CurrentPrincipal() principal: Principal,
    @Args('input') input: RegisterRecruiterInput,
  ): Promise<RecruiterView> {
    return this.recruiterService.register(principal, input);
  }

  @Allow(Role.OFFICER, Role.ADMIN)
  @Mutation(() => RecruiterModel, { description: 'Suspend, revoke (final) or reinstate a licence' })
  updateRecruiterStatus(
    @CurrentPrincipal() principal: Principal,
    @Args() { id, version, status, reason }: UpdateRecruiterStatusArgs,
  ): Promise<RecruiterView> {
    return this.recruiterService.changeStatus(principal, id, version, status, reason);
  }

  @Allow(Role.OFFICER, Role.ADMIN)
  @Mutation(() => RecruiterModel)
  addRecruitmentPermit(
    @CurrentPrincipal() principal: Principal,
    @Args() { recruiterId }: AddRecruitmentPermitArgs,
    @Args('input') input: RecruitmentPermitInput,
  ): Promise<RecruiterView> {
    return this.recruiterService.addPermit(principal, recruiterId, input);
  }

  @Allow(...READERS)
  @Query(() => RecruiterModel, { nullable: true })
  recruiter(@Args() { id }: IdArgs): Promise<RecruiterView> {
    return this.recruiterService.get(id);
  }

  @Allow(...READERS)
  @Query(() => RecruiterConnection)
  recruiters(@Args() { filter, first, after }: RecruitersArgs): Promise<ConnectionShape<RecruiterView>> {
    return this.recruiterService.list(filter ?? {}, first, after);
  }
}
