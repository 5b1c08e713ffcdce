import { Field, ID, ObjectType } from '@nestjs/graphql';
import { AgencyKind, Role } from '../roles.js';

@ObjectType('Agency')
export class AgencyModel {
  @Field(() => ID)
  id!: string;

  @Field()
  code!: string;

  @Field()
  name!: string;

  @Field(() => AgencyKind)
  kind!: AgencyKind;

  @Field(() => [String], { description: 'Kemendagri province codes the agency covers' })
  provinceCodes!: string[];

  @Field(() => [String], { description: 'Kemendagri regency codes the agency covers' })
  regencyCodes!: string[];

  @Field(() => [String], { description: 'ISO 3166-1 alpha-2 destination countries the agency covers' })
  countryCodes!: string[];
}

@ObjectType('Principal', { description: 'Who is calling: a user or an API key, with roles and agency' })
export class PrincipalModel {
  @Field(() => ID)
  id!: string;

  @Field({ description: '"user" or "api-key"' })
  kind!: string;

  @Field()
  name!: string;

  @Field(() => [Role])
  roles!: Role[];

  @Field(() => AgencyModel)
  agency!: AgencyModel;
}

@ObjectType('Session')
export class SessionModel {
  @Field({ description: 'Send as "Authorization: Bearer <accessToken>"' })
  accessToken!: string;

  @Field()
  expiresAt!: Date;

  @Field(() => PrincipalModel)
  principal!: PrincipalModel;
}
