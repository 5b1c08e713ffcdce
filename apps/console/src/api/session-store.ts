import { graphql } from '../gql';
import type { SessionFieldsFragment } from '../gql/graphql';
import { ApiError } from './api-error';
import { postGraphQL } from './transport';

export type Session = SessionFieldsFragment;
export type Principal = Session['principal'];

// What a login or a refresh answers; the operations below spread it (the generated documents carry it).
graphql(`
  fragment SessionFields on Session {
    accessToken
    expiresAt
    refreshToken
    refreshTokenExpiresAt
    principal {
      id
      name
      kind
      roles
      agency {
        id
        code
        name
        kind
        provinceCodes
        regencyCodes
        countryCodes
      }
    }
  }
`);

const REFRESH_SESSION = graphql(`
  mutation RefreshSession($refreshToken: String!) {
    refreshSession(refreshToken: $refreshToken) {
      ...SessionFields
    }
  }
`);

/** Refreshed this long before the access token expires, so a request on a slow link does not carry a dead token. */
const REFRESH_MARGIN_MS = 60_000;
const STORAGE_KEY = 'lintas.session';

/** Why the officer is back at the login page. */
export type SignOutReason = 'logout' | 'expired';

type Listener = () => void;

/**
 * The officer's session, kept in this tab's sessionStorage: each tab holds its own session, so
 * tabs never race to exchange the same refresh token (each works once; a second use ends the
 * session). A closed tab forgets it. One refresh at a time: concurrent requests share it.
 */
class SessionStore {
  private session: Session | null = read();
  private refreshing: Promise<string | undefined> | null = null;
  private readonly listeners = new Set<Listener>();
  private lastReason: SignOutReason | null = null;

  current(): Session | null {
    return this.session;
  }

  reason(): SignOutReason | null {
    return this.lastReason;
  }

  subscribe(listener: Listener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  signIn(session: Session): void {
    this.lastReason = null;
    this.refreshing = null;
    this.set(session);
  }

  signOut(reason: SignOutReason): void {
    this.lastReason = reason;
    this.refreshing = null;
    this.set(null);
  }

  /** A working access token: the current one, or the next one when it is about to expire. */
  async accessToken(): Promise<string | undefined> {
    const session = this.session;
    if (!session) return undefined;
    if (Date.parse(session.expiresAt) - Date.now() > REFRESH_MARGIN_MS) return session.accessToken;
    return this.refresh();
  }

  /** Exchanges the refresh token once, for every caller waiting on it; signs out if the session is over. */
  refresh(): Promise<string | undefined> {
    this.refreshing ??= this.exchange().finally(() => {
      this.refreshing = null;
    });
    return this.refreshing;
  }

  private async exchange(): Promise<string | undefined> {
    const session = this.session;
    if (!session) return undefined;
    try {
      const data = (await postGraphQL(
        REFRESH_SESSION.toString(),
        { refreshToken: session.refreshToken },
        undefined,
      )) as {
        refreshSession: Session;
      };
      // Signed out, or another officer signed in on this tab, while the answer was on its way: the
      // session it renews is gone, and must not come back in place of what is there now.
      if (this.session !== session) return this.session?.accessToken;
      this.set(data.refreshSession);
      return data.refreshSession.accessToken;
    } catch (error) {
      if (this.session !== session) return this.session?.accessToken;
      // A network failure keeps the session: the next request tries again. A refusal ends it.
      if (error instanceof ApiError && error.code !== 'NETWORK' && error.code !== 'SERVICE_UNAVAILABLE') {
        this.signOut('expired');
        return undefined;
      }
      throw error;
    }
  }

  private set(session: Session | null): void {
    this.session = session;
    if (session) sessionStorage.setItem(STORAGE_KEY, JSON.stringify(session));
    else sessionStorage.removeItem(STORAGE_KEY);
    for (const listener of this.listeners) listener();
  }
}

function read(): Session | null {
  try {
    const stored = sessionStorage.getItem(STORAGE_KEY);
    const session = stored ? (JSON.parse(stored) as Session) : null;
    return session && Date.parse(session.refreshTokenExpiresAt) > Date.now() ? session : null;
  } catch {
    return null;
  }
}

export const sessionStore = new SessionStore();
