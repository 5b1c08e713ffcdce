import { ArgsType, Field, InputType, PartialType } from '@nestjs/graphql';
import { Type } from 'class-transformer';
import {
  IsEnum,
  IsNotEmpty,
  IsOptional,
  IsString,
  Matches,
  MaxLength,
  ValidateNested,
} from 'class-validator';
import { LocalDate, PageArgs } from '#lintas/core';
import { SexEnum } from './worker.model.js';

const NIK = /^\d{16}$/;
const REGENCY_CODE = /^\d{4}$/;
const PROVINCE_CODE = /^\d{2}$/;
const PHONE = /^\+?[0-9][0-9 ()-]{5,19}$/;
const PASSPORT = /^[A-Z0-9]{6,9}$/;

@InputType()
export class NextOfKinInput {
  @Field()
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  name!: string;

  @Field({ description: 'e.g. spouse, parent, sibling' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(100)
  relationship!: string;

  @Field({ nullable: true })
  @IsOptional()
  @Matches(PHONE, { message: 'must be a phone number, digits with an optional leading +' })
  phone?: string;
}

@InputType()
export class RegisterWorkerInput {
  @Field({ description: '16 digits; its region and birth date are checked against the other fields' })
  @Matches(NIK, { message: 'must be exactly 16 digits' })
  nik!: string;

  @Field()
  @IsString()
  @Matches(/\S/, { message: 'must not be blank' })
  @MaxLength(200)
  fullName!: string;

  @Field(() => SexEnum)
  @IsEnum(SexEnum)
  sex!: SexEnum;

  @Field(() => LocalDate)
  @IsString()
  dateOfBirth!: string;

  @Field({ description: 'Kemendagri 4-digit code, e.g. "6372"; the province follows from it' })
  @Matches(REGENCY_CODE, { message: 'must be a 4-digit Kemendagri regency code' })
  originRegencyCode!: string;

  @Field({ nullable: true })
  @IsOptional()
  @Matches(PHONE, { message: 'must be a phone number, digits with an optional leading +' })
  phone?: string;

  @Field({ nullable: true })
  @IsOptional()
  @Matches(PASSPORT, { message: 'must be 6 to 9 capital letters or digits' })
  passportNumber?: string;

  @Field(() => NextOfKinInput, { nullable: true })
  @IsOptional()
  @ValidateNested()
  @Type(() => NextOfKinInput)
  nextOfKin?: NextOfKinInput;
}

/** Every field optional: only those given change. NIK, sex and date of birth are checked together. */
@InputType()
export class UpdateWorkerInput extends PartialType(RegisterWorkerInput) {}

@InputType()
export class WorkerFilter {
  @Field({ nullable: true })
  @IsOptional()
  @Matches(REGENCY_CODE, { message: 'must be a 4-digit Kemendagri regency code' })
  originRegencyCode?: string;

  @Field({ nullable: true })
  @IsOptional()
  @Matches(PROVINCE_CODE, { message: 'must be a 2-digit Kemendagri province code' })
  originProvinceCode?: string;

  @Field({ nullable: true, description: 'Part of the name, any case' })
  @IsOptional()
  @IsString()
  @IsNotEmpty()
  @MaxLength(100)
  name?: string;
}

@ArgsType()
export class WorkersArgs extends PageArgs {
  @Field(() => WorkerFilter, { nullable: true })
  @IsOptional()
  @ValidateNested()
  @Type(() => WorkerFilter)
  filter?: WorkerFilter;
}
