import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import request from 'supertest';
import { precompress } from '../apps/console/scripts/bundle-size.mjs';
import { cli } from './support/factories.js';
import { startTestApi, useTestEnvironment, type TestApi, type TestEnvironment } from './support/test-api.js';

const PAGE =
  '<!doctype html><title>Lintas</title><script type="module" src="/assets/index-Ab12Cd34.js"></script>';
const SCRIPT = 'export const placements = "penempatan";\n'.repeat(400);
const ASSET = '/assets/index-Ab12Cd34.js';

const CONSOLE_POLICY =
  "default-src 'self';script-src 'self';style-src 'self';img-src 'self' data:;connect-src 'self';" +
  "font-src 'self';object-src 'none';base-uri 'none';frame-ancestors 'none';form-action 'self'";
const API_POLICY = "default-src 'none';base-uri 'none';frame-ancestors 'none';form-action 'none'";

/** What a browser asks for when it opens a link or reloads a page. */
const NAVIGATION = 'text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8';

describe('the api serves the built console', () => {
  const environmentBefore = { ...process.env };
  let workDir: string;

  beforeAll(async () => {
    workDir = await mkdtemp(join(tmpdir(), 'lintas-console-serving-'));
  });

  afterAll(async () => {
    // CONSOLE_DIR, set here, must not reach the next test file this Jest worker runs.
    for (const key of Object.keys(process.env)) if (!(key in environmentBefore)) delete process.env[key];
    Object.assign(process.env, environmentBefore);
    await rm(workDir, { recursive: true, force: true });
  });

  describe('when it is built', () => {
    let environment: TestEnvironment;
    let api: TestApi;
    const server = () => api.app.getHttpServer();

    beforeAll(async () => {
      const consoleDir = join(workDir, 'console');
      await mkdir(join(consoleDir, 'assets'), { recursive: true });
      await writeFile(join(consoleDir, 'index.html'), PAGE);
      await writeFile(join(consoleDir, ASSET), SCRIPT);
      await precompress(consoleDir);
      environment = await useTestEnvironment({ CONSOLE_DIR: consoleDir });
      await cli(['migrate']);
      api = await startTestApi();
    });

    afterAll(async () => {
      await api?.close();
      await environment?.release();
    });

    it('answers / and every console path with the page, asked again each time, under its policy', async () => {
      for (const path of [
        '/',
        '/penempatan/123',
        '/alerts/0b6c2a1e-5d1f-4c59-9a53-1d8a5c2e9f10?from=email',
      ]) {
        const response = await request(server()).get(path).set('accept', NAVIGATION);
        expect(response.status).toBe(200);
        expect(response.headers['content-type']).toMatch(/^text\/html/);
        expect(response.text).toBe(PAGE);
        expect(response.headers).toMatchObject({
          'cache-control': 'no-cache',
          'content-security-policy': CONSOLE_POLICY,
          'x-frame-options': 'DENY',
          'x-content-type-options': 'nosniff',
        });
        expect(response.headers.vary).toMatch(/\baccept\b/i);
      }
      // A browser's revalidation of an unchanged page.
      const first = await request(server()).get('/').set('accept', NAVIGATION);
      const again = await request(server())
        .get('/')
        .set({ accept: NAVIGATION, 'if-none-match': String(first.headers.etag) });
      expect(again.status).toBe(304);
    });

    it('serves a hashed asset precompressed, by Accept-Encoding, cached for a year', async () => {
      const file = (suffix: string) => readFile(join(workDir, 'console', `${ASSET}${suffix}`));
      const asks = [
        { acceptEncoding: 'gzip, deflate, br', encoding: 'br', sent: await file('.br') },
        { acceptEncoding: 'gzip, br;q=0', encoding: 'gzip', sent: await file('.gz') },
        { acceptEncoding: 'identity', encoding: undefined, sent: Buffer.from(SCRIPT) },
      ];
      for (const { acceptEncoding, encoding, sent } of asks) {
        // supertest decodes what it receives: the bytes sent are known by their length.
        const response = await request(server()).get(ASSET).set('accept-encoding', acceptEncoding);
        expect(response.status).toBe(200);
        expect(response.headers['content-encoding']).toBe(encoding);
        expect(Number(response.headers['content-length'])).toBe(sent.length);
        expect(response.headers['content-type']).toMatch(/^text\/javascript/);
        expect(response.headers['cache-control']).toBe('public, max-age=31536000, immutable');
        expect(response.headers.vary).toMatch(/accept-encoding/i);
        expect(response.text).toBe(SCRIPT);
      }
      expect((await file('.br')).length).toBeLessThan(SCRIPT.length);
    });

    it('answers a missing asset 404, never the page', async () => {
      for (const path of ['/assets/index-Missing1.js', '/assets/', '/assets/index-Ab12Cd34.js.map']) {
        const response = await request(server()).get(path).set('accept', NAVIGATION);
        expect(response.status).toBe(404);
        expect(response.headers['content-type']).toMatch(/^application\/json/);
        expect(response.text).not.toContain('<!doctype html>');
      }
    });

    it("leaves the API's own paths, and a program's request for an unknown path, to the API", async () => {
      const graphqlResponse = await request(server())
        .post('/graphql')
        .set({ 'content-type': 'application/json', accept: NAVIGATION })
        .send({ query: '{ __typename }' });
      expect(graphqlResponse.status).toBe(200);
      expect(graphqlResponse.body).toEqual({ data: { __typename: 'Query' } });
      expect(graphqlResponse.headers['content-security-policy']).toBe(API_POLICY);

      const health = await request(server()).get('/health').set('accept', NAVIGATION);
      expect(health.status).toBe(200);
      expect(health.body).toEqual({ status: 'ok' });
      expect(health.headers['content-security-policy']).toBe(API_POLICY);
      expect(health.headers).not.toHaveProperty('cache-control');

      for (const path of ['/reports/no-such.csv', '/graphql/extra', '/ready/x']) {
        const response = await request(server()).get(path).set('accept', NAVIGATION);
        expect(response.status).toBe(404);
        expect(response.headers['content-security-policy']).toBe(API_POLICY);
      }
      // The queue dashboard still asks for its credentials.
      const dashboard = await request(server()).get('/admin/queues').set('accept', NAVIGATION);
      expect(dashboard.status).toBe(401);

      // A client of the API (no text/html in Accept) still gets the JSON 404 of a path that is not there.
      const program = await request(server()).get('/no/such/route').set('accept', 'application/json');
      expect(program.status).toBe(404);
      expect(program.body).toMatchObject({ statusCode: 404, error: 'Not Found' });
      expect(program.headers['content-security-policy']).toBe(API_POLICY);

      const post = await request(server()).post('/penempatan/123').set('accept', NAVIGATION);
      expect(post.status).toBe(404);
    });
  });

  describe('when it is not built', () => {
    let environment: TestEnvironment;
    let api: TestApi;

    beforeAll(async () => {
      const emptyDir = join(workDir, 'not-built');
      await mkdir(emptyDir, { recursive: true });
      environment = await useTestEnvironment({ CONSOLE_DIR: emptyDir });
      await cli(['migrate']);
      api = await startTestApi();
    });

    afterAll(async () => {
      await api?.close();
      await environment?.release();
    });

    it('starts, says once how to build the console, and answers / with a JSON 404', async () => {
      const response = await request(api.app.getHttpServer()).get('/').set('accept', NAVIGATION);
      expect(response.status).toBe(404);
      expect(response.body).toMatchObject({ statusCode: 404, error: 'Not Found' });
      expect(response.headers['content-security-policy']).toBe(API_POLICY);

      const health = await request(api.app.getHttpServer()).get('/health');
      expect(health.status).toBe(200);

      const warnings = (await readFile(environment.logFile, 'utf8'))
        .split('\n')
        .filter((line) => line.includes('console is not built'))
        .map((line) => JSON.parse(line) as { level: string; message: string; consoleDir: string });
      expect(warnings).toEqual([
        expect.objectContaining({ level: 'warn', consoleDir: join(workDir, 'not-built') }),
      ]);
      expect(warnings[0]?.message).toContain('npm run build');
    });
  });
});
