import { Args, Mutation, ResolveField, Resolver } from '@nestjs/graphql';
import { Allow, CurrentPrincipal, Role, type Principal } from '#lintas/access';
import { requestListLoader, requestLoader, type LoaderContext } from '#lintas/core';
import {
  PlacementIdArgs,
  PlacementModel,
  PlacementVersionArgs,
  RiskLevel,
  type Placement,
} from '#lintas/pre-placement';
import { PartnerStatus } from './placement-abroad.enums.js';
import {
  ConfirmArrivalArgs,
  PlacementStatusInput,
  RecordWelfareContactsArgs,
  ReportWorkerAbroadInput,
  WelfareContactInput,
} from './placement-abroad.inputs.js';
import {
  PartnerStatusReportModel,
  WelfareContactModel,
  WelfareContactResultModel,
} from './placement-abroad.model.js';
import { contactReportOf, PlacementAbroadService, type BatchResult } from './placement-abroad.service.js';
import type { PartnerStatusReport, WelfareContact } from './welfare/welfare-contact.entity.js';

/** Who reports on a worker abroad: the embassy or partner of the country, and BP3MI officers. */
const REPORTERS = [Role.PARTNER, Role.OFFICER, Role.ADMIN] as const;
/** Welfare contacts are also what case handlers record when they reach a worker. */
const CONTACT_RECORDERS = [...REPORTERS, Role.CASE_HANDLER] as const;
/** A placement's contacts and statuses, newest first, at most this many in one answer. */
const MAX_LISTED = 100;

/**
 * Masa penempatan: embassies and partners keep each placement alive over GraphQL. The placement's
 * fields take GraphQL's own arguments (parent, args, context), not @Parent/@Context, so that Nest
 * calls them directly rather than through its context creator and pipes, once per row of a page.
 */
@Resolver(() => PlacementModel)
export class PlacementAbroadResolver {
  constructor(private readonly abroad: PlacementAbroadService) {}

  @Allow(...REPORTERS)
  @Mutation(() => PlacementModel, {
    description:
      'DEPARTED → PLACED; for a placement never marked departed the departure is recorded too, as non-procedural',
  })
  confirmArrival(
    @CurrentPrincipal() principal: Principal,
    @Args() { placementId, version, arrivedAt, employer }: ConfirmArrivalArgs,
  ): Promise<Placement> {
    return this.abroad.confirmArrival(
      principal,
      placementId,
      version,
      arrivedAt,
      employer?.name.trim() ?? null,
    );
  }

  @Allow(...REPORTERS)
  @Mutation(() => PlacementModel, {
    description: 'DECEASED and MISSING move the stage; distress statuses raise alerts',
  })
  updatePlacementStatus(
    @CurrentPrincipal() principal: Principal,
    @Args() { placementId, version }: PlacementVersionArgs,
    @Args('input') input: PlacementStatusInput,
  ): Promise<Placement> {
    return this.abroad.updateStatus(principal, placementId, version, {
      status: input.status,
      effectiveAt: input.effectiveAt,
      note: input.note ?? null,
      employerName: input.employer?.name.trim() ?? null,
    });
  }

  @Allow(...REPORTERS)
  @Mutation(() => PlacementModel, {
    description:
      'A worker met abroad, perhaps unknown to Lintas: matched by NIK (or name, date of birth and country) or ' +
      'recorded with what is known; a second report of the same person lands on the same placement',
  })
  reportWorkerAbroad(
    @CurrentPrincipal() principal: Principal,
    @Args('input') input: ReportWorkerAbroadInput,
  ): Promise<Placement> {
    return this.abroad.reportWorkerAbroad(principal, {
      worker: {
        nik: input.nik ?? null,
        fullName: input.fullName.trim(),
        sex: input.sex ?? null,
        dateOfBirth: input.dateOfBirth ?? null,
      },
      destination: input.destination,
      foundAt: input.foundAt,
      circumstances: input.circumstances.trim(),
      indicators: input.indicators ?? [],
      status: input.status ?? null,
    });
  }

  @Allow(...CONTACT_RECORDERS)
  @Mutation(() => WelfareContactModel)
  recordWelfareContact(
    @CurrentPrincipal() principal: Principal,
    @Args() { placementId }: PlacementIdArgs,
    @Args('input') input: WelfareContactInput,
  ): Promise<WelfareContact> {
    return this.abroad.recordContact(principal, placementId, contactReportOf(input));
  }

  @Allow(...CONTACT_RECORDERS)
  @Mutation(() => [WelfareContactResultModel], {
    description: 'Up to 500 contacts; each answered by its index, with its contact or its error',
  })
  recordWelfareContacts(
    @CurrentPrincipal() principal: Principal,
    @Args() { contacts }: RecordWelfareContactsArgs,
  ): Promise<BatchResult[]> {
    return this.abroad.recordContacts(principal, contacts);
  }

  @ResolveField(() => Date, { nullable: true })
  arrivedAt(placement: Placement): Date | null {
    return placement.arrivedAt;
  }

  @ResolveField(() => PartnerStatus, { nullable: true, description: 'The latest status a partner reported' })
  partnerStatus(placement: Placement): string | null {
    return placement.partnerStatus;
  }

  @ResolveField(() => Date, { nullable: true, description: 'When the next welfare contact is due' })
  nextCheckInDueAt(placement: Placement): Date | null {
    return placement.nextCheckInDueAt;
  }

  @ResolveField(() => RiskLevel, { nullable: true })
  riskLevel(placement: Placement): string | null {
    return placement.riskLevel;
  }

  @ResolveField(() => [String], { description: 'Why the risk level is what it is' })
  riskReasons(placement: Placement): string[] {
    return placement.riskReasons;
  }

  @ResolveField(() => [WelfareContactModel], { description: `Newest first, at most ${MAX_LISTED}` })
  welfareContacts(placement: Placement, _args: unknown, context: LoaderContext): Promise<WelfareContact[]> {
    return requestListLoader(
      context,
      'placement.welfareContacts',
      (ids) => this.abroad.contactsOf(ids, MAX_LISTED),
      (contact) => contact.placementId,
    ).load(placement.id);
  }

  @ResolveField(() => WelfareContactModel, {
    nullable: true,
    description: 'The newest welfare contact (by contact time), null when none was recorded',
  })
  async lastWelfareContact(
    placement: Placement,
    _args: unknown,
    context: LoaderContext,
  ): Promise<WelfareContact | null> {
    const last = await requestLoader(
      context,
      'placement.lastWelfareContact',
      (ids) => this.abroad.contactsOf(ids, 1),
      (contact) => contact.placementId,
    ).load(placement.id);
    return last ?? null;
  }

  @ResolveField(() => [PartnerStatusReportModel], {
    description: `Every status partners reported, oldest first: the latest ${MAX_LISTED}`,
  })
  statusHistory(
    placement: Placement,
    _args: unknown,
    context: LoaderContext,
  ): Promise<PartnerStatusReport[]> {
    return requestListLoader(
      context,
      'placement.statusHistory',
      (ids) => this.abroad.statusReportsOf(ids, MAX_LISTED),
      (report) => report.placementId,
    ).load(placement.id);
  }
}
