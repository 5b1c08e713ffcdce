import type { Role } from '../../gql/graphql';

/** Whether the signed-in person may change a placement as its officer: an officer, or an administrator. */
export function isOfficer(roles: readonly Role[]): boolean {
  return roles.includes('OFFICER') || roles.includes('ADMIN');
}
