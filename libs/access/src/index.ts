export {
  AccessAdministration,
  type NewAgency,
  type NewApiKey,
  type NewUser,
} from './access-administration.js';
export { AccessGraphqlModule, AccessModule } from './access.module.js';
export { Agency } from './agency/agency.entity.js';
export { AgencyDirectory, type AgencySummary } from './agency/agency-directory.js';
export { AgencyModel } from './graphql/access.models.js';
export { ApiKey } from './api-key/api-key.entity.js';
export {
  AccessGuard,
  Allow,
  CurrentPrincipal,
  principalIn,
  Public,
  type AccessContext,
} from './auth/access.guard.js';
export { Authenticator, credentialsOf, jurisdictionOf, type Credentials } from './auth/authenticator.js';
export { PasswordHasher } from './auth/password-hasher.js';
export { auditActor, type Jurisdiction, type Principal } from './auth/principal.js';
export { AgencyKind, READERS, Role, parseRoles } from './roles.js';
export {
  isWithinJurisdiction,
  jurisdictionCondition,
  placementOriginScope,
  placementScope,
  referralScope,
  workerScope,
  type ScopeCondition,
} from './scope/jurisdiction-scope.js';
export { UserAccount } from './user/user-account.entity.js';

import { Agency as AgencyEntity } from './agency/agency.entity.js';
import { ApiKey as ApiKeyEntity } from './api-key/api-key.entity.js';
import { RefreshToken as RefreshTokenEntity } from './session/refresh-token.entity.js';
import { UserSession as UserSessionEntity } from './session/user-session.entity.js';
import { UserAccount as UserAccountEntity } from './user/user-account.entity.js';

export const accessEntities = [
  AgencyEntity,
  UserAccountEntity,
  ApiKeyEntity,
  UserSessionEntity,
  RefreshTokenEntity,
];
