import type { ReactNode } from 'react';
import { useSession } from '../api/client';
import { sessionStore } from '../api/session-store';
import { postGraphQL } from '../api/transport';
import { useDates } from '../format/dates';
import { graphql } from '../gql';
import { fill, setLocale, useLocale, useMessages } from '../i18n/locale';
import { Link } from '../router';
import { shell } from './messages';
import { NAVIGATION } from './routes';

const LOGOUT = graphql(`
  mutation Logout {
    logout
  }
`);

/** The frame of every signed-in page: who is signed in, the language, the zone, the left navigation. */
export function Layout({
  section,
  children,
}: {
  section: string | undefined;
  children: ReactNode;
}): ReactNode {
  const text = useMessages(shell);
  const locale = useLocale();
  const session = useSession();
  const { zone } = useDates();
  const logout = (): void => {
    // The session ends here whatever the API answers; the API ends it too when it can be reached.
    // Sent with the token as it is, never refreshed first: a refresh answering after the sign-out
    // would have nothing to renew.
    const token = sessionStore.current()?.accessToken;
    sessionStore.signOut('logout');
    postGraphQL(LOGOUT.toString(), {}, token).catch(() => undefined);
  };
  return (
    <div className="shell">
      <a className="skip-link" href="#content">
        {text.skip}
      </a>
      <header className="topbar">
        <span className="brand">Lintas</span>
        <span className="who">
          {session?.principal.name}
          <span className="muted"> · {session?.principal.agency.name}</span>
        </span>
        <span className="muted zone">{fill(text.timeZone, { zone })}</span>
        <label className="language">
          <span className="visually-hidden">{text.language}</span>
          <select value={locale} onChange={(event) => setLocale(event.target.value === 'en' ? 'en' : 'id')}>
            <option value="id">Bahasa Indonesia</option>
            <option value="en">English</option>
          </select>
        </label>
        <button type="button" className="button secondary" onClick={logout}>
          {text.logout}
        </button>
      </header>
      <nav className="sidebar" aria-label={text.navigation}>
        <ul>
          {NAVIGATION.map((entry) => (
            <li key={entry.to}>
              <Link to={entry.to} aria-current={entry.section === section ? 'page' : undefined}>
                {text[entry.section]}
              </Link>
            </li>
          ))}
        </ul>
      </nav>
      <main id="content" className="content" tabIndex={-1}>
        {children}
      </main>
    </div>
  );
}
