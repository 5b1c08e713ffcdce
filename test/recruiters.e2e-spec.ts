import { agencyWithUser, cli, type Officer } from './support/factories.js';
import {
  bearer,
  graphql,
  loginAs,
  startTestApi,
  useTestEnvironment,
  type TestApi,
  type TestEnvironment,
} from './support/test-api.js';

const RECRUITER_FIELDS = `id name licenceNumber status statusReason validFrom validUntil spskSelected version
  createdAt updatedAt recruitmentPermits { id permitNumber destination quota validFrom validUntil }`;
const REGISTER = `mutation Register($input: RegisterRecruiterInput!) {
  registerRecruiter(input: $input) { ${RECRUITER_FIELDS} }
}`;
const UPDATE_STATUS = `mutation Status($id: ID!, $version: Int!, $status: RecruiterStatus!, $reason: String!) {
  updateRecruiterStatus(id: $id, version: $version, status: $status, reason: $reason) {
    id status statusReason version
  }
}`;
const ADD_PERMIT = `mutation AddPermit($recruiterId: ID!, $input: RecruitmentPermitInput!) {
  addRecruitmentPermit(recruiterId: $recruiterId, input: $input) { ${RECRUITER_FIELDS} }
}`;
const RECRUITER = `query Recruiter($id: ID!) { recruiter(id: $id) { ${RECRUITER_FIELDS} } }`;
const RECRUITERS = `query Recruiters($filter: RecruiterFilter, $first: Int, $after: String) {
  recruiters(filter: $filter, first: $first, after: $after) {
    totalCount edges { cursor node { id name licenceNumber status } } pageInfo { hasNextPage endCursor }
  }
}`;

interface PermitView {
  id: string;
  permitNumber: string;
  destination: string;
  quota: number;
  validFrom: string;
  validUntil: string;
}

interface RecruiterView {
  id: string;
  name: string;
  licenceNumber: string;
  status: string;
  statusReason: string | null;
  validFrom: string;
  validUntil: string;
  spskSelected: boolean;
  version: number;
  recruitmentPermits: PermitView[];
}

interface Page {
  recruiters: {
    totalCount: number;
    edges: { node: { id: string; name: string; licenceNumber: string; status: string } }[];
    pageInfo: { hasNextPage: boolean; endCursor: string | null };
  };
}

type Table = 'recruiter' | 'recruitment_permit' | 'audit_event' | 'outbox_event';
const TABLES: Table[] = ['recruiter', 'recruitment_permit', 'audit_event', 'outbox_event'];

let licenceSerial = 0;
/** A SIP3MI-like number no other test uses. */
const nextLicence = (): string => `KEP.${100 + ++licenceSerial}/PPTKIS/2024`;

