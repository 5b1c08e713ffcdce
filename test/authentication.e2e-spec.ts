import { createHash, randomBytes } from 'node:crypto';
import { request as httpRequestOf, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { getDataSourceToken } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { Clock } from '#lintas/core';
import { createApi } from '../apps/api/src/create-api.js';
import { acknowledgedSubscription, liveClient } from './support/live-connection.js';
import { eventually } from './support/eventually.js';
import { agencyWithUser, cli, embassyKey, type Officer } from './support/factories.js';
import { TcpProxy } from './support/tcp-proxy.js';
import {
  bearer,
  useTestEnvironment,
  type GraphqlResponse,
  type TestEnvironment,
} from './support/test-api.js';

const LOGIN = `mutation Login($username: String!, $password: String!) {
  login(username: $username, password: $password) {
    accessToken expiresAt refreshToken refreshTokenExpiresAt principal { id }
  }
}`;
const REFRESH = `mutation Refresh($refreshToken: String!) {
  refreshSession(refreshToken: $refreshToken) {
    accessToken expiresAt refreshToken refreshTokenExpiresAt principal { id }
  }
}`;
const LOGOUT = `mutation Logout { logout }`;
const CHANGE_PASSWORD = `mutation ChangePassword($currentPassword: String!, $newPassword: String!) {
  changePassword(currentPassword: $currentPassword, newPassword: $newPassword)
}`;
const ME = `query Me { me { id kind } }`;
const ALERT_RAISED = `subscription { alertRaised { id } }`;

interface SessionResult {
  accessToken: string;
  expiresAt: string;
  refreshToken: string;
  refreshTokenExpiresAt: string;
  principal: { id: string };
}

/** These limits keep the tests short; the defaults are 5, 30 and 600. */
const MAX_FAILURES = 3;
const MAX_FAILURES_PER_ADDRESS = 6;
const API_KEY_REQUESTS_PER_MINUTE = 5;

describe('authentication: throttled logins, sessions, passwords and API keys', () => {
  let environment: TestEnvironment;
  let redis: TcpProxy;
  let app: NestFastifyApplication;
  let dataSource: DataSource;
  let clock: Clock;
  let port: number;

  /**
   * An operation as a client at `address` sends it: the request leaves from that loopback address
   * (all of 127/8 is this machine), which is what request.ip reads without a trusted proxy.
   */
  const send = <T = Record<string, unknown>>(
    query: string,
    variables: Record<string, unknown> = {},
    options: { address?: string; headers?: Record<string, string> } = {},
  ): Promise<GraphqlResponse<T>> =>
    httpRequest('POST', '/graphql', options, JSON.stringify({ query, variables })).then(
      (response) => JSON.parse(response.body) as GraphqlResponse<T>,
    );

  const httpRequest = (
    method: string,
    path: string,
    options: { address?: string; headers?: Record<string, string> },
    body?: string,
  ): Promise<{ status: number; headers: IncomingHttpHeaders; body: string }> =>
    new Promise((resolve, reject) => {
      const outgoing = httpRequestOf(
        {
          host: '127.0.0.1',
          port,
          method,
          path,
          localAddress: options.address ?? '127.0.0.1',
          headers: { 'content-type': 'application/json', ...options.headers },
        },
        (response) => {
          const chunks: Buffer[] = [];
          response.on('data', (chunk: Buffer) => chunks.push(chunk));
          response.on('end', () =>
            resolve({
              status: response.statusCode ?? 0,
              headers: response.headers,
              body: Buffer.concat(chunks).toString('utf8'),
            }),
          );
        },
      );
      outgoing.on('error', reject);
      outgoing.end(body);
    });

  const login = (username: string, password: string, address?: string) =>
    send<{ login: SessionResult }>(LOGIN, { username, password }, { address });

  const loggedIn = async (officer: Officer, address?: string): Promise<SessionResult> => {
    const response = await login(officer.username, officer.password, address);
    if (!response.data?.login) throw new Error(`login failed: ${JSON.stringify(response.errors)}`);
    return response.data.login;
  };

  const refresh = (refreshToken: string) =>
    send<{ refreshSession: SessionResult }>(REFRESH, { refreshToken });

  const me = (headers: Record<string, string>) =>
    send<{ me: { id: string; kind: string } }>(ME, {}, { headers });

  const codeOf = (response: GraphqlResponse<unknown>): string | undefined =>
    response.errors?.[0]?.extensions.code;

  /** What a client is told, without the seconds to wait, which tick on between two answers. */
  const answerOf = (response: GraphqlResponse<unknown>) => {
    const error = response.errors?.[0];
    return { data: response.data, code: error?.extensions.code, message: error?.message };
  };

  const auditEvents = (action: string, entityId: string) =>
    dataSource.query<{ actor_type: string; actor_id: string | null; after: Record<string, unknown> }[]>(
      'SELECT actor_type, actor_id, after FROM audit_event WHERE action = $1 AND entity_id = $2 ORDER BY sequence',
      [action, entityId],
    );

  const userIdOf = async (officer: Officer): Promise<string> => {
    const [row] = await dataSource.query<{ id: string }[]>(
      'SELECT id FROM user_account WHERE username = $1',
      [officer.username],
    );
    return row.id;
  };

  /** Moves the API's clock, which token and key expiry and the rate limit's minute are read from. */
  const at = (instant: Date): void => {
    clock.now = () => new Date(instant.getTime());
  };

  beforeAll(async () => {
    redis = new TcpProxy('127.0.0.1', 6379);
    const redisPort = await redis.start();
    environment = await useTestEnvironment({
      REDIS_URL: `redis://127.0.0.1:${redisPort}`,
      LOGIN_MAX_FAILURES: String(MAX_FAILURES),
      LOGIN_MAX_FAILURES_PER_ADDRESS: String(MAX_FAILURES_PER_ADDRESS),
      API_KEY_RATE_LIMIT_PER_MINUTE: String(API_KEY_REQUESTS_PER_MINUTE),
      SUBSCRIPTION_RECHECK_SECONDS: '1',
    });
    await cli(['migrate']);
    app = await createApi();
    // On a real port as well: a live subscription needs a socket to upgrade.
    await app.listen(0, '127.0.0.1');
    port = (app.getHttpServer().address() as AddressInfo).port;
    dataSource = app.get<DataSource>(getDataSourceToken());
    clock = app.get(Clock);
  });

  afterEach(() => {
    clock.now = () => new Date();
  });

  afterAll(async () => {
    await app?.close();
    await redis?.cut();
    await environment?.release();
  });

  describe('login throttling', () => {
    it('locks a username after repeated failures, refuses even its right password, and audits the lockout once', async () => {
      const officer = await agencyWithUser({ kind: 'BP3MI', roles: 'OFFICER', provinces: '63' });
      const userId = await userIdOf(officer);
      for (let attempt = 1; attempt <= MAX_FAILURES; attempt += 1) {
        const wrong = await login(officer.username, `wrong-password-${attempt}`, '127.0.1.1');
        expect(answerOf(wrong)).toEqual({
          data: null,
          code: 'UNAUTHENTICATED',
          message: 'Wrong username or password',
        });
      }

      for (const address of ['127.0.1.1', '127.0.1.2']) {
        const right = await login(officer.username, officer.password, address);
        expect(right.data).toBeNull();
        expect(right.errors?.[0]?.extensions).toEqual({
          code: 'RATE_LIMITED',
          retryAfterSeconds: expect.any(Number) as unknown,
        });
        const retryAfter = right.errors![0].extensions.retryAfterSeconds as number;
        expect(retryAfter).toBeGreaterThan(0);
        expect(retryAfter).toBeLessThanOrEqual(900);
      }
      // Attempts while locked are not failures: they lock nothing again.
      expect(codeOf(await login(officer.username, 'wrong-password-again', '127.0.1.1'))).toBe('RATE_LIMITED');

      const lockouts = await auditEvents('user.locked_out', userId);
      expect(lockouts).toEqual([
        {
          actor_type: 'system',
          actor_id: null,
          after: { address: '127.0.1.1', failedAttempts: MAX_FAILURES, lockedForSeconds: 900 },
        },
      ]);
      expect(JSON.stringify(lockouts)).not.toMatch(/wrong-password|pw-/);
    });

    it('counts guesses sent all at once before checking any of them: no more than the limit are tried', async () => {
      const officer = await agencyWithUser({ kind: 'BP3MI', roles: 'OFFICER', provinces: '63' });
      const userId = await userIdOf(officer);
      // Each from its own address, so that only the username's count can stop them.
      const answers = await Promise.all(
        Array.from({ length: 4 * MAX_FAILURES }, (_, guess) =>
          login(officer.username, `guess-${guess}`, `127.0.5.${guess + 1}`),
        ),
      );
      const codes = answers.map(codeOf);
      expect(codes.filter((code) => code === 'UNAUTHENTICATED')).toHaveLength(MAX_FAILURES);
      expect(codes.filter((code) => code === 'RATE_LIMITED')).toHaveLength(3 * MAX_FAILURES);
      expect(await auditEvents('user.locked_out', userId)).toHaveLength(1);
    });

    it('does not count attempts the database could not check: an outage locks nobody out', async () => {
      const officer = await agencyWithUser({ kind: 'BP3MI', roles: 'OFFICER', provinces: '63' });
      await dataSource.query('ALTER TABLE user_account RENAME TO user_account_away');
      try {
        for (let attempt = 1; attempt <= MAX_FAILURES_PER_ADDRESS + 1; attempt += 1) {
          expect(codeOf(await login(officer.username, officer.password, '127.0.8.1'))).toBe('INTERNAL');
        }
      } finally {
        await dataSource.query('ALTER TABLE user_account_away RENAME TO user_account');
      }
      await loggedIn(officer, '127.0.8.1');
    });

    it('does not count an office’s successful logins against the address its officers share', async () => {
      const officer = await agencyWithUser({ kind: 'BP3MI', roles: 'OFFICER', provinces: '63' });
      for (let login = 1; login <= MAX_FAILURES_PER_ADDRESS + 2; login += 1) {
        await loggedIn(officer, '127.0.6.1');
      }
    });

    it('answers an unknown username exactly as a known one, and audits no lockout for it', async () => {
      const officer = await agencyWithUser({ kind: 'BP3MI', roles: 'OFFICER', provinces: '63' });
      const unknown = `nobody-${officer.username}`;
      const before = await dataSource.query<{ count: string }[]>(
        `SELECT count(*) FROM audit_event WHERE action = 'user.locked_out'`,
      );
      for (let attempt = 1; attempt <= MAX_FAILURES + 1; attempt += 1) {
        const known = await login(officer.username, 'not-the-password', '127.0.2.1');
        const stranger = await login(unknown, 'not-the-password', '127.0.2.2');
        expect(answerOf(stranger)).toEqual(answerOf(known));
        expect(codeOf(known)).toBe(attempt <= MAX_FAILURES ? 'UNAUTHENTICATED' : 'RATE_LIMITED');
      }
      const after = await dataSource.query<{ count: string }[]>(
        `SELECT count(*) FROM audit_event WHERE action = 'user.locked_out'`,
      );
      expect(Number(after[0].count)).toBe(Number(before[0].count) + 1);
    });

    it('forgets a username’s failures once it logs in', async () => {
      const officer = await agencyWithUser({ kind: 'BP3MI', roles: 'OFFICER', provinces: '63' });
      // From a new address each round: the address's own count is not what is tested here.
      for (let round = 1; round <= 3; round += 1) {
        for (let attempt = 1; attempt < MAX_FAILURES; attempt += 1) {
          expect(codeOf(await login(officer.username, 'not-the-password', `127.0.3.${round}`))).toBe(
            'UNAUTHENTICATED',
          );
        }
        await loggedIn(officer, `127.0.3.${round}`);
      }
    });

    it('refuses an address that failed too often, whatever it tries, and only that address', async () => {
      const officer = await agencyWithUser({ kind: 'BP3MI', roles: 'OFFICER', provinces: '63' });
      // One failure for each of many usernames: no username is locked, the address is.
      for (let attempt = 1; attempt <= MAX_FAILURES_PER_ADDRESS; attempt += 1) {
        expect(codeOf(await login(`guess-${attempt}-${officer.username}`, 'password123', '127.0.4.1'))).toBe(
          'UNAUTHENTICATED',
        );
      }
      const refused = await login(officer.username, officer.password, '127.0.4.1');
      expect(refused.errors?.[0]).toMatchObject({
        message: 'Too many failed logins from your address: try again later',
        extensions: { code: 'RATE_LIMITED' },
      });
      await loggedIn(officer, '127.0.4.2');
    });
  });

  describe('sessions', () => {
    it('rotates the refresh token, within a session that ends when it was due to at login', async () => {
      const officer = await agencyWithUser({ kind: 'BP3MI', roles: 'OFFICER', provinces: '63' });
      const first = await loggedIn(officer);
      expect(first.refreshToken).toMatch(/^[A-Za-z0-9_-]{43}$/);
      const lifetime = Date.parse(first.refreshTokenExpiresAt) - Date.now();
      expect(lifetime).toBeGreaterThan(43_200_000 - 60_000);
      expect(lifetime).toBeLessThanOrEqual(43_200_000);
      expect(Date.parse(first.expiresAt)).toBeLessThanOrEqual(Date.parse(first.refreshTokenExpiresAt));

      const second = (await refresh(first.refreshToken)).data?.refreshSession;
      expect(second).toMatchObject({
        refreshTokenExpiresAt: first.refreshTokenExpiresAt,
        principal: first.principal,
      });
      expect(second?.refreshToken).not.toBe(first.refreshToken);
      expect((await me(bearer(second!.accessToken))).data?.me).toEqual({
        id: first.principal.id,
        kind: 'user',
      });
      const third = (await refresh(second!.refreshToken)).data?.refreshSession;
      expect(third?.accessToken).toBeDefined();

      // Only a hash of each refresh token is kept.
      const stored = await dataSource.query<{ token_hash: string }[]>(
        'SELECT token_hash FROM user_session_refresh_token WHERE token_hash = ANY($1::text[])',
        [[first.refreshToken, createHash('sha256').update(first.refreshToken).digest('hex')]],
      );
      expect(stored.map((row) => row.token_hash)).toEqual([
        createHash('sha256').update(first.refreshToken).digest('hex'),
      ]);
      expect(codeOf(await refresh('not-a-refresh-token'))).toBe('UNAUTHENTICATED');
    });

    it('deletes a user’s sessions that ended over 30 days ago when the user logs in again', async () => {
      const officer = await agencyWithUser({ kind: 'BP3MI', roles: 'OFFICER', provinces: '63' });
      const userId = await userIdOf(officer);
      const loginAt = new Date();
      await loggedIn(officer);
      const sessions = async (): Promise<number> =>
        Number(
          (
            await dataSource.query<{ count: string }[]>(
              'SELECT count(*) FROM user_session WHERE user_id = $1',
              [userId],
            )
          )[0]?.count,
        );
      const daysLater = (days: number): Date => new Date(loginAt.getTime() + days * 24 * 60 * 60 * 1000);

      at(daysLater(29));
      await loggedIn(officer);
      expect(await sessions()).toBe(2);
      at(daysLater(31));
      await loggedIn(officer);
      // The first ended 12 hours after login, over 30 days ago; the second is within the 30 days.
      expect(await sessions()).toBe(2);
    });

    it('revokes the whole session when a refresh token already exchanged comes back', async () => {
      const officer = await agencyWithUser({ kind: 'BP3MI', roles: 'OFFICER', provinces: '63' });
      const stolen = await loggedIn(officer);
      const user = (await refresh(stolen.refreshToken)).data!.refreshSession;
      const other = await loggedIn(officer);

      const replayed = await refresh(stolen.refreshToken);
      expect(answerOf(replayed)).toEqual({
        data: null,
        code: 'UNAUTHENTICATED',
        message: 'The refresh token is invalid, expired or already used: log in again',
      });
      // Neither holder can go on: the user logs in again, the thief cannot.
      expect(codeOf(await refresh(user.refreshToken))).toBe('UNAUTHENTICATED');
      expect(codeOf(await me(bearer(user.accessToken)))).toBe('UNAUTHENTICATED');
      expect(codeOf(await me(bearer(stolen.accessToken)))).toBe('UNAUTHENTICATED');
      // The user's other session is not touched.
      expect((await me(bearer(other.accessToken))).data?.me.id).toBe(other.principal.id);

      const revoked = await auditEvents('user.session_revoked', other.principal.id);
      expect(revoked).toEqual([
        {
          actor_type: 'system',
          actor_id: null,
          after: { sessionId: expect.any(String) as unknown, reason: 'REFRESH_TOKEN_REUSED' },
        },
      ]);
    });

    it('refuses the access token at once after logout, and ends the live subscriptions it opened', async () => {
      const officer = await agencyWithUser({ kind: 'BP3MI', roles: 'CASE_HANDLER', provinces: '63' });
      const session = await loggedIn(officer);
      const other = await loggedIn(officer);
      const headers = bearer(session.accessToken);
      expect((await me(headers)).data?.me.kind).toBe('user');

      const client = liveClient(port, { authorization: `Bearer ${session.accessToken}` });
      const { ended: closed } = await acknowledgedSubscription(client, ALERT_RAISED);

      expect((await send<{ logout: boolean }>(LOGOUT, {}, { headers })).data).toEqual({ logout: true });
      expect(codeOf(await me(headers))).toBe('UNAUTHENTICATED');
      expect(codeOf(await send(LOGOUT, {}, { headers }))).toBe('UNAUTHENTICATED');
      expect(codeOf(await refresh(session.refreshToken))).toBe('UNAUTHENTICATED');
      expect(((await closed) as { code?: number }).code).toBe(4403);
      await client.dispose();
      expect((await me(bearer(other.accessToken))).data?.me.kind).toBe('user');
    });

    it('refuses logout to an API key, which has no session', async () => {
      const headers = await embassyKey('kbri-doha', 'QA');
      expect(codeOf(await send(LOGOUT, {}, { headers }))).toBe('FORBIDDEN');
    });

    it('ends every session of a deactivated user at once, and answers its login as a wrong password', async () => {
      const officer = await agencyWithUser({ kind: 'BP3MI', roles: 'OFFICER', provinces: '63' });
      const colleague = await agencyWithUser({ kind: 'BP3MI', roles: 'OFFICER', provinces: '63' });
      const sessions = [await loggedIn(officer, '127.0.7.1'), await loggedIn(officer, '127.0.7.2')];
      const userId = sessions[0].principal.id;
      expect((await me(bearer(sessions[0].accessToken))).data?.me.kind).toBe('user');

      const deactivate = () => cli(['deactivate-user', '--username', officer.username.toUpperCase()]);
      expect(await deactivate()).toEqual({
        id: userId,
        username: officer.username,
        active: false,
        sessionsRevoked: 2,
      });
      for (const session of sessions) {
        expect(answerOf(await me(bearer(session.accessToken)))).toEqual({
          data: null,
          code: 'UNAUTHENTICATED',
          message: 'The access token is invalid or has expired',
        });
        expect(codeOf(await refresh(session.refreshToken))).toBe('UNAUTHENTICATED');
      }
      const rightPassword = answerOf(await login(officer.username, officer.password, '127.0.7.3'));
      expect(rightPassword).toEqual({
        data: null,
        code: 'UNAUTHENTICATED',
        message: 'Wrong username or password',
      });
      expect(answerOf(await login(officer.username, 'not-the-password', '127.0.7.4'))).toEqual(rightPassword);
      expect(answerOf(await login(colleague.username, 'not-the-password', '127.0.7.5'))).toEqual(
        rightPassword,
      );

      // A second run finds nothing to change and records nothing.
      expect(await deactivate()).toMatchObject({ active: false, sessionsRevoked: 0 });
      expect(await auditEvents('user.deactivated', userId)).toEqual([
        expect.objectContaining({ actor_type: 'cli', after: { active: false, sessionsRevoked: 2 } }),
      ]);
      expect(
        await dataSource.query('SELECT DISTINCT revoked_reason FROM user_session WHERE user_id = $1', [
          userId,
        ]),
      ).toEqual([{ revoked_reason: 'USER_DEACTIVATED' }]);
      await expect(
        cli(['deactivate-user', '--username', `nobody-${officer.username}`]),
      ).rejects.toMatchObject({
        code: 'NOT_FOUND',
      });

      // Reactivated, the user logs in again; the sessions the deactivation ended stay ended.
      expect(await cli(['reactivate-user', '--username', officer.username])).toEqual({
        id: userId,
        username: officer.username,
        active: true,
      });
      expect(await cli(['reactivate-user', '--username', officer.username])).toMatchObject({ active: true });
      expect(await auditEvents('user.reactivated', userId)).toHaveLength(1);
      expect((await me(bearer((await loggedIn(officer, '127.0.7.6')).accessToken))).data?.me.id).toBe(userId);
      expect(codeOf(await me(bearer(sessions[1].accessToken)))).toBe('UNAUTHENTICATED');
    });

    it('keeps a session that a login racing the deactivation opened ended when the user comes back', async () => {
      const officer = await agencyWithUser({ kind: 'BP3MI', roles: 'OFFICER', provinces: '63' });
      const userId = await userIdOf(officer);
      await cli(['deactivate-user', '--username', officer.username]);
      // What a login that checked the password just before the deactivation writes just after it.
      const refreshToken = randomBytes(32).toString('base64url');
      const [session] = await dataSource.query<{ id: string }[]>(
        `INSERT INTO user_session (id, user_id, created_at, expires_at, last_used_at)
         VALUES (gen_random_uuid(), $1, now(), now() + interval '12 hours', now()) RETURNING id`,
        [userId],
      );
      await dataSource.query(
        `INSERT INTO user_session_refresh_token (token_hash, session_id, issued_at) VALUES ($1, $2, now())`,
        [createHash('sha256').update(refreshToken).digest('hex'), session?.id],
      );
      await cli(['reactivate-user', '--username', officer.username]);
      expect(codeOf(await refresh(refreshToken))).toBe('UNAUTHENTICATED');
      await loggedIn(officer, '127.0.9.1');
    });

    it('sets a new password for a user whose password leaked, ending every session, audited without it', async () => {
      const officer = await agencyWithUser({ kind: 'BP3MI', roles: 'OFFICER', provinces: '63' });
      const userId = await userIdOf(officer);
      const stolen = await loggedIn(officer, '127.0.9.2');
      const newPassword = 'a fresh passphrase for Banjarbaru';
      await expect(cli(['set-password', '--username', officer.username], 'short\n')).rejects.toMatchObject({
        code: 'BAD_USER_INPUT',
      });
      expect(await cli(['set-password', '--username', officer.username], `${newPassword}\n`)).toEqual({
        id: userId,
        username: officer.username,
        sessionsRevoked: 1,
      });
      expect(codeOf(await me(bearer(stolen.accessToken)))).toBe('UNAUTHENTICATED');
      expect(codeOf(await refresh(stolen.refreshToken))).toBe('UNAUTHENTICATED');
      expect(codeOf(await login(officer.username, officer.password, '127.0.9.3'))).toBe('UNAUTHENTICATED');
      await loggedIn({ ...officer, password: newPassword }, '127.0.9.3');
      const audited = await auditEvents('user.password_set', userId);
      expect(audited).toEqual([expect.objectContaining({ after: { sessionsRevoked: 1 } })]);
      expect(JSON.stringify(audited)).not.toContain('passphrase');
    });
  });

  describe('changePassword', () => {
    it('replaces the password, ends the other sessions, keeps this one, and audits no password', async () => {
      const officer = await agencyWithUser({ kind: 'BP3MI', roles: 'OFFICER', provinces: '63' });
      const here = await loggedIn(officer, '127.0.5.1');
      const elsewhere = await loggedIn(officer, '127.0.5.2');
      const change = (currentPassword: string, newPassword: string) =>
        send<{ changePassword: boolean }>(
          CHANGE_PASSWORD,
          { currentPassword, newPassword },
          { headers: bearer(here.accessToken), address: '127.0.5.1' },
        );
      const newPassword = 'Hujan deras di Martapura, 7 Mei';

      const wrong = await change('not-my-password', newPassword);
      expect(wrong.errors?.[0]?.extensions).toEqual({
        code: 'BAD_USER_INPUT',
        fields: [{ path: 'currentPassword', message: 'is not your password' }],
      });
      const weak = await change(officer.password, `Password-${officer.username}`);
      expect(weak.errors?.[0]?.extensions).toEqual({
        code: 'BAD_USER_INPUT',
        fields: [{ path: 'newPassword', message: 'must not contain the username' }],
      });
      expect((await change(officer.password, 'qwerty123456')).errors?.[0]?.extensions.fields).toEqual([
        { path: 'newPassword', message: 'is made of a well-known password or a keyboard pattern' },
      ]);
      expect((await change(officer.password, 'Sh0rt!')).errors?.[0]?.extensions.fields).toEqual([
        { path: 'newPassword', message: 'must be at least 12 characters' },
      ]);
      expect(codeOf(await login(officer.username, officer.password))).toBeUndefined();

      expect((await change(officer.password, newPassword)).data).toEqual({ changePassword: true });
      expect((await me(bearer(here.accessToken))).data?.me.kind).toBe('user');
      expect(codeOf(await me(bearer(elsewhere.accessToken)))).toBe('UNAUTHENTICATED');
      expect(codeOf(await refresh(elsewhere.refreshToken))).toBe('UNAUTHENTICATED');
      expect(codeOf(await login(officer.username, officer.password, '127.0.5.3'))).toBe('UNAUTHENTICATED');
      await loggedIn({ ...officer, password: newPassword }, '127.0.5.3');

      const changes = await auditEvents('user.password_changed', here.principal.id);
      expect(changes).toEqual([
        {
          actor_type: 'user',
          actor_id: here.principal.id,
          after: { otherSessionsRevoked: expect.any(Number) as unknown },
        },
      ]);
      expect(changes[0].after.otherSessionsRevoked).toBeGreaterThanOrEqual(1);
      const trail = JSON.stringify(await auditEvents('user.password_changed', here.principal.id));
      expect(trail).not.toContain(newPassword);
      expect(trail).not.toContain(officer.password);
    });

    it('is for users only, not API keys', async () => {
      const headers = await embassyKey('kbri-manama', 'BH');
      const response = await send(
        CHANGE_PASSWORD,
        { currentPassword: 'anything-at-all', newPassword: 'Hujan deras di Martapura, 7 Mei' },
        { headers },
      );
      expect(codeOf(response)).toBe('FORBIDDEN');
    });

    it('holds create-user to the same policy', async () => {
      await cli([
        'create-agency',
        '--code',
        'bp3mi-policy',
        '--name',
        'BP3MI policy',
        '--kind',
        'BP3MI',
        '--provinces',
        '63',
      ]);
      await expect(
        cli(
          [
            'create-user',
            '--username',
            'petugas.policy',
            '--name',
            'P',
            '--agency',
            'bp3mi-policy',
            '--roles',
            'OFFICER',
          ],
          'Password2024!\n',
        ),
      ).rejects.toMatchObject({
        fields: [{ path: 'password', message: 'is made of a well-known password or a keyboard pattern' }],
      });
    });
  });

  describe('API keys', () => {
    it('rotates a key: both work during the overlap, the old one is refused after it', async () => {
      await cli([
        'create-agency',
        '--code',
        'kbri-kl-rotation',
        '--name',
        'KBRI KL',
        '--kind',
        'EMBASSY',
        '--countries',
        'MY',
      ]);
      const old = await cli<{ id: string; key: string }>([
        'create-api-key',
        '--agency',
        'kbri-kl-rotation',
        '--name',
        'KBRI KL case system',
        '--roles',
        'PARTNER',
      ]);
      const rotated = await cli<{ id: string; key: string; replaces: string; replacedKeyExpiresAt: string }>([
        'rotate-api-key',
        '--id',
        old.id,
      ]);
      expect(rotated.replaces).toBe(old.id);
      expect(rotated.key).not.toBe(old.key);
      const overlapEnd = Date.parse(rotated.replacedKeyExpiresAt);
      expect(Math.abs(overlapEnd - (Date.now() + 24 * 3_600_000))).toBeLessThan(120_000);

      // A key has one successor: rotating the replaced key again would leave a second live one.
      await expect(cli(['rotate-api-key', '--id', old.id])).rejects.toMatchObject({ code: 'CONFLICT' });

      const [oldKey, newKey] = [{ 'x-api-key': old.key }, { 'x-api-key': rotated.key }];
      const [oldMe, newMe] = [await me(oldKey), await me(newKey)];
      expect(oldMe.data?.me).toEqual({ id: old.id, kind: 'api-key' });
      expect(newMe.data?.me).toEqual({ id: rotated.id, kind: 'api-key' });
      const owners = await dataSource.query<{ name: string; roles: string[]; agency_id: string }[]>(
        'SELECT name, roles, agency_id FROM api_key WHERE id = ANY($1::uuid[])',
        [[old.id, rotated.id]],
      );
      expect(owners).toHaveLength(2);
      expect(owners[1]).toEqual(owners[0]);
      expect(owners[0]).toMatchObject({ name: 'KBRI KL case system', roles: ['PARTNER'] });

      at(new Date(overlapEnd - 60_000));
      expect(codeOf(await me(oldKey))).toBeUndefined();
      at(new Date(overlapEnd + 1000));
      expect(answerOf(await me(oldKey))).toEqual({
        data: null,
        code: 'UNAUTHENTICATED',
        message: 'The API key is invalid, expired or revoked',
      });
      expect((await me(newKey)).data?.me.id).toBe(rotated.id);

      expect(await auditEvents('api-key.rotated', old.id)).toEqual([
        expect.objectContaining({ actor_type: 'cli', after: { expiresAt: rotated.replacedKeyExpiresAt } }),
      ]);
      await expect(
        cli(['rotate-api-key', '--id', rotated.id, '--overlap-hours', '500']),
      ).rejects.toMatchObject({
        fields: [{ path: 'overlapHours', message: 'must be a whole number of hours from 0 to 168' }],
      });
      await cli(['revoke-api-key', '--id', rotated.id]);
      expect(codeOf(await me(newKey))).toBe('UNAUTHENTICATED');
      await expect(cli(['rotate-api-key', '--id', rotated.id])).rejects.toMatchObject({ code: 'CONFLICT' });
    });

    it('limits each API key’s requests per minute, over GraphQL and the CSV route, and no user', async () => {
      const limited = await embassyKey('kbri-jeddah', 'SA');
      const other = await embassyKey('kbri-dubai', 'AE');
      const officer = await loggedIn(
        await agencyWithUser({ kind: 'BP3MI', roles: 'OFFICER', provinces: '63' }),
      );
      // One instant, so the requests cannot straddle two minutes.
      at(new Date());
      for (let request = 1; request <= API_KEY_REQUESTS_PER_MINUTE; request += 1) {
        expect((await me(limited)).data?.me.kind).toBe('api-key');
      }
      const refused = await me(limited);
      expect(refused.errors?.[0]?.extensions).toEqual({
        code: 'RATE_LIMITED',
        retryAfterSeconds: expect.any(Number) as unknown,
      });
      const retryAfter = refused.errors![0].extensions.retryAfterSeconds as number;
      expect(retryAfter).toBeGreaterThan(0);
      expect(retryAfter).toBeLessThanOrEqual(60);

      const csv = await httpRequest('GET', '/reports/statistics.csv', { headers: limited });
      expect(csv.status).toBe(429);
      expect(csv.headers['retry-after']).toBe(String(retryAfter));
      expect(JSON.parse(csv.body)).toMatchObject({ code: 'RATE_LIMITED', retryAfterSeconds: retryAfter });

      expect((await me(other)).data?.me.kind).toBe('api-key');
      for (let request = 1; request <= API_KEY_REQUESTS_PER_MINUTE + 2; request += 1) {
        expect((await me(bearer(officer.accessToken))).data?.me.kind).toBe('user');
      }
      // The next minute starts afresh.
      at(new Date(Date.now() + 60_000));
      expect((await me(limited)).data?.me.kind).toBe('api-key');
    });

    it('spends an API key’s rate on every subscription it starts on one live connection', async () => {
      const key = await embassyKey('kbri-kuwait', 'KW');
      at(new Date());
      const client = liveClient(port, key);
      // connection_init spends one request; of these five subscriptions, four fit the minute's rate.
      const refusals: unknown[] = [];
      for (let stream = 1; stream <= API_KEY_REQUESTS_PER_MINUTE; stream += 1) {
        client.subscribe(
          { query: ALERT_RAISED },
          { next: () => undefined, error: (error) => refusals.push(error), complete: () => undefined },
        );
      }
      const [refusal] = await eventually(
        async () => (refusals.length > 0 ? refusals : undefined),
        10_000,
        'a subscription refused',
      );
      expect(refusal).toEqual([
        expect.objectContaining({
          extensions: expect.objectContaining({ code: 'RATE_LIMITED' }) as unknown,
        }),
      ]);
      expect(codeOf(await me(key))).toBe('RATE_LIMITED');
      expect(refusals).toHaveLength(1);
      await client.dispose();
    });
  });

  describe('while Redis is unreachable', () => {
    it('refuses logins with a clear answer, keeps sessions refreshing and API keys working', async () => {
      const officer = await agencyWithUser({ kind: 'BP3MI', roles: 'OFFICER', provinces: '63' });
      const session = await loggedIn(officer);
      const partner = await embassyKey('kbri-muscat', 'OM');
      await redis.cut();
      try {
        const refused = await login(officer.username, officer.password);
        expect(refused.errors?.[0]).toMatchObject({
          message:
            'Logging in is paused for a moment: the failed-login counters cannot be checked. Try again shortly',
          extensions: { code: 'RATE_LIMITED', retryAfterSeconds: 30 },
        });
        const refreshed = await refresh(session.refreshToken);
        expect(refreshed.data?.refreshSession.accessToken).toBeDefined();
        expect((await me(partner)).data?.me.kind).toBe('api-key');
      } finally {
        await redis.restore();
      }
      await eventually(
        async () =>
          codeOf(await login(officer.username, officer.password)) === undefined ? true : undefined,
        15_000,
        'logins to resume with Redis',
      );
    });
  });
});
