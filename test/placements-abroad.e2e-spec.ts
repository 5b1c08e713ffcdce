import { PiiCipher } from '#lintas/core';
import { nikIndexOf } from '#lintas/registry';
import { agencyWithUser, cli, embassyKey, nikFor, workerInput } from './support/factories.js';
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

const DAY = 24 * 60 * 60 * 1000;
const daysAgo = (days: number): Date => new Date(Date.now() - days * DAY);

const FIELDS = `id stage version procedural proceduralReasons arrivedAt partnerStatus nextCheckInDueAt riskLevel riskReasons
  statusHistory { status } timeline { type } worker { nik fullName }`;
const REGISTER_PLACEMENT = `mutation Register($input: RegisterPlacementInput!) { registerPlacement(input: $input) { id version } }`;
const DEPART = `mutation Depart($placementId: ID!, $version: Int!, $departedAt: DateTime!) {
  recordDeparture(placementId: $placementId, version: $version, departedAt: $departedAt) { id version }
}`;
const ARRIVE = `mutation Arrive($placementId: ID!, $version: Int!, $arrivedAt: DateTime!, $employer: EmployerInput) {
  confirmArrival(placementId: $placementId, version: $version, arrivedAt: $arrivedAt, employer: $employer) { ${FIELDS} }
}`;
const STATUS = `mutation Status($placementId: ID!, $version: Int!, $input: PlacementStatusInput!) {
  updatePlacementStatus(placementId: $placementId, version: $version, input: $input) { ${FIELDS} }
}`;
const CONTACT = `mutation Contact($placementId: ID!, $input: WelfareContactInput!) {
  recordWelfareContact(placementId: $placementId, input: $input) { id contactedAt reachedWorker indicators }
}`;
const CONTACTS = `mutation Contacts($contacts: [WelfareContactBatchItem!]!) {
  recordWelfareContacts(contacts: $contacts) { index contact { id } error { code message fields { path message } } }
}`;
const PLACEMENT = `query Placement($id: ID!) { placement(id: $id) { ${FIELDS} welfareContacts { id } } }`;
const LAST_CONTACT = `query LastContact($id: ID!) { placement(id: $id) { lastWelfareContact { id } } }`;
const LAST_CONTACTS = `query LastContacts($filter: PlacementFilterInput, $first: Int) {
  placements(filter: $filter, first: $first) { edges { node { id lastWelfareContact { id } } } }
}`;

interface AbroadPlacement {
  id: string;
  stage: string;
  version: number;
  procedural: boolean;
  proceduralReasons: string[];
  arrivedAt: string | null;
  partnerStatus: string | null;
  nextCheckInDueAt: string | null;
  riskLevel: string | null;
  riskReasons: string[];
  statusHistory: { status: string }[];
  timeline: { type: string }[];
  worker: { nik: string; fullName: string } | null;
  welfareContacts?: { id: string }[];
}

