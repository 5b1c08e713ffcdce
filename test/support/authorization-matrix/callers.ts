import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { agencyWithUser, embassyKey, type Officer } from '../factories.js';
import { bearer, graphql, loginAs } from '../test-api.js';
import type { CallerName } from './table.js';

export interface Caller {
  name: CallerName;
  /** The credentials, as HTTP headers; the same keys serve as graphql-ws connectionParams. */
  headers: Record<string, string>;
  /** The user's id, for a caller who is a user (an alert is assigned to a person). */
  userId: string | null;
  /** The user's password, for a caller who is a user. */
  password: string | null;
  /** The same user logged in again: a session a cell may end without ending the caller's. */
  newSession?: () => Promise<Caller>;
  /** Another user of the same kind of agency, jurisdiction and role: one a cell may change. */
  lookalike?: () => Promise<Caller>;
}

export interface Callers {
  byName: Record<CallerName, Caller>;
  /** Whose username and password the login cells send. */
  loginSubject: Officer;
}

const ME = `query Me { me { id } }`;

type UserSpec = Parameters<typeof agencyWithUser>[0];

const USERS: [CallerName, UserSpec][] = [
  ['ADMIN', { kind: 'NATIONAL', roles: 'ADMIN' }],
  ['OFFICER', { kind: 'BP3MI', roles: 'OFFICER', provinces: '63' }],
  ['LABOUR_OFFICER', { kind: 'DISNAKER', roles: 'LABOUR_OFFICER', regencies: '6372' }],
  ['PARTNER_USER', { kind: 'EMBASSY', roles: 'PARTNER', countries: 'MY' }],
  ['CASE_HANDLER', { kind: 'BP3MI', roles: 'CASE_HANDLER', provinces: '63' }],
  ['AUDITOR', { kind: 'BP3MI', roles: 'AUDITOR', provinces: '63' }],
];

async function loggedIn(
  app: NestFastifyApplication,
  name: CallerName,
  spec: UserSpec,
  user: Officer,
): Promise<Caller> {
  const headers = bearer(await loginAs(app, user));
  const me = await graphql<{ me: { id: string } }>(app, ME, {}, headers);
  if (!me.data) throw new Error(`me failed for ${name}: ${JSON.stringify(me.errors)}`);
  return {
    name,
    headers,
    userId: me.data.me.id,
    password: user.password,
    newSession: () => loggedIn(app, name, spec, user),
    lookalike: async () => loggedIn(app, name, spec, await agencyWithUser(spec)),
  };
}

/** One caller per column of the matrix, each with an agency of its own (see table.ts). */
export async function makeCallers(app: NestFastifyApplication): Promise<Callers> {
  const users = await Promise.all(
    USERS.map(async ([name, spec]) => {
      const user = await agencyWithUser(spec);
      return { user, caller: await loggedIn(app, name, spec, user) };
    }),
  );
  const byName: Partial<Record<CallerName, Caller>> = {
    anonymous: { name: 'anonymous', headers: {}, userId: null, password: null },
    PARTNER_KEY: {
      name: 'PARTNER_KEY',
      headers: await embassyKey('kbri-kuala-lumpur', 'MY'),
      userId: null,
      password: null,
    },
  };
  for (const { caller } of users) byName[caller.name] = caller;
  return { byName: byName as Record<CallerName, Caller>, loginSubject: users[1].user };
}
