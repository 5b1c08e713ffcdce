import { Field, ID, Int, ObjectType, registerEnumType } from '@nestjs/graphql';
import { Connection, LocalDate } from '#lintas/core';
import { RecruiterStatus } from '../placement/placement.enums.js';

registerEnumType(RecruiterStatus, {
  name: 'RecruiterStatus',
  description: 'A placement through a recruiter that is not ACTIVE is not procedural; REVOKED is final.',
});

@ObjectType('RecruitmentPermit', {
  description: 'A recruitment permit (SIP2MI): up to `quota` workers to one destination country',
})
export class RecruitmentPermitModel {
  @Field(() => ID)
  id!: string;

  @Field()
  permitNumber!: string;

  @Field({ description: 'ISO 3166-1 alpha-2 country code' })
  destination!: string;

  @Field(() => Int)
  quota!: number;

  @Field(() => LocalDate)
  validFrom!: string;

  @Field(() => LocalDate)
  validUntil!: string;

  @Field()
  createdAt!: Date;
}

@ObjectType('Recruiter', { description: 'A licensed placement company (P3MI)' })
export class RecruiterModel {
  @Field(() => ID)
  id!: string;

  @Field()
  name!: string;

  @Field({ description: 'The SIP3MI licence number' })
  licenceNumber!: string;

  @Field(() => RecruiterStatus)
  status!: RecruiterStatus;

  @Field(() => String, { nullable: true, description: 'Why the status last changed' })
  statusReason!: string | null;

  @Field(() => LocalDate)
  validFrom!: string;

  @Field(() => LocalDate)
  validUntil!: string;

  @Field({ description: 'Selected by the ministry for the Saudi one-channel pilot (SPSK)' })
  spskSelected!: boolean;

  @Field(() => [RecruitmentPermitModel])
  recruitmentPermits!: RecruitmentPermitModel[];

  @Field()
  createdAt!: Date;

  @Field()
  updatedAt!: Date;

  @Field(() => Int)
  version!: number;
}

export const RecruiterConnection = Connection(RecruiterModel, 'Recruiter');