describe('masa penempatan: embassies keep each placement alive', () => {
  let environment: TestEnvironment;
  let api: TestApi;
  let officerToken: string;
  let riyadh: Record<string, string>;
  let kualaLumpur: Record<string, string>;
  let serial = 500;

  const call = <T>(
    query: string,
    variables: Record<string, unknown>,
    headers: Record<string, string>,
  ): Promise<GraphqlResponse<T>> => graphql<T>(api.app, query, variables, headers);

  const outboxTopics = async (placementId: string): Promise<string[]> =>
    (
      await api.dataSource.query<{ topic: string }[]>(
        'SELECT topic FROM outbox_event WHERE aggregate_id = $1 ORDER BY occurred_at',
        [placementId],
      )
    ).map((row) => row.topic);

  /** A placement to `destination`, departed `departedDaysAgo` days ago unless null (never marked departed). */
  const placementTo = async (
    destination: string,
    departedDaysAgo: number | null,
  ): Promise<{ id: string; version: number }> => {
    serial += 1;
    const workerId = await registerWorker(api.app, bearer(officerToken), workerInput({ serial }));
    const registered = await call<{ registerPlacement: { id: string; version: number } }>(
      REGISTER_PLACEMENT,
      {
        input: {
          workerId,
          destination,
          sector: 'FORMAL',
          employerType: 'LEGAL_ENTITY',
          jobTitle: 'Operator',
          scheme: 'G_TO_G',
          visaType: 'WORK',
        },
      },
      bearer(officerToken),
    );
    const placement = registered.data!.registerPlacement;
    if (departedDaysAgo === null) return placement;
    const departed = await call<{ recordDeparture: { id: string; version: number } }>(
      DEPART,
      {
        placementId: placement.id,
        version: placement.version,
        departedAt: daysAgo(departedDaysAgo).toISOString(),
      },
      bearer(officerToken),
    );
    return departed.data!.recordDeparture;
  };

  /** Records, through Kuala Lumpur's key, a contact that reached the worker `daysBefore` days ago; returns its id. */
  const contactInMalaysia = async (placementId: string, daysBefore: number): Promise<string> => {
    const input = { contactedAt: daysAgo(daysBefore).toISOString(), channel: 'PHONE', reachedWorker: true };
    const response = await call<{ recordWelfareContact: { id: string } }>(
      CONTACT,
      { placementId, input },
      kualaLumpur,
    );
    expect(response.errors).toBeUndefined();
    return response.data!.recordWelfareContact.id;
  };

  beforeAll(async () => {
    environment = await useTestEnvironment();
    await cli(['migrate']);
    const officer = await agencyWithUser({ kind: 'BP3MI', roles: 'OFFICER', provinces: '63' });
    api = await startTestApi();
    officerToken = await loginAs(api.app, officer);
    riyadh = await embassyKey('kbri-riyadh', 'SA');
    kualaLumpur = await embassyKey('kbri-kuala-lumpur', 'MY');
  });

  afterAll(async () => {
    await api?.close();
    await environment?.release();
  });

  it('confirms arrival for its own country and answers NOT_FOUND for the other’s', async () => {
    const departed = await placementTo('MY', 3);
    const arrivedAt = daysAgo(2);
    const foreign = await call(
      ARRIVE,
      { placementId: departed.id, version: departed.version, arrivedAt },
      riyadh,
    );
    expect(foreign.errors?.[0]?.extensions.code).toBe('NOT_FOUND');
    const arrived = await call<{ confirmArrival: AbroadPlacement }>(
      ARRIVE,
      {
        placementId: departed.id,
        version: departed.version,
        arrivedAt: arrivedAt.toISOString(),
        employer: { name: 'Sdn Bhd' },
      },
      kualaLumpur,
    );
    expect(arrived.errors).toBeUndefined();
    const placement = arrived.data!.confirmArrival;
    expect(placement.stage).toBe('PLACED');
    expect(Date.parse(placement.nextCheckInDueAt!)).toBe(arrivedAt.getTime() + 7 * DAY);
    expect(placement.worker?.nik).toMatch(/^\*{12}\d{4}$/);
  });

  it('names who made each timeline entry: the officer, and the embassy whose key confirmed the arrival', async () => {
    const departed = await placementTo('MY', 3);
    const arrived = await call(
      ARRIVE,
      { placementId: departed.id, version: departed.version, arrivedAt: daysAgo(2).toISOString() },
      kualaLumpur,
    );
    expect(arrived.errors).toBeUndefined();
    const read = await call<{
      placement: { timeline: { type: string; actorType: string; actorName: string | null }[] };
    }>(
      `query Timeline($id: ID!) { placement(id: $id) { timeline { type actorType actorName } } }`,
      { id: departed.id },
      bearer(officerToken),
    );
    expect(read.errors).toBeUndefined();
    const timeline = read.data!.placement.timeline;
    const byUser = timeline.filter((event) => event.actorType === 'user');
    expect(byUser.length).toBeGreaterThan(0);
    expect(new Set(byUser.map((event) => event.actorName))).toEqual(
      new Set([expect.stringMatching(/^Officer user/)]),
    );
    expect(timeline.filter((event) => event.actorType === 'api-key').map((event) => event.actorName)).toEqual(
      ['kbri-kuala-lumpur'],
    );
  });

  it('records the departure nobody recorded when a partner confirms the arrival, as non-procedural', async () => {
    const registered = await placementTo('SA', null);
    const arrived = await call<{ confirmArrival: AbroadPlacement }>(
      ARRIVE,
      { placementId: registered.id, version: registered.version, arrivedAt: daysAgo(1).toISOString() },
      riyadh,
    );
    expect(arrived.data?.confirmArrival).toMatchObject({ stage: 'PLACED', procedural: false });
    expect(arrived.data?.confirmArrival.proceduralReasons[0]).toMatch(/without a recorded departure/);
    expect(await outboxTopics(registered.id)).toEqual(
      expect.arrayContaining(['placement.departed_non_procedural', 'placement.arrived']),
    );
  });

  it('keeps the status history, moves MISSING to its stage and raises distress statuses', async () => {
    const departed = await placementTo('SA', 5);
    const detained = await call<{ updatePlacementStatus: AbroadPlacement }>(
      STATUS,
      {
        placementId: departed.id,
        version: departed.version,
        input: {
          status: 'DETAINED',
          effectiveAt: daysAgo(1).toISOString(),
          note: 'Immigration detention, Riyadh',
        },
      },
      riyadh,
    );
    expect(detained.errors).toBeUndefined();
    expect(detained.data?.updatePlacementStatus).toMatchObject({
      partnerStatus: 'DETAINED',
      riskLevel: 'HIGH',
      stage: 'DEPARTED',
    });
    expect(await outboxTopics(departed.id)).toContain('placement.distress_reported');
    const foreign = await call(
      STATUS,
      {
        placementId: departed.id,
        version: detained.data!.updatePlacementStatus.version,
        input: { status: 'WORKING', effectiveAt: new Date().toISOString() },
      },
      kualaLumpur,
    );
    expect(foreign.errors?.[0]?.extensions.code).toBe('NOT_FOUND');
    const missing = await call<{ updatePlacementStatus: AbroadPlacement }>(
      STATUS,
      {
        placementId: departed.id,
        version: detained.data!.updatePlacementStatus.version,
        input: { status: 'MISSING', effectiveAt: new Date().toISOString() },
      },
      riyadh,
    );
    expect(missing.data?.updatePlacementStatus).toMatchObject({ stage: 'MISSING', nextCheckInDueAt: null });
    expect(missing.data?.updatePlacementStatus.statusHistory.map((report) => report.status)).toEqual([
      'DETAINED',
      'MISSING',
    ]);
    expect(missing.data?.updatePlacementStatus.timeline.map((event) => event.type)).toEqual(
      expect.arrayContaining(['status.DETAINED', 'status.MISSING']),
    );
  });

  it('refuses a contact 3 days in the future and changes nothing', async () => {
    const departed = await placementTo('MY', 2);
    const [before] = await api.dataSource.query<{ count: string }[]>('SELECT count(*) FROM welfare_contact');
    const future = await call(
      CONTACT,
      {
        placementId: departed.id,
        input: {
          contactedAt: new Date(Date.now() + 3 * DAY).toISOString(),
          channel: 'PHONE',
          reachedWorker: true,
        },
      },
      kualaLumpur,
    );
    expect(future.errors?.[0]?.extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      fields: [{ path: 'input.contactedAt' }],
    });
    const [after] = await api.dataSource.query<{ count: string }[]>('SELECT count(*) FROM welfare_contact');
    expect(after?.count).toBe(before?.count);
    const placement = await call<{ placement: AbroadPlacement }>(PLACEMENT, { id: departed.id }, kualaLumpur);
    expect(placement.data?.placement.version).toBe(departed.version);
  });

  it('moves the next check-in from a backdated contact’s own time; an unreached attempt moves nothing', async () => {
    const departed = await placementTo('MY', 40);
    const arrived = await call<{ confirmArrival: AbroadPlacement }>(
      ARRIVE,
      { placementId: departed.id, version: departed.version, arrivedAt: daysAgo(39).toISOString() },
      kualaLumpur,
    );
    // Arrived 39 days ago and never contacted: the first contact was due 32 days ago.
    expect(arrived.data?.confirmArrival.riskLevel).toBe('HIGH');
    expect(arrived.data?.confirmArrival.riskReasons.join(' ')).toMatch(/no contact since/);
    const contactedAt = daysAgo(10);
    await call(
      CONTACT,
      {
        placementId: departed.id,
        input: {
          contactedAt: contactedAt.toISOString(),
          channel: 'WHATSAPP',
          reachedWorker: true,
          wellbeing: 'well',
        },
      },
      kualaLumpur,
    );
    const afterContact = await call<{ placement: AbroadPlacement }>(
      PLACEMENT,
      { id: departed.id },
      kualaLumpur,
    );
    expect(Date.parse(afterContact.data!.placement.nextCheckInDueAt!)).toBe(contactedAt.getTime() + 30 * DAY);
    expect(afterContact.data?.placement.riskLevel).toBe('MEDIUM');
    await call(
      CONTACT,
      {
        placementId: departed.id,
        input: { contactedAt: new Date().toISOString(), channel: 'PHONE', reachedWorker: false },
      },
      kualaLumpur,
    );
    const afterAttempt = await call<{ placement: AbroadPlacement }>(
      PLACEMENT,
      { id: departed.id },
      kualaLumpur,
    );
    expect(afterAttempt.data?.placement.nextCheckInDueAt).toBe(afterContact.data?.placement.nextCheckInDueAt);
    expect(afterAttempt.data?.placement.welfareContacts).toHaveLength(2);
  });

  it('raises trafficking indicators and makes the placement HIGH risk', async () => {
    const departed = await placementTo('SA', 20);
    const contact = await call(
      CONTACT,
      {
        placementId: departed.id,
        input: {
          contactedAt: daysAgo(1).toISOString(),
          channel: 'SHELTER',
          reachedWorker: true,
          indicators: ['RETENTION_OF_IDENTITY_DOCUMENTS', 'WITHHOLDING_OF_WAGES'],
        },
      },
      riyadh,
    );
    expect(contact.errors).toBeUndefined();
    const placement = await call<{ placement: AbroadPlacement }>(PLACEMENT, { id: departed.id }, riyadh);
    expect(placement.data?.placement.riskLevel).toBe('HIGH');
    expect(placement.data?.placement.riskReasons.join(' ')).toMatch(/trafficking indicators/);
    expect(await outboxTopics(departed.id)).toContain('placement.trafficking_indicators');
  });

  it('lists placements by the risk level their check-ins gave them', async () => {
    const [atRisk, quiet] = [await placementTo('SA', 15), await placementTo('SA', 15)];
    const indicated = await call(
      CONTACT,
      {
        placementId: atRisk.id,
        input: {
          contactedAt: daysAgo(1).toISOString(),
          channel: 'SHELTER',
          reachedWorker: true,
          indicators: ['DEBT_BONDAGE'],
        },
      },
      riyadh,
    );
    expect(indicated.errors).toBeUndefined();
    const listed = async (riskLevel: string): Promise<{ id: string; riskLevel: string | null }[]> => {
      const response = await call<{
        placements: { edges: { node: { id: string; riskLevel: string | null } }[] };
      }>(
        `query ByRisk($filter: PlacementFilterInput) {
          placements(first: 100, filter: $filter) { edges { node { id riskLevel } } }
        }`,
        { filter: { riskLevel } },
        riyadh,
      );
      expect(response.errors).toBeUndefined();
      return response.data!.placements.edges.map((edge) => edge.node);
    };
    const high = await listed('HIGH');
    expect(high.map((node) => node.id)).toContain(atRisk.id);
    expect(high.map((node) => node.id)).not.toContain(quiet.id);
    expect(new Set(high.map((node) => node.riskLevel))).toEqual(new Set(['HIGH']));
    expect((await listed('LOW')).map((node) => node.id)).not.toContain(atRisk.id);
  });

  it('takes a batch of 500 contacts, stores the 497 good ones and reports the 3 bad ones by index', async () => {
    const mine = await placementTo('MY', 30);
    const theirs = await placementTo('SA', 30);
    const contacts = Array.from({ length: 500 }, (_, index) => ({
      placementId: mine.id,
      contactedAt: new Date(Date.now() - (600 - index) * 60 * 1000).toISOString(),
      channel: 'WHATSAPP',
      reachedWorker: index % 2 === 0,
    }));
    contacts[7] = { ...contacts[7], contactedAt: new Date(Date.now() + 3 * DAY).toISOString() };
    contacts[250] = { ...contacts[250], placementId: '00000000-0000-4000-8000-000000000000' };
    contacts[499] = { ...contacts[499], placementId: theirs.id };
    const response = await call<{
      recordWelfareContacts: {
        index: number;
        contact: { id: string } | null;
        error: { code: string; fields: { path: string }[] } | null;
      }[];
    }>(CONTACTS, { contacts }, kualaLumpur);
    expect(response.errors).toBeUndefined();
    const results = response.data!.recordWelfareContacts;
    expect(results).toHaveLength(500);
    expect(results.filter((result) => result.contact !== null)).toHaveLength(497);
    expect(
      results.filter((result) => result.error !== null).map((result) => [result.index, result.error?.code]),
    ).toEqual([
      [7, 'BAD_USER_INPUT'],
      [250, 'NOT_FOUND'],
      [499, 'NOT_FOUND'],
    ]);
    expect(results[7]?.error?.fields[0]?.path).toBe('contacts.7.contactedAt');
    const [stored] = await api.dataSource.query<{ count: string }[]>(
      'SELECT count(*) FROM welfare_contact WHERE placement_id = $1',
      [mine.id],
    );
    expect(Number(stored?.count)).toBe(497);
  });

  it('offers no last welfare contact before the first, then the newest by contact time, not by recording', async () => {
    const departed = await placementTo('MY', 20);
    const before = await call<{ placement: { lastWelfareContact: null } }>(
      LAST_CONTACT,
      { id: departed.id },
      kualaLumpur,
    );
    expect(before.errors).toBeUndefined();
    expect(before.data?.placement.lastWelfareContact).toBeNull();
    const newest = await contactInMalaysia(departed.id, 3);
    await contactInMalaysia(departed.id, 10);
    await contactInMalaysia(departed.id, 6);
    const after = await call<{ placement: { lastWelfareContact: { id: string } } }>(
      LAST_CONTACT,
      { id: departed.id },
      kualaLumpur,
    );
    expect(after.data?.placement.lastWelfareContact).toEqual({ id: newest });
  });

  it('gives each placement of a page its own last welfare contact', async () => {
    const first = await placementTo('MY', 15);
    const second = await placementTo('MY', 15);
    const uncontacted = await placementTo('MY', 15);
    const firstNewest = await contactInMalaysia(first.id, 2);
    await contactInMalaysia(first.id, 8);
    await contactInMalaysia(second.id, 9);
    const secondNewest = await contactInMalaysia(second.id, 1);
    const page = await call<{
      placements: { edges: { node: { id: string; lastWelfareContact: { id: string } | null } }[] };
    }>(LAST_CONTACTS, { filter: { destination: 'MY' }, first: 3 }, kualaLumpur);
    expect(page.errors).toBeUndefined();
    expect(page.data?.placements.edges.map((edge) => edge.node)).toEqual([
      { id: uncontacted.id, lastWelfareContact: null },
      { id: second.id, lastWelfareContact: { id: secondNewest } },
      { id: first.id, lastWelfareContact: { id: firstNewest } },
    ]);
  });

  it('answers UNAUTHENTICATED to a revoked key on its next call', async () => {
    await cli([
      'create-agency',
      '--code',
      'kbri-taipei',
      '--name',
      'KDEI Taipei',
      '--kind',
      'EMBASSY',
      '--countries',
      'TW',
    ]);
    const { id, key } = await cli<{ id: string; key: string }>([
      'create-api-key',
      '--agency',
      'kbri-taipei',
      '--name',
      'KDEI',
      '--roles',
      'PARTNER',
    ]);
    const departed = await placementTo('TW', 2);
    const before = await call(PLACEMENT, { id: departed.id }, { 'x-api-key': key });
    expect(before.errors).toBeUndefined();
    await cli(['revoke-api-key', '--id', id]);
    const after = await call(PLACEMENT, { id: departed.id }, { 'x-api-key': key });
    expect(after.errors?.[0]?.extensions.code).toBe('UNAUTHENTICATED');
  });
});

