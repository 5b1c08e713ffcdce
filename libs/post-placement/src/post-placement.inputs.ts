import { ArgsType, Field, ID, InputType, Int } from '@nestjs/graphql';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayUnique,
  IsArray,
  IsBoolean,
  IsDate,
  IsEnum,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  Matches,
  MaxLength,
  Min,
  ValidateNested,
} from 'class-validator';
import { IdArgs, PageArgs, IsLintasId } from '#lintas/core';
import { PlacementVersionArgs } from '#lintas/pre-placement';
import {
  HealthOnArrival,
  ReferralStatus,
  RepatriationNeed,
  RepatriationReason,
  RepatriationStatus,
  ServiceKind,
} from './post-placement.enums.js';

const NOT_BLANK = /\S/;
const NOT_BLANK_MESSAGE = { message: 'must not be blank' };
/** Notes, reasons and outcomes are free text a person writes; long enough for a case summary. */
const TEXT_MAX = 4000;

/** What a repatriation may be moved to by hand; COMPLETED follows from recording the return. */
export const REPATRIATION_PROGRESS = [
  RepatriationStatus.ARRANGED,
  RepatriationStatus.IN_TRANSIT,
  RepatriationStatus.CANCELLED,
] as const;

@InputType()
export class RepatriationInput {
  @Field(() => RepatriationReason)
  @IsEnum(RepatriationReason)
  reason!: RepatriationReason;

  @Field(() => [RepatriationNeed], { nullable: true })
  @IsOptional()
  @IsArray()
  @ArrayUnique()
  @ArrayMaxSize(Object.keys(RepatriationNeed).length)
  @IsEnum(RepatriationNeed, { each: true })
  needs?: RepatriationNeed[];

  @Field({ nullable: true })
  @IsOptional()
  @IsString()
  @MaxLength(TEXT_MAX)
  note?: string;

  @Field({ nullable: true, description: 'When the worker is expected home' })
  @IsOptional()
  @IsDate()
  plannedArrivalAt?: Date;

  @Field(() => ID, {
    nullable: true,
    description:
      'The open REPATRIATION_NEEDED alert of this placement that the repatriation answers; it is resolved',
  })
  @IsOptional()
  @IsLintasId()
  alertId?: string;
}

@ArgsType()
export class RepatriationVersionArgs extends IdArgs {
  @Field(() => Int, { description: 'The version of the repatriation you read' })
  @IsInt()
  @Min(1)
  version!: number;
}

@InputType()
export class RepatriationUpdateInput {
  @Field(() => RepatriationStatus, {
    nullable: true,
    description: 'ARRANGED, IN_TRANSIT (forward only) or CANCELLED; COMPLETED follows from recordReturn',
  })
  @IsOptional()
  @IsIn(REPATRIATION_PROGRESS, {
    message: 'must be ARRANGED, IN_TRANSIT or CANCELLED: a repatriation is COMPLETED by recordReturn',
  })
  status?: RepatriationStatus;

  @Field({ nullable: true })
  @IsOptional()
  @IsDate()
  plannedArrivalAt?: Date;

  @Field({ nullable: true, description: 'Required with CANCELLED: why the worker is not brought home' })
  @IsOptional()
  @IsString()
  @MaxLength(TEXT_MAX)
  note?: string;
}

@InputType()
export class ReturnInput {
  @Field({ nullable: true, description: 'The airport or seaport where the worker (or remains) arrived' })
  @IsOptional()
  @IsString()
  @Matches(NOT_BLANK, NOT_BLANK_MESSAGE)
  @MaxLength(100)
  portOfEntry?: string;

  @Field(() => HealthOnArrival, { nullable: true, description: 'Not for remains' })
  @IsOptional()
  @IsEnum(HealthOnArrival)
  healthOnArrival?: HealthOnArrival;

  @Field({
    nullable: true,
    description: 'Also marks the placement: a later placement of the worker is flagged',
  })
  @IsOptional()
  @IsBoolean()
  suspectedTraffickingVictim?: boolean;

