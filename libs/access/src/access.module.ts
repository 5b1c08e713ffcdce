import { Global, Module } from '@nestjs/common';
import { AccessAdministration } from './access-administration.js';
import { AgencyDirectory } from './agency/agency-directory.js';
import { AccessTokens } from './auth/access-token.js';
import { AccessGuard } from './auth/access.guard.js';
import { Authenticator } from './auth/authenticator.js';
import { PasswordHasher } from './auth/password-hasher.js';
import { AccessResolver } from './graphql/access.resolver.js';
import { AuditTrailResolver } from './graphql/audit-trail.resolver.js';
import { AuditTrailService } from './graphql/audit-trail.service.js';

/** Users, API keys, agencies and the guard every resolver sits behind. */
@Global()
@Module({
  providers: [
    PasswordHasher,
    AccessTokens,
    Authenticator,
    AccessGuard,
    AccessAdministration,
    AgencyDirectory,
  ],
  exports: [Authenticator, AccessGuard, AccessAdministration, AgencyDirectory],
})
export class AccessModule {}

/** The GraphQL operations of access, and the audit trail read for oversight; only the API imports this. */
@Module({ providers: [AccessResolver, AuditTrailResolver, AuditTrailService] })
export class AccessGraphqlModule {}
