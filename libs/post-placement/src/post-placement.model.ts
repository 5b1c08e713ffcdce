import { Field, ID, Int, ObjectType } from '@nestjs/graphql';
import { Connection, LocalDate } from '#lintas/core';
import { SexEnum } from '#lintas/registry';
import {
  HealthOnArrival,
  ReferralStatus,
  RepatriationNeed,
  RepatriationReason,
  RepatriationStatus,
  ReturnKind,
  ServiceKind,
} from './post-placement.enums.js';

@ObjectType('Repatriation', {
  description: 'Bringing a worker home: why, what the journey needs, how far it is',
})
export class RepatriationModel {
  @Field(() => ID)
  id!: string;

  @Field(() => ID)
  placementId!: string;

  @Field(() => RepatriationStatus)
  status!: RepatriationStatus;

  @Field(() => RepatriationReason)
  reason!: RepatriationReason;

  @Field(() => [RepatriationNeed])
  needs!: RepatriationNeed[];

  @Field(() => String, { nullable: true, description: 'The latest note: the request’s, or a later update’s' })
  note!: string | null;

  @Field(() => Date, { nullable: true })
  plannedArrivalAt!: Date | null;

  @Field(() => ID, { nullable: true, description: 'The REPATRIATION_NEEDED alert it answered' })
  sourceAlertId!: string | null;

  @Field()
  requestedAt!: Date;

  @Field(() => Date, { nullable: true })
  statusChangedAt!: Date | null;

  @Field()
  createdAt!: Date;

  @Field()
  updatedAt!: Date;

  @Field(() => Int, { description: 'Send it back with updateRepatriation: a stale version answers CONFLICT' })
  version!: number;
}

@ObjectType('PlacementReturn', {
  description: 'The worker’s arrival home, or of their remains; recorded once',
})
export class PlacementReturnModel {
  @Field(() => ID)
  placementId!: string;

  @Field(() => ReturnKind)
  kind!: ReturnKind;

  @Field()
  returnedAt!: Date;

  @Field(() => String, { nullable: true })
  portOfEntry!: string | null;

  @Field(() => HealthOnArrival, { nullable: true, description: 'Null for remains' })
  healthOnArrival!: HealthOnArrival | null;

  @Field()
  suspectedTraffickingVictim!: boolean;

  @Field()
  wagesOwed!: boolean;

  @Field(() => ID, { nullable: true, description: 'The repatriation this return completed' })
  repatriationId!: string | null;

  @Field(() => String, { nullable: true })
  note!: string | null;

  @Field()
  createdAt!: Date;
}

@ObjectType('ReferredWorker', {
  description:
    'Who the service is for, as much as the agency needs to reach and help them (no NIK, no passport)',
})
export class ReferredWorkerModel {
  @Field()
  fullName!: string;

  @Field(() => SexEnum)
  sex!: SexEnum;

  @Field(() => LocalDate)
  dateOfBirth!: string;

  @Field(() => String, { nullable: true, description: 'Kemendagri code of the regency of origin' })
  originRegencyCode!: string | null;

  @Field(() => String, { nullable: true })
  phone!: string | null;
}

@ObjectType('Referral', { description: 'A returned worker referred to a reintegration service at an agency' })
export class ReferralModel {
  @Field(() => ID)
  id!: string;

  @Field(() => ID)
  placementId!: string;

  @Field(() => ServiceKind)
  service!: ServiceKind;

  @Field(() => ReferralStatus)
  status!: ReferralStatus;

  @Field()
  consentGiven!: boolean;

  @Field(() => String, { nullable: true, description: 'Why a case handler let it go ahead without consent' })
  consentOverrideReason!: string | null;

  @Field(() => String, { nullable: true })
  note!: string | null;

  @Field(() => String, { nullable: true, description: 'What came of it, once COMPLETED or DECLINED' })
  outcome!: string | null;

  @Field()
  referredAt!: Date;

  @Field(() => Date, { nullable: true })
  statusChangedAt!: Date | null;

  @Field()
  createdAt!: Date;

  @Field()
  updatedAt!: Date;

  @Field(() => Int)
  version!: number;
}

export const ReferralConnection = Connection(ReferralModel, 'Referral');

@ObjectType('ReintegrationRefusal', { description: 'The worker declined reintegration services' })
export class ReintegrationRefusalModel {
  @Field(() => ID)
  id!: string;

  @Field(() => [ServiceKind], { description: 'Empty: every service was refused' })
  services!: ServiceKind[];

  @Field()
  refusedAt!: Date;

  @Field(() => String, { nullable: true })
  note!: string | null;

  @Field()
  createdAt!: Date;
}
