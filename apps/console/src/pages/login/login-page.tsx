import { useState, type FormEvent, type ReactNode } from 'react';
import { ApiError } from '../../api/api-error';
import { sessionStore, type Session } from '../../api/session-store';
import { postGraphQL } from '../../api/transport';
import { graphql } from '../../gql';
import { fill, setLocale, useLocale, useMessages } from '../../i18n/locale';
import { ErrorNotice } from '../../ui/error-notice';
import { TextField } from '../../ui/field';
import { login } from './messages';

const LOGIN = graphql(`
  mutation Login($username: String!, $password: String!) {
    login(username: $username, password: $password) {
      ...SessionFields
    }
  }
`);

/** Masuk: the officer's username and password; a wrong one, a lockout and an outage each say so. */
export function LoginPage(): ReactNode {
  const text = useMessages(login);
  const locale = useLocale();
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [submitted, setSubmitted] = useState(false);
  const [running, setRunning] = useState(false);
  const [error, setError] = useState<ApiError>();

  const submit = async (event: FormEvent): Promise<void> => {
    event.preventDefault();
    setSubmitted(true);
    if (!username || !password) return;
    setRunning(true);
    setError(undefined);
    try {
      const data = (await postGraphQL(LOGIN.toString(), { username, password }, undefined)) as {
        login: Session;
      };
      sessionStore.signIn(data.login);
    } catch (caught) {
      setError(caught instanceof ApiError ? caught : new ApiError('INTERNAL', String(caught)));
      setPassword('');
      setSubmitted(false);
    } finally {
      setRunning(false);
    }
  };

  const refusal =
    error?.code === 'UNAUTHENTICATED'
      ? text.UNAUTHENTICATED
      : error?.code === 'RATE_LIMITED'
        ? fill(text.locked, { minutes: Math.max(1, Math.ceil((error.retryAfterSeconds ?? 60) / 60)) })
        : undefined;

  return (
    <main className="login" id="content">
      <form className="card login-card" onSubmit={(event) => void submit(event)} noValidate>
        <div className="login-heading">
          <h1>{text.title}</h1>
          <select
            aria-label="Bahasa / Language"
            value={locale}
            onChange={(event) => setLocale(event.target.value === 'en' ? 'en' : 'id')}
          >
            <option value="id">Bahasa Indonesia</option>
            <option value="en">English</option>
          </select>
        </div>
        <p className="muted">{text.intro}</p>
        {sessionStore.reason() === 'expired' && !error && <p className="notice">{text.expired}</p>}
        {refusal ? (
          <div className="notice notice-error" role="alert">
            <p>{refusal}</p>
          </div>
        ) : (
          <ErrorNotice error={error} />
        )}
        <TextField
          label={text.username}
          name="username"
          autoComplete="username"
          autoCapitalize="none"
          spellCheck={false}
          value={username}
          onChange={(event) => setUsername(event.target.value.trim())}
          error={submitted && !username ? text.required : undefined}
        />
        <TextField
          label={text.password}
          name="password"
          type="password"
          autoComplete="current-password"
          value={password}
          onChange={(event) => setPassword(event.target.value)}
          error={submitted && !password ? text.required : undefined}
        />
        <button type="submit" className="button primary" disabled={running}>
          {running ? text.submitting : text.submit}
        </button>
      </form>
    </main>
  );
}
