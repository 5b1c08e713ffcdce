import { ArgsType, Field, ID, InputType } from '@nestjs/graphql';
import { plainToInstance, Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsBoolean,
  IsDate,
  IsEnum,
  IsOptional,
  IsString,
  Matches,
  MaxLength,
  ValidateNested,
  validate,
} from 'class-validator';
import { CountryCode, LocalDate, type FieldError, IsLintasId } from '#lintas/core';
import { PlacementVersionArgs } from '#lintas/pre-placement';
import { SexEnum } from '#lintas/registry';
import { ContactChannel, PartnerStatus, TraffickingIndicator } from './placement-abroad.enums.js';

/** The most contacts one recordWelfareContacts call takes. */
export const MAX_CONTACTS_PER_BATCH = 500;

@InputType()
export class EmployerInput {
  @Field()
  @IsString()
  @Matches(/\S/, { message: 'must not be blank' })
  @MaxLength(200)
  name!: string;
}

@ArgsType()
export class ConfirmArrivalArgs extends PlacementVersionArgs {
  @Field()
  @IsDate()
  arrivedAt!: Date;

  @Field(() => EmployerInput, { nullable: true })
  @IsOptional()
  @ValidateNested()
  @Type(() => EmployerInput)
  employer?: EmployerInput;
}

@InputType()
export class PlacementStatusInput {
  @Field(() => PartnerStatus)
  @IsEnum(PartnerStatus)
  status!: PartnerStatus;

  @Field({ description: 'When the status took effect; may be in the past' })
  @IsDate()
  effectiveAt!: Date;

  @Field({ nullable: true })
  @IsOptional()
  @IsString()
  @MaxLength(4000)
  note?: string;

  @Field(() => EmployerInput, { nullable: true, description: 'The new employer, with EMPLOYER_CHANGED' })
  @IsOptional()
  @ValidateNested()
  @Type(() => EmployerInput)
  employer?: EmployerInput;
}

@InputType()
export class WelfareContactInput {
  @Field({ description: 'When the contact happened; may be backdated, never in the future' })
  @IsDate()
  contactedAt!: Date;

  @Field(() => ContactChannel)
  @IsEnum(ContactChannel)
  channel!: ContactChannel;

  @Field()
  @IsBoolean()
  reachedWorker!: boolean;

  @Field({ nullable: true })
  @IsOptional()
  @IsString()
  @MaxLength(500)
  location?: string;

  @Field({ nullable: true })
  @IsOptional()
  @IsString()
  @MaxLength(4000)
  wellbeing?: string;

  @Field(() => [TraffickingIndicator], { nullable: true })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(Object.keys(TraffickingIndicator).length)
  @IsEnum(TraffickingIndicator, { each: true })
  indicators?: TraffickingIndicator[];

  @Field({ nullable: true })
  @IsOptional()
  @IsString()
  @MaxLength(4000)
  note?: string;

  @Field(() => ID, { nullable: true, description: 'The earlier contact this one corrects' })
  @IsOptional()
  @IsLintasId()
  corrects?: string;
}

@InputType()
export class WelfareContactBatchItem extends WelfareContactInput {
  @Field(() => ID)
  @IsLintasId()
  placementId!: string;
}

/**
 * The list is checked for its size only: each item is validated on its own in the service, so one
 * bad item is answered by its index and does not spoil the others.
 */
@ArgsType()
export class RecordWelfareContactsArgs {
  @Field(() => [WelfareContactBatchItem])
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(MAX_CONTACTS_PER_BATCH)
  contacts!: WelfareContactBatchItem[];
}

/** An embassy or partner meets a worker Lintas may never have seen: what it knows of them. */
@InputType()
export class ReportWorkerAbroadInput {
  @Field({ nullable: true, description: 'When known: a registered worker is matched by it' })
  @IsOptional()
  @Matches(/^\d{16}$/, { message: 'must be exactly 16 digits' })
  nik?: string;

  @Field()
  @IsString()
  @Matches(/\S/, { message: 'must not be blank' })
  @MaxLength(200)
  fullName!: string;

  @Field(() => SexEnum, { nullable: true, description: 'Follows from the NIK when one is given' })
  @IsOptional()
  @IsEnum(SexEnum)
  sex?: SexEnum;

  @Field(() => LocalDate, {
    nullable: true,
    description: 'Required for a worker Lintas does not know; matches a second report without a NIK',
  })
  @IsOptional()
  @IsString()
  dateOfBirth?: string;

  @Field(() => CountryCode, { description: 'Where the worker was found: one of your countries' })
  @IsString()
  destination!: string;

  @Field({ description: 'When the worker was met; never in the future' })
  @IsDate()
  foundAt!: Date;

  @Field({ description: 'How the worker came to you: a shelter walk-in, a deportation, …' })
  @IsString()
  @Matches(/\S/, { message: 'must not be blank' })
  @MaxLength(4000)
  circumstances!: string;

  @Field(() => [TraffickingIndicator], { nullable: true })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(Object.keys(TraffickingIndicator).length)
  @IsEnum(TraffickingIndicator, { each: true })
  indicators?: TraffickingIndicator[];

  @Field(() => PartnerStatus, { nullable: true, description: 'The worker’s status as you found them' })
  @IsOptional()
  @IsEnum(PartnerStatus)
  status?: PartnerStatus;
}

/** One batch item as the validation pipe would check it, with paths from the list: `contacts.3.channel`. */
export async function batchItemProblems(item: object, index: number): Promise<FieldError[]> {
  const errors = await validate(plainToInstance(WelfareContactBatchItem, item), {
    forbidUnknownValues: false,
  });
  return errors.flatMap((error) =>
    Object.values(error.constraints ?? {}).map((message) => ({
      path: `contacts.${index}.${error.property}`,
      message: message.startsWith(`${error.property} `) ? message.slice(error.property.length + 1) : message,
    })),
  );
}
