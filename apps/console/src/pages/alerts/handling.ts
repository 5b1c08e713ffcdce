import type { Principal } from '../../api/session-store';
import type { Role } from '../../gql/graphql';

/** The API's limit on a resolution note (resolveAlert). */
export const NOTE_MAX_LENGTH = 2000;

/** Who may acknowledge, assign and resolve alerts; auditors and partners read them only (as the API decides). */
const ALERT_HANDLERS: readonly Role[] = ['ADMIN', 'OFFICER', 'LABOUR_OFFICER', 'CASE_HANDLER'];

export function canHandleAlerts(principal: Pick<Principal, 'roles'> | undefined): boolean {
  return principal?.roles.some((role) => ALERT_HANDLERS.includes(role)) ?? false;
}

/** What is wrong with a resolution note before it is sent: the API refuses an empty or a too long one. */
export function noteProblem(note: string): 'noteRequired' | 'noteTooLong' | undefined {
  const trimmed = note.trim();
  if (!trimmed) return 'noteRequired';
  if (trimmed.length > NOTE_MAX_LENGTH) return 'noteTooLong';
  return undefined;
}
