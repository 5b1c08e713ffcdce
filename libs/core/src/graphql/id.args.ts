import { ArgsType, Field, ID, Int } from '@nestjs/graphql';
import { IsInt, IsOptional, IsUUID, Min } from 'class-validator';

/** An id Lintas issued: a malformed one is bad input rather than a database error. */
export const IsLintasId = (): PropertyDecorator =>
  IsUUID('all', { message: 'must be an id returned by this API' });

/** `id: ID!` — checked here, so a malformed id is bad input rather than a database error. */
@ArgsType()
export class IdArgs {
  @Field(() => ID)
  @IsLintasId()
  id!: string;
}

/** `id: ID!, version: Int`: a change to the record of that id, guarded by the version when given. */
@ArgsType()
export class VersionedIdArgs extends IdArgs {
  @Field(() => Int, {
    nullable: true,
    description: 'The version you read; when given, a change made meanwhile answers CONFLICT',
  })
  @IsOptional()
  @IsInt()
  @Min(1)
  version?: number;
}
