import { AlertKind, AlertSeverity, AlertStatus, DeliveryChannel } from '../model/alert.enums.js';
import type { AlertNotice } from './alert-notice.js';
import { webhookBodyOf } from './webhook-body.js';

const notice: AlertNotice = {
  deliveryId: 'delivery-1',
  channel: DeliveryChannel.WEBHOOK,
  target: 'https://bp3mi.example.go.id/hooks/lintas',
  agencyCode: 'bp3mi-kalsel',
  alert: {
    id: 'alert-1',
    kind: AlertKind.MISSED_CHECK_IN,
    severity: AlertSeverity.MEDIUM,
    status: AlertStatus.OPEN,
    reason: 'no contact for 40 days',
    raisedAt: new Date('2025-05-01T03:04:05.000Z'),
    escalatedAt: null,
    placementId: 'placement-1',
    subjectAlertId: null,
    originProvinceCode: '63',
    originRegencyCode: '6372',
    destination: 'MY',
  },
};

describe('the webhook body', () => {
  it('carries the delivery id, the alert by ids and codes with its link, and the recipient', () => {
    expect(webhookBodyOf(notice, 'https://lintas.example.go.id')).toEqual({
      deliveryId: 'delivery-1',
      alert: {
        id: 'alert-1',
        kind: 'MISSED_CHECK_IN',
        severity: 'MEDIUM',
        status: 'OPEN',
        reason: 'no contact for 40 days',
        raisedAt: '2025-05-01T03:04:05.000Z',
        escalatedAt: null,
        placementId: 'placement-1',
        subjectAlertId: null,
        originProvinceCode: '63',
        originRegencyCode: '6372',
        destination: 'MY',
        url: 'https://lintas.example.go.id/alerts/alert-1',
      },
      recipient: { agencyCode: 'bp3mi-kalsel' },
    });
  });

  it('never names a person: no name, NIK, passport or phone field', () => {
    const keys = JSON.stringify(webhookBodyOf(notice, 'http://localhost:3000')).toLowerCase();
    for (const personal of ['name', 'nik', 'passport', 'phone', 'birth'])
      expect(keys).not.toContain(personal);
  });
});