describe('reportWorkerAbroad: an embassy meets a worker Lintas may never have seen', () => {
  let environment: TestEnvironment;
  let api: TestApi;
  let officerToken: string;
  let nationalToken: string;
  let riyadh: Record<string, string>;
  let kualaLumpur: Record<string, string>;

  const REPORT = `mutation Report($input: ReportWorkerAbroadInput!) {
    reportWorkerAbroad(input: $input) {
      id stage procedural proceduralReasons arrivedAt partnerStatus nextCheckInDueAt riskLevel timeline { type }
      worker { id nik fullName incomplete originRegency { code } }
    }
  }`;
  const WORKER = `query Worker($id: ID!) { worker(id: $id) { id nik incomplete originProvince { code } } }`;

  interface ReportedPlacement {
    id: string;
    stage: string;
    procedural: boolean;
    proceduralReasons: string[];
    arrivedAt: string;
    partnerStatus: string | null;
    nextCheckInDueAt: string | null;
    riskLevel: string | null;
    timeline: { type: string }[];
    worker: {
      id: string;
      nik: string | null;
      fullName: string;
      incomplete: boolean;
      originRegency: { code: string } | null;
    } | null;
  }

  const report = (
    input: Record<string, unknown>,
    headers: Record<string, string>,
  ): Promise<GraphqlResponse<{ reportWorkerAbroad: ReportedPlacement }>> =>
    graphql<{ reportWorkerAbroad: ReportedPlacement }>(
      api.app,
      REPORT,
      { input: { foundAt: daysAgo(1).toISOString(), circumstances: 'Walked into the shelter', ...input } },
      headers,
    );

  const count = async (sql: string, params: unknown[] = []): Promise<number> => {
    const [row] = await api.dataSource.query<{ count: string }[]>(sql, params);
    return Number(row?.count);
  };

  beforeAll(async () => {
    environment = await useTestEnvironment();
    await cli(['migrate']);
    const officer = await agencyWithUser({ kind: 'BP3MI', roles: 'OFFICER', provinces: '63' });
    const national = await agencyWithUser({ kind: 'NATIONAL', roles: 'OFFICER' });
    api = await startTestApi();
    officerToken = await loginAs(api.app, officer);
    nationalToken = await loginAs(api.app, national);
    riyadh = await embassyKey('kbri-riyadh', 'SA');
    kualaLumpur = await embassyKey('kbri-kuala-lumpur', 'MY');
  });

  afterAll(async () => {
    await api?.close();
    await environment?.release();
  });

  it('attaches a report with a known NIK to that worker, whatever its province', async () => {
    const input = workerInput({ serial: 901 });
    const workerId = await registerWorker(api.app, bearer(officerToken), input);
    const reported = await report(
      {
        nik: input.nik,
        fullName: ` ${String(input.fullName).toUpperCase()} `,
        status: 'IN_SHELTER',
        destination: 'SA',
      },
      riyadh,
    );
    expect(reported.errors).toBeUndefined();
    const placement = reported.data!.reportWorkerAbroad;
    expect(placement).toMatchObject({
      stage: 'PLACED',
      procedural: false,
      partnerStatus: 'IN_SHELTER',
      proceduralReasons: ['reported abroad by kbri-riyadh, unknown to Lintas before'],
    });
    expect(placement.worker?.id).toBe(workerId);
    expect(placement.worker?.nik).toMatch(/^\*{12}\d{4}$/);
    expect(placement.nextCheckInDueAt).not.toBeNull();
    expect(placement.timeline.map((event) => event.type)).toEqual(['reported_abroad', 'status.IN_SHELTER']);
    const nikIndex = nikIndexOf(api.app.get(PiiCipher), String(input.nik));
    expect(await count('SELECT count(*) FROM worker WHERE nik_index = $1', [nikIndex])).toBe(1);
    const [contact] = await api.dataSource.query<{ channel: string; reached_worker: boolean }[]>(
      'SELECT channel, reached_worker FROM welfare_contact WHERE placement_id = $1',
      [placement.id],
    );
    expect(contact).toEqual({ channel: 'SHELTER', reached_worker: true });
    const topics = await api.dataSource.query<{ topic: string }[]>(
      'SELECT topic FROM outbox_event WHERE aggregate_id = $1',
      [placement.id],
    );
    expect(topics.map((row) => row.topic)).toEqual(
      expect.arrayContaining([
        'placement.reported_abroad',
        'placement.departed_non_procedural',
        'placement.distress_reported',
      ]),
    );
    expect(await count('SELECT count(*) FROM audit_event WHERE entity_id = $1', [placement.id])).toBe(1);
  });

  it('lands a report of a known worker on its departed placement there, which arrives', async () => {
    const input = workerInput({ serial: 902 });
    const workerId = await registerWorker(api.app, bearer(officerToken), input);
    const registered = await graphql<{ registerPlacement: { id: string; version: number } }>(
      api.app,
      REGISTER_PLACEMENT,
      {
        input: {
          workerId,
          destination: 'SA',
          sector: 'FORMAL',
          employerType: 'LEGAL_ENTITY',
          jobTitle: 'Operator',
          scheme: 'G_TO_G',
          visaType: 'WORK',
        },
      },
      bearer(officerToken),
    );
    const { id, version } = registered.data!.registerPlacement;
    await graphql(
      api.app,
      DEPART,
      { placementId: id, version, departedAt: daysAgo(5).toISOString() },
      bearer(officerToken),
    );
    const foundAt = daysAgo(2).toISOString();
    const reported = await report(
      { nik: input.nik, fullName: input.fullName, destination: 'SA', foundAt },
      riyadh,
    );
    expect(reported.errors).toBeUndefined();
    expect(reported.data?.reportWorkerAbroad).toMatchObject({ id, stage: 'PLACED', arrivedAt: foundAt });
    expect(await count('SELECT count(*) FROM placement WHERE worker_id = $1', [workerId])).toBe(1);
  });

  it('creates the worker from an unknown NIK, its origin the regency the NIK names', async () => {
    const nik = nikFor('6371', '1995-02-10', 'FEMALE', 77);
    const reported = await report(
      { nik, fullName: 'Rina Wati', dateOfBirth: '1995-02-10', destination: 'MY' },
      kualaLumpur,
    );
    expect(reported.errors).toBeUndefined();
    const worker = reported.data!.reportWorkerAbroad.worker!;
    expect(worker).toMatchObject({
      fullName: 'Rina Wati',
      incomplete: false,
      originRegency: { code: '6371' },
    });
    const found = await graphql<{ worker: { nik: string; incomplete: boolean } }>(
      api.app,
      WORKER,
      { id: worker.id },
      bearer(officerToken),
    );
    expect(found.data?.worker).toMatchObject({ nik, incomplete: false });
  });

  it('refuses an unknown NIK whose birth date disagrees, naming the field, and stores nothing', async () => {
    const nik = nikFor('6371', '1995-02-10', 'FEMALE', 78);
    const before = await count('SELECT count(*) FROM worker');
    const reported = await report(
      { nik, fullName: 'Rina Dua', dateOfBirth: '1996-02-10', destination: 'MY' },
      kualaLumpur,
    );
    expect(reported.errors?.[0]?.extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      fields: [{ path: 'input.dateOfBirth' }],
    });
    expect(await count('SELECT count(*) FROM worker')).toBe(before);
  });

  it('records a worker without a NIK as incomplete, and a second report lands on the same placement', async () => {
    const person = { fullName: 'Dewi Lestari', dateOfBirth: '1990-07-01', sex: 'FEMALE', destination: 'SA' };
    const workersBefore = await count('SELECT count(*) FROM worker');
    const placementsBefore = await count('SELECT count(*) FROM placement');
    const first = await report({ ...person, indicators: ['RETENTION_OF_IDENTITY_DOCUMENTS'] }, riyadh);
    expect(first.errors).toBeUndefined();
    const placement = first.data!.reportWorkerAbroad;
    expect(placement.worker).toMatchObject({ nik: null, incomplete: true, originRegency: null });
    expect(placement.riskLevel).toBe('HIGH');
    const second = await report(
      {
        ...person,
        fullName: '  dewi LESTARI ',
        status: 'DEPORTATION_PENDING',
        foundAt: new Date().toISOString(),
      },
      riyadh,
    );
    expect(second.errors).toBeUndefined();
    expect(second.data?.reportWorkerAbroad.id).toBe(placement.id);
    expect(second.data?.reportWorkerAbroad.partnerStatus).toBe('DEPORTATION_PENDING');
    expect(second.data?.reportWorkerAbroad.timeline.map((event) => event.type)).toEqual([
      'reported_abroad',
      'reported_abroad',
      'status.DEPORTATION_PENDING',
    ]);
    expect(await count('SELECT count(*) FROM worker')).toBe(workersBefore + 1);
    expect(await count('SELECT count(*) FROM placement')).toBe(placementsBefore + 1);
    expect(await count('SELECT count(*) FROM welfare_contact WHERE placement_id = $1', [placement.id])).toBe(
      2,
    );
    const topics = await api.dataSource.query<{ topic: string }[]>(
      'SELECT topic FROM outbox_event WHERE aggregate_id = $1',
      [placement.id],
    );
    expect(topics.map((row) => row.topic)).toEqual(
      expect.arrayContaining([
        'placement.reported_abroad',
        'placement.departed_non_procedural',
        'placement.trafficking_indicators',
        'placement.distress_reported',
      ]),
    );
    const [victim] = await api.dataSource.query<{ suspected_trafficking_victim: boolean }[]>(
      'SELECT suspected_trafficking_victim FROM placement WHERE id = $1',
      [placement.id],
    );
    expect(victim?.suspected_trafficking_victim).toBe(true);

    // Unknown origin: out of every province's scope; the national agency sees it.
    const workerId = placement.worker!.id;
    const provincial = await graphql<{ worker: unknown }>(
      api.app,
      WORKER,
      { id: workerId },
      bearer(officerToken),
    );
    expect(provincial.errors?.[0]?.extensions.code).toBe('NOT_FOUND');
    const provincialPlacement = await graphql(
      api.app,
      `
        query Placement($id: ID!) {
          placement(id: $id) {
            id
          }
        }
      `,
      { id: placement.id },
      bearer(officerToken),
    );
    expect(provincialPlacement.errors?.[0]?.extensions.code).toBe('NOT_FOUND');
    const nationally = await graphql<{ worker: { nik: string | null; incomplete: boolean } }>(
      api.app,
      WORKER,
      { id: workerId },
      bearer(nationalToken),
    );
    expect(nationally.data?.worker).toMatchObject({ nik: null, incomplete: true, originProvince: null });
  });

  it('refuses a known NIK reported with another person’s name, revealing nothing of the record', async () => {
    const input = workerInput({ serial: 903 });
    await registerWorker(api.app, bearer(officerToken), input);
    const before = await count('SELECT count(*) FROM placement');
    const reported = await report({ nik: input.nik, fullName: 'Someone Else', destination: 'SA' }, riyadh);
    expect(reported.errors?.[0]?.extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      fields: [{ path: 'input.nik' }],
    });
    expect(reported.errors?.[0]?.message).not.toContain(String(input.fullName));
    expect(await count('SELECT count(*) FROM placement')).toBe(before);
  });

  it('lands a report with a NIK on the placement of the same person first reported without one', async () => {
    const person = { fullName: 'Rina Wati', sex: 'FEMALE', dateOfBirth: '1990-02-10', destination: 'SA' };
    const first = await report(person, riyadh);
    expect(first.data?.reportWorkerAbroad.worker?.incomplete).toBe(true);
    const second = await report({ ...person, nik: '6372015002900001' }, riyadh);
    expect(second.errors).toBeUndefined();
    expect(second.data?.reportWorkerAbroad.id).toBe(first.data?.reportWorkerAbroad.id);
  });

  it('keeps a backdated status in the history without moving the stage', async () => {
    const person = { fullName: 'Dewi Lestari', sex: 'FEMALE', dateOfBirth: '1993-07-07', destination: 'SA' };
    const reported = await report(
      { ...person, status: 'MISSING', foundAt: daysAgo(1).toISOString() },
      riyadh,
    );
    expect(reported.data?.reportWorkerAbroad.stage).toBe('MISSING');
    const STATUS = `mutation Status($placementId: ID!, $version: Int!, $input: PlacementStatusInput!) {
      updatePlacementStatus(placementId: $placementId, version: $version, input: $input) { stage partnerStatus version }
    }`;
    const [{ version }] = await api.dataSource.query<{ version: number }[]>(
      'SELECT version FROM placement WHERE id = $1',
      [reported.data!.reportWorkerAbroad.id],
    );
    const backdated = await graphql<{ updatePlacementStatus: { stage: string; partnerStatus: string } }>(
      api.app,
      STATUS,
      {
        placementId: reported.data!.reportWorkerAbroad.id,
        version,
        input: { status: 'WORKING', effectiveAt: daysAgo(3).toISOString() },
      },
      riyadh,
    );
    expect(backdated.errors).toBeUndefined();
    expect(backdated.data?.updatePlacementStatus).toMatchObject({
      stage: 'MISSING',
      partnerStatus: 'MISSING',
    });
  });

  it('answers CONFLICT when the worker has an open placement in another country', async () => {
    const person = { fullName: 'Ani Suryani', dateOfBirth: '1988-03-03', sex: 'FEMALE' };
    const nik = nikFor('6372', '1988-03-03', 'FEMALE', 55);
    await registerWorker(
      api.app,
      bearer(officerToken),
      workerInput({ dateOfBirth: '1988-03-03', serial: 55 }, { fullName: person.fullName }),
    );
    const inMalaysia = await report({ nik, ...person, destination: 'MY' }, kualaLumpur);
    expect(inMalaysia.errors).toBeUndefined();
    const elsewhere = await report({ nik, ...person, destination: 'SA' }, riyadh);
    expect(elsewhere.errors?.[0]?.extensions).toMatchObject({ code: 'CONFLICT' });
    expect(JSON.stringify(elsewhere.errors?.[0]?.extensions)).toContain('input.destination');
  });

  it('refuses a destination outside the caller’s countries, and a report from the future, storing nothing', async () => {
    const before = await count('SELECT count(*) FROM worker');
    const placements = await count('SELECT count(*) FROM placement');
    const outside = await report(
      { fullName: 'Budi Santoso', dateOfBirth: '1985-01-01', sex: 'MALE', destination: 'SA' },
      kualaLumpur,
    );
    expect(outside.errors?.[0]?.extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      fields: [{ path: 'input.destination', message: 'is outside your jurisdiction' }],
    });
    const future = await report(
      {
        fullName: 'Budi Santoso',
        dateOfBirth: '1985-01-01',
        sex: 'MALE',
        destination: 'MY',
        foundAt: new Date(Date.now() + 3 * DAY).toISOString(),
      },
      kualaLumpur,
    );
    expect(future.errors?.[0]?.extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      fields: [{ path: 'input.foundAt' }],
    });
    expect(await count('SELECT count(*) FROM worker')).toBe(before);
    expect(await count('SELECT count(*) FROM placement')).toBe(placements);
  });
});
