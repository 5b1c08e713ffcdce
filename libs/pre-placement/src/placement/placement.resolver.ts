import { Args, Info, Mutation, Query, Resolver } from '@nestjs/graphql';
import { Allow, CurrentPrincipal, READERS, Role, type Principal } from '#lintas/access';
import { IdArgs, selectsField, type ConnectionShape } from '#lintas/core';
import type { GraphQLResolveInfo } from 'graphql';
import type { Placement } from './placement.entity.js';
import {
  CancelPlacementArgs,
  PlacementRulesArgs,
  PlacementsArgs,
  PlacementVersionArgs,
  RecordDepartureArgs,
  RegisterPlacementInput,
  RequirementInput,
} from './placement.inputs.js';
import { PlacementConnection, PlacementModel, PlacementRuleDecisionModel } from './placement.model.js';
import { PlacementService } from './placement.service.js';
import { PlacementRulesService, type PlacementRulesAnswer } from '../rules/placement-rules.service.js';

const OFFICERS = [Role.OFFICER, Role.ADMIN] as const;

/** Pra penempatan: BP3MI officers register placements, record evidence, clear and record departures. */
@Resolver(() => PlacementModel)
export class PlacementResolver {
  constructor(
    private readonly placementService: PlacementService,
    private readonly rules: PlacementRulesService,
  ) {}

  @Allow(...OFFICERS)
  @Mutation(() => PlacementModel)
  registerPlacement(
    @CurrentPrincipal() principal: Principal,
    @Args('input') input: RegisterPlacementInput,
  ): Promise<Placement> {
    return this.placementService.register(principal, {
      workerId: input.workerId,
      destination: input.destination,
      destinationCity: input.destinationCity ?? null,
      sector: input.sector,
      employerType: input.employerType,
      employerName: input.employerName ?? null,
      jobTitle: input.jobTitle.trim(),
      recruiterId: input.recruiterId ?? null,
      scheme: input.scheme ?? null,
      visaType: input.visaType ?? null,
      contractStart: input.contractStart ?? null,
      contractEnd: input.contractEnd ?? null,
      plannedDepartureAt: input.plannedDepartureAt ?? null,
    });
  }

  @Allow(...OFFICERS)
  @Mutation(() => PlacementModel, {
    description: 'Records evidence for one requirement; WAIVED needs ADMIN and a note',
  })
  recordRequirement(
    @CurrentPrincipal() principal: Principal,
    @Args() { placementId, version }: PlacementVersionArgs,
    @Args('input') input: RequirementInput,
  ): Promise<Placement> {
    return this.placementService.recordRequirement(principal, placementId, version, {
      kind: input.kind,
      status: input.status,
      documentNumber: input.documentNumber ?? null,
      issuer: input.issuer ?? null,
      issuedOn: input.issuedOn ?? null,
      expiresOn: input.expiresOn ?? null,
      note: input.note ?? null,
    });
  }

  @Allow(...OFFICERS)
  @Mutation(() => PlacementModel, {
    description: 'PRECONDITION_FAILED lists each unmet requirement in extensions.unmet',
  })
  clearForDeparture(
    @CurrentPrincipal() principal: Principal,
    @Args() { placementId, version }: PlacementVersionArgs,
  ): Promise<Placement> {
    return this.placementService.clear(principal, placementId, version);
  }

  @Allow(...OFFICERS)
  @Mutation(() => PlacementModel, {
    description: 'Recorded even without clearance: the placement is then non-procedural',
  })
  recordDeparture(
    @CurrentPrincipal() principal: Principal,
    @Args() { placementId, version, departedAt, port }: RecordDepartureArgs,
  ): Promise<Placement> {
    return this.placementService.depart(principal, placementId, version, departedAt, port ?? null);
  }

  @Allow(...OFFICERS)
  @Mutation(() => PlacementModel)
  cancelPlacement(
    @CurrentPrincipal() principal: Principal,
    @Args() { placementId, version, reason }: CancelPlacementArgs,
  ): Promise<Placement> {
    return this.placementService.cancel(principal, placementId, version, reason.trim());
  }

  @Allow(...READERS)
  @Query(() => PlacementModel, { nullable: true })
  placement(@CurrentPrincipal() principal: Principal, @Args() { id }: IdArgs): Promise<Placement> {
    return this.placementService.get(principal, id);
  }

  @Allow(...READERS)
  @Query(() => PlacementConnection)
  placements(
    @CurrentPrincipal() principal: Principal,
    @Args() { filter, first, after }: PlacementsArgs,
    @Info() info: GraphQLResolveInfo,
  ): Promise<ConnectionShape<Placement>> {
    return this.placementService.list(
      principal,
      filter ?? {},
      first,
      after,
      selectsField(info, 'totalCount'),
    );
  }

  @Allow(...READERS)
  @Query(() => PlacementRuleDecisionModel, {
    description: 'Before anything is registered: is the destination open for the sector, and what applies',
  })
  placementRules(@Args() { destination, sector }: PlacementRulesArgs): Promise<PlacementRulesAnswer> {
    return this.rules.decide(destination, sector);
  }
}