  @Field({ nullable: true })
  @IsOptional()
  @IsBoolean()
  wagesOwed?: boolean;

  @Field({ nullable: true })
  @IsOptional()
  @IsString()
  @MaxLength(TEXT_MAX)
  note?: string;
}

@ArgsType()
export class RecordReturnArgs extends PlacementVersionArgs {
  @Field({ description: 'When the worker (or remains) arrived home; never in the future' })
  @IsDate()
  returnedAt!: Date;

  @Field(() => ReturnInput, { nullable: true })
  @IsOptional()
  @ValidateNested()
  @Type(() => ReturnInput)
  input?: ReturnInput;
}

@InputType()
export class ReferralInput {
  @Field(() => ServiceKind)
  @IsEnum(ServiceKind)
  service!: ServiceKind;

  @Field(() => ID, { nullable: true, description: 'The agency providing the service; yours when omitted' })
  @IsOptional()
  @IsLintasId()
  agencyId?: string;

  @Field({ description: 'Whether the worker agreed to the referral' })
  @IsBoolean()
  consentGiven!: boolean;

  @Field({
    nullable: true,
    description: 'Without consent: why the referral goes ahead all the same (CASE_HANDLER only)',
  })
  @IsOptional()
  @IsString()
  @Matches(NOT_BLANK, NOT_BLANK_MESSAGE)
  @MaxLength(TEXT_MAX)
  consentOverrideReason?: string;

  @Field({ nullable: true })
  @IsOptional()
  @IsString()
  @MaxLength(TEXT_MAX)
  note?: string;
}

@InputType()
export class ReferralUpdateInput {
  @Field(() => ReferralStatus, {
    description: 'REFERRED → ACCEPTED → IN_PROGRESS → COMPLETED, or DECLINED from any open status',
  })
  @IsEnum(ReferralStatus)
  status!: ReferralStatus;

  @Field({ nullable: true, description: 'Required with COMPLETED and DECLINED: what came of it' })
  @IsOptional()
  @IsString()
  @Matches(NOT_BLANK, NOT_BLANK_MESSAGE)
  @MaxLength(TEXT_MAX)
  outcome?: string;

  @Field({ nullable: true })
  @IsOptional()
  @IsString()
  @MaxLength(TEXT_MAX)
  note?: string;
}

@InputType()
export class ReintegrationRefusalInput {
  @Field(() => [ServiceKind], { nullable: true, description: 'The services refused; none listed means all' })
  @IsOptional()
  @IsArray()
  @ArrayUnique()
  @ArrayMaxSize(Object.keys(ServiceKind).length)
  @IsEnum(ServiceKind, { each: true })
  services?: ServiceKind[];

  @Field({ description: 'When the worker refused; never in the future' })
  @IsDate()
  refusedAt!: Date;

  @Field({ nullable: true })
  @IsOptional()
  @IsString()
  @MaxLength(TEXT_MAX)
  note?: string;
}

@ArgsType()
export class ClosePlacementArgs extends PlacementVersionArgs {
  @Field({ description: 'What the cycle came to' })
  @IsString()
  @Matches(NOT_BLANK, NOT_BLANK_MESSAGE)
  @MaxLength(TEXT_MAX)
  outcome!: string;
}

@InputType()
export class ReferralFilterInput {
  @Field(() => ReferralStatus, { nullable: true })
  @IsOptional()
  @IsEnum(ReferralStatus)
  status?: ReferralStatus;

  @Field(() => ServiceKind, { nullable: true })
  @IsOptional()
  @IsEnum(ServiceKind)
  service?: ServiceKind;

  @Field(() => ID, { nullable: true })
  @IsOptional()
  @IsLintasId()
  placementId?: string;
}

@ArgsType()
export class ReferralsArgs extends PageArgs {
  @Field(() => ReferralFilterInput, { nullable: true })
  @IsOptional()
  @ValidateNested()
  @Type(() => ReferralFilterInput)
  filter?: ReferralFilterInput;
}
