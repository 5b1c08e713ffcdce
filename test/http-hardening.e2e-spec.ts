import type { AddressInfo } from 'node:net';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { getDataSourceToken } from '@nestjs/typeorm';
import { createClient } from 'graphql-ws';
import request from 'supertest';
import type { DataSource } from 'typeorm';
import WebSocket from 'ws';
import { createApi } from '../apps/api/src/create-api.js';
import { agencyWithUser, cli, type Officer } from './support/factories.js';
import {
  bearer,
  graphql,
  loginAs,
  productionSettings,
  startTestApi,
  useTestEnvironment,
  type TestApi,
  type TestEnvironment,
} from './support/test-api.js';

const CONSOLE_ORIGIN = 'https://console.example.go.id';
const FORGED_CLIENT = '203.0.113.7';

/** Nothing a client is answered may show how the server is built. */
function expectNoInternals(text: string): void {
  for (const internal of [
    /\bat .+:\d+:\d+/,
    /stack/i,
    /\bSELECT\b/,
    /relation "/,
    /Unexpected token/,
    /position \d+/,
  ]) {
    expect(text).not.toMatch(internal);
  }
}

/** The API as startTestApi builds it, plus a hook that notes the address each request is said to come from. */
async function apiNotingAddresses(): Promise<{
  app: NestFastifyApplication;
  addresses: Map<string, string>;
}> {
  const app = await createApi();
  const addresses = new Map<string, string>();
  app
    .getHttpAdapter()
    .getInstance()
    .addHook('onRequest', async (incoming) => {
      addresses.set(incoming.id, incoming.ip);
    });
  await app.init();
  await app.getHttpAdapter().getInstance().ready();
  return { app, addresses };
}

const basic = (user: Officer): string =>
  `Basic ${Buffer.from(`${user.username}:${user.password}`).toString('base64')}`;

