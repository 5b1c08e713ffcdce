import { ArgsType, Field, ID } from '@nestjs/graphql';
import { IsUUID } from 'class-validator';

/** `id: ID!` — checked here, so a malformed id is bad input rather than a database error. */
@ArgsType()
export class IdArgs {
  @Field(() => ID)
  @IsUUID('all', { message: 'must be an id returned by this API' })
  id!: string;
}
