import { randomBytes } from 'node:crypto';
import { AuditTrail } from '#lintas/audit';
import { startWorker, type RunningWorker } from '../apps/worker/src/create-worker.js';
import { eventually } from './support/eventually.js';
import { agencyWithUser, cli, embassyKey, workerInput } from './support/factories.js';
import {
  confirmArrival,
  recordDeparture,
  recordWelfareContact,
  reportStatus,
  type PlacementHandle,
} from './support/placements.js';
import {
  CLOSE_PLACEMENT,
  closePlacement,
  recordReturn,
  refer,
  requestRepatriation,
  updateReferral,
  updateRepatriation,
  type PlacementReturnView,
  type ReferralView,
  type RepatriationView,
} from './support/post-placement.js';
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

const HOUR = 60 * 60 * 1000;
const DAY = 24 * HOUR;
const hoursAgo = (hours: number): Date => new Date(Date.now() - hours * HOUR);
const dateIn = (days: number): string => new Date(Date.now() + days * DAY).toISOString().slice(0, 10);

type Headers = Record<string, string>;

/** Whoever calls, as the API knows them: the id the timeline and the audit trail name. */
interface Actor {
  headers: Headers;
  id: string;
  kind: string;
  agency: { id: string; code: string; name: string };
}

interface Requirement {
  kind: string;
  status: string;
  evaluatedBy: string;
}

interface PrePlacement extends PlacementHandle {
  stage: string;
  procedural: boolean;
  requirements: Requirement[];
}

interface AlertView {
  id: string;
  kind: string;
  severity: string;
  status: string;
  reason: string;
  resolutionNote: string | null;
  resolvedBy: { id: string } | null;
  recipients: { agency: { code: string } }[];
}

interface TimelineEntry {
  type: string;
  stageFrom: string | null;
  stageTo: string;
  actorType: string;
  actorId: string | null;
  occurredAt: string;
}

interface CycleView {
  id: string;
  version: number;
  stage: string;
  procedural: boolean;
  returnedAt: string | null;
  closedAt: string | null;
  closureOutcome: string | null;
  timeline: TimelineEntry[];
  repatriation: Omit<RepatriationView, 'note' | 'plannedArrivalAt'> | null;
  return: PlacementReturnView | null;
  referrals: {
    id: string;
    service: string;
    status: string;
    outcome: string | null;
    agency: { code: string } | null;
    referredByAgency: { code: string } | null;
  }[];
  welfareContacts: { reachedWorker: boolean; wellbeing: string | null }[];
  alerts: { id: string; kind: string; status: string }[];
}

const ME = `query Me { me { id kind agency { id code name } } }`;
const PRE_PLACEMENT_FIELDS = `id version stage procedural requirements { kind status evaluatedBy }`;
const REGISTER_PLACEMENT = `mutation Register($input: RegisterPlacementInput!) {
  registerPlacement(input: $input) { ${PRE_PLACEMENT_FIELDS} }
}`;
const RECORD_REQUIREMENT = `mutation Record($placementId: ID!, $version: Int!, $input: RequirementInput!) {
  recordRequirement(placementId: $placementId, version: $version, input: $input) { ${PRE_PLACEMENT_FIELDS} }
}`;
const CLEAR = `mutation Clear($placementId: ID!, $version: Int!) {
  clearForDeparture(placementId: $placementId, version: $version) { ${PRE_PLACEMENT_FIELDS} }
}`;
const ALERT_FIELDS = `id kind severity status reason resolutionNote resolvedBy { id } recipients { agency { code } }`;
const ALERTS = `query Alerts($filter: AlertFilter) {
  alerts(filter: $filter) { totalCount edges { node { ${ALERT_FIELDS} } } }
}`;
const ALERT = `query Alert($id: ID!) { alert(id: $id) { ${ALERT_FIELDS} } }`;
const REFERRALS = `query Referrals($filter: ReferralFilterInput) {
  referrals(filter: $filter) { totalCount edges { node { id service worker { fullName phone } } } }
}`;
const CYCLE = `query Cycle($id: ID!) {
  placement(id: $id) {
    id version stage procedural returnedAt closedAt closureOutcome
    timeline { type stageFrom stageTo actorType actorId occurredAt }
    repatriation { id status reason needs sourceAlertId version requestedByAgency { code } }
    return { kind returnedAt portOfEntry healthOnArrival suspectedTraffickingVictim wagesOwed repatriationId }
    referrals { id service status outcome agency { code } referredByAgency { code } }
    welfareContacts { reachedWorker wellbeing }
    alerts { id kind status }
  }
}`;