describe('HTTP hardening', () => {
  const environmentBefore = { ...process.env };

  afterAll(() => {
    // The variables set here must not reach the next test file this Jest worker runs.
    for (const key of Object.keys(process.env)) if (!(key in environmentBefore)) delete process.env[key];
    Object.assign(process.env, environmentBefore);
  });

  describe('in development', () => {
    let environment: TestEnvironment;
    let app: NestFastifyApplication;
    let addresses: Map<string, string>;
    let admin: Officer;

    const server = () => app.getHttpServer();

    beforeAll(async () => {
      environment = await useTestEnvironment({
        NODE_ENV: 'development',
        CORS_ORIGINS: `${CONSOLE_ORIGIN},http://localhost:5173`,
        TRUST_PROXY: '127.0.0.1',
      });
      await cli(['migrate']);
      ({ app, addresses } = await apiNotingAddresses());
      admin = await agencyWithUser({ kind: 'NATIONAL', roles: 'ADMIN' });
    });

    afterAll(async () => {
      await app?.close();
      await environment?.release();
    });

    it('sends the security headers on every response, errors included', async () => {
      const responses = [
        await request(server())
          .post('/graphql')
          .set('content-type', 'application/json')
          .send({ query: '{ __typename }' }),
        await request(server()).get('/health'),
        await request(server()).get('/no/such/route'),
        await request(server())
          .post('/graphql')
          .set('content-type', 'application/json')
          .send(JSON.stringify({ query: '{ __typename }', padding: 'x'.repeat(300 * 1024) })),
      ];
      expect(responses.map((response) => response.status)).toEqual([200, 200, 404, 413]);
      for (const response of responses) {
        expect(response.headers).toMatchObject({
          'x-content-type-options': 'nosniff',
          'x-frame-options': 'DENY',
          'referrer-policy': 'no-referrer',
          'content-security-policy':
            "default-src 'none';base-uri 'none';frame-ancestors 'none';form-action 'none'",
        });
        expect(response.headers).not.toHaveProperty('x-powered-by');
        // HTTPS is a production deployment's: a development machine is reached over plain HTTP.
        expect(response.headers).not.toHaveProperty('strict-transport-security');
      }
    });

    it('answers a body over 256 KiB with 413 and a JSON error, and takes one just under it', async () => {
      const body = (size: number): string => {
        const skeleton = JSON.stringify({ query: '{ __typename }', padding: '' });
        return JSON.stringify({ query: '{ __typename }', padding: 'x'.repeat(size - skeleton.length) });
      };
      const send = (text: string) =>
        request(server()).post('/graphql').set('content-type', 'application/json').send(text);
      const tooLarge = await send(body(256 * 1024 + 1));
      expect(tooLarge.status).toBe(413);
      expect(tooLarge.headers['content-type']).toMatch(/^application\/json/);
      expect(tooLarge.body).toEqual({ statusCode: 413, message: 'Request body is too large' });
      const justUnder = await send(body(256 * 1024));
      expect(justUnder.status).toBe(200);
      expect(justUnder.body).toEqual({ data: { __typename: 'Query' } });
    });

    it('answers malformed JSON with 400 and a JSON error that names no parser internals', async () => {
      for (const text of [
        '{"query": ',
        '{"query": "{ me { name } }",}',
        '{"__proto__": {"admin": true}, "query": "{ __typename }"}',
      ]) {
        const response = await request(server())
          .post('/graphql')
          .set('content-type', 'application/json')
          .send(text);
        expect(response.status).toBe(400);
        expect(response.headers['content-type']).toMatch(/^application\/json/);
        expect(response.body).toEqual({ statusCode: 400, message: expect.any(String) as unknown });
        expectNoInternals(response.text);
      }
    });

    it('answers an unknown route with a JSON 404 and no stack', async () => {
      const response = await request(server()).get('/graphql/../../etc/passwd?x=1');
      expect(response.status).toBe(404);
      expect(response.body).toEqual({
        statusCode: 404,
        error: 'Not Found',
        message: expect.any(String) as unknown,
      });
      expectNoInternals(response.text);
    });

    it('masks an unexpected failure (SQL on a missing table) as INTERNAL, with the request id and nothing else', async () => {
      const token = bearer(await loginAs(app, admin));
      const dataSource = app.get<DataSource>(getDataSourceToken());
      await dataSource.query('ALTER TABLE recruiter RENAME TO recruiter_moved_away');
      try {
        const response = await request(server())
          .post('/graphql')
          .set({ 'content-type': 'application/json', 'x-request-id': 'sql-failure-0001', ...token })
          .send({ query: 'query Recruiters { recruiters { totalCount } }' });
        expect(response.body).toEqual({
          data: null,
          errors: [
            {
              message: 'Internal error',
              path: ['recruiters'],
              locations: [{ line: 1, column: 20 }],
              extensions: { code: 'INTERNAL', requestId: 'sql-failure-0001' },
            },
          ],
        });
        expectNoInternals(response.text);
        expect(response.text).not.toMatch(/recruiter_moved_away|recruiter"/);
      } finally {
        await dataSource.query('ALTER TABLE recruiter_moved_away RENAME TO recruiter');
      }
    });

    it('serves GraphiQL and answers introspection, with suggestions, on a development machine', async () => {
      const landing = await request(server()).get('/graphql').set('accept', 'text/html');
      expect(landing.status).toBe(200);
      expect(landing.text).toContain('GraphiQL');
      // Looser than the API's own policy: GraphiQL is an inline script that loads React from unpkg.
      expect(landing.headers['content-security-policy']).toContain(
        "script-src 'unsafe-inline' https://unpkg.com",
      );
      expect(landing.headers['content-security-policy']).toContain("frame-ancestors 'none'");
      const introspection = await graphql<{ __schema: { queryType: { name: string } } }>(
        app,
        '{ __schema { queryType { name } } }',
      );
      expect(introspection.data?.__schema.queryType.name).toBe('Query');
      const typo = await graphql(app, '{ workerz { totalCount } }');
      expect(typo.errors?.[0]?.message).toContain('Did you mean');
    });

    it('gives the queue dashboard a policy its same-origin scripts and styles load under', async () => {
      const page = await request(server()).get('/admin/queues').set('authorization', basic(admin));
      expect(page.status).toBe(200);
      const policy = String(page.headers['content-security-policy']);
      expect(policy).toContain("script-src 'self'");
      expect(policy).not.toMatch(/script-src[^;]*unsafe/);
      expect(policy).toContain("frame-ancestors 'none'");
      expect(page.headers['x-frame-options']).toBe('DENY');
      // Every script is a file of the dashboard's own: none inline but its JSON configuration.
      const scripts = [...page.text.matchAll(/<script([^>]*)>([^<]*)<\/script>/g)];
      expect(scripts.length).toBeGreaterThan(0);
      for (const [, attributes = '', body = ''] of scripts) {
        if (attributes.includes('type="application/json"')) continue;
        expect(attributes).toMatch(/src="static\//);
        expect(body.trim()).toBe('');
      }
      const asset = /src="(static\/js\/[^"]+)"/.exec(page.text)?.[1];
      const script = await request(server()).get(`/admin/queues/${asset}`).set('authorization', basic(admin));
      expect(script.status).toBe(200);
      expect(script.headers['content-security-policy']).toBe(policy);
    });

    it('answers a preflight from an allowed origin, and gives any other origin no CORS header at all', async () => {
      const preflight = (origin: string) =>
        request(server()).options('/graphql').set({
          origin,
          'access-control-request-method': 'POST',
          'access-control-request-headers': 'authorization,content-type',
        });
      const allowed = await preflight(CONSOLE_ORIGIN);
      expect(allowed.status).toBe(204);
      expect(allowed.headers).toMatchObject({
        'access-control-allow-origin': CONSOLE_ORIGIN,
        'access-control-allow-methods': 'GET, POST',
      });
      expect(allowed.headers['access-control-allow-headers']).toContain('authorization');
      expect(allowed.headers).not.toHaveProperty('access-control-allow-credentials');

      for (const origin of ['https://evil.example', 'https://console.example.go.id.evil.example', 'null']) {
        const refused = await preflight(origin);
        expect(refused.status).not.toBe(204);
        expect(Object.keys(refused.headers).filter((name) => name.startsWith('access-control-'))).toEqual([]);
      }

      const post = (origin: string) =>
        request(server())
          .post('/graphql')
          .set({ origin, 'content-type': 'application/json' })
          .send({ query: '{ __typename }' });
      expect((await post(CONSOLE_ORIGIN)).headers['access-control-allow-origin']).toBe(CONSOLE_ORIGIN);
      expect((await post('https://evil.example')).headers).not.toHaveProperty('access-control-allow-origin');
    });

    it('takes the client address from X-Forwarded-For when the peer is a trusted proxy (TRUST_PROXY)', async () => {
      const response = await request(server())
        .get('/health')
        .set({ 'x-forwarded-for': FORGED_CLIENT, 'x-request-id': 'behind-proxy-0001' });
      expect(response.status).toBe(200);
      expect(addresses.get('behind-proxy-0001')).toBe(FORGED_CLIENT);
    });

    it('echoes an accepted X-Request-Id and replaces a malicious one', async () => {
      const idOf = async (value: string): Promise<string> =>
        String((await request(server()).get('/health').set('x-request-id', value)).headers['x-request-id']);
      expect(await idOf('client-request-0001')).toBe('client-request-0001');
      for (const malicious of [
        'x'.repeat(65),
        'tab\tinside-it',
        '<script>alert(1)</script>',
        'nik 6372014204900001',
        'short',
      ]) {
        const replaced = await idOf(malicious);
        expect(replaced).not.toBe(malicious);
        expect(replaced).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
      }
    });
  });

  describe('in production', () => {
    let environment: TestEnvironment;
    let api: TestApi;

    beforeAll(async () => {
      environment = await useTestEnvironment(productionSettings());
      await cli(['migrate']);
      api = await startTestApi();
    });

    afterAll(async () => {
      await api?.close();
      await environment?.release();
    });

    const server = () => api.app.getHttpServer();

    it('adds HSTS to the security headers', async () => {
      const response = await request(server()).get('/health');
      expect(response.headers).toMatchObject({
        'strict-transport-security': 'max-age=31536000; includeSubDomains',
        'x-content-type-options': 'nosniff',
        'x-frame-options': 'DENY',
        'content-security-policy':
          "default-src 'none';base-uri 'none';frame-ancestors 'none';form-action 'none'",
      });
    });

    it('serves no landing page and refuses introspection', async () => {
      const landing = await request(server()).get('/graphql').set('accept', 'text/html');
      expect(landing.headers['content-type']).not.toMatch(/html/);
      expect(landing.text).not.toContain('GraphiQL');
      for (const query of [
        '{ __schema { types { name } } }',
        '{ __type(name: "Worker") { fields { name } } }',
      ]) {
        const response = await graphql(api.app, query);
        expect(response.data).toBeUndefined();
        expect(response.errors?.[0]?.extensions.code).toBe('GRAPHQL_VALIDATION_FAILED');
        expect(response.errors?.[0]?.message).toMatch(/introspection is not allowed/);
      }
    });

    it('names no field, type or enum value the client did not write', async () => {
      const typo = await graphql(api.app, '{ workerz { totalCount } }');
      expect(typo.errors?.[0]?.message).toBe('Cannot query field "workerz" on type "Query".');
      const enumValue = await graphql(
        api.app,
        'query Rules($sector: Sector!) { placementRules(destination: "SA", sector: $sector) { sector } }',
        { sector: 'DOMESTC' },
      );
      const [error] = enumValue.errors ?? [];
      expect(error?.message).toMatch(
        /^Variable "\$sector" got invalid value "DOMESTC"; Value "DOMESTC" does not exist in "Sector" enum\.$/,
      );
      expect(JSON.stringify(enumValue)).not.toMatch(/Did you mean|DOMESTIC/);
    });

    it('holds live subscriptions to the same limits, and names nothing unasked there either', async () => {
      await api.app.listen(0, '127.0.0.1');
      const { port } = api.app.getHttpServer().address() as AddressInfo;
      const token = await loginAs(api.app, await agencyWithUser({ kind: 'NATIONAL', roles: 'CASE_HANDLER' }));
      const client = createClient({
        url: `ws://127.0.0.1:${port}/graphql`,
        webSocketImpl: WebSocket,
        connectionParams: { authorization: `Bearer ${token}` },
        retryAttempts: 0,
      });
      const refusal = (query: string): Promise<unknown> =>
        new Promise((resolve) => {
          client.subscribe({ query }, { next: resolve, error: resolve, complete: () => resolve(null) });
        });
      try {
        const aliases = Array.from({ length: 31 }, (_, index) => `a${index}: id`).join(' ');
        expect(await refusal(`subscription { alertRaised { ${aliases} } }`)).toEqual([
          expect.objectContaining({
            message: 'The operation uses more than 30 aliases',
            extensions: expect.objectContaining({ code: 'BAD_USER_INPUT' }) as unknown,
          }),
        ]);
        expect(await refusal('subscription { alertRaised { idd } }')).toEqual([
          expect.objectContaining({ message: 'Cannot query field "idd" on type "Alert".' }),
        ]);
      } finally {
        await client.dispose();
      }
    });

    it('trusts no proxy by default: X-Forwarded-For does not change the client address', async () => {
      const { app, addresses } = await apiNotingAddresses();
      try {
        await request(app.getHttpServer())
          .get('/health')
          .set({ 'x-forwarded-for': FORGED_CLIENT, 'x-request-id': 'direct-client-0001' });
        expect(addresses.get('direct-client-0001')).toMatch(/^(::ffff:)?127\.0\.0\.1$|^::1$/);
      } finally {
        await app.close();
      }
    });
  });
});
