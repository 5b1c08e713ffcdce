import { Controller, Get, UseFilters } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import { Test } from '@nestjs/testing';
import request from 'supertest';
import { HttpDomainErrorFilter, UnauthenticatedError } from '#lintas/core';
import { AgencyKind, Role } from '../roles.js';
import { AccessGuard, Allow, CurrentPrincipal, principalIn, Public } from './access.guard.js';
import { Authenticator, type Credentials } from './authenticator.js';
import type { Principal } from './principal.js';

const principal = (id: string, roles: Role[]): Principal => ({
  kind: 'api-key',
  id,
  name: id,
  roles,
  agency: {
    id: 'agency',
    code: 'BP3MI-63',
    name: 'BP3MI Kalimantan Selatan',
    kind: AgencyKind.BP3MI,
    provinceCodes: ['63'],
    regencyCodes: [],
    countryCodes: [],
  },
  jurisdiction: { national: false, provinceCodes: ['63'], regencyCodes: [], countryCodes: [] },
});

const KEYS: Record<string, Principal> = {
  admin: principal('admin-key', [Role.ADMIN]),
  auditor: principal('auditor-key', [Role.AUDITOR]),
};

/** Bearer tokens are the Authenticator's business; here an API key names the caller outright. */
const authenticator = {
  authenticate: (credentials: Credentials): Promise<Principal | undefined> => {
    if (credentials.apiKey === undefined) return Promise.resolve(undefined);
    const known = KEYS[credentials.apiKey];
    return known ? Promise.resolve(known) : Promise.reject(new UnauthenticatedError('Unknown key'));
  },
};

@Controller('plain')
@UseFilters(HttpDomainErrorFilter)
class PlainRoutes {
  @Allow(Role.ADMIN)
  @Get('admins')
  admins(@CurrentPrincipal() caller: Principal): { caller: string } {
    return { caller: caller.id };
  }

  @Public()
  @Get('open')
  open(@CurrentPrincipal() caller: Principal | undefined): { caller: string | null } {
    return { caller: caller?.id ?? null };
  }

  @Get('undecided')
  undecided(): string {
    return 'reached';
  }
}

describe('AccessGuard on plain HTTP routes', () => {
  let app: NestFastifyApplication;

  beforeAll(async () => {
    const module = await Test.createTestingModule({
      controllers: [PlainRoutes],
      providers: [
        { provide: Authenticator, useValue: authenticator },
        AccessGuard,
        { provide: APP_GUARD, useExisting: AccessGuard },
      ],
    }).compile();
    app = module.createNestApplication<NestFastifyApplication>(new FastifyAdapter());
    await app.init();
    await app.getHttpAdapter().getInstance().ready();
  });

  afterAll(() => app.close());

  const get = (url: string, apiKey?: string) =>
    request(app.getHttpServer())
      .get(url)
      .set(apiKey === undefined ? {} : { 'x-api-key': apiKey });

  it('admits a role the route allows, and hands the route its caller', async () => {
    const response = await get('/plain/admins', 'admin');
    expect(response.status).toBe(200);
    expect(response.body).toEqual({ caller: 'admin-key' });
  });

  it('refuses a role outside @Allow with 403', async () => {
    const response = await get('/plain/admins', 'auditor');
    expect(response.status).toBe(403);
    expect(response.body).toMatchObject({ code: 'FORBIDDEN' });
    expect(response.text).not.toContain('caller');
  });

  it('refuses a caller without credentials, or with wrong ones, with 401 and a challenge', async () => {
    for (const apiKey of [undefined, 'forged']) {
      const response = await get('/plain/admins', apiKey);
      expect(response.status).toBe(401);
      expect(response.headers['www-authenticate']).toBe('Bearer');
      expect(response.body).toMatchObject({ code: 'UNAUTHENTICATED' });
    }
  });

  it('lets anyone reach a @Public route without authenticating them', async () => {
    const response = await get('/plain/open', 'forged');
    expect(response.status).toBe(200);
    expect(response.body).toEqual({ caller: null });
  });

  it('refuses a route that says neither who may call it nor that it is public', async () => {
    const response = await get('/plain/undecided', 'admin');
    expect(response.status).toBe(403);
    expect(response.text).not.toContain('reached');
  });
});

describe('principalIn', () => {
  it('gives the caller the guard put in the GraphQL context', () => {
    expect(principalIn({ credentials: {}, principal: KEYS.admin })).toBe(KEYS.admin);
  });

  it('refuses a field reached without one as UNAUTHENTICATED', () => {
    expect(() => principalIn({ credentials: {} })).toThrow(UnauthenticatedError);
  });
});
