import { Global, Module } from '@nestjs/common';
import { QueueModule } from '#lintas/queue';
import { AccessAdministration } from './access-administration.js';
import { AgencyDirectory } from './agency/agency-directory.js';
import { ApiKeyRateLimit } from './api-key/api-key-rate-limit.js';
import { AccessCounters } from './auth/access-counters.js';
import { AccessTokens } from './auth/access-token.js';
import { AccessGuard } from './auth/access.guard.js';
import { Authenticator } from './auth/authenticator.js';
import { LoginThrottle } from './auth/login-throttle.js';
import { PasswordHasher } from './auth/password-hasher.js';
import { AccessResolver } from './graphql/access.resolver.js';
import { AuditTrailResolver } from './graphql/audit-trail.resolver.js';
import { AuditTrailService } from './graphql/audit-trail.service.js';
import { UserSessions } from './session/user-sessions.js';
import { UserPasswords } from './user/user-passwords.js';

/**
 * Users, sessions, API keys, agencies and the guard every resolver sits behind. The login and
 * API key counters live in Redis, through the queue library's connections (opened on first use).
 */
@Global()
@Module({
  imports: [QueueModule],
  providers: [
    PasswordHasher,
    AccessTokens,
    AccessCounters,
    LoginThrottle,
    ApiKeyRateLimit,
    UserSessions,
    UserPasswords,
    Authenticator,
    AccessGuard,
    AccessAdministration,
    AgencyDirectory,
  ],
  exports: [Authenticator, AccessGuard, AccessAdministration, AgencyDirectory, UserSessions, UserPasswords],
})
export class AccessModule {}

/** The GraphQL operations of access, and the audit trail read for oversight; only the API imports this. */
@Module({ providers: [AccessResolver, AuditTrailResolver, AuditTrailService] })
export class AccessGraphqlModule {}
