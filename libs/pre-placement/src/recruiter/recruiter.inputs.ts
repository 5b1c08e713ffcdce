import { ArgsType, Field, ID, InputType, Int } from '@nestjs/graphql';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsBoolean,
  IsEnum,
  IsInt,
  IsNotEmpty,
  IsOptional,
  IsString,
  Matches,
  Max,
  MaxLength,
  Min,
  ValidateNested,
} from 'class-validator';
import { IdArgs, LocalDate, PageArgs, IsLintasId } from '#lintas/core';
import { RecruiterStatus } from '../placement/placement.enums.js';

const COUNTRY_CODE = /^[A-Z]{2}$/;
const NOT_BLANK = /\S/;

/** More permits than this in one registration is a mistake, not a recruiter. */
export const MAX_PERMITS_PER_REGISTRATION = 50;

@InputType()
export class RecruitmentPermitInput {
  @Field({ description: 'The SIP2MI number' })
  @IsString()
  @Matches(NOT_BLANK, { message: 'must not be blank' })
  @MaxLength(100)
  permitNumber!: string;

  @Field({ description: 'ISO 3166-1 alpha-2 country code, e.g. "SA"' })
  @Matches(COUNTRY_CODE, { message: 'must be an ISO 3166-1 alpha-2 country code, e.g. "SA"' })
  destination!: string;

  @Field(() => Int, { description: 'How many workers the permit allows; more than 0' })
  @IsInt()
  @Min(1)
  @Max(1_000_000)
  quota!: number;

  @Field(() => LocalDate)
  @IsString()
  validFrom!: string;

  @Field(() => LocalDate, { description: 'On or after validFrom' })
  @IsString()
  validUntil!: string;
}

@InputType()
export class RegisterRecruiterInput {
  @Field()
  @IsString()
  @Matches(NOT_BLANK, { message: 'must not be blank' })
  @MaxLength(200)
  name!: string;

  @Field({ description: 'The SIP3MI licence number; one recruiter per licence' })
  @IsString()
  @Matches(NOT_BLANK, { message: 'must not be blank' })
  @MaxLength(100)
  licenceNumber!: string;

  @Field(() => LocalDate)
  @IsString()
  validFrom!: string;

  @Field(() => LocalDate, { description: 'On or after validFrom' })
  @IsString()
  validUntil!: string;

  @Field(() => Boolean, {
    defaultValue: false,
    description: 'Selected by the ministry for the Saudi one-channel pilot',
  })
  @IsBoolean()
  spskSelected = false;

  @Field(() => [RecruitmentPermitInput], { nullable: true })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(MAX_PERMITS_PER_REGISTRATION)
  @ValidateNested({ each: true })
  @Type(() => RecruitmentPermitInput)
  recruitmentPermits?: RecruitmentPermitInput[];
}

@InputType()
export class RecruiterFilter {
  @Field(() => RecruiterStatus, { nullable: true })
  @IsOptional()
  @IsEnum(RecruiterStatus)
  status?: RecruiterStatus;

  @Field({ nullable: true, description: 'Part of the name, any case' })
  @IsOptional()
  @IsString()
  @IsNotEmpty()
  @MaxLength(100)
  name?: string;

  @Field({ nullable: true, description: 'The exact SIP3MI licence number' })
  @IsOptional()
  @IsString()
  @IsNotEmpty()
  @MaxLength(100)
  licenceNumber?: string;
}

@ArgsType()
export class RecruitersArgs extends PageArgs {
  @Field(() => RecruiterFilter, { nullable: true })
  @IsOptional()
  @ValidateNested()
  @Type(() => RecruiterFilter)
  filter?: RecruiterFilter;
}

@ArgsType()
export class UpdateRecruiterStatusArgs extends IdArgs {
  @Field(() => Int, { description: 'The version you read; a change made meanwhile answers CONFLICT' })
  @IsInt()
  @Min(1)
  version!: number;

  @Field(() => RecruiterStatus)
  @IsEnum(RecruiterStatus)
  status!: RecruiterStatus;

  @Field({ description: 'Why; required (not blank) to suspend or revoke' })
  @IsString()
  @MaxLength(1000)
  reason!: string;
}

@ArgsType()
export class AddRecruitmentPermitArgs {
  @Field(() => ID)
  @IsLintasId()
  recruiterId!: string;
}
