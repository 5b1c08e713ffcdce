import { agencyWithUser, cli, workerInput } from './support/factories.js';
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

/**
 * A page reads only the requirement columns of the fields it asks for (placement.service.ts):
 * every field must still answer what is stored, and two selections of the checklist in one
 * request must each get their own fields (the smaller first: a batch shared with it would lack
 * the larger one's columns).
 */
const ALL_FIELDS = `id kind status reason evaluatedBy recordedStatus documentNumber issuer issuedOn expiresOn
  note recordedAt updatedAt`;
const PAGE = `query Page { placements(first: 5) { edges { node { id
  few: requirements { ...Few }
  all: requirements { ${ALL_FIELDS} }
} } } }
fragment Few on Requirement { kind expiresOn }`;
const RECORD_REQUIREMENT = `mutation Record($placementId: ID!, $version: Int!, $input: RequirementInput!) {
  recordRequirement(placementId: $placementId, version: $version, input: $input) { id version }
}`;

interface Requirement {
  id: string;
  kind: string;
  status: string;
  reason: string | null;
  evaluatedBy: string;
  recordedStatus: string | null;
  documentNumber: string | null;
  issuer: string | null;
  issuedOn: string | null;
  expiresOn: string | null;
  note: string | null;
  recordedAt: string | null;
  updatedAt: string;
}

interface PageAnswer {
  placements: {
    edges: { node: { id: string; all: Requirement[]; few: Pick<Requirement, 'kind' | 'expiresOn'>[] } }[];
  };
}

describe('a page of placements reads only the requirement columns it asks for', () => {
  let environment: TestEnvironment;
  let api: TestApi;
  let token: string;
  let placementId: string;

  beforeAll(async () => {
    environment = await useTestEnvironment();
    await cli(['migrate']);
    const officer = await agencyWithUser({ kind: 'BP3MI', roles: 'OFFICER', provinces: '63' });
    api = await startTestApi();
    token = await loginAs(api.app, officer);
    const workerId = await registerWorker(api.app, bearer(token), workerInput({ dateOfBirth: '1995-08-01' }));
    const placement = await registerPlacement(api.app, bearer(token), workerId, 'MY');
    placementId = placement.id;
    const recorded = await graphql<{ recordRequirement: { version: number } }>(
      api.app,
      RECORD_REQUIREMENT,
      {
        placementId,
        version: placement.version,
        input: {
          kind: 'PASSPORT_VALID',
          status: 'SATISFIED',
          documentNumber: 'C7654321',
          issuer: 'Kantor Imigrasi Banjarmasin',
          issuedOn: '2025-01-15',
          expiresOn: '2035-01-15',
          note: 'Checked against the original',
        },
      },
      bearer(token),
    );
    expect(recorded.errors).toBeUndefined();
  });

  afterAll(async () => {
    await api?.close();
    await environment?.release();
  });

  it('answers every field as stored, and each selection of the checklist with its own fields', async () => {
    const response = await graphql<PageAnswer>(api.app, PAGE, {}, bearer(token));
    expect(response.errors).toBeUndefined();
    const node = response.data?.placements.edges.find((edge) => edge.node.id === placementId)?.node;
    const stored = await api.dataSource.query<
      Omit<Requirement, 'documentNumber' | 'recordedAt' | 'updatedAt'>[]
    >(
      `SELECT id, kind, status, reason, evaluated_by AS "evaluatedBy", recorded_status AS "recordedStatus",
              issuer, to_char(issued_on, 'YYYY-MM-DD') AS "issuedOn",
              to_char(expires_on, 'YYYY-MM-DD') AS "expiresOn", note
         FROM requirement WHERE placement_id = $1`,
      [placementId],
    );
    expect(stored.length).toBeGreaterThan(10);
    // Every requirement, every field as the table holds it (the document number is sealed there;
    // the times are checked as given, below).
    expect(node?.all).toEqual(
      expect.arrayContaining(stored.map((row) => expect.objectContaining(row) as unknown)),
    );
    expect(node?.all).toHaveLength(stored.length);
    const passport = node?.all.find((requirement) => requirement.kind === 'PASSPORT_VALID');
    expect(passport).toMatchObject({
      recordedStatus: 'SATISFIED',
      documentNumber: 'C7654321',
      issuer: 'Kantor Imigrasi Banjarmasin',
      issuedOn: '2025-01-15',
      expiresOn: '2035-01-15',
      note: 'Checked against the original',
    });
    expect(passport?.recordedAt).toEqual(expect.any(String));
    for (const requirement of node?.all ?? []) expect(requirement.updatedAt).toEqual(expect.any(String));
    // The other selection, in the same order (the law's list), with only its fields.
    expect(node?.few).toEqual(node?.all.map(({ kind, expiresOn }) => ({ kind, expiresOn })));
  });
});
