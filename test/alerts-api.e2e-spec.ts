import type { AddressInfo } from 'node:net';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { getDataSourceToken } from '@nestjs/typeorm';
import { createClient, type Client } from 'graphql-ws';
import { Redis } from 'ioredis';
import request from 'supertest';
import type { DataSource } from 'typeorm';
import WebSocket from 'ws';
import {
  AlertFeed,
  AlertKind,
  AlertLedger,
  AlertSeverity,
  dedupeKeyOf,
  type AlertRaisedMessage,
} from '#lintas/alerts';
import { createApi } from '../apps/api/src/create-api.js';
import { startWorker, type RunningWorker } from '../apps/worker/src/create-worker.js';
import { acknowledgedSubscription, liveClient, subscriptionEnd } from './support/live-connection.js';
import { eventually } from './support/eventually.js';
import {
  agencyWithUser,
  cli,
  embassyKey,
  setAlertChannels,
  workerInput,
  type Officer,
} from './support/factories.js';
import { recordDeparture, registerPlacement } from './support/placements.js';
import {
  bearer,
  graphql,
  loginAs,
  registerWorker,
  useTestEnvironment,
  type GraphqlResponse,
  type TestEnvironment,
} from './support/test-api.js';
import { WebhookReceiver } from './support/webhook-receiver.js';

const ALERT_FIELDS = `id kind severity status reason raisedAt version subjectAlertId
  acknowledgedAt acknowledgedBy { id displayName } assignee { id displayName } assignedAt
  resolvedAt resolvedBy { id displayName } resolutionNote placement { id destination }
  recipients { reason agency { id code kind } }
  deliveries { id channel target severity status attempts deliveredAt agency { code }
    attemptLog { attempt outcome statusCode latencyMs error } }`;
const ALERTS = `query Alerts($filter: AlertFilter, $first: Int, $after: String) {
  alerts(filter: $filter, first: $first, after: $after) {
    totalCount pageInfo { hasNextPage endCursor } edges { cursor node { id kind raisedAt } }
  }
}`;
const ALERT = `query Alert($id: ID!) { alert(id: $id) { ${ALERT_FIELDS} } }`;
const PLACEMENT_ALERTS = `query Placement($id: ID!) { placement(id: $id) { id alerts { id kind } } }`;
const ACKNOWLEDGE = `mutation Acknowledge($id: ID!, $version: Int) {
  acknowledgeAlert(id: $id, version: $version) { ${ALERT_FIELDS} }
}`;
const ASSIGN = `mutation Assign($id: ID!, $userId: ID!, $version: Int) {
  assignAlert(id: $id, userId: $userId, version: $version) { ${ALERT_FIELDS} }
}`;
const RESOLVE = `mutation Resolve($id: ID!, $note: String!, $version: Int) {
  resolveAlert(id: $id, note: $note, version: $version) { ${ALERT_FIELDS} }
}`;
const ME = `query { me { id agency { id code } } }`;
const ALERT_RAISED = `subscription { alertRaised { id kind severity placement { id } } }`;

interface AlertResult {
  id: string;
  kind: string;
  severity: string;
  status: string;
  reason: string;
  raisedAt: string;
  version: number;
  subjectAlertId: string | null;
  acknowledgedAt: string | null;
  acknowledgedBy: { id: string; displayName: string } | null;
  assignee: { id: string; displayName: string } | null;
  assignedAt: string | null;
  resolvedAt: string | null;
  resolvedBy: { id: string; displayName: string } | null;
  resolutionNote: string | null;
  placement: { id: string; destination: string } | null;
  recipients: { reason: string; agency: { id: string; code: string; kind: string } }[];
  deliveries: {
    id: string;
    channel: string;
    target: string | null;
    severity: string;
    status: string;
    attempts: number;
    deliveredAt: string | null;
    agency: { code: string };
    attemptLog: {
      attempt: number;
      outcome: string;
      statusCode: number | null;
      latencyMs: number;
      error: string | null;
    }[];
  }[];
}

interface AlertPage {
  alerts: {
    totalCount: number;
    pageInfo: { hasNextPage: boolean; endCursor: string | null };
    edges: { cursor: string; node: { id: string; kind: string; raisedAt: string } }[];
  };
}

interface RunningApi {
  app: NestFastifyApplication;
  dataSource: DataSource;
  port: number;
  close(): Promise<void>;
}

/** The API on a real port of 127.0.0.1: subscriptions need a socket to upgrade. */
async function listeningApi(): Promise<RunningApi> {
  const app = await createApi();
  await app.listen(0, '127.0.0.1');
  return {
    app,
    dataSource: app.get<DataSource>(getDataSourceToken()),
    port: (app.getHttpServer().address() as AddressInfo).port,
    close: () => app.close(),
  };
}

interface RaisedAlert {
  id: string;
  kind: string;
  severity: string;
  placement: { id: string } | null;
}

