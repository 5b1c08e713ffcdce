import { agencyWithUser, cli, workerInput, type Officer } from './support/factories.js';
import { registerPlacement } from './support/placements.js';
import {
  bearer,
  graphql,
  loginAs,
  registerWorker,
  startTestApi,
  useTestEnvironment,
  type TestApi,
  type TestEnvironment,
} from './support/test-api.js';

const REGISTER = `mutation Register($input: RegisterWorkerInput!) { registerWorker(input: $input) { id } }`;
const ME = `query Me { me { kind name roles agency { code kind countryCodes } } }`;
const WORKERS = `query Workers { workers { totalCount edges { node { originRegency { code } } } } }`;
const AGENCIES = `query Agencies { agencies { code kind } }`;
const PLACEMENTS = `query Placements { placements { totalCount } }`;
const PLACEMENT = `query Placement($id: ID!) { placement(id: $id) { id } }`;

describe('who sees what: roles, API keys and jurisdictions', () => {
  let environment: TestEnvironment;
  let api: TestApi;

  const login = (user: Officer): Promise<string> => loginAs(api.app, user);

  const registerIn = (token: string, regencyCode: string, serial: number): Promise<string> =>
    registerWorker(
      api.app,
      bearer(token),
      workerInput({ regencyCode, dateOfBirth: '1988-11-02', sex: 'MALE', serial }),
    );

  beforeAll(async () => {
    environment = await useTestEnvironment();
    await cli(['migrate']);
    api = await startTestApi();
  });

  afterAll(async () => {
    await api?.close();
    await environment?.release();
  });

  it('lets a Disnaker see the workers of its regency only', async () => {
    const bp3mi = await agencyWithUser({ kind: 'BP3MI', roles: 'OFFICER', provinces: '63' });
    const officerToken = await login(bp3mi);
    await registerIn(officerToken, '6372', 1);
    await registerIn(officerToken, '6371', 2);

    const disnaker = await agencyWithUser({ kind: 'DISNAKER', roles: 'LABOUR_OFFICER', regencies: '6372' });
    const response = await graphql<{
      workers: { totalCount: number; edges: { node: { originRegency: { code: string } } }[] };
    }>(api.app, WORKERS, {}, bearer(await login(disnaker)));
    expect(response.data?.workers.totalCount).toBe(1);
    expect(response.data?.workers.edges[0]?.node.originRegency.code).toBe('6372');

    const national = await agencyWithUser({ kind: 'NATIONAL', roles: 'AUDITOR' });
    const everything = await graphql<{ workers: { totalCount: number } }>(
      api.app,
      WORKERS,
      {},
      bearer(await login(national)),
    );
    expect(everything.data?.workers.totalCount).toBe(2);
  });

  it('gives a social service agency no jurisdiction: the workers and placements of its province stay hidden', async () => {
    const bp3mi = await agencyWithUser({ kind: 'BP3MI', roles: 'OFFICER', provinces: '63' });
    const token = await login(bp3mi);
    const officer = bearer(token);
    const workerId = await registerIn(token, '6372', 3);
    const placement = await registerPlacement(api.app, officer, workerId, 'MY');
    const counts = async (headers: Record<string, string>): Promise<[number?, number?]> => {
      const workers = await graphql<{ workers: { totalCount: number } }>(api.app, WORKERS, {}, headers);
      const placements = await graphql<{ placements: { totalCount: number } }>(
        api.app,
        PLACEMENTS,
        {},
        headers,
      );
      return [workers.data?.workers.totalCount, placements.data?.placements.totalCount];
    };
    const [officerWorkers, officerPlacements] = await counts(officer);
    expect(officerWorkers).toBeGreaterThan(0);
    expect(officerPlacements).toBeGreaterThan(0);

    // Dinas Sosial of the same province: it serves there, and helps only the people referred to it.
    const dinsos = await agencyWithUser({ kind: 'SOCIAL_SERVICE', roles: 'CASE_HANDLER', provinces: '63' });
    const headers = bearer(await login(dinsos));
    expect(await counts(headers)).toEqual([0, 0]);
    const one = await graphql(api.app, PLACEMENT, { id: placement.id }, headers);
    expect(one.errors?.[0]?.extensions.code).toBe('NOT_FOUND');
    const me = await graphql<{ me: { agency: { kind: string } } }>(api.app, ME, {}, headers);
    expect(me.data?.me.agency.kind).toBe('SOCIAL_SERVICE');
  });

  it('authenticates an embassy system by API key, which sees no worker of Indonesia’s regions', async () => {
    await cli([
      'create-agency',
      '--code',
      'kbri-riyadh',
      '--name',
      'KBRI Riyadh',
      '--kind',
      'EMBASSY',
      '--countries',
      'sa',
    ]);
    const { id, key } = await cli<{ id: string; key: string }>([
      'create-api-key',
      '--agency',
      'kbri-riyadh',
      '--name',
      'KBRI Riyadh case system',
      '--roles',
      'PARTNER',
    ]);
    const headers = { 'x-api-key': key };
    const me = await graphql<{ me: Record<string, unknown> }>(api.app, ME, {}, headers);
    expect(me.data?.me).toEqual({
      kind: 'api-key',
      name: 'KBRI Riyadh case system',
      roles: ['PARTNER'],
      agency: { code: 'kbri-riyadh', kind: 'EMBASSY', countryCodes: ['SA'] },
    });
    const workers = await graphql<{ workers: { totalCount: number } }>(api.app, WORKERS, {}, headers);
    expect(workers.data?.workers.totalCount).toBe(0);
    const register = await graphql(api.app, REGISTER, { input: { nik: '1' } }, headers);
    expect(register.errors?.[0]?.extensions.code).toBe('BAD_USER_INPUT');

    const stored = await api.dataSource.query<{ secret_hash: string }[]>(
      'SELECT secret_hash FROM api_key WHERE id = $1',
      [id],
    );
    expect(key).not.toContain(stored[0]?.secret_hash);

    await cli(['revoke-api-key', '--id', id]);
    const revoked = await graphql(api.app, ME, {}, headers);
    expect(revoked.errors?.[0]?.extensions.code).toBe('UNAUTHENTICATED');
    const forged = await graphql(api.app, ME, {}, { 'x-api-key': `${key.slice(0, -4)}AAAA` });
    expect(forged.errors?.[0]?.extensions.code).toBe('UNAUTHENTICATED');
  });

  it('refuses a partner key where only officers may act', async () => {
    const { key } = await cli<{ key: string }>([
      'create-api-key',
      '--agency',
      'kbri-riyadh',
      '--name',
      'second',
      '--roles',
      'PARTNER',
    ]);
    const input = workerInput({ serial: 9 });
    const response = await graphql(api.app, REGISTER, { input }, { 'x-api-key': key });
    expect(response.errors?.[0]?.extensions.code).toBe('FORBIDDEN');
  });

  it('lists the agencies that receive alerts and referrals', async () => {
    const auditor = await agencyWithUser({ kind: 'NATIONAL', roles: 'AUDITOR' });
    const response = await graphql<{ agencies: { code: string; kind: string }[] }>(
      api.app,
      AGENCIES,
      {},
      bearer(await login(auditor)),
    );
    expect(response.data?.agencies).toEqual(
      expect.arrayContaining([{ code: 'kbri-riyadh', kind: 'EMBASSY' }]),
    );
  });

  it('sets where an agency’s alerts go, rotating the webhook secret only for a new URL or when asked', async () => {
    const { agencyCode } = await agencyWithUser({ kind: 'BP3MI', roles: 'OFFICER', provinces: '64' });
    const storedSecret = async (): Promise<string | null> => {
      const [row] = await api.dataSource.query<{ webhook_secret: string | null }[]>(
        'SELECT webhook_secret FROM agency WHERE code = $1',
        [agencyCode],
      );
      return row?.webhook_secret ?? null;
    };
    const set = (...extra: string[]): Promise<{ webhookSecret: string | null; emails: string[] }> =>
      cli(['set-alert-channels', '--agency', agencyCode, ...extra]);

    const first = await set('--webhook-url', 'https://bp3mi.example/hook', '--emails', 'a@bp3mi.example');
    expect(first.webhookSecret).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(await storedSecret()).toBe(first.webhookSecret);

    const emailsOnly = await set(
      '--webhook-url',
      'https://bp3mi.example/hook',
      '--emails',
      'b@bp3mi.example',
    );
    expect(emailsOnly).toMatchObject({ webhookSecret: null, emails: ['b@bp3mi.example'] });
    expect(await storedSecret()).toBe(first.webhookSecret);

    const rotated = await set('--webhook-url', 'https://bp3mi.example/hook', '--rotate-secret');
    expect(rotated.webhookSecret).not.toBe(first.webhookSecret);
    expect(await storedSecret()).toBe(rotated.webhookSecret);

    await expect(
      set('--webhook-url', 'ftp://bp3mi.example', '--emails', 'not-an-address'),
    ).rejects.toMatchObject({
      fields: [
        { path: 'webhookUrl', message: 'must be an http:// or https:// URL' },
        { path: 'emails', message: '"not-an-address" is not an e-mail address' },
      ],
    });
    expect(await storedSecret()).toBe(rotated.webhookSecret);
    const [audit] = await api.dataSource.query<{ after: Record<string, unknown> }[]>(
      `SELECT after FROM audit_event WHERE action = 'agency.alert_channels_set' ORDER BY sequence DESC LIMIT 1`,
    );
    expect(JSON.stringify(audit?.after)).not.toContain(rotated.webhookSecret!);
  });

  it('refuses a query priced beyond what any client needs', async () => {
    const auditor = await agencyWithUser({ kind: 'NATIONAL', roles: 'AUDITOR' });
    const token = await login(auditor);
    // Nine full pages of workers at once: each is a legitimate request, together they cost too much.
    const pages = Array.from(
      { length: 9 },
      (_, page) => `page${page}: workers(first: 100) { edges { node { ...EveryField } } }`,
    ).join('\n');
    const deep = await graphql(
      api.app,
      `
        query Deep {
          ${pages}
        }
        fragment EveryField on Worker {
          id
          nik
          fullName
          sex
          dateOfBirth
          phone
          passportNumber
          incomplete
          createdAt
          updatedAt
          version
          nextOfKin {
            name
            relationship
            phone
          }
          originProvince {
            code
            name
          }
          originRegency {
            code
            name
          }
        }
      `,
      {},
      bearer(token),
    );
    expect(deep.errors?.[0]?.extensions.code).toBe('BAD_USER_INPUT');
    expect(deep.errors?.[0]?.message).toMatch(/complexity/);
  });
});
