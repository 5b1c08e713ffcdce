import { Args, Context, Mutation, Query, Resolver } from '@nestjs/graphql';
import { AgencyDirectory } from '../agency/agency-directory.js';
import type { Agency } from '../agency/agency.entity.js';
import { Allow, CurrentPrincipal, Public } from '../auth/access.guard.js';
import { Authenticator, type Credentials } from '../auth/authenticator.js';
import type { Principal } from '../auth/principal.js';
import { READERS } from '../roles.js';
import { UserSessions } from '../session/user-sessions.js';
import { UserPasswords } from '../user/user-passwords.js';
import { AgencyModel, PrincipalModel, SessionModel } from './access.models.js';

@Resolver()
export class AccessResolver {
  constructor(
    private readonly authenticator: Authenticator,
    private readonly sessions: UserSessions,
    private readonly passwords: UserPasswords,
    private readonly agencyDirectory: AgencyDirectory,
  ) {}

  @Public()
  @Mutation(() => SessionModel, {
    description:
      'Exchanges a username and password for a session. Repeated failures lock the username, and an ' +
      'address, for a while: RATE_LIMITED with extensions.retryAfterSeconds',
  })
  login(
    @Args('username') username: string,
    @Args('password') password: string,
    @Context('credentials') credentials: Credentials,
  ): Promise<SessionModel> {
    return this.authenticator.login(username, password, credentials.address);
  }

  @Public()
  @Mutation(() => SessionModel, {
    description:
      'Exchanges the refresh token of a session for new access and refresh tokens; the one given is used up',
  })
  refreshSession(@Args('refreshToken') refreshToken: string): Promise<SessionModel> {
    return this.authenticator.refresh(refreshToken);
  }

  @Allow(...READERS)
  @Mutation(() => Boolean, {
    description: 'Ends your session: its access and refresh tokens are refused from now on. Users only',
  })
  async logout(@CurrentPrincipal() principal: Principal): Promise<boolean> {
    await this.sessions.logout(principal);
    return true;
  }

  @Allow(...READERS)
  @Mutation(() => Boolean, {
    description:
      'Replaces your password and ends your other sessions; this one stays. At least 12 characters, not ' +
      'your username, not a well-known password or keyboard pattern. Users only',
  })
  async changePassword(
    @CurrentPrincipal() principal: Principal,
    @Args('currentPassword') currentPassword: string,
    @Args('newPassword') newPassword: string,
    @Context('credentials') credentials: Credentials,
  ): Promise<boolean> {
    await this.passwords.change(principal, currentPassword, newPassword, credentials.address);
    return true;
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
