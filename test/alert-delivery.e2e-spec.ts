import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Queue, QueueEvents } from 'bullmq';
import { QueueName } from '#lintas/queue';
import { startWorker, type RunningWorker } from '../apps/worker/src/create-worker.js';
import { eventually } from './support/eventually.js';
import { agencyWithUser, cli, setAlertChannels, workerInput, type Officer } from './support/factories.js';
import { recordDeparture, registerPlacement } from './support/placements.js';
import { SmtpReceiver } from './support/smtp-receiver.js';
import {
  bearer,
  loginAs,
  registerWorker,
  startTestApi,
  useTestEnvironment,
  type TestApi,
  type TestEnvironment,
} from './support/test-api.js';
import {
  hasValidLintasSignature,
  WebhookReceiver,
  type ReceivedRequest,
} from './support/webhook-receiver.js';

const PUBLIC_URL = 'https://lintas.example.go.id';
const DISNAKER_EMAILS = [
  'piket@disnaker-banjarbaru.example.go.id',
  'kepala@disnaker-banjarbaru.example.go.id',
];

interface DeliveryRow {
  id: string;
  alert_id: string;
  status: string;
  attempts: number;
  last_error: string | null;
  delivered_at: Date | null;
  failed_at: Date | null;
}

interface AttemptRow {
  attempt: number;
  status_code: number | null;
  outcome: string;
  error: string | null;
  latency_ms: number;
}

interface WebhookJson {
  deliveryId: string;
  alert: { id: string; kind: string; subjectAlertId: string | null; url: string };
  recipient: { agencyCode: string };
}

const jsonOf = (request: ReceivedRequest): WebhookJson => request.json as WebhookJson;

