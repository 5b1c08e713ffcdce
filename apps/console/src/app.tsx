import { Suspense, useEffect, type ReactNode } from 'react';
import { useSession } from './api/client';
import { useMessages } from './i18n/locale';
import { LoginPage } from './pages/login/login-page';
import { redirectOf } from './route-match';
import { matchPath, navigate, useLocation } from './router';
import { Layout } from './shell/layout';
import { shell } from './shell/messages';
import { ROUTES } from './shell/routes';
import { common } from './ui/messages';

/** Where an officer lands after signing in, and where `/` leads. */
const HOME = '/peringatan';
const LOGIN = '/masuk';

export function App(): ReactNode {
  const session = useSession();
  const { path, search } = useLocation();
  const text = useMessages(shell);
  const commonText = useMessages(common);

  useEffect(() => {
    // Signed out (or the session ended): to the login page, coming back here afterwards.
    if (!session && path !== LOGIN)
      navigate(`${LOGIN}?kembali=${encodeURIComponent(path + location.search)}`, { replace: true });
    if (session && (path === LOGIN || path === '/'))
      navigate(safeReturn(search.get('kembali')) ?? HOME, { replace: true });
    const redirect = session ? redirectOf(path) : undefined;
    if (redirect) navigate(redirect, { replace: true });
  }, [session, path, search]);

  if (!session) return path === LOGIN ? <LoginPage /> : null;
  const found = ROUTES.map((route) => ({ route, params: matchPath(route.path, path) })).find(
    (match) => match.params,
  );
  return (
    <Layout section={found?.route.section}>
      <Suspense fallback={<p className="muted">{commonText.loading}</p>}>
        {/* Keyed by path: another placement's page starts afresh, not with the last one's drafts. */}
        {found?.params ? (
          <found.route.page key={path} params={found.params} />
        ) : redirectOf(path) ? null : (
          <p>{text.notFound}</p>
        )}
      </Suspense>
    </Layout>
  );
}

/** Only a path of this console: a `kembali` parameter pointing elsewhere is ignored. */
function safeReturn(target: string | null): string | undefined {
  return target && target.startsWith('/') && !target.startsWith('//') && !target.startsWith(LOGIN)
    ? target
    : undefined;
}