/** A graphql-ws client subscribed to alertRaised, keeping every alert it is sent, in order. */
class Subscriber {
  readonly received: RaisedAlert[] = [];
  readonly errors: unknown[] = [];
  private readonly client: Client;

  constructor(port: number, connectionParams: Record<string, string>) {
    this.client = createClient({
      url: `ws://127.0.0.1:${port}/graphql`,
      webSocketImpl: WebSocket,
      connectionParams,
      retryAttempts: 0,
    });
    this.client.subscribe<{ alertRaised: RaisedAlert }>(
      { query: ALERT_RAISED },
      {
        next: (result) => {
          if (result.data) this.received.push(result.data.alertRaised);
          if (result.errors) this.errors.push(...result.errors);
        },
        error: (error) => this.errors.push(error),
        complete: () => undefined,
      },
    );
  }

  has(alertId: string): boolean {
    return this.received.some((alert) => alert.id === alertId);
  }

  about(placementId: string): RaisedAlert | undefined {
    return this.received.find((alert) => alert.placement?.id === placementId);
  }

  dispose(): Promise<void> {
    return this.client.dispose() as Promise<void>;
  }
}

describe('alerts for case handlers: list, handle, follow live', () => {
  let environment: TestEnvironment;
  let api: RunningApi;
  let worker: RunningWorker;
  let receiver: WebhookReceiver;
  let ledger: AlertLedger;
  const subscribers: Subscriber[] = [];
  const extraApis: RunningApi[] = [];

  let kalselOfficer: Officer;
  let kalselHandler: Officer;
  let kaltimOfficer: Officer;
  let nationalAdmin: Officer;
  const tokens: Record<string, string> = {};
  const users: Record<string, { id: string; agencyId: string }> = {};
  let malaysia: Record<string, string>;
  let serial = 100;

  const as = (who: string): Record<string, string> => bearer(tokens[who]);

  const call = <T>(
    query: string,
    variables: Record<string, unknown>,
    headers: Record<string, string>,
  ): Promise<GraphqlResponse<T>> => graphql<T>(api.app, query, variables, headers);

  const listIds = async (
    headers: Record<string, string>,
    filter: Record<string, unknown> = {},
  ): Promise<string[]> => {
    const response = await call<AlertPage>(ALERTS, { filter, first: 100 }, headers);
    expect(response.errors).toBeUndefined();
    return response.data!.alerts.edges.map((edge) => edge.node.id);
  };

  const alertOf = async (id: string, headers: Record<string, string>): Promise<AlertResult> => {
    const response = await call<{ alert: AlertResult }>(ALERT, { id }, headers);
    expect(response.errors).toBeUndefined();
    return response.data!.alert;
  };

  /** A registered placement of a worker from `regencyCode`, registered by `officer`. */
  const placementOf = async (
    officer: string,
    regencyCode: string,
    destination: string,
  ): Promise<{ id: string; version: number }> => {
    serial += 1;
    const workerId = await registerWorker(api.app, as(officer), workerInput({ regencyCode, serial }));
    return registerPlacement(api.app, as(officer), workerId, destination);
  };

  /** What an officer does that raises NON_PROCEDURAL_DEPARTURE: a departure nobody cleared. */
  const departWithoutClearance = async (officer: string, regencyCode: string): Promise<string> => {
    const placement = await placementOf(officer, regencyCode, 'MY');
    const departed = await recordDeparture(api.app, as(officer), placement, new Date(Date.now() - 60_000));
    expect(departed.procedural).toBe(false);
    return placement.id;
  };

  /** Raised the way detection raises: through the ledger, in a transaction, with its outbox event. */
  const raise = async (
    kind: AlertKind,
    severity: AlertSeverity,
    placementId: string,
    subjectAlertId: string | null = null,
  ): Promise<string> => {
    const { alertId } = await api.dataSource.transaction((manager) =>
      ledger.raise(manager, {
        kind,
        severity,
        placementId,
        subjectAlertId,
        dedupeKey: dedupeKeyOf(kind, placementId, subjectAlertId ?? undefined),
        reason: `${kind} raised by the test`,
      }),
    );
    return alertId;
  };

  const alertRow = async (id: string): Promise<Record<string, unknown>> => {
    const [row] = await api.dataSource.query<Record<string, unknown>[]>(
      `SELECT status, severity, version, acknowledged_at, acknowledged_by_id, assignee_id, assigned_at,
              resolved_at, resolved_by_id, resolution_note, updated_at FROM alert WHERE id = $1`,
      [id],
    );
    const [audits] = await api.dataSource.query<{ count: string }[]>(
      'SELECT count(*) AS count FROM audit_event WHERE entity_id = $1',
      [id],
    );
    return { ...row, audits: Number(audits?.count) };
  };

  /** A refused change answers `code` and leaves the alert — and the audit trail — as it was. */
  const refused = async (
    id: string,
    code: string,
    attempt: () => Promise<GraphqlResponse<unknown>>,
  ): Promise<GraphqlResponse<unknown>> => {
    const before = await alertRow(id);
    const response = await attempt();
    expect(response.errors?.[0]?.extensions.code).toBe(code);
    expect(response.data ?? null).toBeNull();
    expect(await alertRow(id)).toEqual(before);
    return response;
  };

  const probe = async (alertId: string): Promise<AlertRaisedMessage> => {
    const [row] = await api.dataSource.query<AlertRaisedMessage[]>(
      `SELECT a.id AS "alertId", a.kind, p.origin_province_code AS "originProvinceCode",
              p.origin_regency_code AS "originRegencyCode", p.destination
         FROM alert a JOIN placement p ON p.id = a.placement_id WHERE a.id = $1`,
      [alertId],
    );
    return row;
  };

  /**
   * Waits until every subscriber is listening: the probe alert (in their scope) is published to the
   * feed again and again until each has received it. The server subscribes to Redis lazily, so a
   * subscription is live only from then on.
   */
  const listening = async (group: Subscriber[], alertId: string): Promise<void> => {
    const message = await probe(alertId);
    const feed = api.app.get(AlertFeed);
    await eventually(
      async () => {
        await feed.publish(message);
        return group.every((subscriber) => subscriber.has(alertId)) || undefined;
      },
      10_000,
      'the subscribers to listen',
    );
  };

  const subscribe = (port: number, params: Record<string, string>): Subscriber => {
    const subscriber = new Subscriber(port, params);
    subscribers.push(subscriber);
    return subscriber;
  };

  beforeAll(async () => {
    environment = await useTestEnvironment({
      OUTBOX_RELAY_INTERVAL_MS: '100',
      DELIVERY_BACKOFF_MS: '20',
      SUBSCRIPTION_RECHECK_SECONDS: '1',
    });
    await cli(['migrate']);
    kalselOfficer = await agencyWithUser({ kind: 'BP3MI', roles: 'OFFICER', provinces: '63' });
    kalselHandler = await agencyWithUser({ kind: 'BP3MI', roles: 'CASE_HANDLER', provinces: '63' });
    const kalselAuditor = await agencyWithUser({ kind: 'BP3MI', roles: 'AUDITOR', provinces: '63' });
    const banjarbaru = await agencyWithUser({ kind: 'DISNAKER', roles: 'LABOUR_OFFICER', regencies: '6372' });
    kaltimOfficer = await agencyWithUser({ kind: 'BP3MI', roles: 'OFFICER', provinces: '64' });
    nationalAdmin = await agencyWithUser({ kind: 'NATIONAL', roles: 'ADMIN' });
    receiver = await WebhookReceiver.start([200]);
    await setAlertChannels(kalselOfficer.agencyCode, { webhookUrl: receiver.url('/kalsel') });
    api = await listeningApi();
    ledger = api.app.get(AlertLedger);
    const people: [string, Officer][] = [
      ['kalsel', kalselOfficer],
      ['handler', kalselHandler],
      ['auditor', kalselAuditor],
      ['banjarbaru', banjarbaru],
      ['kaltim', kaltimOfficer],
      ['national', nationalAdmin],
    ];
    for (const [who, officer] of people) {
      tokens[who] = await loginAs(api.app, officer);
      const me = await call<{ me: { id: string; agency: { id: string } } }>(ME, {}, as(who));
      users[who] = { id: me.data!.me.id, agencyId: me.data!.me.agency.id };
    }
    malaysia = await embassyKey('kbri-kuala-lumpur', 'MY');
    worker = await startWorker();
  });

  afterAll(async () => {
    await Promise.allSettled(subscribers.map((subscriber) => subscriber.dispose()));
    await Promise.allSettled(extraApis.map((extra) => extra.close()));
    await worker?.close();
    await api?.close();
    await receiver?.close();
    await environment?.release();
  });

  describe('the list, in scope', () => {
    let p1: string;
    let p2: string;
    let a1: string;
    let a2: string;
    let a3: string;
    let a4: string;
    let a5: string;

    beforeAll(async () => {
      p1 = (await placementOf('kalsel', '6372', 'MY')).id;
      p2 = (await placementOf('kalsel', '6372', 'SA')).id;
      const p3 = (await placementOf('kaltim', '6471', 'MY')).id;
      a1 = await raise(AlertKind.NON_PROCEDURAL_DEPARTURE, AlertSeverity.HIGH, p1);
      a2 = await raise(AlertKind.MISSED_CHECK_IN, AlertSeverity.MEDIUM, p1);
      a3 = await raise(AlertKind.CONTRACT_ENDING, AlertSeverity.LOW, p2);
      a4 = await raise(AlertKind.TRAFFICKING_INDICATORS, AlertSeverity.CRITICAL, p3);
      a5 = await raise(AlertKind.DELIVERY_FAILED, AlertSeverity.HIGH, p1, a1);
    });

    it('shows each caller the alerts of its jurisdiction, newest first; DELIVERY_FAILED to the nation only', async () => {
      expect(await listIds(as('kalsel'))).toEqual([a3, a2, a1]);
      expect(await listIds(as('auditor'))).toEqual([a3, a2, a1]);
      expect(await listIds(as('banjarbaru'))).toEqual([a3, a2, a1]);
      expect(await listIds(as('kaltim'))).toEqual([a4]);
      expect(await listIds(malaysia)).toEqual([a4, a2, a1]);
      expect(await listIds(as('national'))).toEqual([a5, a4, a3, a2, a1]);
    });

    it('answers NOT_FOUND for an alert out of scope, as for one that does not exist', async () => {
      const kaltim = await call(ALERT, { id: a1 }, as('kaltim'));
      expect(kaltim.errors?.[0]?.extensions.code).toBe('NOT_FOUND');
      const failed = await call(ALERT, { id: a5 }, as('kalsel'));
      expect(failed.errors?.[0]?.extensions.code).toBe('NOT_FOUND');
      const unknown = await call(ALERT, { id: '00000000-0000-4000-8000-000000000000' }, as('kalsel'));
      expect(unknown.errors?.[0]?.extensions.code).toBe('NOT_FOUND');
      const national = await alertOf(a5, as('national'));
      expect(national).toMatchObject({ kind: 'DELIVERY_FAILED', subjectAlertId: a1, placement: { id: p1 } });
    });

    it('filters by kind, severity, status, placement and raised range', async () => {
      expect(await listIds(as('kalsel'), { kind: 'MISSED_CHECK_IN' })).toEqual([a2]);
      expect(await listIds(as('kalsel'), { kind: ['NON_PROCEDURAL_DEPARTURE', 'CONTRACT_ENDING'] })).toEqual([
        a3,
        a1,
      ]);
      expect(await listIds(as('kalsel'), { severity: ['LOW', 'MEDIUM'] })).toEqual([a3, a2]);
      expect(await listIds(as('kalsel'), { status: 'OPEN' })).toEqual([a3, a2, a1]);
      expect(await listIds(as('kalsel'), { status: ['ACKNOWLEDGED', 'RESOLVED'] })).toEqual([]);
      expect(await listIds(as('kalsel'), { placementId: p2 })).toEqual([a3]);
      expect(await listIds(as('national'), { placementId: p1 })).toEqual([a5, a2, a1]);
      const second = await alertOf(a2, as('kalsel'));
      expect(await listIds(as('kalsel'), { raisedFrom: second.raisedAt })).toEqual([a3, a2]);
      expect(await listIds(as('kalsel'), { raisedTo: second.raisedAt })).toEqual([a1]);
    });

    it('filters by the agency an alert was routed to, once the worker has routed it', async () => {
      const routed = (agencyId: string): Promise<string[] | undefined> =>
        listIds(as('national'), { agencyId }).then((ids) => (ids.length > 0 ? ids : undefined));
      expect(await eventually(() => routed(users.kaltim.agencyId), 10_000, 'routing')).toEqual([a4]);
      const kalsel = await eventually(
        async () => {
          const ids = await routed(users.kalsel.agencyId);
          return ids?.length === 3 ? ids : undefined;
        },
        10_000,
        'routing',
      );
      expect(kalsel).toEqual([a3, a2, a1]);
      const alert = await alertOf(a4, as('kaltim'));
      expect(alert.recipients.map((recipient) => recipient.agency.id)).toContain(users.kaltim.agencyId);
    });

    it('refuses filters that are not ids or enum values', async () => {
      const badId = await call(ALERTS, { filter: { placementId: 'p1' } }, as('kalsel'));
      expect(badId.errors?.[0]?.extensions).toMatchObject({
        code: 'BAD_USER_INPUT',
        fields: [{ path: 'filter.placementId' }],
      });
      const badKind = await call(ALERTS, { filter: { kind: ['LOST'] } }, as('kalsel'));
      expect(badKind.errors?.[0]?.extensions.code).toBe('BAD_USER_INPUT');
    });

    it('pages by cursor, newest first, with the total on every page', async () => {
      const page = (after?: string): Promise<GraphqlResponse<AlertPage>> =>
        call<AlertPage>(ALERTS, { first: 2, after }, as('national'));
      const first = (await page()).data!.alerts;
      expect(first.edges.map((edge) => edge.node.id)).toEqual([a5, a4]);
      expect(first.pageInfo.hasNextPage).toBe(true);
      expect(first.totalCount).toBe(5);
      const second = (await page(first.pageInfo.endCursor!)).data!.alerts;
      expect(second.edges.map((edge) => edge.node.id)).toEqual([a3, a2]);
      expect(second.totalCount).toBe(5);
      const third = (await page(second.pageInfo.endCursor!)).data!.alerts;
      expect(third.edges.map((edge) => edge.node.id)).toEqual([a1]);
      expect(third.pageInfo).toEqual({ hasNextPage: false, endCursor: third.edges[0].cursor });
      const forged = await page('bm90IGEgY3Vyc29y');
      expect(forged.errors?.[0]?.extensions).toMatchObject({
        code: 'BAD_USER_INPUT',
        fields: [{ path: 'after' }],
      });
    });

    it('lists a placement’s alerts on the placement, in the caller’s scope', async () => {
      const officer = await call<{ placement: { alerts: { id: string }[] } }>(
        PLACEMENT_ALERTS,
        { id: p1 },
        as('kalsel'),
      );
      expect(officer.data!.placement.alerts.map((alert) => alert.id)).toEqual([a2, a1]);
      const national = await call<{ placement: { alerts: { id: string }[] } }>(
        PLACEMENT_ALERTS,
        { id: p1 },
        as('national'),
      );
      expect(national.data!.placement.alerts.map((alert) => alert.id)).toEqual([a5, a2, a1]);
    });

    it('acknowledges once: again changes nothing, and the audit trail records it', async () => {
      const before = await alertOf(a1, as('handler'));
      const acknowledged = await call<{ acknowledgeAlert: AlertResult }>(
        ACKNOWLEDGE,
        { id: a1 },
        as('handler'),
      );
      expect(acknowledged.errors).toBeUndefined();
      const alert = acknowledged.data!.acknowledgeAlert;
      expect(alert).toMatchObject({
        status: 'ACKNOWLEDGED',
        version: before.version + 1,
        acknowledgedBy: { id: users.handler.id, displayName: `Officer ${kalselHandler.username}` },
        assignee: null,
      });
      expect(alert.acknowledgedAt).not.toBeNull();
      const row = await alertRow(a1);
      const again = await call<{ acknowledgeAlert: AlertResult }>(ACKNOWLEDGE, { id: a1 }, as('kalsel'));
      // The worker may be delivering the alert meanwhile: its deliveries are not the acknowledgement's.
      const withoutDeliveries = ({
        deliveries: _deliveries,
        ...rest
      }: AlertResult): Omit<AlertResult, 'deliveries'> => rest;
      expect(withoutDeliveries(again.data!.acknowledgeAlert)).toEqual(withoutDeliveries(alert));
      expect(await alertRow(a1)).toEqual(row);
      const [audit] = await api.dataSource.query<{ action: string; actor_id: string }[]>(
        'SELECT action, actor_id FROM audit_event WHERE entity_id = $1',
        [a1],
      );
      expect(audit).toEqual({ action: 'alert.acknowledged', actor_id: users.handler.id });
    });

    it('refuses handling to readers who do not handle alerts, and out of scope, changing nothing', async () => {
      await refused(a2, 'FORBIDDEN', () => call(ACKNOWLEDGE, { id: a2 }, as('auditor')));
      await refused(a2, 'FORBIDDEN', () => call(ACKNOWLEDGE, { id: a2 }, malaysia));
      await refused(a2, 'NOT_FOUND', () => call(ACKNOWLEDGE, { id: a2 }, as('kaltim')));
      await refused(a5, 'NOT_FOUND', () => call(RESOLVE, { id: a5, note: 'not mine' }, as('kalsel')));
      const stale = await refused(a2, 'CONFLICT', () =>
        call(ACKNOWLEDGE, { id: a2, version: 99 }, as('kalsel')),
      );
      expect(stale.errors?.[0]?.extensions.fields?.map((field) => field.path)).toEqual(['version']);
    });

    it('assigns only to an active user who handles alerts where the alert is', async () => {
      const userInput = (userId: string) => () => call(ASSIGN, { id: a2, userId }, as('kalsel'));
      for (const userId of [users.kaltim.id, users.auditor.id, '00000000-0000-4000-8000-000000000000']) {
        const response = await refused(a2, 'BAD_USER_INPUT', userInput(userId));
        expect(response.errors?.[0]?.extensions.fields?.map((field) => field.path)).toEqual(['userId']);
      }
      await refused(a2, 'BAD_USER_INPUT', userInput('someone'));
      const assigned = await call<{ assignAlert: AlertResult }>(
        ASSIGN,
        { id: a2, userId: users.banjarbaru.id, version: 1 },
        as('kalsel'),
      );
      expect(assigned.errors).toBeUndefined();
      expect(assigned.data!.assignAlert).toMatchObject({
        status: 'ACKNOWLEDGED',
        version: 2,
        assignee: { id: users.banjarbaru.id },
        acknowledgedBy: { id: users.kalsel.id },
      });
      expect(assigned.data!.assignAlert.assignedAt).not.toBeNull();
      expect(await listIds(as('kalsel'), { assigneeId: users.banjarbaru.id })).toEqual([a2]);
      expect(await listIds(as('kalsel'), { status: 'ACKNOWLEDGED' })).toEqual([a2, a1]);
    });

    it('lists whom an alert can be handed to: the active people of the caller’s agency who handle alerts', async () => {
      const colleague = async (name: string, roles: string): Promise<void> => {
        await cli(
          [
            'create-user',
            '--username',
            `${name}-${kalselOfficer.username}`,
            '--name',
            name,
            '--agency',
            kalselOfficer.agencyCode,
            '--roles',
            roles,
          ],
          'a colleague’s long password\n',
        );
      };
      await colleague('Ani Handayani', 'CASE_HANDLER');
      await colleague('Zul Auditor', 'AUDITOR');
      const handlers = async (who: string) =>
        call<{ alertHandlers: { id: string; displayName: string }[] }>(
          `query { alertHandlers { id displayName } }`,
          {},
          as(who),
        );
      const handed = await raise(
        AlertKind.REPATRIATION_NEEDED,
        AlertSeverity.HIGH,
        (await placementOf('kalsel', '6372', 'MY')).id,
      );
      const listed = await handlers('kalsel');
      expect(listed.errors).toBeUndefined();
      expect(listed.data!.alertHandlers.map((user) => user.displayName)).toEqual([
        'Ani Handayani',
        `Officer ${kalselOfficer.username}`,
      ]);
      const ani = listed.data!.alertHandlers[0];
      const assigned = await call<{ assignAlert: AlertResult }>(
        ASSIGN,
        { id: handed, userId: ani.id },
        as('kalsel'),
      );
      expect(assigned.errors).toBeUndefined();
      expect(assigned.data!.assignAlert.assignee).toEqual(ani);
      expect((await handlers('auditor')).errors?.[0]?.extensions.code).toBe('FORBIDDEN');
    });

    it('resolves with a note, once; a resolved alert refuses every change', async () => {
      for (const note of ['   ', 'x'.repeat(2001)]) {
        const response = await refused(a3, 'BAD_USER_INPUT', () =>
          call(RESOLVE, { id: a3, note }, as('banjarbaru')),
        );
        expect(response.errors?.[0]?.extensions.fields?.map((field) => field.path)).toEqual(['note']);
      }
      await refused(a1, 'CONFLICT', () => call(RESOLVE, { id: a1, note: 'stale', version: 1 }, as('kalsel')));
      const resolved = await call<{ resolveAlert: AlertResult }>(
        RESOLVE,
        { id: a3, note: '  Called the family: the contract was extended.  ' },
        as('banjarbaru'),
      );
      expect(resolved.errors).toBeUndefined();
      expect(resolved.data!.resolveAlert).toMatchObject({
        status: 'RESOLVED',
        resolvedBy: { id: users.banjarbaru.id },
        resolutionNote: 'Called the family: the contract was extended.',
        version: 2,
      });
      await refused(a3, 'CONFLICT', () => call(RESOLVE, { id: a3, note: 'again' }, as('kalsel')));
      await refused(a3, 'CONFLICT', () => call(ACKNOWLEDGE, { id: a3 }, as('kalsel')));
      await refused(a3, 'CONFLICT', () => call(ASSIGN, { id: a3, userId: users.kalsel.id }, as('kalsel')));
      expect(await listIds(as('kalsel'), { status: 'RESOLVED' })).toEqual([a3]);
    });
  });

  it('keeps the alerts a caller may see within a placement’s 100, not the DELIVERY_FAILED it may not', async () => {
    const placementId = (await placementOf('kalsel', '6372', 'MY')).id;
    // Written directly, older than the DELIVERY_FAILED, with no outbox event: nothing routes or delivers them.
    const older = await api.dataSource.query<{ id: string }[]>(
      `INSERT INTO alert (id, kind, severity, placement_id, dedupe_key, reason, raised_at)
       SELECT gen_random_uuid(), 'CONTRACT_ENDING', 'LOW', $1::uuid, 'TEST:' || $1::text || ':' || n, 'raised by the test',
              now() - n * interval '1 minute'
         FROM generate_series(1, 100) AS n
       RETURNING id`,
      [placementId],
    );
    const failed = await raise(AlertKind.DELIVERY_FAILED, AlertSeverity.HIGH, placementId, older[0].id);
    const alertsSeenBy = async (who: string): Promise<string[]> => {
      const response = await call<{ placement: { alerts: { id: string }[] } }>(
        PLACEMENT_ALERTS,
        { id: placementId },
        as(who),
      );
      expect(response.errors).toBeUndefined();
      return response.data!.placement.alerts.map((alert) => alert.id);
    };
    const officer = await alertsSeenBy('kalsel');
    expect(officer).toHaveLength(100);
    expect(officer).not.toContain(failed);
    const national = await alertsSeenBy('national');
    expect(national).toHaveLength(100);
    expect(national[0]).toBe(failed);
  });

  it('raises NON_PROCEDURAL_DEPARTURE for a departure nobody cleared, and shows its deliveries', async () => {
    const placementId = await departWithoutClearance('kalsel', '6372');
    const alert = await eventually(
      async () => {
        const [id] = await listIds(as('handler'), { placementId });
        const found = id && (await alertOf(id, as('handler')));
        return found && found.deliveries.some((delivery) => delivery.status === 'DELIVERED')
          ? found
          : undefined;
      },
      15_000,
      'the alert to be delivered',
    );
    expect(alert).toMatchObject({
      kind: 'NON_PROCEDURAL_DEPARTURE',
      status: 'OPEN',
      placement: { id: placementId },
    });
    expect(alert.recipients.map((recipient) => recipient.agency.id)).toContain(users.kalsel.agencyId);
    const webhook = alert.deliveries.find((delivery) => delivery.agency.code === kalselOfficer.agencyCode);
    // Another agency sees that the delivery was made, not where to: the URL is the agency's own.
    expect(webhook?.target).toBeNull();
    for (const who of ['kalsel', 'national']) {
      const seen = (await alertOf(alert.id, as(who))).deliveries.find(
        (delivery) => delivery.id === webhook?.id,
      );
      expect(seen?.target).toBe(receiver.url('/kalsel'));
    }
    expect(webhook).toMatchObject({
      channel: 'WEBHOOK',
      severity: alert.severity,
      status: 'DELIVERED',
      attempts: 1,
      attemptLog: [{ attempt: 1, outcome: 'DELIVERED', statusCode: 200, error: null }],
    });
    expect(
      receiver.requestsTo('/kalsel').some((received) => received.headers['idempotency-key'] === webhook!.id),
    ).toBe(true);
  });

  describe('alertRaised over graphql-ws', () => {
    it('refuses a connection without valid credentials', async () => {
      for (const params of [{}, { authorization: 'Bearer forged' }] as Record<string, string>[]) {
        const client = liveClient(api.port, params);
        const closed = await subscriptionEnd(client, ALERT_RAISED);
        expect((closed as { code?: number }).code).toBe(4403);
        await client.dispose();
      }
    });

    it('refuses a subscription nested deeper than any client needs, as over HTTP', async () => {
      const client = liveClient(api.port, { authorization: `Bearer ${tokens.kalsel}` });
      const nested = `${'placement { alerts { '.repeat(5)}id${' } }'.repeat(5)}`;
      const refused = await subscriptionEnd(client, `subscription { alertRaised { id ${nested} } }`);
      expect(refused).toEqual([
        expect.objectContaining({
          message: expect.stringMatching(/^Query is nested 12 levels deep/) as unknown,
          extensions: expect.objectContaining({ code: 'BAD_USER_INPUT' }) as unknown,
        }),
      ]);
      await client.dispose();
    });

    it('closes a live connection whose API key is revoked', async () => {
      const { id, key } = await cli<{ id: string; key: string }>([
        'create-api-key',
        '--agency',
        'kbri-kuala-lumpur',
        '--name',
        'revoked while listening',
        '--roles',
        'PARTNER',
      ]);
      const client = liveClient(api.port, { 'x-api-key': key });
      const { ended } = await acknowledgedSubscription(client, ALERT_RAISED);
      await cli(['revoke-api-key', '--id', id]);
      expect(((await ended) as { code?: number }).code).toBe(4403);
      await client.dispose();
    });

    it('delivers an alert to a subscriber in scope and not to one out of scope', async () => {
      const kalsel = subscribe(api.port, { authorization: `Bearer ${tokens.kalsel}` });
      const kaltim = subscribe(api.port, { authorization: `Bearer ${tokens.kaltim}` });
      const kalselPlacement = (await placementOf('kalsel', '6372', 'MY')).id;
      const kalselProbe = await raise(AlertKind.MISSED_CHECK_IN, AlertSeverity.MEDIUM, kalselPlacement);
      const kaltimPlacement = (await placementOf('kaltim', '6471', 'MY')).id;
      const kaltimProbe = await raise(AlertKind.MISSED_CHECK_IN, AlertSeverity.MEDIUM, kaltimPlacement);
      await listening([kalsel], kalselProbe);
      await listening([kaltim], kaltimProbe);

      // Raised by the worker from what an officer did, and published after it routed the alert.
      const departed = await departWithoutClearance('kalsel', '6372');
      const raised = await eventually(async () => kalsel.about(departed), 15_000, 'the raised alert');
      expect(raised).toMatchObject({ kind: 'NON_PROCEDURAL_DEPARTURE', severity: 'HIGH' });

      // Published after it: by the time Kalimantan Timur hears its own alert, it has passed on the other.
      const kaltimAlert = await raise(AlertKind.TRAFFICKING_INDICATORS, AlertSeverity.HIGH, kaltimPlacement);
      await eventually(async () => kaltim.has(kaltimAlert) || undefined, 15_000, 'the Kaltim alert');
      expect(kaltim.has(raised.id)).toBe(false);
      // And the other way round, proven the same way.
      const kalselAlert = await raise(AlertKind.CONTRACT_ENDING, AlertSeverity.LOW, kalselPlacement);
      await eventually(async () => kalsel.has(kalselAlert) || undefined, 15_000, 'the Kalsel alert');
      expect(kalsel.has(kaltimAlert)).toBe(false);
      expect([...kalsel.errors, ...kaltim.errors]).toEqual([]);
    });

    it('reaches subscribers of every API replica, through Redis', async () => {
      const second = await listeningApi();
      extraApis.push(second);
      const onFirst = subscribe(api.port, { authorization: `Bearer ${tokens.handler}` });
      const onSecond = subscribe(second.port, { authorization: `Bearer ${tokens.handler}` });
      const probeAlert = await raise(
        AlertKind.MISSED_CHECK_IN,
        AlertSeverity.MEDIUM,
        (await placementOf('kalsel', '6372', 'SA')).id,
      );
      await listening([onFirst, onSecond], probeAlert);
      const departed = await departWithoutClearance('kalsel', '6372');
      const [first, other] = await eventually(
        async () => {
          const seen = [onFirst.about(departed), onSecond.about(departed)];
          return seen.every(Boolean) ? seen : undefined;
        },
        15_000,
        'both replicas to pass the alert on',
      );
      expect(first).toEqual(other);
      expect(first).toMatchObject({ kind: 'NON_PROCEDURAL_DEPARTURE', placement: { id: departed } });
    });
  });

  it('stops listening to Redis once every subscriber has left', async () => {
    const redis = new Redis('redis://127.0.0.1:6379');
    const liveChannels = (): Promise<string[]> =>
      redis.pubsub('CHANNELS', `${environment.redisKeyPrefix}:*`) as Promise<string[]>;
    try {
      expect(await liveChannels()).not.toEqual([]);
      await Promise.all(subscribers.splice(0).map((subscriber) => subscriber.dispose()));
      await eventually(
        async () => ((await liveChannels()).length === 0 ? true : undefined),
        10_000,
        'every replica to unsubscribe',
      );
    } finally {
      await redis.quit();
    }
  });

  describe('the queue dashboard', () => {
    const basic = (officer: Officer, password = officer.password): string =>
      `Basic ${Buffer.from(`${officer.username}:${password}`).toString('base64')}`;
    const dashboard = (path = '/admin/queues', authorization?: string): request.Test => {
      const test = request(api.app.getHttpServer()).get(path);
      return authorization ? test.set('authorization', authorization) : test;
    };

    it('asks for credentials without any, or with wrong ones', async () => {
      for (const authorization of [undefined, basic(nationalAdmin, 'wrong-password'), 'Bearer forged']) {
        const response = await dashboard('/admin/queues', authorization);
        expect(response.status).toBe(401);
        expect(response.headers['www-authenticate']).toBe('Basic realm="Lintas queues"');
      }
    });

    it('refuses users who are not ADMIN of the national agency', async () => {
      const provincialAdmin = await agencyWithUser({ kind: 'BP3MI', roles: 'ADMIN', provinces: '63' });
      expect((await dashboard('/admin/queues', basic(provincialAdmin))).status).toBe(403);
      expect((await dashboard('/admin/queues', basic(kalselOfficer))).status).toBe(403);
      expect((await dashboard('/admin/queues', `Bearer ${tokens.kalsel}`)).status).toBe(403);
    });

    it('shows every queue to an ADMIN, by Basic or bearer', async () => {
      const page = await dashboard('/admin/queues', basic(nationalAdmin));
      expect(page.status).toBe(200);
      expect(page.headers['content-type']).toContain('text/html');
      const queues = await dashboard('/admin/queues/api/queues', `Bearer ${tokens.national}`);
      expect(queues.status).toBe(200);
      const names = (queues.body as { queues: { name: string }[] }).queues.map((queue) => queue.name);
      expect(names.sort()).toEqual(['alert-deliveries', 'alert-sweeps', 'domain-events']);
    });

    it('checks the password once for the board’s requests sent together, so they cannot lock the account', async () => {
      const admin = await agencyWithUser({ kind: 'NATIONAL', roles: 'ADMIN' });
      const statuses = await Promise.all(
        Array.from(
          { length: 10 },
          async () => (await dashboard('/admin/queues/api/queues', basic(admin))).status,
        ),
      );
      expect(statuses).toEqual(Array.from({ length: 10 }, () => 200));
      expect(await loginAs(api.app, admin)).toEqual(expect.any(String));
    });

    it('refuses a change that does not come from the board itself', async () => {
      const response = await request(api.app.getHttpServer())
        .put('/admin/queues/api/queues/domain-events/pause')
        .set('authorization', basic(nationalAdmin))
        .set('origin', 'https://elsewhere.example');
      expect(response.status).toBe(403);
    });
  });
});