/**
 * Issue #6, done when: one worker from Banjarbaru through the whole cycle — registered, cleared,
 * departed, placed, contacted, in distress, repatriated, home, referred twice, closed — each step
 * by the agency whose work it is, through the API, with the worker process raising and resolving
 * alerts as it does in production. The steps build on each other and run in order.
 */
describe('one placement’s whole cycle, from registration to closure', () => {
  let environment: TestEnvironment;
  let api: TestApi;
  let worker: RunningWorker;
  let officer: Actor;
  let caseHandler: Actor;
  let labourOfficer: Actor;
  let sentra: Actor;
  let embassy: Actor;
  let testStartedAt: Date;

  let workerId: string;
  let registered: PrePlacement;
  let placement: PlacementHandle;
  let departedAt: Date;
  let alertId: string;
  let repatriationId: string;
  let psychosocial: ReferralView;
  let legalAid: ReferralView;
  const closureOutcome = 'Home with her family in Banjarbaru; counselling completed, wage claim withdrawn';

  const call = <T>(
    query: string,
    variables: Record<string, unknown>,
    as: Actor,
  ): Promise<GraphqlResponse<T>> => graphql<T>(api.app, query, variables, as.headers);

  const actorOf = async (headers: Headers): Promise<Actor> => {
    const response = await graphql<{ me: Omit<Actor, 'headers'> }>(api.app, ME, {}, headers);
    if (!response.data?.me) throw new Error(`me failed: ${JSON.stringify(response.errors)}`);
    return { headers, ...response.data.me };
  };

  /** A second user of an agency made by agencyWithUser: colleagues share the agency's referrals. */
  const colleagueIn = async (
    agencyCode: string,
    roles: string,
  ): Promise<{ username: string; password: string }> => {
    const username = `colleague-${randomBytes(4).toString('hex')}`;
    const password = `pw-${randomBytes(8).toString('hex')}`;
    await cli(
      [
        'create-user',
        '--username',
        username,
        '--name',
        `Colleague ${username}`,
        '--agency',
        agencyCode,
        '--roles',
        roles,
      ],
      `${password}\n`,
    );
    return { username, password };
  };

  const cycle = async (as: Actor = officer): Promise<CycleView> => {
    const response = await call<{ placement: CycleView | null }>(CYCLE, { id: placement.id }, as);
    if (!response.data?.placement) throw new Error(`placement failed: ${JSON.stringify(response.errors)}`);
    return response.data.placement;
  };

  const record = async (current: PrePlacement, input: Record<string, unknown>): Promise<PrePlacement> => {
    const response = await call<{ recordRequirement: PrePlacement }>(
      RECORD_REQUIREMENT,
      { placementId: current.id, version: current.version, input },
      officer,
    );
    expect(response.errors).toBeUndefined();
    return response.data!.recordRequirement;
  };

  const repatriationAlertsSeenBy = async (as: Actor): Promise<AlertView[]> => {
    const response = await call<{ alerts: { edges: { node: AlertView }[] } }>(
      ALERTS,
      { filter: { placementId: placement.id, kind: ['REPATRIATION_NEEDED'] } },
      as,
    );
    expect(response.errors).toBeUndefined();
    return response.data!.alerts.edges.map((edge) => edge.node);
  };

  const count = async (sql: string, id: string): Promise<number> => {
    const [row] = await api.dataSource.query<{ count: number }[]>(sql, [id]);
    return row.count;
  };

  /** Everything a refused change must leave as it was. */
  const snapshot = async (): Promise<Record<string, unknown>> => ({
    placement: await api.dataSource.query(
      'SELECT stage, version, closed_at, closure_outcome, updated_at FROM placement WHERE id = $1',
      [placement.id],
    ),
    referrals: await api.dataSource.query(
      `SELECT id, status, version, outcome, status_changed_at, updated_at FROM referral
        WHERE placement_id = $1 ORDER BY referred_at, id`,
      [placement.id],
    ),
    timeline: (await cycle()).timeline.length,
    audit: await count('SELECT count(*)::int AS count FROM audit_event WHERE entity_id = $1', placement.id),
    outbox: await count(
      'SELECT count(*)::int AS count FROM outbox_event WHERE aggregate_id = $1',
      placement.id,
    ),
  });

  beforeAll(async () => {
    testStartedAt = new Date();
    environment = await useTestEnvironment({
      OUTBOX_RELAY_INTERVAL_MS: '50',
      ALERT_SWEEP_INTERVAL_SECONDS: '86400',
    });
    await cli(['migrate']);
    const bp3mi = await agencyWithUser({ kind: 'BP3MI', roles: 'OFFICER', provinces: '63' });
    const handler = await colleagueIn(bp3mi.agencyCode, 'CASE_HANDLER');
    const disnaker = await agencyWithUser({ kind: 'DISNAKER', roles: 'LABOUR_OFFICER', regencies: '6372' });
    // A Kemensos rehabilitation centre serving Kalimantan Selatan.
    const kemensos = await agencyWithUser({ kind: 'SOCIAL_SERVICE', roles: 'CASE_HANDLER', provinces: '63' });
    const seoul = await embassyKey('kbri-seoul', 'KR');
    api = await startTestApi();
    worker = await startWorker();
    officer = await actorOf(bearer(await loginAs(api.app, bp3mi)));
    caseHandler = await actorOf(bearer(await loginAs(api.app, handler)));
    labourOfficer = await actorOf(bearer(await loginAs(api.app, disnaker)));
    sentra = await actorOf(bearer(await loginAs(api.app, kemensos)));
    embassy = await actorOf(seoul);
  });

  afterAll(async () => {
    await worker?.close();
    await api?.close();
    await environment?.release();
  });

  it('knows each actor: users of BP3MI, Disnaker and Kemensos, and the embassy’s system key', () => {
    expect([officer, caseHandler, labourOfficer, sentra].map((actor) => actor.kind)).toEqual([
      'user',
      'user',
      'user',
      'user',
    ]);
    expect(embassy).toMatchObject({ kind: 'api-key', agency: { code: 'kbri-seoul' } });
    expect(caseHandler.agency.id).toBe(officer.agency.id);
    expect(new Set([officer.id, caseHandler.id, labourOfficer.id, sentra.id, embassy.id]).size).toBe(5);
  });

  it('registers the worker and a G-to-G placement in Korea, its checklist waiting for evidence', async () => {
    workerId = await registerWorker(
      api.app,
      officer.headers,
      workerInput(
        { regencyCode: '6372', dateOfBirth: '1996-03-14', sex: 'FEMALE', serial: 61 },
        { fullName: 'Siti Rahmah', phone: '+6281251234567' },
      ),
    );
    departedAt = hoursAgo(72);
    const response = await call<{ registerPlacement: PrePlacement }>(
      REGISTER_PLACEMENT,
      {
        input: {
          workerId,
          destination: 'KR',
          destinationCity: 'Ansan',
          sector: 'FORMAL',
          employerType: 'LEGAL_ENTITY',
          employerName: 'Hanil Precision Co.',
          jobTitle: 'Operator mesin',
          scheme: 'G_TO_G',
          visaType: 'WORK',
          contractStart: dateIn(0),
          contractEnd: dateIn(3 * 365),
          plannedDepartureAt: departedAt.toISOString(),
        },
      },
      officer,
    );
    expect(response.errors).toBeUndefined();
    registered = response.data!.registerPlacement;
    expect(registered).toMatchObject({ stage: 'REGISTERED', procedural: false, version: 1 });
    // Lintas judges age, NIK, scheme and destination itself; the rest waits for an officer's evidence.
    const waiting = registered.requirements.filter((r) => r.status !== 'SATISFIED');
    expect(waiting.every((r) => r.status === 'PENDING')).toBe(true);
    expect(waiting.map((r) => r.kind)).toContain('PASSPORT_VALID');
    expect(waiting.filter((r) => r.evaluatedBy === 'OFFICER')).toHaveLength(12);
    expect(waiting).toHaveLength(13);
    expect(registered.requirements.find((r) => r.kind === 'LICENSED_RECRUITER')?.status).toBe('SATISFIED');
    placement = registered;
  });

  it('records the evidence; clearance is refused while the passport is missing, then granted', async () => {
    let current = registered;
    for (const { kind } of registered.requirements.filter((r) => r.evaluatedBy === 'OFFICER')) {
      current = await record(current, {
        kind,
        status: 'SATISFIED',
        documentNumber: `${kind}/KSL/2025`,
        issuer: 'BP3MI Kalimantan Selatan',
        expiresOn: dateIn(365),
      });
    }

    const early = await call(CLEAR, { placementId: current.id, version: current.version }, officer);
    expect(early.errors?.[0]?.extensions.code).toBe('PRECONDITION_FAILED');
    expect((early.errors?.[0]?.extensions.unmet as { kind: string }[]).map((u) => u.kind)).toEqual([
      'PASSPORT_VALID',
    ]);

    current = await record(current, {
      kind: 'PASSPORT_VALID',
      status: 'SATISFIED',
      documentNumber: 'C4471023',
      issuer: 'Kantor Imigrasi Banjarmasin',
      expiresOn: dateIn(5 * 365),
    });
    expect(current).toMatchObject({ stage: 'REGISTERED', procedural: true, version: 14 });
    const cleared = await call<{ clearForDeparture: PrePlacement }>(
      CLEAR,
      { placementId: current.id, version: current.version },
      officer,
    );
    expect(cleared.errors).toBeUndefined();
    expect(cleared.data!.clearForDeparture).toMatchObject({
      stage: 'CLEARED',
      procedural: true,
      version: 15,
    });
    expect(cleared.data!.clearForDeparture.requirements.every((r) => r.status === 'SATISFIED')).toBe(true);
    placement = cleared.data!.clearForDeparture;
  });

  it('records a procedural departure; the embassy confirms the arrival, and she is reached and well', async () => {
    const departed = await recordDeparture(api.app, officer.headers, placement, departedAt);
    expect(departed).toMatchObject({ stage: 'DEPARTED', procedural: true });
    const placed = await confirmArrival(api.app, embassy.headers, departed, hoursAgo(60));
    expect(placed.stage).toBe('PLACED');
    placement = placed;

    await recordWelfareContact(api.app, embassy.headers, placement.id, {
      contactedAt: hoursAgo(30).toISOString(),
      channel: 'PHONE',
      reachedWorker: true,
      wellbeing: 'Well; settled in the dormitory, first wages paid on time',
    });
    await recordWelfareContact(api.app, caseHandler.headers, placement.id, {
      contactedAt: hoursAgo(20).toISOString(),
      channel: 'WHATSAPP',
      reachedWorker: true,
      wellbeing: 'Fine',
    });
    // Each contact moves the check-in schedule, and so the placement's version.
    const abroad = await cycle();
    expect(abroad).toMatchObject({ stage: 'PLACED', procedural: true, version: placement.version + 2 });
    expect(abroad.welfareContacts).toEqual([
      { reachedWorker: true, wellbeing: 'Fine' },
      { reachedWorker: true, wellbeing: 'Well; settled in the dormitory, first wages paid on time' },
    ]);
    placement = abroad;
  });

  it('hears from the embassy that she is in its shelter: REPATRIATION_NEEDED reaches BP3MI, Disnaker and embassy', async () => {
    const inShelter = await reportStatus(api.app, embassy.headers, placement, 'IN_SHELTER', hoursAgo(6));
    expect(inShelter.stage).toBe('PLACED');
    placement = inShelter;

    // Raised by the worker process from the outbox event, then routed to the three agencies.
    const alert = await eventually(
      async () => (await repatriationAlertsSeenBy(officer)).find((found) => found.recipients.length === 3),
      10_000,
      'the routed REPATRIATION_NEEDED alert',
    );
    expect(alert).toMatchObject({ severity: 'HIGH', status: 'OPEN', resolvedBy: null });
    expect(alert.reason).toMatch(/IN_SHELTER/);
    expect(alert.recipients.map((r) => r.agency.code).sort()).toEqual(
      [officer.agency.code, labourOfficer.agency.code, 'kbri-seoul'].sort(),
    );
    expect((await repatriationAlertsSeenBy(labourOfficer)).map((found) => found.id)).toEqual([alert.id]);
    alertId = alert.id;
  });

  it('turns the alert into a repatriation, resolving it; the embassy arranges the flight and puts her on it', async () => {
    const plannedArrival = new Date(Date.now() + 2 * DAY);
    const requested = await requestRepatriation(api.app, caseHandler.headers, placement, {
      reason: 'ABUSE',
      needs: ['SHELTER', 'FLIGHT', 'ESCORT'],
      note: 'Left the employer after being struck; in the KBRI shelter',
      plannedArrivalAt: plannedArrival.toISOString(),
      alertId,
    });
    expect(requested).toMatchObject({
      stage: 'REPATRIATING',
      version: placement.version + 1,
      repatriation: { status: 'REQUESTED', sourceAlertId: alertId, version: 1 },
    });
    repatriationId = requested.repatriation!.id;

    const resolved = await call<{ alert: AlertView }>(ALERT, { id: alertId }, officer);
    expect(resolved.data?.alert).toMatchObject({
      status: 'RESOLVED',
      resolvedBy: { id: caseHandler.id },
      resolutionNote: `Turned into repatriation ${repatriationId} by ${officer.agency.name}`,
    });

    const arranged = await updateRepatriation(api.app, embassy.headers, requested.repatriation!, {
      status: 'ARRANGED',
      plannedArrivalAt: plannedArrival.toISOString(),
      note: 'Seat on the Incheon–Jakarta–Banjarmasin flight, escorted by KBRI staff',
    });
    expect(arranged).toMatchObject({
      stage: 'REPATRIATING',
      repatriation: { status: 'ARRANGED', version: 2 },
    });
    const inTransit = await updateRepatriation(api.app, embassy.headers, arranged.repatriation!, {
      status: 'IN_TRANSIT',
    });
    expect(inTransit).toMatchObject({
      stage: 'REPATRIATING',
      version: requested.version + 2,
      repatriation: { status: 'IN_TRANSIT', version: 3 },
    });
    placement = inTransit;
  });

  it('records her return at Syamsudin Noor: RETURNED, the repatriation completed, a suspected victim', async () => {
    const home = await recordReturn(api.app, caseHandler.headers, placement, new Date(), {
      portOfEntry: 'Syamsudin Noor',
      healthOnArrival: 'NEEDS_TREATMENT',
      suspectedTraffickingVictim: true,
      wagesOwed: true,
      note: 'Met at arrivals by the P4MI post',
    });
    expect(home).toMatchObject({
      stage: 'RETURNED',
      version: placement.version + 1,
      nextCheckInDueAt: null,
      repatriation: { id: repatriationId, status: 'COMPLETED', version: 4 },
      return: {
        kind: 'REPATRIATED',
        portOfEntry: 'Syamsudin Noor',
        healthOnArrival: 'NEEDS_TREATMENT',
        suspectedTraffickingVictim: true,
        wagesOwed: true,
        repatriationId,
      },
    });
    expect(home.returnedAt).not.toBeNull();
    const [flags] = await api.dataSource.query<{ suspected_trafficking_victim: boolean }[]>(
      'SELECT suspected_trafficking_victim FROM placement WHERE id = $1',
      [placement.id],
    );
    expect(flags?.suspected_trafficking_victim).toBe(true);
    placement = home;
  });

  it('refers her, with her consent, to psychosocial care at the Kemensos centre and to legal aid at the BP3MI', async () => {
    psychosocial = await refer(api.app, caseHandler.headers, placement.id, {
      service: 'PSYCHOSOCIAL',
      agencyId: sentra.agency.id,
      note: 'Trauma after abuse by the employer',
    });
    // Disnaker of her regency asks the BP3MI's legal aid to recover the wages owed.
    legalAid = await refer(api.app, labourOfficer.headers, placement.id, {
      service: 'LEGAL_AID',
      agencyId: officer.agency.id,
      note: 'Three months of wages unpaid',
    });
    expect(psychosocial).toMatchObject({
      service: 'PSYCHOSOCIAL',
      status: 'REFERRED',
      consentGiven: true,
      agency: { code: sentra.agency.code },
      referredByAgency: { code: officer.agency.code },
    });
    expect(legalAid).toMatchObject({
      service: 'LEGAL_AID',
      status: 'REFERRED',
      agency: { code: officer.agency.code },
      referredByAgency: { code: labourOfficer.agency.code },
    });
    // Each referral is made under the placement's lock and moves its version; the first its stage.
    const reintegrating = await cycle();
    expect(reintegrating).toMatchObject({ stage: 'REINTEGRATING', version: placement.version + 2 });
    placement = reintegrating;

    // The centre sees the one referral addressed to it, and whom to help — no NIK, no passport.
    const seen = await call<{
      referrals: { totalCount: number; edges: { node: { id: string; worker: unknown } }[] };
    }>(REFERRALS, { filter: { placementId: placement.id } }, sentra);
    expect(seen.data?.referrals.totalCount).toBe(1);
    expect(seen.data?.referrals.edges[0]?.node).toEqual({
      id: psychosocial.id,
      service: 'PSYCHOSOCIAL',
      worker: { fullName: 'Siti Rahmah', phone: '+6281251234567' },
    });
  });

  it('lets the Kemensos centre take its referral from accepted to completed, with the outcome', async () => {
    const accepted = await updateReferral(
      api.app,
      sentra.headers,
      psychosocial.id,
      { status: 'ACCEPTED' },
      1,
    );
    expect(accepted).toMatchObject({ status: 'ACCEPTED', version: 2 });
    const inProgress = await updateReferral(
      api.app,
      sentra.headers,
      psychosocial.id,
      { status: 'IN_PROGRESS', note: 'Weekly counselling sessions at the centre' },
      2,
    );
    expect(inProgress).toMatchObject({ status: 'IN_PROGRESS', version: 3 });
    const completed = await updateReferral(
      api.app,
      sentra.headers,
      psychosocial.id,
      { status: 'COMPLETED', outcome: 'Eight counselling sessions; sleeping well, back with her family' },
      3,
    );
    expect(completed).toMatchObject({
      status: 'COMPLETED',
      version: 4,
      outcome: 'Eight counselling sessions; sleeping well, back with her family',
    });
  });

  it('refuses to close while the legal aid referral is open, listing it, and changes nothing', async () => {
    const before = await snapshot();
    const refused = await call<{ closePlacement: unknown }>(
      CLOSE_PLACEMENT,
      { placementId: placement.id, version: placement.version, outcome: closureOutcome },
      officer,
    );
    expect(refused.data?.closePlacement ?? null).toBeNull();
    expect(refused.errors?.[0]?.extensions.code).toBe('PRECONDITION_FAILED');
    expect(refused.errors?.[0]?.extensions.unmet).toEqual([
      {
        kind: 'OPEN_REFERRAL',
        referralId: legalAid.id,
        service: 'LEGAL_AID',
        status: 'REFERRED',
        agency: officer.agency.name,
      },
    ]);
    const after = await snapshot();
    expect(after).toEqual(before);
    expect(before.placement).toEqual([
      expect.objectContaining({ stage: 'REINTEGRATING', version: placement.version, closed_at: null }),
    ]);
  });

  it('closes once the BP3MI has declined the legal aid with its outcome', async () => {
    await updateReferral(api.app, caseHandler.headers, legalAid.id, { status: 'ACCEPTED' });
    const declined = await updateReferral(api.app, caseHandler.headers, legalAid.id, {
      status: 'DECLINED',
      outcome: 'The employer paid the wages owed through the embassy; she withdrew the claim',
    });
    expect(declined).toMatchObject({ status: 'DECLINED', version: 3 });

    const closed = await closePlacement(api.app, caseHandler.headers, placement, `  ${closureOutcome} `);
    expect(closed).toMatchObject({ stage: 'CLOSED', version: placement.version + 1, closureOutcome });
    expect(Date.parse(closed.closedAt!)).toBeGreaterThanOrEqual(testStartedAt.getTime());
    placement = closed;
  });

  it('lists every step of the cycle in the timeline, in order, with who did it and when', async () => {
    const closed = await cycle();
    const by = (actor: Actor): { actorType: string; actorId: string } => ({
      actorType: actor.kind,
      actorId: actor.id,
    });
    const step = (type: string, stageFrom: string | null, stageTo: string, actor: Actor) => ({
      type,
      stageFrom,
      stageTo,
      ...by(actor),
    });
    expect(closed.timeline.map(({ occurredAt: _occurredAt, ...entry }) => entry)).toEqual([
      step('registered', null, 'REGISTERED', officer),
      ...Array.from({ length: 13 }, () => step('requirement.recorded', 'REGISTERED', 'REGISTERED', officer)),
      step('clear', 'REGISTERED', 'CLEARED', officer),
      step('depart', 'CLEARED', 'DEPARTED', officer),
      step('arrive', 'DEPARTED', 'PLACED', embassy),
      step('contact', 'PLACED', 'PLACED', embassy),
      step('contact', 'PLACED', 'PLACED', caseHandler),
      step('status.IN_SHELTER', 'PLACED', 'PLACED', embassy),
      step('repatriation.requested', 'PLACED', 'REPATRIATING', caseHandler),
      step('repatriation.arranged', 'REPATRIATING', 'REPATRIATING', embassy),
      step('repatriation.in_transit', 'REPATRIATING', 'REPATRIATING', embassy),
      step('repatriation.completed', 'REPATRIATING', 'REPATRIATING', caseHandler),
      step('return', 'REPATRIATING', 'RETURNED', caseHandler),
      step('referral.referred', 'RETURNED', 'REINTEGRATING', caseHandler),
      step('referral.referred', 'REINTEGRATING', 'REINTEGRATING', labourOfficer),
      step('referral.accepted', 'REINTEGRATING', 'REINTEGRATING', sentra),
      step('referral.in_progress', 'REINTEGRATING', 'REINTEGRATING', sentra),
      step('referral.completed', 'REINTEGRATING', 'REINTEGRATING', sentra),
      step('referral.accepted', 'REINTEGRATING', 'REINTEGRATING', caseHandler),
      step('referral.declined', 'REINTEGRATING', 'REINTEGRATING', caseHandler),
      step('close', 'REINTEGRATING', 'CLOSED', caseHandler),
    ]);

    // Recorded when each step was taken: in order, within this test, the closure last.
    const times = closed.timeline.map((entry) => Date.parse(entry.occurredAt));
    times.slice(1).forEach((time, index) => expect(time).toBeGreaterThanOrEqual(times[index]));
    expect(times[0]).toBeGreaterThanOrEqual(testStartedAt.getTime());
    expect(times.at(-1)).toBeLessThanOrEqual(Date.now());
    expect(Date.parse(closed.closedAt!)).toBeGreaterThanOrEqual(times.at(-2)!);

    expect(closed).toMatchObject({
      stage: 'CLOSED',
      procedural: true,
      closureOutcome,
      repatriation: {
        id: repatriationId,
        status: 'COMPLETED',
        reason: 'ABUSE',
        needs: ['SHELTER', 'FLIGHT', 'ESCORT'],
        sourceAlertId: alertId,
        requestedByAgency: { code: officer.agency.code },
      },
      return: { kind: 'REPATRIATED', portOfEntry: 'Syamsudin Noor', repatriationId },
      alerts: [{ id: alertId, kind: 'REPATRIATION_NEEDED', status: 'RESOLVED' }],
    });
    expect(Date.parse(closed.return!.returnedAt)).toBe(Date.parse(closed.returnedAt!));
    expect(closed.referrals).toEqual(
      expect.arrayContaining([
        {
          id: psychosocial.id,
          service: 'PSYCHOSOCIAL',
          status: 'COMPLETED',
          outcome: 'Eight counselling sessions; sleeping well, back with her family',
          agency: { code: sentra.agency.code },
          referredByAgency: { code: officer.agency.code },
        },
        {
          id: legalAid.id,
          service: 'LEGAL_AID',
          status: 'DECLINED',
          outcome: 'The employer paid the wages owed through the embassy; she withdrew the claim',
          agency: { code: officer.agency.code },
          referredByAgency: { code: labourOfficer.agency.code },
        },
      ]),
    );
    expect(closed.referrals).toHaveLength(2);
  });

  it('keeps the same story in the audit trail, chained and unbroken', async () => {
    const auditOf = (entityId: string) =>
      api.dataSource.query<{ action: string; actor_type: string; actor_id: string | null }[]>(
        'SELECT action, actor_type, actor_id FROM audit_event WHERE entity_id = $1 ORDER BY sequence',
        [entityId],
      );
    const entry = (action: string, actor: Actor) => ({ action, actor_type: actor.kind, actor_id: actor.id });

    expect(await auditOf(workerId)).toEqual([entry('worker.registered', officer)]);
    expect(await auditOf(placement.id)).toEqual([
      entry('placement.registered', officer),
      ...Array.from({ length: 13 }, () => entry('placement.requirement_recorded', officer)),
      entry('placement.cleared', officer),
      entry('placement.departed', officer),
      entry('placement.arrived', embassy),
      entry('welfare_contact.recorded', embassy),
      entry('welfare_contact.recorded', caseHandler),
      entry('placement.status_reported', embassy),
      entry('repatriation.requested', caseHandler),
      entry('repatriation.arranged', embassy),
      entry('repatriation.in_transit', embassy),
      entry('repatriation.completed', caseHandler),
      entry('placement.returned', caseHandler),
      entry('referral.referred', caseHandler),
      entry('referral.referred', labourOfficer),
      entry('referral.accepted', sentra),
      entry('referral.in_progress', sentra),
      entry('referral.completed', sentra),
      entry('referral.accepted', caseHandler),
      entry('referral.declined', caseHandler),
      entry('placement.closed', caseHandler),
    ]);
    expect(await auditOf(alertId)).toEqual([entry('alert.resolved', caseHandler)]);
    expect((await api.app.get(AuditTrail).verifyChain(api.dataSource.manager)).valid).toBe(true);
  });
});
