import { agencyWithUser, cli, embassyKey, nikFor, type Officer } from './support/factories.js';
import {
  bearer,
  graphql,
  loginAs,
  startTestApi,
  useTestEnvironment,
  type TestApi,
  type TestEnvironment,
} from './support/test-api.js';

const LOGIN_WITH_PRINCIPAL = `mutation Login($username: String!, $password: String!) {
  login(username: $username, password: $password) { accessToken expiresAt principal { name roles agency { code } } }
}`;
const REGISTER = `mutation Register($input: RegisterWorkerInput!) {
  registerWorker(input: $input) {
    id nik fullName sex dateOfBirth version
    originProvince { code name } originRegency { code name }
  }
}`;
const UPDATE = `mutation Update($id: ID!, $version: Int, $input: UpdateWorkerInput!) {
  updateWorker(id: $id, version: $version, input: $input) { id fullName phone version }
}`;
const WORKER = `query Worker($id: ID!) { worker(id: $id) { id fullName } }`;
const WORKER_BY_NIK = `query ByNik($nik: String!) { workerByNik(nik: $nik) { id } }`;
const WORKERS = `query Workers($filter: WorkerFilter, $first: Int, $after: String) {
  workers(filter: $filter, first: $first, after: $after) {
    totalCount edges { cursor node { id fullName } } pageInfo { hasNextPage endCursor }
  }
}`;
const REGISTER_PLACEMENT = `mutation RegisterPlacement($input: RegisterPlacementInput!) {
  registerPlacement(input: $input) { id version }
}`;
const CANCEL_PLACEMENT = `mutation Cancel($placementId: ID!, $version: Int!, $reason: String!) {
  cancelPlacement(placementId: $placementId, version: $version, reason: $reason) { id }
}`;
const WORKER_PLACEMENTS = `query WorkerPlacements($id: ID!) { worker(id: $id) { id placements { id stage destination } } }`;
const PLACEMENT = `query Placement($id: ID!) { placement(id: $id) { id } }`;

interface RegisteredWorker {
  id: string;
  nik: string;
  fullName: string;
  version: number;
  originProvince: { code: string; name: string };
  originRegency: { code: string; name: string };
}

