import { createServer, type AddressInfo, type Socket } from 'node:net';
import { loadConfig, type Clock } from '#lintas/core';
import { hasValidLintasSignature, WebhookReceiver } from '../../../../test/support/webhook-receiver.js';
import { AlertKind, AlertSeverity, AlertStatus, DeliveryChannel } from '../model/alert.enums.js';
import type { AlertNotice } from './alert-notice.js';
import { WebhookChannel } from './webhook.channel.js';

const NOW = new Date('2025-05-01T03:04:05.000Z');
const clock: Clock = { now: () => NOW };
const config = loadConfig({ PUBLIC_URL: 'https://lintas.example.go.id', DELIVERY_TIMEOUT_MS: '2000' });

const noticeTo = (target: string): AlertNotice => ({
  deliveryId: '6f1c2a4e-0000-4000-8000-000000000001',
  channel: DeliveryChannel.WEBHOOK,
  target,
  agencyCode: 'bp3mi-kalsel',
  alert: {
    id: '9a8b7c6d-0000-4000-8000-000000000002',
    kind: AlertKind.NON_PROCEDURAL_DEPARTURE,
    severity: AlertSeverity.HIGH,
    status: AlertStatus.OPEN,
    reason: 'Non-procedural departure: departed without clearance for departure.',
    raisedAt: NOW,
    escalatedAt: null,
    placementId: '1b2c3d4e-0000-4000-8000-000000000003',
    subjectAlertId: null,
    originProvinceCode: '63',
    originRegencyCode: '6372',
    destination: 'SA',
  },
});

/** A port nothing listens on: bound once, then released. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

describe('the webhook channel', () => {
  let receiver: WebhookReceiver;
  const channel = new WebhookChannel(config, clock);

  beforeAll(async () => {
    receiver = await WebhookReceiver.start();
  });

  afterAll(async () => {
    await receiver.close();
  });

  it('posts the alert as JSON, signed, with the delivery id as Idempotency-Key', async () => {
    const result = await channel.send(noticeTo(receiver.url('/ok')), 'whsec-1', 3);
    expect(result).toEqual({ verdict: 'DELIVERED', statusCode: 200, error: null });
    const [request] = receiver.requestsTo('/ok');
    expect(request?.method).toBe('POST');
    expect(request?.headers).toMatchObject({
      'content-type': 'application/json',
      'idempotency-key': '6f1c2a4e-0000-4000-8000-000000000001',
      'x-lintas-delivery-attempt': '3',
      'x-lintas-timestamp': String(NOW.getTime() / 1000),
    });
    expect(request?.headers['user-agent']).toMatch(/^Lintas/);
    expect(hasValidLintasSignature(request, 'whsec-1')).toBe(true);
    expect(hasValidLintasSignature(request, 'another secret')).toBe(false);
    expect(request?.json).toMatchObject({
      deliveryId: '6f1c2a4e-0000-4000-8000-000000000001',
      alert: {
        id: '9a8b7c6d-0000-4000-8000-000000000002',
        kind: 'NON_PROCEDURAL_DEPARTURE',
        url: 'https://lintas.example.go.id/alerts/9a8b7c6d-0000-4000-8000-000000000002',
      },
      recipient: { agencyCode: 'bp3mi-kalsel' },
    });
  });

  it('fails a 4xx at once, but retries a 408, a 429 and a 5xx', async () => {
    for (const [status, verdict] of [
      [400, 'PERMANENT'],
      [410, 'PERMANENT'],
      [408, 'RETRY'],
      [429, 'RETRY'],
      [503, 'RETRY'],
    ] as const) {
      receiver.respondWith([status], `/status-${status}`);
      const result = await channel.send(noticeTo(receiver.url(`/status-${status}`)), 'whsec-1', 1);
      expect(result).toEqual({ verdict, statusCode: status, error: `HTTP ${status}` });
    }
  });

  it('does not follow a redirect with a signed request', async () => {
    receiver.respondWith([302], '/moved');
    const result = await channel.send(noticeTo(receiver.url('/moved')), 'whsec-1', 1);
    expect(result).toMatchObject({ verdict: 'RETRY', statusCode: 302 });
    expect(receiver.requestsTo('/moved')).toHaveLength(1);
  });

  it('retries when nobody answers, naming the network error without the URL', async () => {
    const port = await closedPort();
    const result = await channel.send(noticeTo(`http://127.0.0.1:${port}/hook?token=s3cret`), 'whsec-1', 1);
    expect(result).toEqual({ verdict: 'RETRY', statusCode: null, error: 'no answer: ECONNREFUSED' });
  });

  it('retries a receiver that does not answer within DELIVERY_TIMEOUT_MS', async () => {
    const sockets: Socket[] = [];
    const silent = createServer((socket) => sockets.push(socket));
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
    const { port } = silent.address() as AddressInfo;
    const impatient = new WebhookChannel(loadConfig({ DELIVERY_TIMEOUT_MS: '100' }), clock);
    try {
      const result = await impatient.send(noticeTo(`http://127.0.0.1:${port}/hook`), 'whsec-1', 1);
      expect(result).toEqual({ verdict: 'RETRY', statusCode: null, error: 'no answer within 100 ms' });
    } finally {
      for (const socket of sockets) socket.destroy();
      await new Promise<void>((resolve) => silent.close(() => resolve()));
    }
  });
});
