import { Args, Mutation, Query, Resolver } from '@nestjs/graphql';
import { AgencyDirectory } from '../agency/agency-directory.js';
import type { Agency } from '../agency/agency.entity.js';
import { Allow, CurrentPrincipal, Public } from '../auth/access.guard.js';
import { Authenticator } from '../auth/authenticator.js';
import type { Principal } from '../auth/principal.js';
import { READERS } from '../roles.js';
import { AgencyModel, PrincipalModel, SessionModel } from './access.models.js';

@Resolver()
export class AccessResolver {
  constructor(
    private readonly authenticator: Authenticator,
    private readonly agencyDirectory: AgencyDirectory,
  ) {}

  @Public()
  @Mutation(() => SessionModel, { description: 'Exchanges a username and password for a short-lived token' })
  login(@Args('username') username: string, @Args('password') password: string): Promise<SessionModel> {
    return this.authenticator.login(username, password);
  }

  @Allow(...READERS)
  @Query(() => PrincipalModel)
  async me(@CurrentPrincipal() principal: Principal): Promise<PrincipalModel> {
    return principal;
  }

  @Allow(...READERS)
  @Query(() => [AgencyModel], { description: 'The directory of agencies that receive alerts and referrals' })
  agencies(): Promise<Agency[]> {
    return this.agencyDirectory.list();
  }
}
