import { Field, InputType } from '@nestjs/graphql';
import { Transform } from 'class-transformer';
import { IsOptional, IsString, Matches, ValidateBy, type ValidationOptions } from 'class-validator';
import { CountryCode, isCalendarDate, LocalDate } from '#lintas/core';

/**
 * A calendar date as the `Date` scalar takes it. GraphQL checks it in the scalar already; the CSV
 * route reads query-string text, and this class is how both answer the same bad input the same way.
 */
function IsCalendarDate(options?: ValidationOptions): PropertyDecorator {
  return ValidateBy(
    {
      name: 'isCalendarDate',
      validator: {
        validate: (value: unknown) => typeof value === 'string' && isCalendarDate(value),
        defaultMessage: () => 'must be a calendar date in the form YYYY-MM-DD',
      },
    },
    options,
  );
}

const upperCase = ({ value }: { value: unknown }): unknown =>
  typeof value === 'string' ? value.toUpperCase() : value;

/**
 * What the statistics count: a period of WIB calendar days and a part of the map. Every field
 * narrows the figures; the caller's jurisdiction always applies on top, so a filter outside it
 * answers zeros, never another agency's figures. Shared by the GraphQL query and the CSV route.
 */
@InputType()
export class StatisticsFilter {
  @Field(() => LocalDate, {
    nullable: true,
    description: 'The first day counted (WIB); without it, counting starts at the first record',
  })
  @IsOptional()
  @IsString()
  @IsCalendarDate()
  from?: string;

  @Field(() => LocalDate, {
    nullable: true,
    description: 'The last day counted (WIB), inclusive; today by default',
  })
  @IsOptional()
  @IsString()
  @IsCalendarDate()
  to?: string;

  @Field({ nullable: true, description: "The workers' province of origin (Kemendagri code)" })
  @IsOptional()
  @Matches(/^\d{2}$/, { message: 'must be a 2-digit Kemendagri province code' })
  provinceCode?: string;

  @Field({ nullable: true, description: "The workers' regency of origin (Kemendagri code)" })
  @IsOptional()
  @Matches(/^\d{4}$/, { message: 'must be a 4-digit Kemendagri regency code' })
  regencyCode?: string;

  @Field(() => CountryCode, { nullable: true, description: 'The destination country' })
  @IsOptional()
  @Transform(upperCase)
  @Matches(/^[A-Z]{2}$/, { message: 'must be an ISO 3166-1 alpha-2 country code, e.g. "SA"' })
  destination?: string;
}

/** The filter's fields, as the CSV route accepts them for query parameters. */
export const STATISTICS_FILTER_FIELDS = ['from', 'to', 'provinceCode', 'regencyCode', 'destination'] as const;
