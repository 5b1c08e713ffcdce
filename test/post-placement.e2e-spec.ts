import { randomUUID } from 'node:crypto';
import { QueueName, QueueProducer } from '#lintas/queue';
import { startWorker, type RunningWorker } from '../apps/worker/src/create-worker.js';
import { eventually } from './support/eventually.js';
import { jobOutcome } from './support/jobs.js';
import { agencyWithUser, cli, embassyKey, workerInput } from './support/factories.js';
import {
  confirmArrival,
  recordDeparture,
  registerPlacement,
  reportStatus,
  type PlacementHandle,
} from './support/placements.js';
import {
  CLOSE_PLACEMENT,
  closePlacement,
  placementHome,
  RECORD_REFUSAL,
  RECORD_RETURN,
  recordReintegrationRefusal,
  recordReturn,
  refer,
  REFER,
  REFERRAL,
  REFERRALS,
  REQUEST_REPATRIATION,
  requestRepatriation,
  UPDATE_REFERRAL,
  UPDATE_REPATRIATION,
  updateReferral,
  updateRepatriation,
  type HomePlacement,
  type ReferralView,
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

const DAY = 24 * 60 * 60 * 1000;
const daysAgo = (days: number): Date => new Date(Date.now() - days * DAY);
/** The WIB calendar day of an instant, where Lintas counts days. */
const wibDate = (instant: Date): string =>
  new Date(instant.getTime() + 7 * 60 * 60 * 1000).toISOString().slice(0, 10);

type Headers = Record<string, string>;

describe('purna penempatan: repatriation, return, reintegration and closure', () => {
  let environment: TestEnvironment;
  let api: TestApi;
  let officer: Headers;
  let officerUserId: string;
  let officerAgency: { id: string; code: string; name: string };
  let caseHandler: Headers;
  let labourOfficer: Headers;
  let dinsos: Headers;
  let dinsosAgencyId: string;
  let otherDinsos: Headers;
  let elsewhere: Headers;
  let riyadh: Headers;
  let riyadhAgencyId: string;
  let kualaLumpur: Headers;
  let serial = 900;

  const call = <T>(
    query: string,
    variables: Record<string, unknown>,
    headers: Headers,
  ): Promise<GraphqlResponse<T>> => graphql<T>(api.app, query, variables, headers);

  const count = async (table: string, placementId: string): Promise<number> => {
    const [row] = await api.dataSource.query<{ count: number }[]>(
      `SELECT count(*)::int AS count FROM ${table} WHERE placement_id = $1`,
      [placementId],
    );
    return row.count;
  };

  const outboxOf = (placementId: string): Promise<{ topic: string; payload: Record<string, string> }[]> =>
    api.dataSource.query(
      'SELECT topic, payload FROM outbox_event WHERE aggregate_id = $1 ORDER BY occurred_at',
      [placementId],
    );

  const auditOf = (
    entityId: string,
  ): Promise<{ action: string; actor_type: string; actor_id: string | null }[]> =>
    api.dataSource.query(
      'SELECT action, actor_type, actor_id FROM audit_event WHERE entity_id = $1 ORDER BY sequence',
      [entityId],
    );

  const placementRow = async (
    id: string,
  ): Promise<{
    stage: string;
    version: number;
    suspected_trafficking_victim: boolean;
    returned_at: Date | null;
  }> => {
    const [row] = await api.dataSource.query<
      { stage: string; version: number; suspected_trafficking_victim: boolean; returned_at: Date | null }[]
    >('SELECT stage, version, suspected_trafficking_victim, returned_at FROM placement WHERE id = $1', [id]);
    return row;
  };

  const codeOf = (response: GraphqlResponse<unknown>): string | undefined =>
    response.errors?.[0]?.extensions.code;
  const fieldsOf = (response: GraphqlResponse<unknown>): string[] =>
    (response.errors?.[0]?.extensions.fields ?? []).map((field) => field.path);
  /** How the API refused: the code and the fields at fault, which a client needs to act on it. */
  const errorOf = (response: GraphqlResponse<unknown>): { code?: string; fields: string[] } => ({
    code: codeOf(response),
    fields: fieldsOf(response),
  });

  /** A worker from Banjarbaru placed in Saudi Arabia: departed and arrived `departedDaysAgo` days ago. */
  const placedInSaudi = async (
    departedDaysAgo = 30,
    worker: Record<string, unknown> = {},
  ): Promise<PlacementHandle> => {
    serial += 1;
    const workerId = await registerWorker(api.app, officer, workerInput({ serial }, worker));
    const registered = await registerPlacement(api.app, officer, workerId, 'SA');
    const departed = await recordDeparture(api.app, officer, registered, daysAgo(departedDaysAgo));
    const arrived = await confirmArrival(api.app, riyadh, departed, daysAgo(departedDaysAgo - 1));
    expect(arrived.stage).toBe('PLACED');
    return arrived;
  };

  /** A placement whose worker came home `returnedDaysAgo` days ago, at the end of the contract. */
  const returnedHome = async (
    returnedDaysAgo = 3,
    worker: Record<string, unknown> = {},
  ): Promise<HomePlacement> => {
    const placed = await placedInSaudi(Math.max(30, returnedDaysAgo + 100), worker);
    return recordReturn(api.app, officer, placed, daysAgo(returnedDaysAgo), {
      portOfEntry: 'Soekarno-Hatta',
    });
  };

  beforeAll(async () => {
    environment = await useTestEnvironment({
      OUTBOX_RELAY_INTERVAL_MS: '50',
      ALERT_SWEEP_INTERVAL_SECONDS: '86400',
    });
    await cli(['migrate']);
    const bp3mi = await agencyWithUser({ kind: 'BP3MI', roles: 'OFFICER', provinces: '63' });
    const handlers = await agencyWithUser({ kind: 'BP3MI', roles: 'CASE_HANDLER', provinces: '63' });
    const disnaker = await agencyWithUser({ kind: 'DISNAKER', roles: 'LABOUR_OFFICER', regencies: '6372' });
    // Dinas Sosial of the same province: its jurisdiction covers the workers, yet it sees only what is sent to it.
    const social = await agencyWithUser({ kind: 'SOCIAL_SERVICE', roles: 'CASE_HANDLER', provinces: '63' });
    const otherSocial = await agencyWithUser({ kind: 'SOCIAL_SERVICE', roles: 'OFFICER', provinces: '63' });
    // The BP3MI of Kalimantan Timur: the workers of Kalimantan Selatan are none of its business.
    const otherProvince = await agencyWithUser({ kind: 'BP3MI', roles: 'CASE_HANDLER', provinces: '64' });
    riyadh = await embassyKey('kbri-riyadh', 'SA');
    kualaLumpur = await embassyKey('kbri-kuala-lumpur', 'MY');
    api = await startTestApi();
    officer = bearer(await loginAs(api.app, bp3mi));
    caseHandler = bearer(await loginAs(api.app, handlers));
    labourOfficer = bearer(await loginAs(api.app, disnaker));
    dinsos = bearer(await loginAs(api.app, social));
    otherDinsos = bearer(await loginAs(api.app, otherSocial));
    elsewhere = bearer(await loginAs(api.app, otherProvince));
    [officerAgency] = await api.dataSource.query<{ id: string; code: string; name: string }[]>(
      'SELECT id, code, name FROM agency WHERE code = $1',
      [bp3mi.agencyCode],
    );
    [{ id: officerUserId }] = await api.dataSource.query<{ id: string }[]>(
      'SELECT id FROM user_account WHERE username = $1',
      [bp3mi.username],
    );
    [{ id: dinsosAgencyId }] = await api.dataSource.query<{ id: string }[]>(
      'SELECT id FROM agency WHERE code = $1',
      [social.agencyCode],
    );
    [{ id: riyadhAgencyId }] = await api.dataSource.query<{ id: string }[]>(
      'SELECT id FROM agency WHERE code = $1',
      ['kbri-riyadh'],
    );
  });

  afterAll(async () => {
    await api?.close();
    await environment?.release();
  });

  describe('repatriation', () => {
    it('is requested by the embassy of the country: PLACED → REPATRIATING, with its timeline, audit and outbox', async () => {
      const placed = await placedInSaudi();
      const planned = new Date(Date.now() + 10 * DAY);
      const repatriating = await requestRepatriation(api.app, riyadh, placed, {
        reason: 'ABUSE',
        needs: ['ESCORT', 'SHELTER'],
        note: 'In the embassy shelter since Monday',
        plannedArrivalAt: planned.toISOString(),
      });
      expect(repatriating).toMatchObject({ stage: 'REPATRIATING', version: placed.version + 1 });
      expect(repatriating.repatriation).toMatchObject({
        status: 'REQUESTED',
        reason: 'ABUSE',
        needs: ['ESCORT', 'SHELTER'],
        note: 'In the embassy shelter since Monday',
        sourceAlertId: null,
        version: 1,
        requestedByAgency: { code: 'kbri-riyadh' },
      });
      expect(Date.parse(repatriating.repatriation!.plannedArrivalAt!)).toBe(planned.getTime());
      expect(repatriating.timeline.at(-1)).toMatchObject({
        type: 'repatriation.requested',
        stageFrom: 'PLACED',
        stageTo: 'REPATRIATING',
        actorType: 'api-key',
      });
      expect(await outboxOf(placed.id)).toContainEqual({
        topic: 'placement.repatriation_requested',
        payload: { repatriationId: repatriating.repatriation!.id, placementId: placed.id },
      });
      expect((await auditOf(placed.id)).map((row) => row.action)).toContain('repatriation.requested');
    });

    it('answers NOT_FOUND to the embassy of another country, CONFLICT at a stale version or a wrong stage', async () => {
      const placed = await placedInSaudi();
      const input = { reason: 'CONTRACT_ENDED' };
      const foreign = await call(
        REQUEST_REPATRIATION,
        { placementId: placed.id, version: placed.version, input },
        kualaLumpur,
      );
      expect(codeOf(foreign)).toBe('NOT_FOUND');
      const stale = await call(
        REQUEST_REPATRIATION,
        { placementId: placed.id, version: placed.version - 1, input },
        officer,
      );
      expect(codeOf(stale)).toBe('CONFLICT');
      expect(fieldsOf(stale)).toEqual(['version']);
      expect(await count('repatriation', placed.id)).toBe(0);

      const repatriating = await requestRepatriation(api.app, caseHandler, placed, input);
      const again = await call(
        REQUEST_REPATRIATION,
        { placementId: placed.id, version: repatriating.version, input },
        officer,
      );
      expect(errorOf(again)).toEqual({ code: 'CONFLICT', fields: ['placementId'] });
      expect(again.errors?.[0]?.message).toBe(
        'A placement at stage REPATRIATING cannot have a repatriation requested',
      );
      expect(await count('repatriation', placed.id)).toBe(1);
    });

    it('refuses bad input with the field at fault and writes nothing', async () => {
      const placed = await placedInSaudi();
      const bad = await call(
        REQUEST_REPATRIATION,
        {
          placementId: placed.id,
          version: placed.version,
          input: {
            reason: 'ABUSE',
            needs: ['ESCORT', 'ESCORT'],
            note: 'x'.repeat(4001),
            alertId: 'not-an-id',
          },
        },
        riyadh,
      );
      expect(codeOf(bad)).toBe('BAD_USER_INPUT');
      expect(fieldsOf(bad).sort()).toEqual(['input.alertId', 'input.needs', 'input.note']);
      const unknownAlert = await call(
        REQUEST_REPATRIATION,
        {
          placementId: placed.id,
          version: placed.version,
          input: { reason: 'ABUSE', alertId: randomUUID() },
        },
        riyadh,
      );
      expect(codeOf(unknownAlert)).toBe('BAD_USER_INPUT');
      expect(fieldsOf(unknownAlert)).toEqual(['input.alertId']);
      expect(await count('repatriation', placed.id)).toBe(0);
      expect(await placementRow(placed.id)).toMatchObject({ stage: 'PLACED', version: placed.version });
    });

    it('moves forward only, checked against its own version, and moves the placement’s version too', async () => {
      const placed = await placedInSaudi();
      const requested = await requestRepatriation(api.app, riyadh, placed);
      const repatriation = requested.repatriation!;
      const arranged = await updateRepatriation(api.app, riyadh, repatriation, {
        status: 'ARRANGED',
        plannedArrivalAt: new Date(Date.now() + 5 * DAY).toISOString(),
      });
      expect(arranged).toMatchObject({ stage: 'REPATRIATING', version: requested.version + 1 });
      expect(arranged.repatriation).toMatchObject({ status: 'ARRANGED', version: 2 });

      const stale = await call(
        UPDATE_REPATRIATION,
        { id: repatriation.id, version: 1, input: { status: 'IN_TRANSIT' } },
        riyadh,
      );
      expect(codeOf(stale)).toBe('CONFLICT');
      expect(fieldsOf(stale)).toEqual(['version']);

      const inTransit = await updateRepatriation(api.app, officer, arranged.repatriation!, {
        status: 'IN_TRANSIT',
      });
      expect(inTransit.repatriation).toMatchObject({ status: 'IN_TRANSIT', version: 3 });
      expect(inTransit.timeline.map((event) => event.type)).toEqual(
        expect.arrayContaining(['repatriation.arranged', 'repatriation.in_transit']),
      );

      const back = await call(
        UPDATE_REPATRIATION,
        { id: repatriation.id, version: 3, input: { status: 'ARRANGED' } },
        riyadh,
      );
      expect(errorOf(back)).toEqual({ code: 'CONFLICT', fields: ['input.status'] });
      const completed = await call(
        UPDATE_REPATRIATION,
        { id: repatriation.id, version: 3, input: { status: 'COMPLETED' } },
        riyadh,
      );
      expect(codeOf(completed)).toBe('BAD_USER_INPUT');
      expect(fieldsOf(completed)).toEqual(['input.status']);
      expect(completed.errors?.[0]?.extensions.fields?.[0]?.message).toMatch(/recordReturn/);
      const foreign = await call(
        UPDATE_REPATRIATION,
        { id: repatriation.id, version: 3, input: { status: 'CANCELLED', note: 'no' } },
        kualaLumpur,
      );
      expect(codeOf(foreign)).toBe('NOT_FOUND');
      expect(await placementRow(placed.id)).toMatchObject({
        stage: 'REPATRIATING',
        version: inTransit.version,
      });
    });

    it('is cancelled only with a reason, and the worker is PLACED again', async () => {
      const placed = await placedInSaudi();
      const requested = await requestRepatriation(api.app, riyadh, placed);
      const noReason = await call(
        UPDATE_REPATRIATION,
        { id: requested.repatriation!.id, version: 1, input: { status: 'CANCELLED' } },
        riyadh,
      );
      expect(codeOf(noReason)).toBe('BAD_USER_INPUT');
      expect(fieldsOf(noReason)).toEqual(['input.note']);

      const cancelled = await updateRepatriation(api.app, riyadh, requested.repatriation!, {
        status: 'CANCELLED',
        note: 'The worker chose to stay with a new employer',
      });
      expect(cancelled).toMatchObject({ stage: 'PLACED', version: requested.version + 1 });
      expect(cancelled.repatriation).toMatchObject({
        status: 'CANCELLED',
        note: 'The worker chose to stay with a new employer',
      });
      expect((await auditOf(placed.id)).map((row) => row.action)).toContain('repatriation.cancelled');

      const later = await requestRepatriation(api.app, riyadh, cancelled, { reason: 'UNPAID_WAGES' });
      expect(later.stage).toBe('REPATRIATING');
      const home = (await placementHome(api.app, officer, placed.id)).data!.placement!;
      expect(home.repatriations?.map((r) => r.status)).toEqual(['REQUESTED', 'CANCELLED']);
    });

    it('is refused for a worker only reported departed: the arrival abroad is confirmed first', async () => {
      serial += 1;
      const workerId = await registerWorker(api.app, officer, workerInput({ serial }));
      const registered = await registerPlacement(api.app, officer, workerId, 'SA');
      const departed = await recordDeparture(api.app, officer, registered, daysAgo(3));
      const refused = await call(
        REQUEST_REPATRIATION,
        { placementId: departed.id, version: departed.version, input: { reason: 'ABUSE' } },
        riyadh,
      );
      expect(errorOf(refused)).toEqual({ code: 'CONFLICT', fields: ['placementId'] });
      expect(refused.errors?.[0]?.message).toBe(
        'A placement at stage DEPARTED cannot have a repatriation requested: confirm its arrival abroad first',
      );
      expect(await count('repatriation', departed.id)).toBe(0);
    });

    it('answers BAD_USER_INPUT to an update that changes nothing, and writes nothing', async () => {
      const placed = await placedInSaudi();
      const requested = await requestRepatriation(api.app, riyadh, placed);
      const arranged = await updateRepatriation(api.app, riyadh, requested.repatriation!, {
        status: 'ARRANGED',
        note: 'Flight booked',
      });
      const { id } = arranged.repatriation!;
      const empty = await call(UPDATE_REPATRIATION, { id, version: 2, input: {} }, riyadh);
      expect(errorOf(empty)).toEqual({ code: 'BAD_USER_INPUT', fields: ['input'] });
      const same = await call(
        UPDATE_REPATRIATION,
        { id, version: 2, input: { status: 'ARRANGED', note: 'Flight booked' } },
        riyadh,
      );
      expect(errorOf(same)).toEqual({ code: 'BAD_USER_INPUT', fields: ['input'] });
      expect(await placementRow(placed.id)).toMatchObject({
        stage: 'REPATRIATING',
        version: arranged.version,
      });
      expect(
        await api.dataSource.query('SELECT status, version FROM repatriation WHERE id = $1', [id]),
      ).toEqual([{ status: 'ARRANGED', version: 2 }]);
    });

    it('is never stuck: followed while the worker is missing and once found, then cancelled with the worker placed', async () => {
      const placed = await placedInSaudi();
      const requested = await requestRepatriation(api.app, riyadh, placed, { reason: 'ABUSE' });
      const missing = await reportStatus(api.app, riyadh, requested, 'MISSING', daysAgo(3));
      expect(missing.stage).toBe('MISSING');
      const arranged = await updateRepatriation(api.app, riyadh, requested.repatriation!, {
        status: 'ARRANGED',
      });
      expect(arranged).toMatchObject({
        stage: 'MISSING',
        version: missing.version + 1,
        repatriation: { status: 'ARRANGED', version: 2 },
      });

      const found = await reportStatus(api.app, riyadh, arranged, 'WORKING', daysAgo(2));
      expect(found.stage).toBe('PLACED');
      // Found again, the worker is brought home by the repatriation under way, not by a second one.
      const twice = await call(
        REQUEST_REPATRIATION,
        { placementId: placed.id, version: found.version, input: { reason: 'ABUSE' } },
        riyadh,
      );
      expect(errorOf(twice)).toEqual({ code: 'CONFLICT', fields: ['placementId'] });
      const planned = new Date(Date.now() + 3 * DAY);
      const inTransit = await updateRepatriation(api.app, riyadh, arranged.repatriation!, {
        status: 'IN_TRANSIT',
        plannedArrivalAt: planned.toISOString(),
      });
      expect(inTransit).toMatchObject({
        stage: 'PLACED',
        version: found.version + 1,
        repatriation: { status: 'IN_TRANSIT', version: 3 },
      });
      expect(Date.parse(inTransit.repatriation!.plannedArrivalAt!)).toBe(planned.getTime());

      const cancelled = await updateRepatriation(api.app, officer, inTransit.repatriation!, {
        status: 'CANCELLED',
        note: 'Stays with the employer who took her in',
      });
      expect(cancelled).toMatchObject({
        stage: 'PLACED',
        version: inTransit.version + 1,
        repatriation: { status: 'CANCELLED', version: 4 },
      });
      expect(
        cancelled.timeline.slice(-3).map((event) => [event.type, event.stageFrom, event.stageTo]),
      ).toEqual([
        ['status.WORKING', 'MISSING', 'PLACED'],
        ['repatriation.in_transit', 'PLACED', 'PLACED'],
        ['repatriation.cancelled', 'PLACED', 'PLACED'],
      ]);
      expect(await count('repatriation', placed.id)).toBe(1);
    });
  });

  describe('return', () => {
    it('brings a repatriated worker home: RETURNED, the repatriation COMPLETED, no check-in due', async () => {
      const placed = await placedInSaudi();
      const repatriating = await requestRepatriation(api.app, riyadh, placed, { reason: 'TRAFFICKING' });
      const returnedAt = daysAgo(1);
      const home = await recordReturn(api.app, caseHandler, repatriating, returnedAt, {
        portOfEntry: 'Syamsudin Noor',
        healthOnArrival: 'NEEDS_TREATMENT',
        suspectedTraffickingVictim: true,
        wagesOwed: true,
        note: 'Met by the P4MI post',
      });
      expect(home).toMatchObject({
        stage: 'RETURNED',
        version: repatriating.version + 1,
        nextCheckInDueAt: null,
        repatriation: { status: 'COMPLETED', version: 2 },
        return: {
          kind: 'REPATRIATED',
          portOfEntry: 'Syamsudin Noor',
          healthOnArrival: 'NEEDS_TREATMENT',
          suspectedTraffickingVictim: true,
          wagesOwed: true,
          repatriationId: repatriating.repatriation!.id,
        },
      });
      expect(Date.parse(home.returnedAt!)).toBe(returnedAt.getTime());
      expect((await placementRow(placed.id)).suspected_trafficking_victim).toBe(true);
      expect(await outboxOf(placed.id)).toContainEqual({
        topic: 'placement.returned',
        payload: { returnKind: 'REPATRIATED', placementId: placed.id },
      });
      expect((await auditOf(placed.id)).map((row) => row.action)).toContain('placement.returned');

      const twice = await call(
        RECORD_RETURN,
        { placementId: placed.id, version: home.version, returnedAt: returnedAt.toISOString() },
        officer,
      );
      expect(errorOf(twice)).toEqual({ code: 'CONFLICT', fields: ['placementId'] });
    });

    it('records an ordinary return at the end of the contract, by the Disnaker of origin', async () => {
      const placed = await placedInSaudi();
      const home = await recordReturn(api.app, labourOfficer, placed, daysAgo(2));
      expect(home).toMatchObject({
        stage: 'RETURNED',
        repatriation: null,
        return: {
          kind: 'ORDINARY',
          healthOnArrival: null,
          suspectedTraffickingVictim: false,
          repatriationId: null,
        },
      });
      expect((await placementRow(placed.id)).suspected_trafficking_victim).toBe(false);
    });

    it('records the remains of a worker who died abroad: the stage stays DECEASED, once', async () => {
      const placed = await placedInSaudi();
      const deceased = await reportStatus(api.app, riyadh, placed, 'DECEASED', daysAgo(5));
      expect(deceased.stage).toBe('DECEASED');
      const withHealth = await call(
        RECORD_RETURN,
        {
          placementId: placed.id,
          version: deceased.version,
          returnedAt: daysAgo(1).toISOString(),
          input: { healthOnArrival: 'HEALTHY' },
        },
        officer,
      );
      expect(codeOf(withHealth)).toBe('BAD_USER_INPUT');
      expect(fieldsOf(withHealth)).toEqual(['input.healthOnArrival']);

      const remains = await recordReturn(api.app, officer, deceased, daysAgo(1), {
        portOfEntry: 'Soekarno-Hatta',
      });
      expect(remains).toMatchObject({
        stage: 'DECEASED',
        return: { kind: 'REMAINS' },
        nextCheckInDueAt: null,
      });
      expect(remains.returnedAt).not.toBeNull();
      expect(await outboxOf(placed.id)).toContainEqual({
        topic: 'placement.returned',
        payload: { returnKind: 'REMAINS', placementId: placed.id },
      });
      const again = await call(
        RECORD_RETURN,
        { placementId: placed.id, version: remains.version, returnedAt: daysAgo(1).toISOString() },
        officer,
      );
      expect(errorOf(again)).toEqual({ code: 'CONFLICT', fields: ['placementId'] });
      expect(await count('placement_return', placed.id)).toBe(1);
    });

    it('refuses a return in the future, before the arrival, by a partner, or of a worker never abroad; nothing is written', async () => {
      const placed = await placedInSaudi(30);
      const attempt = (returnedAt: Date, headers: Headers, version = placed.version) =>
        call(
          RECORD_RETURN,
          { placementId: placed.id, version, returnedAt: returnedAt.toISOString() },
          headers,
        );

      const future = await attempt(new Date(Date.now() + DAY), officer);
      expect(codeOf(future)).toBe('BAD_USER_INPUT');
      expect(fieldsOf(future)).toEqual(['returnedAt']);
      const beforeArrival = await attempt(daysAgo(40), officer);
      expect(codeOf(beforeArrival)).toBe('BAD_USER_INPUT');
      expect(fieldsOf(beforeArrival)).toEqual(['returnedAt']);
      expect(codeOf(await attempt(daysAgo(1), riyadh))).toBe('FORBIDDEN');
      expect(errorOf(await attempt(daysAgo(1), officer, placed.version + 1))).toEqual({
        code: 'CONFLICT',
        fields: ['version'],
      });

      serial += 1;
      const workerId = await registerWorker(api.app, officer, workerInput({ serial }));
      const registered = await registerPlacement(api.app, officer, workerId, 'SA');
      const notAbroad = await call(
        RECORD_RETURN,
        { placementId: registered.id, version: registered.version, returnedAt: daysAgo(1).toISOString() },
        officer,
      );
      expect(errorOf(notAbroad)).toEqual({ code: 'CONFLICT', fields: ['placementId'] });

      expect(await count('placement_return', placed.id)).toBe(0);
      expect(await placementRow(placed.id)).toMatchObject({
        stage: 'PLACED',
        version: placed.version,
        returned_at: null,
      });
    });

    it('refuses the return of remains dated before the death', async () => {
      const placed = await placedInSaudi();
      const deceased = await reportStatus(api.app, riyadh, placed, 'DECEASED', daysAgo(5));
      const early = await call(
        RECORD_RETURN,
        { placementId: placed.id, version: deceased.version, returnedAt: daysAgo(6).toISOString() },
        officer,
      );
      expect(errorOf(early)).toEqual({ code: 'BAD_USER_INPUT', fields: ['returnedAt'] });
      expect(early.errors?.[0]?.extensions.fields?.[0]?.message).toBe('is before the recorded death');
      expect(await count('placement_return', placed.id)).toBe(0);
      expect(await placementRow(placed.id)).toMatchObject({
        stage: 'DECEASED',
        version: deceased.version,
        returned_at: null,
      });
    });
  });

  describe('reintegration', () => {
    it('refers a returned worker with consent: REINTEGRATING, the referral addressed to the caller’s agency', async () => {
      const home = await returnedHome();
      const referral = await refer(api.app, officer, home.id, {
        service: 'ECONOMIC_EMPOWERMENT',
        note: 'Wants to open a stall',
      });
      expect(referral).toMatchObject({
        placementId: home.id,
        service: 'ECONOMIC_EMPOWERMENT',
        status: 'REFERRED',
        consentGiven: true,
        consentOverrideReason: null,
        note: 'Wants to open a stall',
        outcome: null,
        statusChangedAt: null,
        version: 1,
        agency: { id: officerAgency.id, code: officerAgency.code },
        referredByAgency: { code: officerAgency.code },
      });
      expect((await placementRow(home.id)).stage).toBe('REINTEGRATING');
      expect(await outboxOf(home.id)).toContainEqual({
        topic: 'placement.referred',
        payload: { referralId: referral.id, placementId: home.id },
      });
      const audit = await auditOf(home.id);
      expect(audit.map((row) => row.action)).toContain('referral.referred');
      expect(audit.map((row) => row.action)).not.toContain('referral.consent_overridden');

      // A second service is another referral; the same service again, while open, is the same help asked twice.
      await refer(api.app, labourOfficer, home.id, { service: 'LEGAL_AID' });
      const twice = await call(
        REFER,
        { placementId: home.id, input: { service: 'LEGAL_AID', consentGiven: true } },
        officer,
      );
      expect(codeOf(twice)).toBe('CONFLICT');
      expect(fieldsOf(twice)).toEqual(['input.service']);
      expect(await count('referral', home.id)).toBe(2);
    });

    it('refuses an unknown agency, a placement not home, and a referral more than a year after return', async () => {
      const home = await returnedHome();
      const unknownAgency = await call(
        REFER,
        { placementId: home.id, input: { service: 'MEDICAL', consentGiven: true, agencyId: randomUUID() } },
        officer,
      );
      expect(codeOf(unknownAgency)).toBe('BAD_USER_INPUT');
      expect(fieldsOf(unknownAgency)).toEqual(['input.agencyId']);
      expect(await count('referral', home.id)).toBe(0);
      expect(await placementRow(home.id)).toMatchObject({ stage: 'RETURNED', version: home.version });

      const placed = await placedInSaudi();
      const abroad = await call(
        REFER,
        { placementId: placed.id, input: { service: 'MEDICAL', consentGiven: true } },
        officer,
      );
      expect(errorOf(abroad)).toEqual({ code: 'CONFLICT', fields: ['placementId'] });

      const longAgo = await returnedHome(400);
      const late = await call(
        REFER,
        { placementId: longAgo.id, input: { service: 'MEDICAL', consentGiven: true } },
        officer,
      );
      expect(codeOf(late)).toBe('PRECONDITION_FAILED');
      expect(late.errors?.[0]?.extensions.unmet).toEqual([
        expect.objectContaining({ kind: 'REHABILITATION_PERIOD', reason: 'returned more than 365 days ago' }),
      ]);
      expect(await count('referral', longAgo.id)).toBe(0);
      expect(await placementRow(longAgo.id)).toMatchObject({ stage: 'RETURNED', version: longAgo.version });
    });

    it('lets only a case handler refer without consent, with the reason, and audits the override', async () => {
      const home = await returnedHome();
      const input = {
        service: 'PSYCHOSOCIAL',
        consentGiven: false,
        consentOverrideReason: 'Severe trauma; the family asked',
      };
      const byOfficer = await call(REFER, { placementId: home.id, input }, officer);
      expect(codeOf(byOfficer)).toBe('FORBIDDEN');
      const noReason = await call(
        REFER,
        { placementId: home.id, input: { service: 'PSYCHOSOCIAL', consentGiven: false } },
        caseHandler,
      );
      expect(codeOf(noReason)).toBe('BAD_USER_INPUT');
      expect(fieldsOf(noReason)).toEqual(['input.consentOverrideReason']);
      const blankReason = await call(
        REFER,
        { placementId: home.id, input: { ...input, consentOverrideReason: '   ' } },
        caseHandler,
      );
      expect(fieldsOf(blankReason)).toEqual(['input.consentOverrideReason']);
      expect(await count('referral', home.id)).toBe(0);

      const overridden = await refer(api.app, caseHandler, home.id, { ...input, agencyId: dinsosAgencyId });
      expect(overridden).toMatchObject({
        consentGiven: false,
        consentOverrideReason: 'Severe trauma; the family asked',
        agency: { id: dinsosAgencyId },
      });
      const overrides = (await auditOf(home.id)).filter(
        (row) => row.action === 'referral.consent_overridden',
      );
      expect(overrides).toHaveLength(1);
      expect(overrides[0].actor_type).toBe('user');
    });

    it('shows a social service agency only the referrals addressed to it, with the person to help', async () => {
      const home = await returnedHome(3, { phone: '+6281234567890' });
      const toDinsos = await refer(api.app, officer, home.id, {
        service: 'SOCIAL_REHABILITATION',
        agencyId: dinsosAgencyId,
      });
      const toBp3mi = await refer(api.app, officer, home.id, { service: 'MEDICAL' });

      const seen = await call<{ referrals: { totalCount: number; edges: { node: ReferralView }[] } }>(
        REFERRALS,
        { filter: { placementId: home.id } },
        dinsos,
      );
      expect(seen.errors).toBeUndefined();
      expect(seen.data!.referrals.totalCount).toBe(1);
      const [edge] = seen.data!.referrals.edges;
      expect(edge.node).toMatchObject({
        id: toDinsos.id,
        worker: {
          fullName: `Worker 6372-${serial}`,
          sex: 'FEMALE',
          originRegencyCode: '6372',
          phone: '+6281234567890',
        },
      });
      // The person to help, and nothing that identifies them to the state: no NIK, no passport.
      const referredWorker = await call<{ __type: { fields: { name: string }[] } }>(
        '{ __type(name: "ReferredWorker") { fields { name } } }',
        {},
        dinsos,
      );
      expect(referredWorker.data!.__type.fields.map((field) => field.name).sort()).toEqual([
        'dateOfBirth',
        'fullName',
        'originRegencyCode',
        'phone',
        'sex',
      ]);

      // The BP3MI sees both; the Dinas Sosial, though the worker is from its province, not the BP3MI's own.
      const officerSees = await call<{ referrals: { totalCount: number } }>(
        REFERRALS,
        { filter: { placementId: home.id } },
        officer,
      );
      expect(officerSees.data!.referrals.totalCount).toBe(2);
      expect(codeOf(await call(REFERRAL, { id: toBp3mi.id }, dinsos))).toBe('NOT_FOUND');
      const notTheirs = await call(
        UPDATE_REFERRAL,
        { id: toBp3mi.id, input: { status: 'ACCEPTED' } },
        dinsos,
      );
      expect(codeOf(notTheirs)).toBe('NOT_FOUND');
      const otherAgency = await call(
        UPDATE_REFERRAL,
        { id: toDinsos.id, input: { status: 'ACCEPTED' } },
        otherDinsos,
      );
      expect(codeOf(otherAgency)).toBe('NOT_FOUND');
      const otherList = await call<{ referrals: { totalCount: number } }>(REFERRALS, {}, otherDinsos);
      expect(otherList.data!.referrals.totalCount).toBe(0);
      // Its province's placement it may not read: the referral is all it has of the case.
      const onPlacement = await placementHome(api.app, dinsos, home.id);
      expect(codeOf(onPlacement)).toBe('NOT_FOUND');
      expect(onPlacement.data?.placement ?? null).toBeNull();
      expect(await api.dataSource.query('SELECT status FROM referral WHERE id = $1', [toBp3mi.id])).toEqual([
        { status: 'REFERRED' },
      ]);
    });

    it('is moved on by the receiving agency, one step at a time, ending with an outcome', async () => {
      const home = await returnedHome();
      const referral = await refer(api.app, officer, home.id, {
        service: 'SHELTER',
        agencyId: dinsosAgencyId,
      });

      const skipping = await call(
        UPDATE_REFERRAL,
        { id: referral.id, input: { status: 'COMPLETED', outcome: 'Done' } },
        dinsos,
      );
      expect(codeOf(skipping)).toBe('CONFLICT');
      expect(fieldsOf(skipping)).toEqual(['input.status']);

      const accepted = await updateReferral(api.app, dinsos, referral.id, { status: 'ACCEPTED' }, 1);
      expect(accepted).toMatchObject({ status: 'ACCEPTED', version: 2 });
      expect(accepted.statusChangedAt).not.toBeNull();
      const stale = await call(
        UPDATE_REFERRAL,
        { id: referral.id, version: 1, input: { status: 'IN_PROGRESS' } },
        dinsos,
      );
      expect(codeOf(stale)).toBe('CONFLICT');
      expect(fieldsOf(stale)).toEqual(['version']);
      const inProgress = await updateReferral(api.app, dinsos, referral.id, {
        status: 'IN_PROGRESS',
        note: 'Placed in RPTC',
      });
      expect(inProgress).toMatchObject({ status: 'IN_PROGRESS', note: 'Placed in RPTC', version: 3 });

      const noOutcome = await call(
        UPDATE_REFERRAL,
        { id: referral.id, input: { status: 'COMPLETED' } },
        dinsos,
      );
      expect(codeOf(noOutcome)).toBe('BAD_USER_INPUT');
      expect(fieldsOf(noOutcome)).toEqual(['input.outcome']);
      const blankOutcome = await call(
        UPDATE_REFERRAL,
        { id: referral.id, input: { status: 'COMPLETED', outcome: ' ' } },
        dinsos,
      );
      expect(fieldsOf(blankOutcome)).toEqual(['input.outcome']);
      const tooLong = await call(
        UPDATE_REFERRAL,
        { id: referral.id, input: { status: 'COMPLETED', outcome: 'x'.repeat(4001) } },
        dinsos,
      );
      expect(fieldsOf(tooLong)).toEqual(['input.outcome']);
      const auditor = await agencyWithUser({ kind: 'BP3MI', roles: 'AUDITOR', provinces: '63' });
      const byAuditor = await call(
        UPDATE_REFERRAL,
        { id: referral.id, input: { status: 'DECLINED', outcome: 'no' } },
        bearer(await loginAs(api.app, auditor)),
      );
      expect(codeOf(byAuditor)).toBe('FORBIDDEN');
      // The embassy of the destination has no part in the help given at home: it does not see it.
      expect(
        codeOf(
          await call(
            UPDATE_REFERRAL,
            { id: referral.id, input: { status: 'DECLINED', outcome: 'no' } },
            riyadh,
          ),
        ),
      ).toBe('NOT_FOUND');
      expect(
        await api.dataSource.query('SELECT status, version FROM referral WHERE id = $1', [referral.id]),
      ).toEqual([{ status: 'IN_PROGRESS', version: 3 }]);

      const completed = await updateReferral(api.app, dinsos, referral.id, {
        status: 'COMPLETED',
        outcome: '  Back with her family  ',
      });
      expect(completed).toMatchObject({ status: 'COMPLETED', outcome: 'Back with her family', version: 4 });
      const timeline = (await placementHome(api.app, officer, home.id)).data!.placement!.timeline.map(
        (event) => event.type,
      );
      expect(timeline).toEqual(
        expect.arrayContaining([
          'referral.referred',
          'referral.accepted',
          'referral.in_progress',
          'referral.completed',
        ]),
      );
      const steps = (await auditOf(home.id))
        .map((row) => row.action)
        .filter((action) => action.startsWith('referral.'));
      expect(steps).toEqual([
        'referral.referred',
        'referral.accepted',
        'referral.in_progress',
        'referral.completed',
      ]);
      const done = await call(
        UPDATE_REFERRAL,
        { id: referral.id, input: { status: 'DECLINED', outcome: 'late' } },
        officer,
      );
      expect(errorOf(done)).toEqual({ code: 'CONFLICT', fields: ['input.status'] });
    });

    it('records the worker’s refusal of reintegration; the stage stays', async () => {
      const home = await returnedHome(5);
      const beforeReturn = await call(
        RECORD_REFUSAL,
        { placementId: home.id, version: home.version, input: { refusedAt: daysAgo(10).toISOString() } },
        caseHandler,
      );
      expect(codeOf(beforeReturn)).toBe('BAD_USER_INPUT');
      expect(fieldsOf(beforeReturn)).toEqual(['input.refusedAt']);
      const unknownService = await call(
        RECORD_REFUSAL,
        {
          placementId: home.id,
          version: home.version,
          input: { refusedAt: daysAgo(1).toISOString(), services: ['KARAOKE'] },
        },
        caseHandler,
      );
      expect(codeOf(unknownService)).toBe('BAD_USER_INPUT');
      expect(await count('reintegration_refusal', home.id)).toBe(0);

      const refused = await recordReintegrationRefusal(api.app, caseHandler, home, {
        services: ['PSYCHOSOCIAL', 'SHELTER'],
        refusedAt: daysAgo(1).toISOString(),
        note: 'Wants to be left alone',
      });
      expect(refused).toMatchObject({ stage: 'RETURNED', version: home.version + 1 });
      expect(refused.reintegrationRefusals).toEqual([
        expect.objectContaining({ services: ['PSYCHOSOCIAL', 'SHELTER'], note: 'Wants to be left alone' }),
      ]);
      expect(refused.timeline.at(-1)).toMatchObject({ type: 'reintegration_refused', stageTo: 'RETURNED' });
      const topics = (await outboxOf(home.id)).map((row) => row.topic);
      expect(topics).toContain('placement.reintegration_refused');
      expect((await auditOf(home.id)).map((row) => row.action)).toContain('placement.reintegration_refused');
    });

    it('refers once when the same service is asked for twice at the same moment', async () => {
      const home = await returnedHome();
      const input = { service: 'MEDICAL', consentGiven: true };
      const answers = await Promise.all([
        call(REFER, { placementId: home.id, input }, officer),
        call(REFER, { placementId: home.id, input }, caseHandler),
      ]);
      expect(answers.filter((answer) => answer.errors === undefined)).toHaveLength(1);
      expect(answers.filter((answer) => answer.errors !== undefined).map(errorOf)).toEqual([
        { code: 'CONFLICT', fields: ['input.service'] },
      ]);
      expect(await count('referral', home.id)).toBe(1);
    });

    it('refers only to an agency at home, and shows the embassy of the destination nothing of it', async () => {
      const home = await returnedHome();
      const toEmbassy = await call(
        REFER,
        {
          placementId: home.id,
          input: { service: 'LEGAL_AID', consentGiven: true, agencyId: riyadhAgencyId },
        },
        officer,
      );
      expect(errorOf(toEmbassy)).toEqual({ code: 'BAD_USER_INPUT', fields: ['input.agencyId'] });
      expect(await count('referral', home.id)).toBe(0);
      expect(await placementRow(home.id)).toMatchObject({ stage: 'RETURNED', version: home.version });

      const referral = await refer(api.app, officer, home.id, {
        service: 'LEGAL_AID',
        agencyId: dinsosAgencyId,
      });
      const listed = await call<{ referrals: { totalCount: number } }>(
        REFERRALS,
        { filter: { placementId: home.id } },
        riyadh,
      );
      expect(listed.data?.referrals.totalCount).toBe(0);
      expect(codeOf(await call(REFERRAL, { id: referral.id }, riyadh))).toBe('NOT_FOUND');
      // The placement in its country it still reads, without the help given at home.
      const placement = (await placementHome(api.app, riyadh, home.id)).data?.placement;
      expect(placement).toMatchObject({ id: home.id, referrals: [] });
    });

    it('counts the year of rehabilitation in WIB calendar days: the 365th day is in it, the 366th is not', async () => {
      // Home a minute after WIB midnight: by now more than 365 × 24 hours may have passed, yet it is day 365.
      const lastDay = await recordReturn(
        api.app,
        officer,
        await placedInSaudi(500),
        new Date(`${wibDate(daysAgo(365))}T00:01:00+07:00`),
      );
      const inTime = await refer(api.app, officer, lastDay.id, { service: 'PSYCHOSOCIAL' });
      expect(inTime.status).toBe('REFERRED');

      // Home a minute before WIB midnight: less than 366 × 24 hours ago, yet 366 days.
      const dayAfter = await recordReturn(
        api.app,
        officer,
        await placedInSaudi(500),
        new Date(`${wibDate(daysAgo(366))}T23:59:00+07:00`),
      );
      const late = await call(
        REFER,
        { placementId: dayAfter.id, input: { service: 'PSYCHOSOCIAL', consentGiven: true } },
        officer,
      );
      expect(codeOf(late)).toBe('PRECONDITION_FAILED');
      expect(late.errors?.[0]?.message).toBe(
        'Rehabilitation runs at most 365 days after return: the worker returned 366 days ago',
      );
      expect(await count('referral', dayAfter.id)).toBe(0);
    });

    it('refuses a refusal recorded while the worker is abroad or at a stale version, and writes nothing', async () => {
      const refusedAt = daysAgo(1).toISOString();
      const placed = await placedInSaudi();
      const abroad = await call(
        RECORD_REFUSAL,
        { placementId: placed.id, version: placed.version, input: { refusedAt } },
        caseHandler,
      );
      expect(errorOf(abroad)).toEqual({ code: 'CONFLICT', fields: ['placementId'] });
      expect(await count('reintegration_refusal', placed.id)).toBe(0);

      const home = await returnedHome();
      const stale = await call(
        RECORD_REFUSAL,
        { placementId: home.id, version: home.version - 1, input: { refusedAt } },
        caseHandler,
      );
      expect(errorOf(stale)).toEqual({ code: 'CONFLICT', fields: ['version'] });
      expect(await count('reintegration_refusal', home.id)).toBe(0);
      expect(await placementRow(home.id)).toMatchObject({ stage: 'RETURNED', version: home.version });
    });
  });

  describe('closure', () => {
    it('waits for open referrals, listing them, and changes nothing meanwhile', async () => {
      const home = await returnedHome();
      const referral = await refer(api.app, officer, home.id, {
        service: 'LEGAL_AID',
        agencyId: dinsosAgencyId,
      });
      const { version } = await placementRow(home.id);
      const refused = await call(
        CLOSE_PLACEMENT,
        { placementId: home.id, version, outcome: 'Reintegrated' },
        officer,
      );
      expect(codeOf(refused)).toBe('PRECONDITION_FAILED');
      expect(refused.errors?.[0]?.extensions.unmet).toEqual([
        {
          kind: 'OPEN_REFERRAL',
          referralId: referral.id,
          service: 'LEGAL_AID',
          status: 'REFERRED',
          agency: referral.agency!.name,
        },
      ]);
      expect(await placementRow(home.id)).toMatchObject({ stage: 'REINTEGRATING', version });
      expect((await outboxOf(home.id)).map((row) => row.topic)).not.toContain('placement.closed');

      await updateReferral(api.app, dinsos, referral.id, {
        status: 'DECLINED',
        outcome: 'The worker moved away',
      });
      const blank = await call(CLOSE_PLACEMENT, { placementId: home.id, version, outcome: '  ' }, officer);
      expect(codeOf(blank)).toBe('BAD_USER_INPUT');
      expect(fieldsOf(blank)).toEqual(['outcome']);
      const closed = await closePlacement(
        api.app,
        caseHandler,
        { id: home.id, version },
        ' Reintegrated, working locally ',
      );
      expect(closed).toMatchObject({
        stage: 'CLOSED',
        version: version + 1,
        closureOutcome: 'Reintegrated, working locally',
      });
      expect(closed.closedAt).not.toBeNull();
      expect(closed.timeline.at(-1)).toMatchObject({
        type: 'close',
        stageFrom: 'REINTEGRATING',
        stageTo: 'CLOSED',
      });
      expect((await outboxOf(home.id)).map((row) => row.topic)).toContain('placement.closed');
      expect((await auditOf(home.id)).map((row) => row.action)).toContain('placement.closed');

      const again = await call(
        CLOSE_PLACEMENT,
        { placementId: home.id, version: closed.version, outcome: 'Again' },
        officer,
      );
      expect(errorOf(again)).toEqual({ code: 'CONFLICT', fields: ['placementId'] });
    });

    it('closes the case of a worker who died, and refuses a placement still abroad', async () => {
      const placed = await placedInSaudi();
      const abroad = await call(
        CLOSE_PLACEMENT,
        { placementId: placed.id, version: placed.version, outcome: 'x' },
        officer,
      );
      expect(errorOf(abroad)).toEqual({ code: 'CONFLICT', fields: ['placementId'] });
      const deceased = await reportStatus(api.app, riyadh, placed, 'DECEASED', daysAgo(3));
      const closed = await closePlacement(
        api.app,
        officer,
        deceased,
        'Remains buried in Riyadh with the family’s consent',
      );
      expect(closed).toMatchObject({ stage: 'CLOSED' });
    });

    it('closes a case straight from RETURNED, when no referral was made', async () => {
      const home = await returnedHome();
      const closed = await closePlacement(api.app, labourOfficer, home, 'Back at work in Banjarbaru');
      expect(closed).toMatchObject({
        stage: 'CLOSED',
        version: home.version + 1,
        closureOutcome: 'Back at work in Banjarbaru',
      });
      expect(closed.timeline.at(-1)).toMatchObject({
        type: 'close',
        stageFrom: 'RETURNED',
        stageTo: 'CLOSED',
      });
    });

    it('cancels the repatriation of remains that will not come home, and says so on the timeline', async () => {
      const placed = await placedInSaudi();
      const repatriating = await requestRepatriation(api.app, riyadh, placed, { reason: 'ABUSE' });
      // The worker died waiting: the repatriation under way goes on, for the remains.
      const deceased = await reportStatus(api.app, riyadh, repatriating, 'DECEASED', daysAgo(2));
      expect(deceased.stage).toBe('DECEASED');
      const arranged = await updateRepatriation(api.app, riyadh, repatriating.repatriation!, {
        status: 'ARRANGED',
        note: 'Remains to be flown to Banjarmasin',
      });
      expect(arranged).toMatchObject({ stage: 'DECEASED', repatriation: { status: 'ARRANGED', version: 2 } });

      const outcome = 'Buried in Riyadh at the family’s wish';
      const closed = await closePlacement(api.app, officer, arranged, outcome);
      expect(closed).toMatchObject({
        stage: 'CLOSED',
        version: arranged.version + 1,
        repatriation: {
          status: 'CANCELLED',
          note: `Cancelled by the closure of the placement: ${outcome}`,
          version: 3,
        },
      });
      expect(closed.timeline.slice(-2).map((event) => [event.type, event.stageFrom, event.stageTo])).toEqual([
        ['repatriation.cancelled', 'DECEASED', 'DECEASED'],
        ['close', 'DECEASED', 'CLOSED'],
      ]);
      const [audit] = await api.dataSource.query<Record<'before' | 'after', Record<string, unknown>>[]>(
        `SELECT before, after FROM audit_event WHERE entity_id = $1 AND action = 'repatriation.cancelled'`,
        [placed.id],
      );
      expect(audit.before).toMatchObject({
        repatriationId: repatriating.repatriation!.id,
        status: 'ARRANGED',
        version: 2,
      });
      expect(audit.after).toMatchObject({
        status: 'CANCELLED',
        note: `Cancelled by the closure of the placement: ${outcome}`,
        version: 3,
      });
    });
  });

  describe('who may change a placement at home', () => {
    it.each<[string, () => Headers]>([
      ['a social service agency of the worker’s province', () => dinsos],
      ['the BP3MI of another province', () => elsewhere],
    ])('answers NOT_FOUND to %s, and writes nothing', async (_who, headersOf) => {
      const headers = headersOf();
      const placed = await placedInSaudi();
      const home = await returnedHome();
      const placedAudit = (await auditOf(placed.id)).length;
      const homeAudit = (await auditOf(home.id)).length;

      const attempts = [
        await call(
          RECORD_RETURN,
          { placementId: placed.id, version: placed.version, returnedAt: daysAgo(1).toISOString() },
          headers,
        ),
        // Without consent, as a case handler may: refused for the placement, not for the role.
        await call(
          REFER,
          {
            placementId: home.id,
            input: {
              service: 'SOCIAL_REHABILITATION',
              consentGiven: false,
              consentOverrideReason: 'At risk at home',
              agencyId: dinsosAgencyId,
            },
          },
          headers,
        ),
        await call(
          RECORD_REFUSAL,
          { placementId: home.id, version: home.version, input: { refusedAt: daysAgo(1).toISOString() } },
          headers,
        ),
        await call(
          CLOSE_PLACEMENT,
          { placementId: home.id, version: home.version, outcome: 'Done' },
          headers,
        ),
      ];
      expect(attempts.map(errorOf)).toEqual(
        Array.from({ length: 4 }, () => ({ code: 'NOT_FOUND', fields: ['placementId'] })),
      );

      expect(await placementRow(placed.id)).toMatchObject({ stage: 'PLACED', version: placed.version });
      expect(await placementRow(home.id)).toMatchObject({ stage: 'RETURNED', version: home.version });
      expect(await count('placement_return', placed.id)).toBe(0);
      expect(await count('referral', home.id)).toBe(0);
      expect(await count('reintegration_refusal', home.id)).toBe(0);
      expect(await auditOf(placed.id)).toHaveLength(placedAudit);
      expect(await auditOf(home.id)).toHaveLength(homeAudit);
    });
  });

  describe('a REPATRIATION_NEEDED alert turned into a repatriation', () => {
    let worker: RunningWorker;

    beforeAll(async () => {
      worker = await startWorker();
    });

    afterAll(async () => {
      await worker?.close();
    });

    /** The open REPATRIATION_NEEDED alert of the placement, once the rule has raised it. */
    const openAlertOf = (placementId: string): Promise<string> =>
      eventually(
        async () =>
          (
            await api.dataSource.query<{ id: string }[]>(
              `SELECT id FROM alert WHERE placement_id = $1 AND kind = 'REPATRIATION_NEEDED' AND status = 'OPEN'`,
              [placementId],
            )
          )[0]?.id,
        10_000,
        'the REPATRIATION_NEEDED alert',
      );

    const alertAfterDistress = async (): Promise<{ placement: PlacementHandle; alertId: string }> => {
      const placed = await placedInSaudi();
      const detained = await reportStatus(api.app, riyadh, placed, 'DETAINED', daysAgo(1));
      return { placement: detained, alertId: await openAlertOf(placed.id) };
    };

    /** What the alert rules made of the latest outbox event of `topic` on the placement, once handled. */
    const outcomeOfLatest = async (placementId: string, topic: string): Promise<unknown> => {
      const [event] = await api.dataSource.query<{ id: string }[]>(
        `SELECT id FROM outbox_event WHERE aggregate_id = $1 AND topic = $2 ORDER BY occurred_at DESC LIMIT 1`,
        [placementId, topic],
      );
      const events = worker.context.get(QueueProducer).queue(QueueName.DomainEvents);
      return jobOutcome(events, event.id, `the ${topic} event to be handled`);
    };

    const alertRow = async (
      id: string,
    ): Promise<{ status: string; resolved_by_id: string | null; resolution_note: string | null }> => {
      const [row] = await api.dataSource.query<
        { status: string; resolved_by_id: string | null; resolution_note: string | null }[]
      >('SELECT status, resolved_by_id, resolution_note FROM alert WHERE id = $1', [id]);
      return row;
    };

    it('resolves the alert in the same change, naming the repatriation, by the officer who did it', async () => {
      const { placement, alertId } = await alertAfterDistress();
      const other = await alertAfterDistress();

      const wrongPlacement = await call(
        REQUEST_REPATRIATION,
        {
          placementId: placement.id,
          version: placement.version,
          input: { reason: 'ABUSE', alertId: other.alertId },
        },
        officer,
      );
      expect(codeOf(wrongPlacement)).toBe('BAD_USER_INPUT');
      expect(fieldsOf(wrongPlacement)).toEqual(['input.alertId']);
      expect((await alertRow(other.alertId)).status).toBe('OPEN');

      const repatriating = await requestRepatriation(api.app, officer, placement, {
        reason: 'ABUSE',
        alertId,
      });
      const repatriation = repatriating.repatriation!;
      expect(repatriation.sourceAlertId).toBe(alertId);
      expect(await alertRow(alertId)).toEqual({
        status: 'RESOLVED',
        resolved_by_id: officerUserId,
        resolution_note: `Turned into repatriation ${repatriation.id} by ${officerAgency.name}`,
      });
      expect((await auditOf(alertId)).map((row) => row.action)).toEqual(['alert.resolved']);

      // Cancelled and asked for again: the alert it answered is resolved, and answers nothing twice.
      const cancelled = await updateRepatriation(api.app, officer, repatriation, {
        status: 'CANCELLED',
        note: 'Released',
      });
      const resolvedAlready = await call(
        REQUEST_REPATRIATION,
        { placementId: placement.id, version: cancelled.version, input: { reason: 'ABUSE', alertId } },
        officer,
      );
      expect(codeOf(resolvedAlready)).toBe('CONFLICT');
      expect(fieldsOf(resolvedAlready)).toEqual(['input.alertId']);
      expect(await count('repatriation', placement.id)).toBe(1);
    });

    it('resolves it with no user when an embassy’s system asks, and the note names the embassy', async () => {
      const { placement, alertId } = await alertAfterDistress();
      const repatriating = await requestRepatriation(api.app, riyadh, placement, {
        reason: 'DEPORTATION',
        alertId,
      });
      expect(await alertRow(alertId)).toEqual({
        status: 'RESOLVED',
        resolved_by_id: null,
        resolution_note: `Turned into repatriation ${repatriating.repatriation!.id} by kbri-riyadh`,
      });
      const [audit] = await auditOf(alertId);
      expect(audit).toMatchObject({ action: 'alert.resolved', actor_type: 'api-key' });
      expect(audit.actor_id).not.toBeNull();
    });
    it('turns the alert for a worker who died into the repatriation of the remains; the stage stays DECEASED', async () => {
      const placed = await placedInSaudi();
      const deceased = await reportStatus(api.app, riyadh, placed, 'DECEASED', daysAgo(2));
      const alertId = await openAlertOf(placed.id);
      expect(await api.dataSource.query('SELECT severity FROM alert WHERE id = $1', [alertId])).toEqual([
        { severity: 'CRITICAL' },
      ]);

      const remains = await requestRepatriation(api.app, riyadh, deceased, {
        reason: 'DEATH',
        needs: ['DOCUMENTS', 'FLIGHT'],
        alertId,
      });
      expect(remains).toMatchObject({
        stage: 'DECEASED',
        version: deceased.version + 1,
        repatriation: { status: 'REQUESTED', reason: 'DEATH', sourceAlertId: alertId },
      });
      expect(remains.timeline.at(-1)).toMatchObject({
        type: 'repatriation.requested',
        stageFrom: 'DECEASED',
        stageTo: 'DECEASED',
      });
      expect((await alertRow(alertId)).status).toBe('RESOLVED');
      // The audit keeps what the alert was when it was answered.
      const audits = await api.dataSource.query<{ before: unknown; after: unknown }[]>(
        'SELECT before, after FROM audit_event WHERE entity_id = $1',
        [alertId],
      );
      expect(audits).toHaveLength(1);
      expect(audits[0].before).toEqual({ status: 'OPEN', version: 1 });
      expect(audits[0].after).toMatchObject({ status: 'RESOLVED', version: 2 });

      const home = await recordReturn(api.app, officer, remains, daysAgo(1));
      expect(home).toMatchObject({
        stage: 'DECEASED',
        return: { kind: 'REMAINS', repatriationId: remains.repatriation!.id },
        repatriation: { status: 'COMPLETED' },
      });
      const again = await call(
        REQUEST_REPATRIATION,
        { placementId: placed.id, version: home.version, input: { reason: 'DEATH' } },
        riyadh,
      );
      expect(errorOf(again)).toEqual({ code: 'CONFLICT', fields: ['placementId'] });
    });

    it('leaves the alert open when the request is refused after the alert was found', async () => {
      const { placement, alertId } = await alertAfterDistress();
      const stale = await call(
        REQUEST_REPATRIATION,
        { placementId: placement.id, version: placement.version - 1, input: { reason: 'ABUSE', alertId } },
        officer,
      );
      expect(errorOf(stale)).toEqual({ code: 'CONFLICT', fields: ['version'] });
      expect((await alertRow(alertId)).status).toBe('OPEN');

      // The worker dies waiting to be brought home: the death raises its own alert, which cannot
      // become a second repatriation while the first is under way.
      const repatriating = await requestRepatriation(api.app, riyadh, placement, {
        reason: 'ABUSE',
        alertId,
      });
      const deceased = await reportStatus(
        api.app,
        riyadh,
        repatriating,
        'DECEASED',
        new Date(Date.now() - 60_000),
      );
      const deathAlertId = await openAlertOf(placement.id);
      const underWay = await call(
        REQUEST_REPATRIATION,
        {
          placementId: placement.id,
          version: deceased.version,
          input: { reason: 'DEATH', alertId: deathAlertId },
        },
        riyadh,
      );
      expect(errorOf(underWay)).toEqual({ code: 'CONFLICT', fields: ['placementId'] });
      expect(await alertRow(deathAlertId)).toMatchObject({ status: 'OPEN', resolution_note: null });
      expect(await count('repatriation', placement.id)).toBe(1);
      expect(await placementRow(placement.id)).toMatchObject({
        stage: 'DECEASED',
        version: deceased.version,
      });
    });

    it('takes an embassy’s report on a worker waiting to be brought home, and raises no second alert', async () => {
      const { placement, alertId } = await alertAfterDistress();
      const repatriating = await requestRepatriation(api.app, riyadh, placement, {
        reason: 'ABUSE',
        alertId,
      });
      const sheltered = await reportStatus(
        api.app,
        riyadh,
        repatriating,
        'IN_SHELTER',
        new Date(Date.now() - 60_000),
      );
      expect(sheltered).toMatchObject({ stage: 'REPATRIATING', version: repatriating.version + 1 });
      expect(await outcomeOfLatest(placement.id, 'placement.distress_reported')).toBe('skipped');
      expect(
        await api.dataSource.query(
          `SELECT id FROM alert WHERE placement_id = $1 AND kind = 'REPATRIATION_NEEDED' AND status <> 'RESOLVED'`,
          [placement.id],
        ),
      ).toEqual([]);
    });
  });
});
