import { ArgsType, Field, ID, Int, ObjectType } from '@nestjs/graphql';
import { IsInt, IsOptional, IsString, IsUUID, Max, MaxLength, Min } from 'class-validator';
import { Connection, MAX_PAGE_SIZE } from '#lintas/core';

@ObjectType('AuditEvent', {
  description:
    'One recorded change, as the hash chain holds it: every field the hash covers is here, so an ' +
    'auditor can recompute it',
})
export class AuditEventModel {
  @Field(() => ID)
  id!: string;

  @Field({ description: 'Position in the chain (a 64-bit integer, as text): the order of the trail' })
  sequence!: string;

  @Field({ description: 'What happened, e.g. "placement.departed"' })
  action!: string;

  @Field({ description: 'E.g. "placement", "worker", "alert"' })
  entityType!: string;

  @Field(() => ID)
  entityId!: string;

  @Field({ description: '"user", "api-key", "system" or "cli"' })
  actorType!: string;

  @Field(() => ID, { nullable: true, description: 'The user or API key; null for Lintas itself' })
  actorId!: string | null;

  @Field(() => String, { nullable: true, description: 'The request that made the change' })
  requestId!: string | null;

  @Field()
  occurredAt!: Date;

  @Field(() => String, {
    nullable: true,
    description: 'The recorded state before the change, as JSON text with sorted keys; null when created',
  })
  beforeJson!: string | null;

  @Field(() => String, {
    nullable: true,
    description: 'The recorded state after the change, as JSON text with sorted keys',
  })
  afterJson!: string | null;

  @Field({ description: 'The hash of the event before this one in the chain' })
  previousHash!: string;

  @Field({ description: 'SHA-256 of this event and the previous hash' })
  hash!: string;
}

export const AuditEventConnection = Connection(AuditEventModel, 'AuditEvent');

/** The trail is read in chain order and often whole: a larger default page than other lists. */
@ArgsType()
export class AuditTrailArgs {
  @Field(() => ID, { description: 'The id of the placement, worker, alert, … whose trail to read' })
  @IsUUID('all', { message: 'must be an id returned by this API' })
  entityId!: string;

  @Field(() => Int, { nullable: true, defaultValue: 50 })
  @IsInt()
  @Min(1)
  @Max(MAX_PAGE_SIZE)
  first = 50;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  after?: string;
}
