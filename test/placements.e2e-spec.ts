import { agencyWithUser, cli, workerInput, type Officer } from './support/factories.js';
import { OFFICER_VERIFIED } from './support/requirements.js';
import {
  bearer,
  graphql,
  loginAs,
  registerWorker,
  startTestApi,
  useTestEnvironment,
  type GraphqlResponse,
  type TestApi,
  type TestEnvironment,
} from './support/test-api.js';

const PLACEMENT_FIELDS = `id stage procedural proceduralReasons version reTraffickingRisk ruleSetVersion
  requirements { kind status reason evaluatedBy }
  timeline { type stageFrom stageTo actorType }
  worker { id fullName } recruiter { id name }`;
const REGISTER_RECRUITER = `mutation RegisterRecruiter($input: RegisterRecruiterInput!) { registerRecruiter(input: $input) { id } }`;
const REGISTER_PLACEMENT = `mutation RegisterPlacement($input: RegisterPlacementInput!) {
  registerPlacement(input: $input) { ${PLACEMENT_FIELDS} }
}`;
const RECORD_REQUIREMENT = `mutation Record($placementId: ID!, $version: Int!, $input: RequirementInput!) {
  recordRequirement(placementId: $placementId, version: $version, input: $input) { ${PLACEMENT_FIELDS} }
}`;
const CLEAR = `mutation Clear($placementId: ID!, $version: Int!) {
  clearForDeparture(placementId: $placementId, version: $version) { ${PLACEMENT_FIELDS} }
}`;
const DEPART = `mutation Depart($placementId: ID!, $version: Int!, $departedAt: DateTime!, $port: String) {
  recordDeparture(placementId: $placementId, version: $version, departedAt: $departedAt, port: $port) { ${PLACEMENT_FIELDS} }
}`;
const CANCEL = `mutation Cancel($placementId: ID!, $version: Int!, $reason: String!) {
  cancelPlacement(placementId: $placementId, version: $version, reason: $reason) { id stage version }
}`;
const PLACEMENT = `query Placement($id: ID!) { placement(id: $id) { ${PLACEMENT_FIELDS} } }`;
const PLACEMENTS = `query Placements($filter: PlacementFilterInput) { placements(filter: $filter) { totalCount edges { node { id } } } }`;
const RULES = `query Rules($destination: CountryCode!, $sector: Sector!) {
  placementRules(destination: $destination, sector: $sector) {
    destination byEmployerType { employerType decision ruleId } requirements ruleSetVersion
  }
}`;

interface PlacementResult {
  id: string;
  stage: string;
  procedural: boolean;
  proceduralReasons: string[];
  version: number;
  reTraffickingRisk: boolean;
  requirements: { kind: string; status: string; reason: string | null; evaluatedBy: string }[];
  timeline: { type: string; stageFrom: string | null; stageTo: string }[];
  worker: { id: string } | null;
  recruiter: { id: string } | null;
}

const daysFromNow = (days: number): Date => new Date(Date.now() + days * 24 * 60 * 60 * 1000);
const dateIn = (days: number): string => daysFromNow(days).toISOString().slice(0, 10);

