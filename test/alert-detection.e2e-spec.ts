import { randomUUID } from 'node:crypto';
import { AlertKind, AlertRouter, AlertSeverity } from '#lintas/alerts';
import { QueueName, QueueProducer } from '#lintas/queue';
import { startWorker, type RunningWorker } from '../apps/worker/src/create-worker.js';
import { eventually } from './support/eventually.js';
import { jobOutcome } from './support/jobs.js';
import { agencyWithUser, cli, embassyKey, setAlertChannels, workerInput } from './support/factories.js';
import { recordDeparture, registerPlacement, reportStatus } from './support/placements.js';
import { SmtpReceiver } from './support/smtp-receiver.js';
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
import { hasValidLintasSignature, WebhookReceiver } from './support/webhook-receiver.js';

const DAY = 24 * 60 * 60 * 1000;
const daysAgo = (days: number): Date => new Date(Date.now() - days * DAY);

const CONTACT = `mutation Contact($placementId: ID!, $input: WelfareContactInput!) {
  recordWelfareContact(placementId: $placementId, input: $input) { id }
}`;

interface AlertRow {
  id: string;
  kind: string;
  severity: string;
  status: string;
  reason: string;
  resolution_note: string | null;
  resolved_by_id: string | null;
}

describe('the alert engine detects, routes and delivers', () => {
  let environment: TestEnvironment;
  let api: TestApi;
  let worker: RunningWorker;
  let webhooks: WebhookReceiver;
  let mail: SmtpReceiver;
  let bp3miToken: string;
  let nationalToken: string;
  let riyadh: Record<string, string>;
  const secrets: Record<string, string> = {};
  const agencyIds: Record<string, string> = {};
  let serial = 700;

  const alertsOf = (placementId: string): Promise<AlertRow[]> =>
    api.dataSource.query<AlertRow[]>(
      `SELECT id, kind, severity, status, reason, resolution_note, resolved_by_id
         FROM alert WHERE placement_id = $1 ORDER BY raised_at`,
      [placementId],
    );

  const alertOf = (placementId: string, kind: string, what: string): Promise<AlertRow> =>
    eventually(async () => (await alertsOf(placementId)).find((alert) => alert.kind === kind), 10_000, what);

  const recipientsOf = async (alertId: string): Promise<{ agency_id: string; reason: string }[]> =>
    api.dataSource.query(
      'SELECT agency_id, reason FROM alert_recipient WHERE alert_id = $1 ORDER BY reason',
      [alertId],
    );

  /** A placement of a worker from `regencyCode`, departed without clearance `departedDaysAgo` days ago. */
  const departedWithoutClearance = async (
    token: string,
    options: { regencyCode?: string; destination?: string } = {},
  ): Promise<{ id: string; version: number; nik: string }> => {
    serial += 1;
    const input = workerInput({ serial, regencyCode: options.regencyCode ?? '6372' });
    const workerId = await registerWorker(api.app, bearer(token), input);
    const placement = await registerPlacement(api.app, bearer(token), workerId, options.destination ?? 'SA');
    const departed = await recordDeparture(api.app, bearer(token), placement, daysAgo(2));
    expect(departed.procedural).toBe(false);
    return { ...departed, nik: input.nik as string };
  };

  beforeAll(async () => {
    webhooks = await WebhookReceiver.start([200]);
    mail = await SmtpReceiver.start([250]);
    environment = await useTestEnvironment({
      SMTP_URL: mail.url,
      DELIVERY_BACKOFF_MS: '20',
      OUTBOX_RELAY_INTERVAL_MS: '50',
      ALERT_SWEEP_INTERVAL_SECONDS: '86400',
    });
    await cli(['migrate']);
    const bp3mi = await agencyWithUser({ kind: 'BP3MI', roles: 'OFFICER', provinces: '63' });
    const disnaker = await agencyWithUser({ kind: 'DISNAKER', roles: 'LABOUR_OFFICER', regencies: '6372' });
    const national = await agencyWithUser({ kind: 'NATIONAL', roles: 'ADMIN,OFFICER' });
    riyadh = await embassyKey('kbri-riyadh', 'SA');
    secrets.bp3mi = (await setAlertChannels(bp3mi.agencyCode, {
      webhookUrl: webhooks.url('/bp3mi-kalsel'),
      emails: ['pengaduan@bp3mi-kalsel.test'],
    }))!;
    secrets.disnaker = (await setAlertChannels(disnaker.agencyCode, {
      webhookUrl: webhooks.url('/disnaker-banjarbaru'),
      emails: ['disnaker@banjarbaru.test'],
    }))!;
    api = await startTestApi();
    worker = await startWorker();
    for (const agency of await api.dataSource.query<{ id: string; code: string }[]>(
      'SELECT id, code FROM agency',
    )) {
      agencyIds[agency.code] = agency.id;
    }
    agencyIds.bp3mi = agencyIds[bp3mi.agencyCode]!;
    agencyIds.disnaker = agencyIds[disnaker.agencyCode]!;
    agencyIds.national = agencyIds[national.agencyCode]!;
    bp3miToken = await loginAs(api.app, bp3mi);
    nationalToken = await loginAs(api.app, national);
  });

  afterAll(async () => {
    await worker?.close();
    await api?.close();
    await webhooks?.close();
    await mail?.close();
    await environment?.release();
  });

  it('brings a non-procedural departure to BP3MI Kalimantan Selatan and Disnaker Banjarbaru, signed, by webhook and e-mail', async () => {
    const placement = await departedWithoutClearance(bp3miToken);
    const alert = await alertOf(placement.id, 'NON_PROCEDURAL_DEPARTURE', 'the departure alert');
    expect(alert).toMatchObject({ severity: 'HIGH', status: 'OPEN' });
    expect(alert.reason).toMatch(/^Non-procedural departure: /);

    for (const [path, secret] of [
      ['/bp3mi-kalsel', secrets.bp3mi],
      ['/disnaker-banjarbaru', secrets.disnaker],
    ] as const) {
      const request = await eventually(
        async () =>
          webhooks.requestsTo(path).find((r) => (r.json as { alert: { id: string } }).alert.id === alert.id),
        10_000,
        `the webhook to ${path}`,
      );
      expect(hasValidLintasSignature(request, secret)).toBe(true);
      expect(hasValidLintasSignature(request, 'another agency’s secret')).toBe(false);
      expect(request.json).toMatchObject({ alert: { kind: 'NON_PROCEDURAL_DEPARTURE', severity: 'HIGH' } });
      // Ids and codes only: the worker's NIK never leaves Lintas in an alert.
      expect(request.rawBody).not.toContain(placement.nik);
    }
    for (const address of ['pengaduan@bp3mi-kalsel.test', 'disnaker@banjarbaru.test']) {
      const message = await eventually(
        async () => mail.messagesTo(address).find((m) => m.text.includes(alert.id)),
        10_000,
        `the e-mail to ${address}`,
      );
      expect(message.text).not.toContain(placement.nik);
    }

    const recipients = await recipientsOf(alert.id);
    expect(recipients.map((r) => r.agency_id).sort()).toEqual([agencyIds.bp3mi, agencyIds.disnaker].sort());
    expect(recipients.map((r) => r.reason)).toEqual([
      'BP3MI of origin province 63',
      'Disnaker of origin regency 6372',
    ]);
    const deliveries = await eventually(async () => {
      const rows = await api.dataSource.query<{ channel: string; status: string }[]>(
        'SELECT channel, status FROM alert_delivery WHERE alert_id = $1 ORDER BY channel',
        [alert.id],
      );
      return rows.every((row) => row.status === 'DELIVERED') ? rows : undefined;
    });
    expect(deliveries.map((row) => row.channel)).toEqual(['EMAIL', 'EMAIL', 'WEBHOOK', 'WEBHOOK']);
  });

  it('handles a repeated event without a second alert or a second delivery', async () => {
    const placement = await departedWithoutClearance(bp3miToken);
    const alert = await alertOf(placement.id, 'NON_PROCEDURAL_DEPARTURE', 'the departure alert');
    const deliveriesBefore = await eventually(async () => {
      const [row] = await api.dataSource.query<{ count: number }[]>(
        'SELECT count(*)::int AS count FROM alert_delivery WHERE alert_id = $1',
        [alert.id],
      );
      return row && row.count === 4 ? row.count : undefined;
    });
    // The same facts reported again, as an at-least-once relay may: the departure and the alert's own event.
    const repeated: string[] = [];
    for (const [topic, aggregateType, aggregateId] of [
      ['placement.departed_non_procedural', 'placement', placement.id],
      ['alert.raised', 'alert', alert.id],
    ] as const) {
      const eventId = randomUUID();
      repeated.push(eventId);
      await api.dataSource.query(
        `INSERT INTO outbox_event (id, topic, aggregate_type, aggregate_id, payload, occurred_at)
         VALUES ($1, $2, $3, $4, '{}', now())`,
        [eventId, topic, aggregateType, aggregateId],
      );
    }
    // The relay queues each event with its id as job id: once both jobs have run, the rules are done.
    const events = worker.context.get(QueueProducer).queue(QueueName.DomainEvents);
    const outcomes = await Promise.all(repeated.map((id) => jobOutcome(events, id, `event ${id}`)));
    // The departure rule found its alert already raised; the dispatch re-queued nothing (below).
    expect(outcomes).toEqual(['skipped', 'done']);
    expect((await alertsOf(placement.id)).filter((a) => a.kind === 'NON_PROCEDURAL_DEPARTURE')).toHaveLength(
      1,
    );
    const [after] = await api.dataSource.query<{ count: number }[]>(
      'SELECT count(*)::int AS count FROM alert_delivery WHERE alert_id = $1',
      [alert.id],
    );
    expect(after?.count).toBe(deliveriesBefore);
  });

  it('sends an alert whose region has no agency to the national agency, and says so', async () => {
    // Bandung (province 32) has no BP3MI or Disnaker in this installation.
    const placement = await departedWithoutClearance(nationalToken, { regencyCode: '3273' });
    const alert = await alertOf(placement.id, 'NON_PROCEDURAL_DEPARTURE', 'the departure alert');
    const recipients = await eventually(async () => {
      const rows = await recipientsOf(alert.id);
      return rows.length > 0 ? rows : undefined;
    });
    expect(recipients).toEqual([
      {
        agency_id: agencyIds.national,
        reason:
          'no BP3MI covers province 32: sent to the national agency; no Disnaker covers regency 3273: sent to the national agency',
      },
    ]);
  });

  it('routes alerts dispatched as one batch each to its own agencies, as it routes each alone', async () => {
    // Kota Banjarbaru is covered, Bandung is not: departures at the same moment are dispatched together.
    const [banjarbaru, bandung] = await Promise.all([
      departedWithoutClearance(bp3miToken),
      departedWithoutClearance(nationalToken, { regencyCode: '3273' }),
    ]);
    const alerts = await Promise.all(
      [banjarbaru, bandung].map((placement) =>
        alertOf(placement.id, 'NON_PROCEDURAL_DEPARTURE', 'the departure alert'),
      ),
    );
    const recorded = await Promise.all(
      alerts.map((alert) =>
        eventually(async () => {
          const rows = await recipientsOf(alert.id);
          return rows.length > 0 ? rows : undefined;
        }),
      ),
    );
    expect(recorded).toEqual([
      [
        { agency_id: agencyIds.bp3mi, reason: 'BP3MI of origin province 63' },
        { agency_id: agencyIds.disnaker, reason: 'Disnaker of origin regency 6372' },
      ],
      [
        {
          agency_id: agencyIds.national,
          reason:
            'no BP3MI covers province 32: sent to the national agency; no Disnaker covers regency 3273: sent to the national agency',
        },
      ],
    ]);

    const router = worker.context.get(AlertRouter);
    const routed = await api.dataSource.transaction((manager) =>
      router.route(manager, [
        {
          id: alerts[1].id,
          kind: AlertKind.NON_PROCEDURAL_DEPARTURE,
          severity: AlertSeverity.HIGH,
          originProvinceCode: '32',
          originRegencyCode: '3273',
          destination: 'SA',
        },
        {
          id: alerts[0].id,
          kind: AlertKind.NON_PROCEDURAL_DEPARTURE,
          severity: AlertSeverity.HIGH,
          originProvinceCode: '63',
          originRegencyCode: '6372',
          destination: 'SA',
        },
      ]),
    );
    for (const [index, alert] of alerts.entries()) {
      const recipients = (routed.get(alert.id) ?? []).map(({ agencyId, reason }) => ({
        agency_id: agencyId,
        reason,
      }));
      expect(recipients.sort((a, b) => a.reason.localeCompare(b.reason))).toEqual(recorded[index]);
    }
  });

  it('rates trafficking indicators by the gravest one and includes the embassy', async () => {
    const placement = await departedWithoutClearance(bp3miToken);
    await graphql(
      api.app,
      CONTACT,
      {
        placementId: placement.id,
        input: {
          contactedAt: daysAgo(1).toISOString(),
          channel: 'PHONE',
          reachedWorker: true,
          indicators: ['EXCESSIVE_OVERTIME', 'RETENTION_OF_IDENTITY_DOCUMENTS'],
        },
      },
      riyadh,
    );
    const high = await alertOf(placement.id, 'TRAFFICKING_INDICATORS', 'the indicators alert');
    expect(high.severity).toBe('HIGH');
    expect(high.reason).toMatch(/EXCESSIVE_OVERTIME, RETENTION_OF_IDENTITY_DOCUMENTS/);
    const recipients = await eventually(async () => {
      const rows = await recipientsOf(high.id);
      return rows.length === 3 ? rows : undefined;
    });
    expect(recipients.map((r) => r.agency_id)).toContain(agencyIds['kbri-riyadh']);

    await graphql(
      api.app,
      CONTACT,
      {
        placementId: placement.id,
        input: {
          contactedAt: new Date().toISOString(),
          channel: 'VISIT',
          reachedWorker: true,
          indicators: ['PHYSICAL_OR_SEXUAL_VIOLENCE'],
        },
      },
      riyadh,
    );
    // The same open alert, escalated: one alert per condition.
    const critical = await eventually(async () => {
      const alerts = (await alertsOf(placement.id)).filter((a) => a.kind === 'TRAFFICKING_INDICATORS');
      return alerts.length === 1 && alerts[0]?.severity === 'CRITICAL' ? alerts[0] : undefined;
    });
    expect(critical.id).toBe(high.id);
  });

  it('raises REPATRIATION_NEEDED for a detained worker, and MISSED_CHECK_IN at CRITICAL for a missing one', async () => {
    const detained = await departedWithoutClearance(bp3miToken);
    await reportStatus(api.app, riyadh, detained, 'DETAINED', daysAgo(1));
    const repatriation = await alertOf(detained.id, 'REPATRIATION_NEEDED', 'the repatriation alert');
    expect(repatriation.severity).toBe('HIGH');
    expect(repatriation.reason).toMatch(
      /^Partner reports DETAINED since \d{4}-\d{2}-\d{2}: repatriation needed\.$/,
    );

    const missing = await departedWithoutClearance(bp3miToken);
    const reportedMissing = await reportStatus(api.app, riyadh, missing, 'MISSING', daysAgo(1));
    const unreachable = await alertOf(missing.id, 'MISSED_CHECK_IN', 'the missing-worker alert');
    expect(unreachable.severity).toBe('CRITICAL');
    expect(unreachable.reason).toMatch(/unreachable/);

    // Found again: the search is over, and Lintas closes it.
    await reportStatus(api.app, riyadh, reportedMissing, 'IN_SHELTER', new Date());
    const found = await eventually(async () => {
      const row = (await alertsOf(missing.id)).find((a) => a.id === unreachable.id);
      return row?.status === 'RESOLVED' ? row : undefined;
    });
    expect(found.resolution_note).toMatch(
      /^Resolved by Lintas: a partner reported the worker found on \d{4}-\d{2}-\d{2} \(IN_SHELTER\)\.$/,
    );
    expect(found.resolved_by_id).toBeNull();
  });

  it('resolves the repatriation alert with a system note when the return is recorded', async () => {
    const placement = await departedWithoutClearance(bp3miToken);
    await reportStatus(api.app, riyadh, placement, 'IN_SHELTER', daysAgo(1));
    const alert = await alertOf(placement.id, 'REPATRIATION_NEEDED', 'the repatriation alert');
    // The return itself is recorded by purna penempatan (#6); here it is written as that code will
    // write it: the stage and its outbox event, in one transaction.
    await api.dataSource.transaction(async (manager) => {
      await manager.query(`UPDATE placement SET stage = 'RETURNED' WHERE id = $1`, [placement.id]);
      await manager.query(
        `INSERT INTO outbox_event (id, topic, aggregate_type, aggregate_id, payload, occurred_at)
         VALUES ($1, 'placement.returned', 'placement', $2, '{}', now())`,
        [randomUUID(), placement.id],
      );
    });
    const resolved = await eventually(async () => {
      const rows = await alertsOf(placement.id);
      const row = rows.find((a) => a.id === alert.id);
      return row?.status === 'RESOLVED' ? row : undefined;
    });
    expect(resolved.resolved_by_id).toBeNull();
    expect(resolved.resolution_note).toBe("Resolved by Lintas: the worker's return was recorded.");
  });
});