describe('an officer registers migrant workers over GraphQL', () => {
  let environment: TestEnvironment;
  let api: TestApi;
  let kalselOfficer: Officer;
  let jatimOfficer: Officer;
  let token: string;

  const login = (officer: Officer): Promise<string> => loginAs(api.app, officer);

  const siti = (overrides: Record<string, unknown> = {}): Record<string, unknown> => ({
    nik: nikFor('6372', '1995-08-01', 'FEMALE'),
    fullName: 'Siti Aminah',
    sex: 'FEMALE',
    dateOfBirth: '1995-08-01',
    originRegencyCode: '6372',
    phone: '+62 812 3456 7890',
    nextOfKin: { name: 'Ahmad', relationship: 'spouse' },
    ...overrides,
  });

  const count = async (table: 'worker' | 'audit_event' | 'outbox_event'): Promise<number> => {
    const [row] = await api.dataSource.query<{ count: string }[]>(`SELECT count(*) FROM ${table}`);
    return Number(row?.count);
  };

  /** A worker of Kota Banjarbaru whose placement to Saudi Arabia was cancelled, then replaced by one to Malaysia. */
  const workerWithTwoPlacements = async (
    serial: number,
  ): Promise<{ workerId: string; cancelled: string; current: string }> => {
    const input = siti({ nik: nikFor('6372', '1995-08-01', 'FEMALE', serial) });
    const workerId = (
      await graphql<{ registerWorker: RegisteredWorker }>(api.app, REGISTER, { input }, bearer(token))
    ).data!.registerWorker.id;
    const place = async (destination: string): Promise<{ id: string; version: number }> => {
      const placement = {
        workerId,
        destination,
        sector: 'FORMAL',
        employerType: 'LEGAL_ENTITY',
        jobTitle: 'Operator',
        scheme: 'G_TO_G',
        visaType: 'WORK',
      };
      const response = await graphql<{ registerPlacement: { id: string; version: number } }>(
        api.app,
        REGISTER_PLACEMENT,
        { input: placement },
        bearer(token),
      );
      expect(response.errors).toBeUndefined();
      return response.data!.registerPlacement;
    };
    const first = await place('SA');
    const cancel = {
      placementId: first.id,
      version: first.version,
      reason: 'The employer withdrew its offer',
    };
    expect((await graphql(api.app, CANCEL_PLACEMENT, cancel, bearer(token))).errors).toBeUndefined();
    const second = await place('MY');
    return { workerId, cancelled: first.id, current: second.id };
  };

  beforeAll(async () => {
    environment = await useTestEnvironment();
    await cli(['migrate']);
    kalselOfficer = await agencyWithUser({ kind: 'BP3MI', roles: 'OFFICER', provinces: '63' });
    jatimOfficer = await agencyWithUser({ kind: 'BP3MI', roles: 'OFFICER', provinces: '35' });
    api = await startTestApi();
    token = await login(kalselOfficer);
  });

  afterAll(async () => {
    await api?.close();
    await environment?.release();
  });

  it('lets the CLI bootstrap an agency and an officer who can log in', async () => {
    const response = await graphql<{
      login: { expiresAt: string; principal: { roles: string[]; agency: { code: string } } };
    }>(api.app, LOGIN_WITH_PRINCIPAL, { username: kalselOfficer.username, password: kalselOfficer.password });
    expect(response.data?.login.principal).toMatchObject({
      roles: ['OFFICER'],
      agency: { code: kalselOfficer.agencyCode },
    });
    expect(Date.parse(response.data!.login.expiresAt)).toBeGreaterThan(Date.now());
  });

  it('answers UNAUTHENTICATED to a wrong password, and to no token at all', async () => {
    const wrong = await graphql(api.app, LOGIN_WITH_PRINCIPAL, {
      username: kalselOfficer.username,
      password: 'not-the-password',
    });
    expect(wrong.errors?.[0]?.extensions.code).toBe('UNAUTHENTICATED');
    const anonymous = await graphql(api.app, WORKERS);
    expect(anonymous.errors?.[0]?.extensions.code).toBe('UNAUTHENTICATED');
    const forged = await graphql(api.app, WORKERS, {}, bearer(`${token}x`));
    expect(forged.errors?.[0]?.extensions.code).toBe('UNAUTHENTICATED');
  });

  it('registers a worker from Kota Banjarbaru, audited once and with one event in the outbox', async () => {
    const [workersBefore, auditBefore, outboxBefore] = [
      await count('worker'),
      await count('audit_event'),
      await count('outbox_event'),
    ];
    const response = await graphql<{ registerWorker: RegisteredWorker }>(
      api.app,
      REGISTER,
      { input: siti() },
      { ...bearer(token), 'x-request-id': 'e2e-register-siti-0001' },
    );
    expect(response.errors).toBeUndefined();
    const worker = response.data!.registerWorker;
    expect(worker).toMatchObject({
      fullName: 'Siti Aminah',
      version: 1,
      originProvince: { code: '63', name: 'Kalimantan Selatan' },
      originRegency: { code: '6372', name: 'Kota Banjarbaru' },
    });
    expect(await count('worker')).toBe(workersBefore + 1);
    expect(await count('audit_event')).toBe(auditBefore + 1);
    expect(await count('outbox_event')).toBe(outboxBefore + 1);
    const audit = await api.dataSource.query<
      { action: string; actor_type: string; request_id: string | null }[]
    >('SELECT action, actor_type, request_id FROM audit_event WHERE entity_id = $1', [worker.id]);
    expect(audit).toEqual([
      { action: 'worker.registered', actor_type: 'user', request_id: 'e2e-register-siti-0001' },
    ]);
  });

  it.each([
    ['a NIK that is not 16 digits', { nik: '63720241089500' }, 'input.nik'],
    ['a NIK whose birth date disagrees', { dateOfBirth: '1995-08-02' }, 'input.dateOfBirth'],
    ['a NIK that says the worker is a woman', { sex: 'MALE' }, 'input.sex'],
    ['a NIK from no Kemendagri region', { nik: nikFor('6399', '1995-08-01', 'FEMALE') }, 'input.nik'],
    ['an unknown regency', { originRegencyCode: '6399' }, 'input.originRegencyCode'],
    ['a blank name', { fullName: '   ' }, 'input.fullName'],
    ['a date that is not on the calendar', { dateOfBirth: '1995-02-30' }, 'input.dateOfBirth'],
    ['a missing field', { nik: undefined }, 'input.nik'],
    ['a NUL byte, which PostgreSQL cannot store', { fullName: 'Siti\u0000Aminah' }, 'input.fullName'],
  ])('refuses %s with BAD_USER_INPUT naming the field, and writes nothing', async (_case, change, path) => {
    const before = [await count('worker'), await count('audit_event'), await count('outbox_event')];
    const input = siti({ nik: nikFor('6372', '1995-08-01', 'FEMALE', 900), ...change });
    const response = await graphql(api.app, REGISTER, { input }, bearer(token));
    expect(response.errors?.[0]?.extensions.code).toBe('BAD_USER_INPUT');
    expect(response.errors?.[0]?.extensions.fields?.map((field) => field.path)).toContain(path);
    expect([await count('worker'), await count('audit_event'), await count('outbox_event')]).toEqual(before);
  });

  it('accepts a NIK with a legacy Papua regency code (Merauke 9101, now 9301)', async () => {
    const papuaOfficer = await agencyWithUser({ kind: 'BP3MI', roles: 'OFFICER', provinces: '93' });
    const input = siti({
      nik: nikFor('9101', '1990-01-15', 'MALE'),
      sex: 'MALE',
      dateOfBirth: '1990-01-15',
      originRegencyCode: '9301',
    });
    const response = await graphql<{ registerWorker: RegisteredWorker }>(
      api.app,
      REGISTER,
      { input },
      bearer(await login(papuaOfficer)),
    );
    expect(response.errors).toBeUndefined();
    expect(response.data?.registerWorker.originRegency.code).toBe('9301');
  });

  it('answers CONFLICT to a NIK registered twice, and writes nothing', async () => {
    const input = siti({ nik: nikFor('6372', '1995-08-01', 'FEMALE', 2) });
    expect((await graphql(api.app, REGISTER, { input }, bearer(token))).errors).toBeUndefined();
    const before = [await count('worker'), await count('audit_event'), await count('outbox_event')];
    const again = await graphql(api.app, REGISTER, { input }, bearer(token));
    expect(again.errors?.[0]?.extensions).toMatchObject({
      code: 'CONFLICT',
      fields: [{ path: 'input.nik' }],
    });
    expect([await count('worker'), await count('audit_event'), await count('outbox_event')]).toEqual(before);
  });

  it('keeps workers of Kalimantan Selatan out of an East Java officer’s sight: NOT_FOUND, not FORBIDDEN', async () => {
    const input = siti({ nik: nikFor('6372', '1995-08-01', 'FEMALE', 3) });
    const registered = await graphql<{ registerWorker: RegisteredWorker }>(
      api.app,
      REGISTER,
      { input },
      bearer(token),
    );
    const { id, nik } = registered.data!.registerWorker;
    const jatimToken = await login(jatimOfficer);

    const byId = await graphql(api.app, WORKER, { id }, bearer(jatimToken));
    expect(byId.errors?.[0]?.extensions.code).toBe('NOT_FOUND');
    const byNik = await graphql<{ workerByNik: null }>(api.app, WORKER_BY_NIK, { nik }, bearer(jatimToken));
    expect(byNik.data?.workerByNik).toBeNull();
    const update = await graphql(api.app, UPDATE, { id, input: { fullName: 'Changed' } }, bearer(jatimToken));
    expect(update.errors?.[0]?.extensions.code).toBe('NOT_FOUND');
    const list = await graphql<{ workers: { totalCount: number } }>(api.app, WORKERS, {}, bearer(jatimToken));
    expect(list.data?.workers.totalCount).toBe(0);

    const own = await graphql<{ worker: { id: string } }>(api.app, WORKER, { id }, bearer(token));
    expect(own.data?.worker.id).toBe(id);
  });

  it('refuses to register a worker whose origin lies outside the officer’s jurisdiction', async () => {
    const input = siti({ nik: nikFor('6372', '1995-08-01', 'FEMALE', 4) });
    const response = await graphql(api.app, REGISTER, { input }, bearer(await login(jatimOfficer)));
    expect(response.errors?.[0]?.extensions.fields).toEqual([
      { path: 'input.originRegencyCode', message: 'is outside your jurisdiction' },
    ]);
  });

  it('updates a worker: one audit row with before and after, version moved on', async () => {
    const input = siti({ nik: nikFor('6372', '1995-08-01', 'FEMALE', 5) });
    const { id } = (
      await graphql<{ registerWorker: RegisteredWorker }>(api.app, REGISTER, { input }, bearer(token))
    ).data!.registerWorker;
    const response = await graphql<{ updateWorker: { fullName: string; phone: string; version: number } }>(
      api.app,
      UPDATE,
      { id, input: { fullName: 'Siti Aminah binti Ahmad', phone: '+62 811 000 111' } },
      bearer(token),
    );
    expect(response.data?.updateWorker).toMatchObject({ fullName: 'Siti Aminah binti Ahmad', version: 2 });
    const audit = await api.dataSource.query<{ before: { fullName: string }; after: { fullName: string } }[]>(
      `SELECT before, after FROM audit_event WHERE entity_id = $1 AND action = 'worker.updated'`,
      [id],
    );
    expect(audit).toHaveLength(1);
    expect(audit[0]?.before.fullName).toBe('Siti Aminah');
    expect(audit[0]?.after.fullName).toBe('Siti Aminah binti Ahmad');

    const stale = await graphql(
      api.app,
      UPDATE,
      { id, version: 1, input: { phone: '+62 811 999' } },
      bearer(token),
    );
    expect(stale.errors?.[0]?.extensions).toMatchObject({ code: 'CONFLICT', fields: [{ path: 'version' }] });

    const inconsistent = await graphql(api.app, UPDATE, { id, input: { sex: 'MALE' } }, bearer(token));
    expect(inconsistent.errors?.[0]?.extensions.fields?.[0]?.path).toBe('input.sex');
  });

  it('pages through workers newest first, filtered by regency and name', async () => {
    for (let serial = 10; serial < 15; serial += 1) {
      const input = siti({
        nik: nikFor('6371', '1990-03-15', 'MALE', serial),
        sex: 'MALE',
        dateOfBirth: '1990-03-15',
        originRegencyCode: '6371',
        fullName: `Budi ${serial}`,
      });
      expect((await graphql(api.app, REGISTER, { input }, bearer(token))).errors).toBeUndefined();
    }
    type Page = {
      workers: {
        totalCount: number;
        edges: { node: { fullName: string } }[];
        pageInfo: { hasNextPage: boolean; endCursor: string };
      };
    };
    const filter = { originRegencyCode: '6371', name: 'budi' };
    const first = await graphql<Page>(api.app, WORKERS, { filter, first: 3 }, bearer(token));
    expect(first.data?.workers.totalCount).toBe(5);
    expect(first.data?.workers.edges.map((edge) => edge.node.fullName)).toEqual([
      'Budi 14',
      'Budi 13',
      'Budi 12',
    ]);
    expect(first.data?.workers.pageInfo.hasNextPage).toBe(true);
    const second = await graphql<Page>(
      api.app,
      WORKERS,
      { filter, first: 3, after: first.data?.workers.pageInfo.endCursor },
      bearer(token),
    );
    expect(second.data?.workers.edges.map((edge) => edge.node.fullName)).toEqual(['Budi 11', 'Budi 10']);
    expect(second.data?.workers.pageInfo.hasNextPage).toBe(false);

    const tooMany = await graphql(api.app, WORKERS, { first: 500 }, bearer(token));
    expect(tooMany.errors?.[0]?.extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      fields: [{ path: 'first' }],
    });
    const badCursor = await graphql(api.app, WORKERS, { after: 'not-a-cursor' }, bearer(token));
    expect(badCursor.errors?.[0]?.extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      fields: [{ path: 'after' }],
    });
  });

  it('lists a worker’s placements newest first: the one that replaced a cancelled one, then the cancelled one', async () => {
    const { workerId, cancelled, current } = await workerWithTwoPlacements(20);
    const response = await graphql<{
      worker: { placements: { id: string; stage: string; destination: string }[] };
    }>(api.app, WORKER_PLACEMENTS, { id: workerId }, bearer(token));
    expect(response.errors).toBeUndefined();
    expect(response.data?.worker.placements).toEqual([
      { id: current, stage: 'REGISTERED', destination: 'MY' },
      { id: cancelled, stage: 'CANCELLED', destination: 'SA' },
    ]);
  });

  it('shows an East Java officer none of a Kalimantan Selatan worker’s placements, and an embassy only its country’s', async () => {
    const { workerId, cancelled, current } = await workerWithTwoPlacements(21);
    const jatimToken = await login(jatimOfficer);
    const byId = await graphql(api.app, WORKER_PLACEMENTS, { id: workerId }, bearer(jatimToken));
    expect(byId.errors?.[0]?.extensions.code).toBe('NOT_FOUND');
    for (const id of [cancelled, current]) {
      expect(JSON.stringify(byId)).not.toContain(id);
      const placement = await graphql(api.app, PLACEMENT, { id }, bearer(jatimToken));
      expect(placement.errors?.[0]?.extensions.code).toBe('NOT_FOUND');
    }
    // Riyadh sees the worker through the placement to Saudi Arabia, and that placement only.
    const riyadh = await embassyKey('kbri-riyadh', 'SA');
    const abroad = await graphql<{ worker: { placements: { id: string }[] } }>(
      api.app,
      WORKER_PLACEMENTS,
      { id: workerId },
      riyadh,
    );
    expect(abroad.data?.worker.placements.map((placement) => placement.id)).toEqual([cancelled]);
  });

  it('answers FORBIDDEN when the role may not register workers', async () => {
    const auditor = await agencyWithUser({ kind: 'BP3MI', roles: 'AUDITOR', provinces: '63' });
    const input = siti({ nik: nikFor('6372', '1995-08-01', 'FEMALE', 6) });
    const response = await graphql(api.app, REGISTER, { input }, bearer(await login(auditor)));
    expect(response.errors?.[0]?.extensions.code).toBe('FORBIDDEN');
  });
});