describe('pra penempatan: from registration to departure', () => {
  let environment: TestEnvironment;
  let api: TestApi;
  let officer: Officer;
  let token: string;
  let recruiterId: string;
  let serial = 100;

  const call = async <T>(
    query: string,
    variables: Record<string, unknown>,
    as = token,
  ): Promise<GraphqlResponse<T>> => graphql<T>(api.app, query, variables, bearer(as));

  const count = async (table: string): Promise<number> => {
    const [row] = await api.dataSource.query<{ count: string }[]>(`SELECT count(*) FROM ${table}`);
    return Number(row?.count);
  };

  const newWorker = async (): Promise<string> => {
    serial += 1;
    return registerWorker(api.app, bearer(token), workerInput({ dateOfBirth: '1995-08-01', serial }));
  };

  const formalToMalaysia = (
    workerId: string,
    overrides: Record<string, unknown> = {},
  ): Record<string, unknown> => ({
    workerId,
    destination: 'MY',
    destinationCity: 'Kuala Lumpur',
    sector: 'FORMAL',
    employerType: 'LEGAL_ENTITY',
    employerName: 'Sdn Bhd Elektronik',
    jobTitle: 'Operator produksi',
    recruiterId,
    visaType: 'WORK',
    contractStart: dateIn(40),
    contractEnd: dateIn(40 + 730),
    plannedDepartureAt: daysFromNow(30).toISOString(),
    ...overrides,
  });

  const register = async (input: Record<string, unknown>): Promise<PlacementResult> => {
    const response = await call<{ registerPlacement: PlacementResult }>(REGISTER_PLACEMENT, { input });
    expect(response.errors).toBeUndefined();
    return response.data!.registerPlacement;
  };

  /** Records every officer-verified requirement as satisfied, and a passport valid well past the contract. */
  const satisfyEverything = async (placement: PlacementResult): Promise<PlacementResult> => {
    let current = placement;
    const evidence = [
      ...OFFICER_VERIFIED.map((kind) => ({
        kind,
        status: 'SATISFIED',
        documentNumber: `${kind}-1`,
        expiresOn: dateIn(365),
      })),
      { kind: 'PASSPORT_VALID', status: 'SATISFIED', documentNumber: 'C1234567', expiresOn: dateIn(365 * 5) },
    ];
    for (const input of evidence) {
      const response = await call<{ recordRequirement: PlacementResult }>(RECORD_REQUIREMENT, {
        placementId: current.id,
        version: current.version,
        input,
      });
      expect(response.errors).toBeUndefined();
      current = response.data!.recordRequirement;
    }
    return current;
  };

  beforeAll(async () => {
    environment = await useTestEnvironment();
    await cli(['migrate']);
    officer = await agencyWithUser({ kind: 'BP3MI', roles: 'OFFICER', provinces: '63' });
    api = await startTestApi();
    token = await loginAs(api.app, officer);
    const recruiter = await call<{ registerRecruiter: { id: string } }>(REGISTER_RECRUITER, {
      input: {
        name: 'PT Lintas Samudra Tenaga',
        licenceNumber: 'SIP3MI-0001/2025',
        validFrom: dateIn(-365),
        validUntil: dateIn(3 * 365),
        recruitmentPermits: [
          {
            permitNumber: 'SIP2MI-MY-1',
            destination: 'MY',
            quota: 50,
            validFrom: dateIn(-30),
            validUntil: dateIn(365),
          },
        ],
      },
    });
    expect(recruiter.errors).toBeUndefined();
    recruiterId = recruiter.data!.registerRecruiter.id;
  });

  afterAll(async () => {
    await api?.close();
    await environment?.release();
  });

  it('answers, before anything is registered, whether a destination is open', async () => {
    const saudiDomestic = await call<{
      placementRules: {
        byEmployerType: { employerType: string; decision: string }[];
        requirements: string[];
      };
    }>(RULES, { destination: 'SA', sector: 'DOMESTIC' });
    expect(saudiDomestic.data?.placementRules.byEmployerType).toEqual(
      expect.arrayContaining([expect.objectContaining({ employerType: 'INDIVIDUAL', decision: 'BANNED' })]),
    );
    expect(saudiDomestic.data?.placementRules.requirements).toContain('MEDICAL_FIT');
    const malaysiaFormal = await call<{ placementRules: { byEmployerType: { decision: string }[] } }>(RULES, {
      destination: 'MY',
      sector: 'FORMAL',
    });
    expect(malaysiaFormal.data?.placementRules.byEmployerType.map((entry) => entry.decision)).toEqual([
      'OPEN',
      'OPEN',
    ]);
  });

  it('goes REGISTERED → CLEARED → DEPARTED, procedural all the way', async () => {
    const registered = await register(formalToMalaysia(await newWorker()));
    expect(registered).toMatchObject({ stage: 'REGISTERED', procedural: false, version: 1 });
    expect(registered.requirements).toHaveLength(18);
    expect(registered.requirements.find((r) => r.kind === 'LICENSED_RECRUITER')?.status).toBe('SATISFIED');
    expect(registered.requirements.find((r) => r.kind === 'MEDICAL_FIT')?.status).toBe('PENDING');

    const ready = await satisfyEverything(registered);
    expect(ready.procedural).toBe(true);
    expect(ready.requirements.every((r) => r.status === 'SATISFIED')).toBe(true);

    const cleared = await call<{ clearForDeparture: PlacementResult }>(CLEAR, {
      placementId: ready.id,
      version: ready.version,
    });
    expect(cleared.errors).toBeUndefined();
    expect(cleared.data?.clearForDeparture.stage).toBe('CLEARED');

    const departed = await call<{ recordDeparture: PlacementResult }>(DEPART, {
      placementId: ready.id,
      version: cleared.data!.clearForDeparture.version,
      departedAt: new Date().toISOString(),
      port: 'CGK',
    });
    expect(departed.errors).toBeUndefined();
    expect(departed.data?.recordDeparture).toMatchObject({
      stage: 'DEPARTED',
      procedural: true,
      proceduralReasons: [],
    });
    expect(departed.data?.recordDeparture.timeline.map((event) => event.type)).toEqual([
      'registered',
      ...Array.from({ length: 13 }, () => 'requirement.recorded'),
      'clear',
      'depart',
    ]);
    expect(departed.data?.recordDeparture.worker).not.toBeNull();
    expect(departed.data?.recordDeparture.recruiter?.id).toBe(recruiterId);
  });

  it('refuses clearance with the list of what is unmet, and changes nothing', async () => {
    const registered = await register(formalToMalaysia(await newWorker()));
    const refused = await call(CLEAR, { placementId: registered.id, version: registered.version });
    const error = refused.errors?.[0];
    expect(error?.extensions.code).toBe('PRECONDITION_FAILED');
    const unmet = error?.extensions.unmet as { kind: string; reason: string }[];
    expect(unmet.map((entry) => entry.kind)).toEqual(
      expect.arrayContaining(['MEDICAL_FIT', 'PASSPORT_VALID']),
    );
    expect(unmet.every((entry) => typeof entry.reason === 'string' && entry.reason.length > 0)).toBe(true);
    const after = await call<{ placement: PlacementResult }>(PLACEMENT, { id: registered.id });
    expect(after.data?.placement).toMatchObject({ stage: 'REGISTERED', version: registered.version });
  });

  it('records a domestic worker leaving for Saudi Arabia as a non-procedural departure, with one outbox event', async () => {
    const registered = await register(
      formalToMalaysia(await newWorker(), {
        destination: 'SA',
        destinationCity: 'Riyadh',
        sector: 'DOMESTIC',
        employerType: 'INDIVIDUAL',
        jobTitle: 'Penata laksana rumah tangga',
        recruiterId: null,
      }),
    );
    expect(registered.procedural).toBe(false);
    expect(registered.requirements.find((r) => r.kind === 'DESTINATION_OPEN')?.status).toBe('FAILED');
    const departed = await call<{ recordDeparture: PlacementResult }>(DEPART, {
      placementId: registered.id,
      version: registered.version,
      departedAt: daysFromNow(-1).toISOString(),
    });
    expect(departed.errors).toBeUndefined();
    const placement = departed.data!.recordDeparture;
    expect(placement).toMatchObject({ stage: 'DEPARTED', procedural: false });
    expect(placement.proceduralReasons).toEqual(
      expect.arrayContaining([
        'departed without clearance for departure',
        expect.stringMatching(/BANNED|Kepmenaker 260/i),
      ]),
    );
    const events = await api.dataSource.query<{ topic: string }[]>(
      `SELECT topic FROM outbox_event WHERE aggregate_id = $1 AND topic = 'placement.departed_non_procedural'`,
      [registered.id],
    );
    expect(events).toHaveLength(1);
  });

  it('lets exactly one of 20 concurrent clearances with the same version through', async () => {
    const ready = await satisfyEverything(await register(formalToMalaysia(await newWorker())));
    const attempts = await Promise.all(
      Array.from({ length: 20 }, () => call(CLEAR, { placementId: ready.id, version: ready.version })),
    );
    const codes = attempts.map((attempt) => attempt.errors?.[0]?.extensions.code ?? 'OK');
    expect(codes.filter((code) => code === 'OK')).toHaveLength(1);
    expect(codes.filter((code) => code === 'CONFLICT')).toHaveLength(19);
    const clearEvents = await api.dataSource.query<unknown[]>(
      `SELECT 1 FROM placement_event WHERE placement_id = $1 AND type = 'clear'`,
      [ready.id],
    );
    expect(clearEvents).toHaveLength(1);
  });

  it('flags a new placement of a former suspected trafficking victim', async () => {
    const workerId = await newWorker();
    const first = await register(formalToMalaysia(workerId));
    const cancelled = await call<{ cancelPlacement: { stage: string } }>(CANCEL, {
      placementId: first.id,
      version: first.version,
      reason: 'Worker withdrew before departure',
    });
    expect(cancelled.data?.cancelPlacement.stage).toBe('CANCELLED');
    // Welfare contacts and repatriation (issues 4 and 6) will set this; here the database stands in.
    await api.dataSource.query('UPDATE placement SET suspected_trafficking_victim = true WHERE id = $1', [
      first.id,
    ]);
    const second = await register(formalToMalaysia(workerId));
    expect(second.reTraffickingRisk).toBe(true);
    const events = await api.dataSource.query<unknown[]>(
      `SELECT 1 FROM outbox_event WHERE aggregate_id = $1 AND topic = 'placement.re_trafficking_risk'`,
      [second.id],
    );
    expect(events).toHaveLength(1);
  });

  it('counts a recruitment permit’s quota first come, first served', async () => {
    const small = await call<{ registerRecruiter: { id: string } }>(REGISTER_RECRUITER, {
      input: {
        name: 'PT Kuota Kecil',
        licenceNumber: 'SIP3MI-0002/2025',
        validFrom: dateIn(-365),
        validUntil: dateIn(3 * 365),
        recruitmentPermits: [
          {
            permitNumber: 'SIP2MI-TW-1',
            destination: 'TW',
            quota: 1,
            validFrom: dateIn(-30),
            validUntil: dateIn(365),
          },
        ],
      },
    });
    const toTaiwan = {
      destination: 'TW',
      destinationCity: 'Taichung',
      recruiterId: small.data!.registerRecruiter.id,
    };
    const permitOf = (placement: PlacementResult): string | undefined =>
      placement.requirements.find((r) => r.kind === 'RECRUITMENT_PERMIT')?.status;
    const first = await register(formalToMalaysia(await newWorker(), toTaiwan));
    expect(permitOf(first)).toBe('SATISFIED');
    const second = await register(formalToMalaysia(await newWorker(), toTaiwan));
    expect(permitOf(second)).toBe('FAILED');
    // The later registration over the quota does not take the first one's place.
    const firstAgain = await call<{ recordRequirement: PlacementResult }>(RECORD_REQUIREMENT, {
      placementId: first.id,
      version: first.version,
      input: { kind: 'MEDICAL_FIT', status: 'SATISFIED', documentNumber: 'MCU-1', expiresOn: dateIn(365) },
    });
    expect(permitOf(firstAgain.data!.recordRequirement)).toBe('SATISFIED');
  });

  it('lets an embassy read a placement in its country but not change it', async () => {
    const registered = await register(formalToMalaysia(await newWorker()));
    const embassy = await agencyWithUser({ kind: 'EMBASSY', roles: 'OFFICER', countries: 'MY' });
    const embassyToken = await loginAs(api.app, embassy);
    const read = await call<{ placement: PlacementResult }>(PLACEMENT, { id: registered.id }, embassyToken);
    expect(read.data?.placement.worker).not.toBeNull();
    const cleared = await call(
      CLEAR,
      { placementId: registered.id, version: registered.version },
      embassyToken,
    );
    expect(cleared.errors?.[0]?.extensions.code).toBe('NOT_FOUND');
    const again = await call(
      REGISTER_PLACEMENT,
      { input: formalToMalaysia(registered.worker!.id) },
      embassyToken,
    );
    expect(again.errors?.[0]?.extensions).toMatchObject({
      code: 'NOT_FOUND',
      fields: [{ path: 'input.workerId' }],
    });
  });

  it('refuses evidence without a document, a passport waiver and a time without its offset', async () => {
    const registered = await register(formalToMalaysia(await newWorker()));
    const noDocument = await call(RECORD_REQUIREMENT, {
      placementId: registered.id,
      version: registered.version,
      input: { kind: 'MEDICAL_FIT', status: 'SATISFIED' },
    });
    expect(noDocument.errors?.[0]?.extensions).toMatchObject({ fields: [{ path: 'input.documentNumber' }] });
    const admin = await agencyWithUser({ kind: 'NATIONAL', roles: 'ADMIN' });
    const passportWaiver = await call(
      RECORD_REQUIREMENT,
      {
        placementId: registered.id,
        version: registered.version,
        input: { kind: 'PASSPORT_VALID', status: 'WAIVED', note: 'x' },
      },
      await loginAs(api.app, admin),
    );
    expect(passportWaiver.errors?.[0]?.extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      fields: [{ path: 'input.kind' }],
    });
    const noOffset = await call(DEPART, {
      placementId: registered.id,
      version: registered.version,
      departedAt: '2026-11-20T10:00:00',
    });
    expect(noOffset.errors?.[0]?.extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      fields: [{ path: 'departedAt' }],
    });
    const unchanged = await call<{ placement: PlacementResult }>(PLACEMENT, { id: registered.id });
    expect(unchanged.data?.placement.version).toBe(registered.version);
  });

  it('keeps a worker to one open placement', async () => {
    const workerId = await newWorker();
    await register(formalToMalaysia(workerId));
    const before = await count('placement');
    const again = await call(REGISTER_PLACEMENT, { input: formalToMalaysia(workerId) });
    expect(again.errors?.[0]?.extensions).toMatchObject({
      code: 'CONFLICT',
      fields: [{ path: 'input.workerId' }],
    });
    expect(await count('placement')).toBe(before);
  });

  it('shows an officer of another province none of it', async () => {
    const registered = await register(formalToMalaysia(await newWorker()));
    const jatim = await agencyWithUser({ kind: 'BP3MI', roles: 'OFFICER', provinces: '35' });
    const jatimToken = await loginAs(api.app, jatim);
    expect((await call(PLACEMENT, { id: registered.id }, jatimToken)).errors?.[0]?.extensions.code).toBe(
      'NOT_FOUND',
    );
    const list = await call<{ placements: { totalCount: number } }>(PLACEMENTS, {}, jatimToken);
    expect(list.data?.placements.totalCount).toBe(0);
    const clear = await call(CLEAR, { placementId: registered.id, version: registered.version }, jatimToken);
    expect(clear.errors?.[0]?.extensions.code).toBe('NOT_FOUND');
    const own = await call<{ placements: { totalCount: number } }>(PLACEMENTS, {
      filter: { destination: 'MY' },
    });
    expect(own.data?.placements.totalCount).toBeGreaterThan(0);
  });

  it.each([
    [
      'an unknown worker',
      { workerId: '00000000-0000-4000-8000-000000000000' },
      'input.workerId',
      'NOT_FOUND',
    ],
    [
      'an unknown recruiter',
      { recruiterId: '00000000-0000-4000-8000-000000000000' },
      'input.recruiterId',
      'BAD_USER_INPUT',
    ],
    [
      'a contract ending before it starts',
      { contractStart: '2027-05-01', contractEnd: '2027-04-30' },
      'input.contractEnd',
      'BAD_USER_INPUT',
    ],
    ['an unknown country code', { destination: 'XX' }, 'input.destination', 'BAD_USER_INPUT'],
    ['a country code that is not one', { destination: 'Malaysia' }, 'input.destination', 'BAD_USER_INPUT'],
    ['an unknown sector', { sector: 'MINING' }, 'input.sector', 'BAD_USER_INPUT'],
  ])('refuses %s, naming the field, and leaves no row', async (_case, change, path, code) => {
    const workerId = await newWorker();
    const before = [await count('placement'), await count('requirement'), await count('placement_event')];
    const response = await call(REGISTER_PLACEMENT, { input: formalToMalaysia(workerId, change) });
    expect(response.errors?.[0]?.extensions.code).toBe(code);
    expect(response.errors?.[0]?.extensions.fields?.map((field) => field.path)).toContain(path);
    expect([await count('placement'), await count('requirement'), await count('placement_event')]).toEqual(
      before,
    );
  });

  it('refuses a departure dated in the future, and a stale version', async () => {
    const registered = await register(formalToMalaysia(await newWorker()));
    const future = await call(DEPART, {
      placementId: registered.id,
      version: registered.version,
      departedAt: daysFromNow(1).toISOString(),
    });
    expect(future.errors?.[0]?.extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      fields: [{ path: 'departedAt' }],
    });
    const stale = await call(DEPART, {
      placementId: registered.id,
      version: registered.version + 1,
      departedAt: new Date().toISOString(),
    });
    expect(stale.errors?.[0]?.extensions).toMatchObject({ code: 'CONFLICT', fields: [{ path: 'version' }] });
  });

  it('lets only an ADMIN waive, and only with a reason', async () => {
    const registered = await register(formalToMalaysia(await newWorker()));
    const waive = {
      kind: 'MARITAL_STATUS',
      status: 'WAIVED',
      note: 'Widowed; certificate lost in the 2021 flood',
    };
    const byOfficer = await call(RECORD_REQUIREMENT, {
      placementId: registered.id,
      version: 1,
      input: waive,
    });
    expect(byOfficer.errors?.[0]?.extensions.code).toBe('FORBIDDEN');
    const admin = await agencyWithUser({ kind: 'NATIONAL', roles: 'ADMIN' });
    const adminToken = await loginAs(api.app, admin);
    const noReason = await call(
      RECORD_REQUIREMENT,
      { placementId: registered.id, version: 1, input: { kind: 'MARITAL_STATUS', status: 'WAIVED' } },
      adminToken,
    );
    expect(noReason.errors?.[0]?.extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      fields: [{ path: 'input.note' }],
    });
    const ageWaiver = await call(
      RECORD_REQUIREMENT,
      { placementId: registered.id, version: 1, input: { kind: 'AGE_MINIMUM', status: 'WAIVED', note: 'x' } },
      adminToken,
    );
    expect(ageWaiver.errors?.[0]?.extensions.code).toBe('BAD_USER_INPUT');
    const waived = await call<{ recordRequirement: PlacementResult }>(
      RECORD_REQUIREMENT,
      { placementId: registered.id, version: 1, input: waive },
      adminToken,
    );
    expect(waived.data?.recordRequirement.requirements.find((r) => r.kind === 'MARITAL_STATUS')?.status).toBe(
      'WAIVED',
    );
  });

  it('counts the total when a fragment asks for it under an alias', async () => {
    for (let placed = 0; placed < 3; placed += 1) await register(formalToMalaysia(await newWorker()));
    const direct = await call<{ placements: { totalCount: number } }>(PLACEMENTS, {});
    const spread = await call<{ placements: { n: number } }>(
      `query Counted { placements(first: 2) { ...Counted } }
       fragment Counted on PlacementConnection { n: totalCount }`,
      {},
    );
    expect(spread.errors).toBeUndefined();
    expect(direct.data?.placements.totalCount).toBeGreaterThan(2);
    expect(spread.data?.placements.n).toBe(direct.data?.placements.totalCount);
  });
});
