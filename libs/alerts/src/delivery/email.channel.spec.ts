import { loadConfig } from '#lintas/core';
import { SmtpReceiver } from '../../../../test/support/smtp-receiver.js';
import { AlertKind, AlertSeverity, AlertStatus, DeliveryChannel } from '../model/alert.enums.js';
import type { AlertNotice } from './alert-notice.js';
import { EmailChannel } from './email.channel.js';

const notice = (target: string): AlertNotice => ({
  deliveryId: '6f1c2a4e-0000-4000-8000-000000000001',
  channel: DeliveryChannel.EMAIL,
  target,
  agencyCode: 'disnaker-banjarbaru',
  alert: {
    id: '9a8b7c6d-0000-4000-8000-000000000002',
    kind: AlertKind.REPATRIATION_NEEDED,
    severity: AlertSeverity.CRITICAL,
    status: AlertStatus.OPEN,
    reason: 'Partner reports the worker DETAINED.',
    raisedAt: new Date('2025-05-01T03:04:05.000Z'),
    escalatedAt: null,
    placementId: '1b2c3d4e-0000-4000-8000-000000000003',
    subjectAlertId: null,
    originProvinceCode: '63',
    originRegencyCode: '6372',
    destination: 'MY',
  },
});

describe('the e-mail channel', () => {
  let smtp: SmtpReceiver;
  let channel: EmailChannel;

  beforeAll(async () => {
    smtp = await SmtpReceiver.start();
    channel = new EmailChannel(
      loadConfig({
        SMTP_URL: smtp.url,
        ALERT_EMAIL_FROM: 'Lintas <alerts@lintas.example.go.id>',
        PUBLIC_URL: 'https://lintas.example.go.id',
        DELIVERY_TIMEOUT_MS: '2000',
      }),
    );
  });

  afterAll(async () => {
    channel.onApplicationShutdown();
    await smtp.close();
  });

  it('sends one plain-text message to every address of the agency', async () => {
    const result = await channel.send(
      notice('piket@disnaker.example.go.id, kepala@disnaker.example.go.id'),
      1,
    );
    expect(result).toEqual({ verdict: 'DELIVERED', statusCode: 250, error: null });
    expect(smtp.messages).toHaveLength(1);
    const [mail] = smtp.messages;
    expect(mail?.from).toBe('alerts@lintas.example.go.id');
    expect(mail?.to).toEqual(['piket@disnaker.example.go.id', 'kepala@disnaker.example.go.id']);
    expect(mail?.subject).toBe('[Lintas] KRITIS/CRITICAL — Perlu pemulangan (REPATRIATION_NEEDED)');
    expect(mail?.headers['content-type']).toMatch(/^text\/plain/);
    expect(mail?.headers['x-lintas-delivery-id']).toBe('6f1c2a4e-0000-4000-8000-000000000001');
    expect(mail?.headers['message-id']).toBe('<6f1c2a4e-0000-4000-8000-000000000001@lintas.example.go.id>');
    expect(mail?.text).toContain('Peringatan Lintas: Perlu pemulangan');
    expect(mail?.text).toContain('English summary: Repatriation needed (REPATRIATION_NEEDED)');
    expect(mail?.text).toContain('https://lintas.example.go.id/alerts/9a8b7c6d-0000-4000-8000-000000000002');
  });

  it('fails at once on an SMTP 5xx and retries on a 4xx', async () => {
    smtp.replyWith([554]);
    expect(await channel.send(notice('a@disnaker.example.go.id'), 1)).toEqual({
      verdict: 'PERMANENT',
      statusCode: 554,
      error: 'SMTP 554',
    });
    smtp.replyWith([451]);
    expect(await channel.send(notice('a@disnaker.example.go.id'), 2)).toEqual({
      verdict: 'RETRY',
      statusCode: 451,
      error: 'SMTP 451',
    });
    smtp.replyWith([250]);
  });

  it('refuses a delivery with no address without trying', async () => {
    expect(await channel.send(notice(' , '), 1)).toEqual({
      verdict: 'PERMANENT',
      statusCode: null,
      error: 'no e-mail address',
    });
  });
});
