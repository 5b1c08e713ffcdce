import { ArgsType, Field, ID, InputType, Int } from '@nestjs/graphql';
import { Type } from 'class-transformer';
import {
  IsBoolean,
  IsDate,
  IsEnum,
  IsInt,
  IsOptional,
  IsString,
  Matches,
  MaxLength,
  Min,
  ValidateNested,
} from 'class-validator';
import { CountryCode, LocalDate, PageArgs, IsLintasId } from '#lintas/core';
import {
  EmployerType,
  PlacementScheme,
  PlacementStage,
  RequirementKind,
  RequirementStatus,
  RiskLevel,
  Sector,
  VisaType,
} from './placement.enums.js';

const NOT_BLANK = /\S/;

@InputType()
export class RegisterPlacementInput {
  @Field(() => ID)
  @IsLintasId()
  workerId!: string;

  @Field(() => CountryCode)
  @IsString()
  destination!: string;

  @Field({ nullable: true })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  destinationCity?: string;

  @Field(() => Sector)
  @IsEnum(Sector)
  sector!: Sector;

  @Field()
  @IsString()
  @Matches(NOT_BLANK, { message: 'must not be blank' })
  @MaxLength(200)
  jobTitle!: string;

  @Field(() => EmployerType, { description: 'INDIVIDUAL (a household) or LEGAL_ENTITY' })
  @IsEnum(EmployerType)
  employerType!: EmployerType;

  @Field({ nullable: true })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  employerName?: string;

  @Field(() => ID, {
    nullable: true,
    description: 'The licensed recruiter (P3MI); omit for a government scheme',
  })
  @IsOptional()
  @IsLintasId()
  recruiterId?: string;

  @Field(() => PlacementScheme, { nullable: true })
  @IsOptional()
  @IsEnum(PlacementScheme)
  scheme?: PlacementScheme;

  @Field(() => VisaType, {
    nullable: true,
    description: 'Anything but WORK makes the placement non-procedural',
  })
  @IsOptional()
  @IsEnum(VisaType)
  visaType?: VisaType;

  @Field(() => LocalDate, { nullable: true })
  @IsOptional()
  @IsString()
  contractStart?: string;

  @Field(() => LocalDate, { nullable: true })
  @IsOptional()
  @IsString()
  contractEnd?: string;

  @Field({ nullable: true })
  @IsOptional()
  @IsDate()
  plannedDepartureAt?: Date;
}

@InputType()
export class RequirementInput {
  @Field(() => RequirementKind)
  @IsEnum(RequirementKind)
  kind!: RequirementKind;

  @Field(() => RequirementStatus)
  @IsEnum(RequirementStatus)
  status!: RequirementStatus;

  @Field({ nullable: true })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  documentNumber?: string;

  @Field({ nullable: true })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  issuer?: string;

  @Field(() => LocalDate, { nullable: true })
  @IsOptional()
  @IsString()
  issuedOn?: string;

  @Field(() => LocalDate, { nullable: true })
  @IsOptional()
  @IsString()
  expiresOn?: string;

  @Field({ nullable: true, description: 'Required with WAIVED: why the requirement is waived' })
  @IsOptional()
  @IsString()
  @MaxLength(2000)
  note?: string;
}

@ArgsType()
export class PlacementIdArgs {
  @Field(() => ID)
  @IsLintasId()
  placementId!: string;
}

/** The placement a change applies to, at the version the client read. */
@ArgsType()
export class PlacementVersionArgs extends PlacementIdArgs {
  @Field(() => Int)
  @IsInt()
  @Min(1)
  version!: number;
}

@ArgsType()
export class RecordDepartureArgs extends PlacementVersionArgs {
  @Field()
  @IsDate()
  departedAt!: Date;

  @Field({ nullable: true, description: 'Airport or seaport of embarkation' })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  port?: string;
}

@ArgsType()
export class CancelPlacementArgs extends PlacementVersionArgs {
  @Field()
  @IsString()
  @Matches(NOT_BLANK, { message: 'must not be blank' })
  @MaxLength(2000)
  reason!: string;
}

@InputType()
export class PlacementFilterInput {
  @Field(() => PlacementStage, { nullable: true })
  @IsOptional()
  @IsEnum(PlacementStage)
  stage?: PlacementStage;

  @Field(() => CountryCode, { nullable: true })
  @IsOptional()
  @IsString()
  destination?: string;

  @Field(() => Sector, { nullable: true })
  @IsOptional()
  @IsEnum(Sector)
  sector?: Sector;

  @Field({ nullable: true })
  @IsOptional()
  @Matches(/^\d{2}$/, { message: 'must be a 2-digit Kemendagri province code' })
  originProvinceCode?: string;

  @Field({ nullable: true })
  @IsOptional()
  @Matches(/^\d{4}$/, { message: 'must be a 4-digit Kemendagri regency code' })
  originRegencyCode?: string;

  @Field({ nullable: true })
  @IsOptional()
  @IsBoolean()
  procedural?: boolean;

  @Field(() => RiskLevel, {
    nullable: true,
    description: 'The risk level its welfare check-ins gave it; placements not assessed yet have none',
  })
  @IsOptional()
  @IsEnum(RiskLevel)
  riskLevel?: RiskLevel;

  @Field(() => ID, { nullable: true })
  @IsOptional()
  @IsLintasId()
  recruiterId?: string;

  @Field({ nullable: true, description: 'Planned departure at or after' })
  @IsOptional()
  @IsDate()
  plannedDepartureFrom?: Date;

  @Field({ nullable: true, description: 'Planned departure before' })
  @IsOptional()
  @IsDate()
  plannedDepartureTo?: Date;
}

@ArgsType()
export class PlacementsArgs extends PageArgs {
  @Field(() => PlacementFilterInput, { nullable: true })
  @IsOptional()
  @ValidateNested()
  @Type(() => PlacementFilterInput)
  filter?: PlacementFilterInput;
}

@ArgsType()
export class PlacementRulesArgs {
  @Field(() => CountryCode)
  @IsString()
  destination!: string;

  @Field(() => Sector)
  @IsEnum(Sector)
  sector!: Sector;
}