describe('alert delivery: signed webhooks and e-mail, retried, every attempt recorded', () => {
  let webhooks: WebhookReceiver;
  let smtp: SmtpReceiver;
  let environment: TestEnvironment;
  let api: TestApi;
  let worker: RunningWorker;
  let queue: Queue;
  let queueEvents: QueueEvents;
  let bp3mi: Officer;
  let token: string;
  let nationalSecret: string;
  let nationalCode: string;
  let disnakerCode: string;
  let serial = 900;

  /** A worker from Kota Banjarbaru (6372) who left for Saudi Arabia without clearance: NON_PROCEDURAL_DEPARTURE. */
  const departedWithoutClearance = async (): Promise<string> => {
    serial += 1;
    const workerId = await registerWorker(api.app, bearer(token), workerInput({ serial }));
    const placement = await registerPlacement(api.app, bearer(token), workerId, 'SA');
    const departed = await recordDeparture(
      api.app,
      bearer(token),
      placement,
      new Date(Date.now() - 24 * 60 * 60 * 1000),
    );
    expect(departed.procedural).toBe(false);
    return placement.id;
  };

  /** The delivery of the placement's alert of `kind` to an agency over a channel, once it has concluded. */
  const concludedDelivery = (
    placementId: string,
    agencyCode: string,
    channel: 'WEBHOOK' | 'EMAIL',
    kind = 'NON_PROCEDURAL_DEPARTURE',
  ): Promise<DeliveryRow> =>
    eventually(
      async () => {
        const [delivery] = await api.dataSource.query<DeliveryRow[]>(
          `SELECT d.id, d.alert_id, d.status, d.attempts, d.last_error, d.delivered_at, d.failed_at
             FROM alert_delivery d
             JOIN alert a ON a.id = d.alert_id
             JOIN agency g ON g.id = d.agency_id
            WHERE a.placement_id = $1 AND a.kind = $2 AND g.code = $3 AND d.channel = $4`,
          [placementId, kind, agencyCode, channel],
        );
        return delivery && delivery.status !== 'PENDING' ? delivery : undefined;
      },
      15_000,
      `the ${channel} delivery of ${kind} to ${agencyCode} to conclude`,
    );

  const attemptsOf = (deliveryId: string): Promise<AttemptRow[]> =>
    api.dataSource.query<AttemptRow[]>(
      `SELECT attempt, status_code, outcome, error, latency_ms
         FROM alert_delivery_attempt WHERE delivery_id = $1 ORDER BY attempt`,
      [deliveryId],
    );

  beforeAll(async () => {
    // The SMTP port goes into the environment, which Nest reads at boot: receivers start first.
    webhooks = await WebhookReceiver.start([200]);
    smtp = await SmtpReceiver.start([250]);
    environment = await useTestEnvironment({
      SMTP_URL: smtp.url,
      ALERT_EMAIL_FROM: 'Lintas <alerts@lintas.example.go.id>',
      PUBLIC_URL,
      DELIVERY_ATTEMPTS: '8',
      DELIVERY_BACKOFF_MS: '20',
      DELIVERY_TIMEOUT_MS: '5000',
      OUTBOX_RELAY_INTERVAL_MS: '50',
      ALERT_SWEEP_INTERVAL_SECONDS: '86400',
    });
    await cli(['migrate']);
    bp3mi = await agencyWithUser({ kind: 'BP3MI', roles: 'OFFICER', provinces: '63' });
    const disnaker = await agencyWithUser({ kind: 'DISNAKER', roles: 'LABOUR_OFFICER', regencies: '6372' });
    const national = await agencyWithUser({ kind: 'NATIONAL', roles: 'ADMIN' });
    await setAlertChannels(disnaker.agencyCode, { emails: DISNAKER_EMAILS });
    nationalCode = national.agencyCode;
    disnakerCode = disnaker.agencyCode;
    nationalSecret = (await setAlertChannels(national.agencyCode, {
      webhookUrl: webhooks.url('/national'),
    }))!;
    api = await startTestApi();
    worker = await startWorker();
    token = await loginAs(api.app, bp3mi);
    const connection = { host: '127.0.0.1', port: 6379 };
    queue = new Queue(QueueName.AlertDeliveries, { connection, prefix: environment.redisKeyPrefix });
    queueEvents = new QueueEvents(QueueName.AlertDeliveries, {
      connection,
      prefix: environment.redisKeyPrefix,
    });
    await queueEvents.waitUntilReady();
  });

  afterAll(async () => {
    await worker?.close();
    await api?.close();
    await queueEvents?.close();
    await queue?.obliterate({ force: true });
    await queue?.close();
    await webhooks?.close();
    await smtp?.close();
    await environment?.release();
  });

  it('retries a receiver that answers 500 three times, then delivers on the fourth attempt', async () => {
    webhooks.respondWith([500, 500, 500, 200], '/bp3mi-flaky');
    const secret = (await setAlertChannels(bp3mi.agencyCode, { webhookUrl: webhooks.url('/bp3mi-flaky') }))!;
    const placementId = await departedWithoutClearance();

    const delivery = await concludedDelivery(placementId, bp3mi.agencyCode, 'WEBHOOK');
    expect(delivery).toMatchObject({
      status: 'DELIVERED',
      attempts: 4,
      last_error: 'HTTP 500',
      failed_at: null,
    });
    expect(delivery.delivered_at).toBeInstanceOf(Date);

    const requests = webhooks.requestsTo('/bp3mi-flaky');
    expect(requests.map((request) => request.status)).toEqual([500, 500, 500, 200]);
    for (const [index, request] of requests.entries()) {
      expect(request.method).toBe('POST');
      expect(request.headers['idempotency-key']).toBe(delivery.id);
      expect(request.headers['x-lintas-delivery-attempt']).toBe(String(index + 1));
      expect(request.headers['user-agent']).toMatch(/Lintas/);
      expect(hasValidLintasSignature(request, secret)).toBe(true);
      expect(jsonOf(request)).toMatchObject({
        deliveryId: delivery.id,
        alert: {
          id: delivery.alert_id,
          kind: 'NON_PROCEDURAL_DEPARTURE',
          url: `${PUBLIC_URL}/alerts/${delivery.alert_id}`,
        },
        recipient: { agencyCode: bp3mi.agencyCode },
      });
    }
    // Codes and ids only: the worker's NIK and name never leave Lintas in an alert.
    expect(requests[0]?.rawBody).not.toMatch(/Worker 6372|"nik"|fullName/);

    const attempts = await attemptsOf(delivery.id);
    expect(attempts.map(({ attempt, status_code, outcome }) => ({ attempt, status_code, outcome }))).toEqual([
      { attempt: 1, status_code: 500, outcome: 'RETRY' },
      { attempt: 2, status_code: 500, outcome: 'RETRY' },
      { attempt: 3, status_code: 500, outcome: 'RETRY' },
      { attempt: 4, status_code: 200, outcome: 'DELIVERED' },
    ]);
    expect(attempts.every((attempt) => attempt.latency_ms >= 0)).toBe(true);
    expect(attempts.map((attempt) => attempt.error)).toEqual(['HTTP 500', 'HTTP 500', 'HTTP 500', null]);

    // At least once: the same delivery run again (say, a stalled job) sends nothing more.
    const repeat = await queue.add('repeat', { deliveryId: delivery.id }, { jobId: `${delivery.id}-again` });
    expect(await repeat.waitUntilFinished(queueEvents, 10_000)).toBe('skipped');
    expect(webhooks.requestsTo('/bp3mi-flaky')).toHaveLength(4);
    expect(await attemptsOf(delivery.id)).toHaveLength(4);
  });

  it('fails at once on a 400, marks the delivery FAILED and raises DELIVERY_FAILED to the national agency', async () => {
    webhooks.respondWith([400], '/bp3mi-refusing');
    await setAlertChannels(bp3mi.agencyCode, { webhookUrl: webhooks.url('/bp3mi-refusing') });
    const placementId = await departedWithoutClearance();

    const delivery = await concludedDelivery(placementId, bp3mi.agencyCode, 'WEBHOOK');
    expect(delivery).toMatchObject({
      status: 'FAILED',
      attempts: 1,
      last_error: 'HTTP 400',
      delivered_at: null,
    });
    expect(delivery.failed_at).toBeInstanceOf(Date);
    expect(webhooks.requestsTo('/bp3mi-refusing')).toHaveLength(1);
    expect(await attemptsOf(delivery.id)).toEqual([
      expect.objectContaining({ attempt: 1, status_code: 400, outcome: 'FAILED', error: 'HTTP 400' }),
    ]);
    const job = await queue.getJob(delivery.id);
    expect(await job?.getState()).toBe('failed');
    expect(job?.attemptsMade).toBe(1);

    const [failure] = await api.dataSource.query<
      {
        id: string;
        kind: string;
        severity: string;
        placement_id: string;
        dedupe_key: string;
        reason: string;
      }[]
    >(
      `SELECT id, kind, severity, placement_id, dedupe_key, reason FROM alert
        WHERE subject_alert_id = $1 AND kind = 'DELIVERY_FAILED'`,
      [delivery.alert_id],
    );
    expect(failure).toMatchObject({
      severity: 'HIGH',
      placement_id: placementId,
      dedupe_key: `DELIVERY_FAILED:${delivery.id}`,
    });
    expect(failure?.reason).toContain('NON_PROCEDURAL_DEPARTURE');
    expect(failure?.reason).toContain(bp3mi.agencyCode);
    expect(failure?.reason).toContain('WEBHOOK');
    expect(failure?.reason).toContain('1 attempt');
    expect(failure?.reason).toContain('HTTP 400');

    const notice = await eventually(
      async () =>
        webhooks.requestsTo('/national').find((request) => jsonOf(request).alert.id === failure?.id),
      15_000,
      'the national agency to receive DELIVERY_FAILED',
    );
    expect(jsonOf(notice).alert).toMatchObject({
      kind: 'DELIVERY_FAILED',
      subjectAlertId: delivery.alert_id,
    });
    expect(hasValidLintasSignature(notice, nationalSecret)).toBe(true);
    const forwarded = await concludedDelivery(placementId, nationalCode, 'WEBHOOK', 'DELIVERY_FAILED');
    expect(forwarded).toMatchObject({ alert_id: failure?.id, status: 'DELIVERED', attempts: 1 });
  });

  it('e-mails the Disnaker one plain-text message in Indonesian, with an English summary and the link', async () => {
    await setAlertChannels(bp3mi.agencyCode, { webhookUrl: webhooks.url('/bp3mi-ok') });
    const placementId = await departedWithoutClearance();

    const delivery = await concludedDelivery(placementId, disnakerCode, 'EMAIL');
    expect(delivery).toMatchObject({ status: 'DELIVERED', attempts: 1, last_error: null });
    expect(await attemptsOf(delivery.id)).toEqual([
      expect.objectContaining({ attempt: 1, status_code: 250, outcome: 'DELIVERED', error: null }),
    ]);

    const messages = smtp.messages.filter((mail) => mail.headers['x-lintas-alert-id'] === delivery.alert_id);
    expect(messages).toHaveLength(1);
    const [mail] = messages;
    expect(mail?.from).toBe('alerts@lintas.example.go.id');
    expect(mail?.to).toEqual(DISNAKER_EMAILS);
    expect(mail?.headers['content-type']).toMatch(/^text\/plain/);
    expect(mail?.headers['x-lintas-delivery-id']).toBe(delivery.id);
    expect(mail?.subject).toBe(
      '[Lintas] TINGGI/HIGH — Keberangkatan non-prosedural (NON_PROCEDURAL_DEPARTURE)',
    );
    expect(mail?.text).toContain('Peringatan Lintas: Keberangkatan non-prosedural');
    expect(mail?.text).toContain('Tingkat: TINGGI');
    expect(mail?.text).toContain('Daerah asal: provinsi 63, kabupaten/kota 6372');
    expect(mail?.text).toContain('English summary: Non-procedural departure (NON_PROCEDURAL_DEPARTURE)');
    expect(mail?.text).toContain(`${PUBLIC_URL}/alerts/${delivery.alert_id}`);
    expect(mail?.text).toContain(`Alert id: ${delivery.alert_id}`);
    expect(mail?.text).not.toMatch(/Worker 6372/);
  });

  it('marks a delivery FAILED after its last attempt, and raises no DELIVERY_FAILED about a DELIVERY_FAILED', async () => {
    webhooks.respondWith([503], '/bp3mi-down');
    webhooks.respondWith([400], '/national');
    await setAlertChannels(bp3mi.agencyCode, { webhookUrl: webhooks.url('/bp3mi-down') });
    const placementId = await departedWithoutClearance();

    const delivery = await concludedDelivery(placementId, bp3mi.agencyCode, 'WEBHOOK');
    expect(delivery).toMatchObject({ status: 'FAILED', attempts: 8, last_error: 'HTTP 503' });
    const attempts = await attemptsOf(delivery.id);
    expect(attempts.map((attempt) => attempt.outcome)).toEqual([...Array<string>(7).fill('RETRY'), 'FAILED']);
    expect(attempts.every((attempt) => attempt.status_code === 503)).toBe(true);
    expect(webhooks.requestsTo('/bp3mi-down')).toHaveLength(8);

    const [failure] = await api.dataSource.query<{ id: string; reason: string }[]>(
      `SELECT id, reason FROM alert WHERE subject_alert_id = $1 AND kind = 'DELIVERY_FAILED'`,
      [delivery.alert_id],
    );
    expect(failure?.reason).toContain('8 attempt');
    // The national agency refuses the DELIVERY_FAILED alert too; that failure is logged, not raised again.
    const forwarded = await concludedDelivery(placementId, nationalCode, 'WEBHOOK', 'DELIVERY_FAILED');
    expect(forwarded).toMatchObject({ alert_id: failure?.id, status: 'FAILED', attempts: 1 });
    const loops = await api.dataSource.query<unknown[]>(`SELECT 1 FROM alert WHERE subject_alert_id = $1`, [
      failure?.id,
    ]);
    expect(loops).toHaveLength(0);
  });

  it('records an attempt whose delivery another run concluded meanwhile, and leaves that conclusion as it was', async () => {
    // At least once: a stalled job is run again while its first run still sends. This receiver plays
    // the other run, concluding the delivery before it answers the run that is sending.
    const concludedAt = new Date(Date.now() - 60_000);
    const otherRun = createServer((request, response) => {
      request.resume().on('end', () => {
        api.dataSource
          .query(
            `UPDATE alert_delivery SET status = 'DELIVERED', delivered_at = $2, attempts = 1 WHERE id = $1`,
            [request.headers['idempotency-key'], concludedAt],
          )
          .then(
            () => response.writeHead(200).end(),
            () => response.writeHead(500).end(),
          );
      });
    });
    await new Promise<void>((resolve) => otherRun.listen(0, '127.0.0.1', resolve));
    try {
      const { port } = otherRun.address() as AddressInfo;
      await setAlertChannels(bp3mi.agencyCode, { webhookUrl: `http://127.0.0.1:${port}/bp3mi-raced` });
      const placementId = await departedWithoutClearance();
      const concluded = await concludedDelivery(placementId, bp3mi.agencyCode, 'WEBHOOK');
      expect(concluded).toMatchObject({ status: 'DELIVERED', attempts: 1, delivered_at: concludedAt });
      const attempts = await eventually(
        async () => {
          const recorded = await attemptsOf(concluded.id);
          return recorded.length > 0 ? recorded : undefined;
        },
        10_000,
        'the attempt to be recorded',
      );
      expect(attempts).toEqual([
        expect.objectContaining({ attempt: 1, status_code: 200, outcome: 'DELIVERED', error: null }),
      ]);
      // The attempt and the delivery's change are one statement: the delivery is final by now.
      const [delivery] = await api.dataSource.query<DeliveryRow[]>(
        'SELECT id, alert_id, status, attempts, last_error, delivered_at, failed_at FROM alert_delivery WHERE id = $1',
        [concluded.id],
      );
      expect(delivery).toEqual(concluded);
    } finally {
      otherRun.closeAllConnections();
      await new Promise<void>((resolve) => otherRun.close(() => resolve()));
    }
  });
});
