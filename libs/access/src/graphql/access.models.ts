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

@ObjectType('Session', {
  description:
    'A login: a short-lived access token, and a refresh token that renews it (refreshSession) until ' +
    'the session ends at refreshTokenExpiresAt, at logout, or at a password change from another session',
})
export class SessionModel {
  @Field({ description: 'Send as "Authorization: Bearer <accessToken>"' })
  accessToken!: string;

  @Field({ description: 'When the access token stops working: refresh the session before then' })
  expiresAt!: Date;

  @Field({
    description:
      'Exchange it once, with refreshSession, for the next one; keep it secret. Presenting one already ' +
      'exchanged ends the whole session',
  })
  refreshToken!: string;

  @Field({ description: 'When the session ends, whatever is refreshed: then log in again' })
  refreshTokenExpiresAt!: Date;

  @Field(() => PrincipalModel)
  principal!: PrincipalModel;
}
