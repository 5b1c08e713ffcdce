import { ArgsType, Field, ID, Int, ObjectType } from '@nestjs/graphql';
import { Connection, IsLintasId, PageArgs } from '#lintas/core';

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

@ArgsType()
export class AuditTrailArgs extends PageArgs {
  @Field(() => ID, { description: 'The id of the placement, worker, alert, … whose trail to read' })
  @IsLintasId()
  entityId!: string;

  /**
   * The trail is read in chain order and often whole: a larger default page than other lists. The
   * page-size checks are PageArgs'; the GraphQL default and the initializer must agree (Nest refuses
   * a schema where they differ).
   */
  @Field(() => Int, { nullable: true, defaultValue: 50 })
  override first = 50;
}
