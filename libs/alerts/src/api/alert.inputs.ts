import { ArgsType, Field, ID, InputType } from '@nestjs/graphql';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsDate,
  IsEnum,
  IsOptional,
  IsString,
  Matches,
  MaxLength,
  ValidateNested,
} from 'class-validator';
import { PageArgs, VersionedIdArgs, IsLintasId } from '#lintas/core';
import { AlertKind, AlertSeverity, AlertStatus } from '../model/alert.enums.js';

/** A resolution note says what was done; a case file belongs elsewhere. */
export const MAX_NOTE_LENGTH = 2000;

/**
 * Every field narrows the list. The enum fields take any of several values (`status: [OPEN,
 * ACKNOWLEDGED]` is the work still to do); GraphQL accepts a single value for a list as well.
 */
@InputType()
export class AlertFilter {
  @Field(() => [AlertKind], { nullable: true, description: 'Any of these kinds' })
  @IsOptional()
  @ArrayMaxSize(Object.keys(AlertKind).length)
  @IsEnum(AlertKind, { each: true })
  kind?: AlertKind[];

  @Field(() => [AlertSeverity], { nullable: true, description: 'Any of these severities' })
  @IsOptional()
  @ArrayMaxSize(Object.keys(AlertSeverity).length)
  @IsEnum(AlertSeverity, { each: true })
  severity?: AlertSeverity[];

  @Field(() => [AlertStatus], { nullable: true, description: 'Any of these statuses' })
  @IsOptional()
  @ArrayMaxSize(Object.keys(AlertStatus).length)
  @IsEnum(AlertStatus, { each: true })
  status?: AlertStatus[];

  @Field(() => ID, { nullable: true, description: 'Alerts routed to this agency' })
  @IsOptional()
  @IsLintasId()
  agencyId?: string;

  @Field(() => ID, { nullable: true })
  @IsOptional()
  @IsLintasId()
  placementId?: string;

  @Field(() => ID, { nullable: true, description: 'Alerts assigned to this user' })
  @IsOptional()
  @IsLintasId()
  assigneeId?: string;

  @Field({ nullable: true, description: 'Raised at or after' })
  @IsOptional()
  @IsDate()
  raisedFrom?: Date;

  @Field({ nullable: true, description: 'Raised before' })
  @IsOptional()
  @IsDate()
  raisedTo?: Date;
}

@ArgsType()
export class AlertsArgs extends PageArgs {
  @Field(() => AlertFilter, { nullable: true })
  @IsOptional()
  @ValidateNested()
  @Type(() => AlertFilter)
  filter?: AlertFilter;
}

@ArgsType()
export class AssignAlertArgs extends VersionedIdArgs {
  @Field(() => ID, { description: 'An active user whose agency’s jurisdiction covers the alert' })
  @IsLintasId()
  userId!: string;
}

@ArgsType()
export class ResolveAlertArgs extends VersionedIdArgs {
  @Field({ description: `What was done, at most ${MAX_NOTE_LENGTH} characters` })
  @IsString()
  @Matches(/\S/, { message: 'must not be blank' })
  @MaxLength(MAX_NOTE_LENGTH)
  note!: string;
}
