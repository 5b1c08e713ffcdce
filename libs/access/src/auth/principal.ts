import type { AuditActor } from '#lintas/audit';
import type { AgencyKind, Role } from '../roles.js';

/** Where a principal may look: origin provinces and regencies, or destination countries. */
export interface Jurisdiction {
  national: boolean;
  provinceCodes: string[];
  regencyCodes: string[];
  countryCodes: string[];
}

/** Who is calling — a logged-in user or an API key — with roles and jurisdiction. */
export interface Principal {
  kind: 'user' | 'api-key';
  id: string;
  name: string;
  roles: Role[];
  agency: {
    id: string;
    code: string;
    name: string;
    kind: AgencyKind;
    provinceCodes: string[];
    regencyCodes: string[];
    countryCodes: string[];
  };
  jurisdiction: Jurisdiction;
  /** The login session a user's token belongs to (logout ends it); an API key has none. */
  sessionId?: string;
}

export function auditActor(principal: Principal): AuditActor {
  return { type: principal.kind, id: principal.id };
}