describe('officers register recruiters (P3MI) and manage their licences over GraphQL', () => {
  let environment: TestEnvironment;
  let api: TestApi;
  let officer: Officer;
  let token: string;
  let auditorToken: string;

  const recruiterInput = (overrides: Record<string, unknown> = {}): Record<string, unknown> => ({
    name: 'PT Sarana Karya Mandiri',
    licenceNumber: nextLicence(),
    validFrom: '2024-01-01',
    validUntil: '2029-12-31',
    recruitmentPermits: [
      {
        permitNumber: 'SIP2MI-001',
        destination: 'MY',
        quota: 50,
        validFrom: '2025-01-01',
        validUntil: '2025-12-31',
      },
      {
        permitNumber: 'SIP2MI-002',
        destination: 'HK',
        quota: 20,
        validFrom: '2025-03-01',
        validUntil: '2026-02-28',
      },
    ],
    ...overrides,
  });

  const count = async (table: Table): Promise<number> => {
    const [row] = await api.dataSource.query<{ count: string }[]>(`SELECT count(*) FROM ${table}`);
    return Number(row?.count);
  };
  const counts = async (): Promise<number[]> => Promise.all(TABLES.map(count));

  const register = async (overrides: Record<string, unknown> = {}): Promise<RecruiterView> => {
    const response = await graphql<{ registerRecruiter: RecruiterView }>(
      api.app,
      REGISTER,
      { input: recruiterInput(overrides) },
      bearer(token),
    );
    expect(response.errors).toBeUndefined();
    return response.data!.registerRecruiter;
  };

  const changeStatus = (variables: { id: string; version: number; status: string; reason: string }) =>
    graphql<{ updateRecruiterStatus: { status: string; statusReason: string | null; version: number } }>(
      api.app,
      UPDATE_STATUS,
      variables,
      bearer(token),
    );

  const auditRows = (entityId: string) =>
    api.dataSource.query<
      { action: string; before: Record<string, unknown> | null; after: Record<string, unknown> }[]
    >('SELECT action, before, after FROM audit_event WHERE entity_id = $1 ORDER BY sequence', [entityId]);

  const outboxTopics = async (aggregateId: string): Promise<string[]> => {
    const rows = await api.dataSource.query<{ topic: string }[]>(
      'SELECT topic FROM outbox_event WHERE aggregate_id = $1 ORDER BY occurred_at, topic',
      [aggregateId],
    );
    return rows.map((row) => row.topic);
  };

  beforeAll(async () => {
    environment = await useTestEnvironment();
    await cli(['migrate']);
    officer = await agencyWithUser({ kind: 'BP3MI', roles: 'OFFICER', provinces: '63' });
    // An auditor of another province: licences are national, so it reads every recruiter.
    const auditor = await agencyWithUser({ kind: 'BP3MI', roles: 'AUDITOR', provinces: '35' });
    api = await startTestApi();
    token = await loginAs(api.app, officer);
    auditorToken = await loginAs(api.app, auditor);
  });

  afterAll(async () => {
    await api?.close();
    await environment?.release();
  });

  it('registers a recruiter with its permits: one audit row and one outbox event', async () => {
    const before = await counts();
    const licenceNumber = nextLicence();
    const recruiter = await register({ licenceNumber: `  ${licenceNumber} ` });
    expect(recruiter).toMatchObject({
      name: 'PT Sarana Karya Mandiri',
      licenceNumber,
      status: 'ACTIVE',
      statusReason: null,
      validFrom: '2024-01-01',
      validUntil: '2029-12-31',
      spskSelected: false,
      version: 1,
    });
    expect(recruiter.recruitmentPermits).toEqual([
      expect.objectContaining({
        permitNumber: 'SIP2MI-001',
        destination: 'MY',
        quota: 50,
        validFrom: '2025-01-01',
      }),
      expect.objectContaining({
        permitNumber: 'SIP2MI-002',
        destination: 'HK',
        quota: 20,
        validUntil: '2026-02-28',
      }),
    ]);
    expect(await counts()).toEqual([before[0] + 1, before[1] + 2, before[2] + 1, before[3] + 1]);
    const audit = await auditRows(recruiter.id);
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({
      action: 'recruiter.registered',
      before: null,
      after: { licenceNumber, status: 'ACTIVE', recruitmentPermits: [{ permitNumber: 'SIP2MI-001' }, {}] },
    });
    expect(await outboxTopics(recruiter.id)).toEqual(['recruiter.registered']);

    const read = await graphql<{ recruiter: RecruiterView }>(
      api.app,
      RECRUITER,
      { id: recruiter.id },
      bearer(token),
    );
    expect(read.data?.recruiter).toEqual(recruiter);
  });

  it('registers a recruiter without permits, selected for the Saudi one-channel pilot', async () => {
    const recruiter = await register({ recruitmentPermits: undefined, spskSelected: true });
    expect(recruiter).toMatchObject({ spskSelected: true, recruitmentPermits: [] });
  });

  const permit = (overrides: Record<string, unknown>): Record<string, unknown>[] => [
    {
      permitNumber: 'SIP2MI-009',
      destination: 'TW',
      quota: 10,
      validFrom: '2025-01-01',
      validUntil: '2025-12-31',
    },
    {
      permitNumber: 'SIP2MI-010',
      destination: 'SA',
      quota: 10,
      validFrom: '2025-01-01',
      validUntil: '2025-12-31',
      ...overrides,
    },
  ];

  it.each([
    ['a licence that ends before it starts', { validUntil: '2023-12-31' }, 'input.validUntil'],
    [
      'a permit that ends before it starts',
      { recruitmentPermits: permit({ validUntil: '2024-12-31' }) },
      'input.recruitmentPermits.1.validUntil',
    ],
    [
      'an unknown destination country',
      { recruitmentPermits: permit({ destination: 'XX' }) },
      'input.recruitmentPermits.1.destination',
    ],
    [
      'a destination that is not an alpha-2 code',
      { recruitmentPermits: permit({ destination: 'sa' }) },
      'input.recruitmentPermits.1.destination',
    ],
    ['a quota of zero', { recruitmentPermits: permit({ quota: 0 }) }, 'input.recruitmentPermits.1.quota'],
    [
      'a permit number given twice',
      { recruitmentPermits: permit({ permitNumber: 'SIP2MI-009' }) },
      'input.recruitmentPermits.1.permitNumber',
    ],
    ['a blank name', { name: '   ' }, 'input.name'],
    ['a blank licence number', { licenceNumber: ' ' }, 'input.licenceNumber'],
    ['a date that is not on the calendar', { validFrom: '2024-02-30' }, 'input.validFrom'],
    ['a missing field', { validUntil: undefined }, 'input.validUntil'],
  ])('refuses %s with BAD_USER_INPUT naming the field, and writes nothing', async (_case, change, path) => {
    const before = await counts();
    const response = await graphql(api.app, REGISTER, { input: recruiterInput(change) }, bearer(token));
    expect(response.errors?.[0]?.extensions.code).toBe('BAD_USER_INPUT');
    expect(response.errors?.[0]?.extensions.fields?.map((field) => field.path)).toContain(path);
    expect(await counts()).toEqual(before);
  });

  it('answers CONFLICT naming input.licenceNumber to a licence registered twice, and writes nothing', async () => {
    const licenceNumber = nextLicence();
    await register({ licenceNumber });
    const before = await counts();
    const again = await graphql(
      api.app,
      REGISTER,
      { input: recruiterInput({ licenceNumber, name: 'PT Lain' }) },
      bearer(token),
    );
    expect(again.errors?.[0]?.extensions).toMatchObject({
      code: 'CONFLICT',
      fields: [{ path: 'input.licenceNumber' }],
    });
    expect(await counts()).toEqual(before);
  });

  it('lists recruiters newest first, by status, name part and exact licence number, page by page', async () => {
    const tag = `Filter${Date.now().toString(36)}`;
    const registered: RecruiterView[] = [];
    for (let index = 0; index < 5; index += 1) {
      registered.push(await register({ name: `PT ${tag} Jaya ${index}`, recruitmentPermits: [] }));
    }
    const percent = await register({ name: `PT ${tag} 100% Amanah`, recruitmentPermits: [] });
    const underscore = await register({ name: `PT ${tag}_Sejahtera`, recruitmentPermits: [] });

    const list = (variables: Record<string, unknown>, auth = token) =>
      graphql<Page>(api.app, RECRUITERS, variables, bearer(auth));
    const names = (page: Awaited<ReturnType<typeof list>>) =>
      page.data?.recruiters.edges.map((edge) => edge.node.name);

    const first = await list({ filter: { name: `${tag.toLowerCase()} jaya` }, first: 3 });
    expect(first.data?.recruiters.totalCount).toBe(5);
    expect(names(first)).toEqual([4, 3, 2].map((index) => `PT ${tag} Jaya ${index}`));
    expect(first.data?.recruiters.pageInfo.hasNextPage).toBe(true);
    const second = await list({
      filter: { name: `${tag.toLowerCase()} jaya` },
      first: 3,
      after: first.data?.recruiters.pageInfo.endCursor,
    });
    expect(names(second)).toEqual([1, 0].map((index) => `PT ${tag} Jaya ${index}`));
    expect(second.data?.recruiters.pageInfo.hasNextPage).toBe(false);

    // Wildcards in the name part are taken literally.
    expect(names(await list({ filter: { name: `${tag} 100%` } }))).toEqual([percent.name]);
    expect(names(await list({ filter: { name: `${tag}_` } }))).toEqual([underscore.name]);
    expect((await list({ filter: { name: `${tag}%Jaya` } })).data?.recruiters.totalCount).toBe(0);

    const byLicence = await list({ filter: { licenceNumber: registered[2].licenceNumber } });
    expect(byLicence.data?.recruiters.edges.map((edge) => edge.node.id)).toEqual([registered[2].id]);
    const partLicence = await list({ filter: { licenceNumber: registered[2].licenceNumber.slice(0, 6) } });
    expect(partLicence.data?.recruiters.totalCount).toBe(0);

    const suspended = await changeStatus({
      id: registered[1].id,
      version: 1,
      status: 'SUSPENDED',
      reason: 'Pemeriksaan kepatuhan',
    });
    expect(suspended.errors).toBeUndefined();
    const bySuspension = await list({ filter: { status: 'SUSPENDED', name: tag } });
    expect(bySuspension.data?.recruiters.edges.map((edge) => edge.node.id)).toEqual([registered[1].id]);
    const byActive = await list({ filter: { status: 'ACTIVE', name: tag }, first: 100 });
    expect(byActive.data?.recruiters.totalCount).toBe(6);

    const tooMany = await list({ first: 500 });
    expect(tooMany.errors?.[0]?.extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      fields: [{ path: 'first' }],
    });
    const badCursor = await list({ after: 'not-a-cursor' });
    expect(badCursor.errors?.[0]?.extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      fields: [{ path: 'after' }],
    });
    const badStatus = await list({ filter: { status: 'CLOSED' } });
    expect(badStatus.errors?.[0]?.extensions.code).toBe('BAD_USER_INPUT');
  });

  it('suspends with a reason and reinstates: each change audited with before and after, and reported', async () => {
    const { id } = await register();

    const blank = await changeStatus({ id, version: 1, status: 'SUSPENDED', reason: '  ' });
    expect(blank.errors?.[0]?.extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      fields: [{ path: 'reason' }],
    });

    const suspended = await changeStatus({
      id,
      version: 1,
      status: 'SUSPENDED',
      reason: 'Menahan paspor PMI',
    });
    expect(suspended.data?.updateRecruiterStatus).toEqual({
      id,
      status: 'SUSPENDED',
      statusReason: 'Menahan paspor PMI',
      version: 2,
    });
    const again = await changeStatus({ id, version: 2, status: 'SUSPENDED', reason: 'Once more' });
    expect(again.errors?.[0]?.extensions.code).toBe('CONFLICT');

    const reinstated = await changeStatus({ id, version: 2, status: 'ACTIVE', reason: 'Sanksi dicabut' });
    expect(reinstated.data?.updateRecruiterStatus).toMatchObject({ status: 'ACTIVE', version: 3 });

    const audit = await auditRows(id);
    expect(audit.map((row) => row.action)).toEqual([
      'recruiter.registered',
      'recruiter.status_changed',
      'recruiter.status_changed',
    ]);
    expect(audit[1]).toMatchObject({
      before: { status: 'ACTIVE', statusReason: null, version: 1 },
      after: { status: 'SUSPENDED', statusReason: 'Menahan paspor PMI', version: 2 },
    });
    expect(audit[2]).toMatchObject({
      before: { status: 'SUSPENDED' },
      after: { status: 'ACTIVE', version: 3 },
    });
    expect(await outboxTopics(id)).toEqual(
      expect.arrayContaining(['recruiter.registered', 'recruiter.suspended', 'recruiter.reinstated']),
    );
    expect(await outboxTopics(id)).toHaveLength(3);
  });

  it('treats a revocation as final: reinstating answers CONFLICT and changes nothing', async () => {
    const { id } = await register();
    const revoked = await changeStatus({
      id,
      version: 1,
      status: 'REVOKED',
      reason: 'Izin dicabut oleh Menteri',
    });
    expect(revoked.data?.updateRecruiterStatus).toMatchObject({ status: 'REVOKED', version: 2 });
    expect(await outboxTopics(id)).toEqual(expect.arrayContaining(['recruiter.revoked']));

    const before = await counts();
    const reinstated = await changeStatus({ id, version: 2, status: 'ACTIVE', reason: 'Banding' });
    expect(reinstated.errors?.[0]?.extensions.code).toBe('CONFLICT');
    expect(await counts()).toEqual(before);
    const read = await graphql<{ recruiter: RecruiterView }>(api.app, RECRUITER, { id }, bearer(token));
    expect(read.data?.recruiter).toMatchObject({ status: 'REVOKED', version: 2 });

    const permitAdded = await graphql(
      api.app,
      ADD_PERMIT,
      {
        recruiterId: id,
        input: {
          permitNumber: 'SIP2MI-777',
          destination: 'MY',
          quota: 5,
          validFrom: '2025-01-01',
          validUntil: '2025-12-31',
        },
      },
      bearer(token),
    );
    expect(permitAdded.errors?.[0]?.extensions.code).toBe('CONFLICT');
    expect(await counts()).toEqual(before);
  });

  it('answers CONFLICT to a stale version, and lets exactly one of concurrent changes through', async () => {
    const { id } = await register();
    expect(
      (await changeStatus({ id, version: 1, status: 'SUSPENDED', reason: 'Audit' })).errors,
    ).toBeUndefined();

    const before = await counts();
    const stale = await changeStatus({ id, version: 1, status: 'ACTIVE', reason: 'Selesai' });
    expect(stale.errors?.[0]?.extensions).toMatchObject({ code: 'CONFLICT', fields: [{ path: 'version' }] });
    expect(await counts()).toEqual(before);

    const racing = await Promise.all(
      Array.from({ length: 8 }, () => changeStatus({ id, version: 2, status: 'ACTIVE', reason: 'Selesai' })),
    );
    expect(racing.filter((response) => response.errors === undefined)).toHaveLength(1);
    expect(racing.filter((response) => response.errors?.[0]?.extensions.code === 'CONFLICT')).toHaveLength(7);
    expect(await counts()).toEqual([before[0], before[1], before[2] + 1, before[3] + 1]);
  });

  it('adds a recruitment permit: version moves on, one audit row; refuses bad input and duplicates', async () => {
    const recruiter = await register();
    const input = {
      permitNumber: 'SIP2MI-100',
      destination: 'TW',
      quota: 30,
      validFrom: '2025-06-01',
      validUntil: '2026-05-31',
    };
    const before = await counts();
    const added = await graphql<{ addRecruitmentPermit: RecruiterView }>(
      api.app,
      ADD_PERMIT,
      { recruiterId: recruiter.id, input },
      bearer(token),
    );
    expect(added.errors).toBeUndefined();
    expect(added.data?.addRecruitmentPermit.version).toBe(2);
    expect(added.data?.addRecruitmentPermit.recruitmentPermits.map((p) => p.permitNumber)).toEqual([
      'SIP2MI-001',
      'SIP2MI-002',
      'SIP2MI-100',
    ]);
    expect(await counts()).toEqual([before[0], before[1] + 1, before[2] + 1, before[3]]);
    const audit = await auditRows(recruiter.id);
    expect(audit.at(-1)).toMatchObject({
      action: 'recruiter.permit_added',
      after: { permit: { permitNumber: 'SIP2MI-100', destination: 'TW', quota: 30 }, version: 2 },
    });

    const refusals: [Record<string, unknown>, string, string][] = [
      [{ recruiterId: recruiter.id, input }, 'CONFLICT', 'input.permitNumber'],
      [
        { recruiterId: recruiter.id, input: { ...input, permitNumber: 'X-1', destination: 'XX' } },
        'BAD_USER_INPUT',
        'input.destination',
      ],
      [
        { recruiterId: recruiter.id, input: { ...input, permitNumber: 'X-2', validUntil: '2025-05-31' } },
        'BAD_USER_INPUT',
        'input.validUntil',
      ],
      [
        { recruiterId: recruiter.id, input: { ...input, permitNumber: 'X-3', quota: -1 } },
        'BAD_USER_INPUT',
        'input.quota',
      ],
      [
        { recruiterId: 'not-an-id', input: { ...input, permitNumber: 'X-4' } },
        'BAD_USER_INPUT',
        'recruiterId',
      ],
    ];
    const unchanged = await counts();
    for (const [variables, code, path] of refusals) {
      const response = await graphql(api.app, ADD_PERMIT, variables, bearer(token));
      expect(response.errors?.[0]?.extensions).toMatchObject({
        code,
        fields: [expect.objectContaining({ path })],
      });
    }
    const unknown = await graphql(
      api.app,
      ADD_PERMIT,
      { recruiterId: '00000000-0000-4000-8000-000000000000', input: { ...input, permitNumber: 'X-5' } },
      bearer(token),
    );
    expect(unknown.errors?.[0]?.extensions.code).toBe('NOT_FOUND');
    expect(await counts()).toEqual(unchanged);
  });

  it('answers NOT_FOUND for a recruiter that does not exist', async () => {
    const response = await graphql(
      api.app,
      RECRUITER,
      { id: '00000000-0000-4000-8000-000000000001' },
      bearer(token),
    );
    expect(response.errors?.[0]?.extensions.code).toBe('NOT_FOUND');
  });

  it('lets an auditor of any province read recruiters but change nothing (FORBIDDEN)', async () => {
    const recruiter = await register();
    const read = await graphql<{ recruiter: RecruiterView }>(
      api.app,
      RECRUITER,
      { id: recruiter.id },
      bearer(auditorToken),
    );
    expect(read.data?.recruiter.id).toBe(recruiter.id);
    const list = await graphql<Page>(
      api.app,
      RECRUITERS,
      { filter: { licenceNumber: recruiter.licenceNumber } },
      bearer(auditorToken),
    );
    expect(list.data?.recruiters.totalCount).toBe(1);

    const before = await counts();
    const attempts = [
      graphql(api.app, REGISTER, { input: recruiterInput() }, bearer(auditorToken)),
      graphql(
        api.app,
        UPDATE_STATUS,
        { id: recruiter.id, version: 1, status: 'SUSPENDED', reason: 'Tidak berwenang' },
        bearer(auditorToken),
      ),
      graphql(
        api.app,
        ADD_PERMIT,
        {
          recruiterId: recruiter.id,
          input: {
            permitNumber: 'A-1',
            destination: 'MY',
            quota: 1,
            validFrom: '2025-01-01',
            validUntil: '2025-12-31',
          },
        },
        bearer(auditorToken),
      ),
    ];
    for (const response of await Promise.all(attempts)) {
      expect(response.errors?.[0]?.extensions.code).toBe('FORBIDDEN');
    }
    expect(await counts()).toEqual(before);

    const anonymous = await graphql(api.app, RECRUITERS);
    expect(anonymous.errors?.[0]?.extensions.code).toBe('UNAUTHENTICATED');
  });
});
