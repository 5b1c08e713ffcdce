import { AlertKind, AlertSeverity, AlertStatus, DeliveryChannel } from '../model/alert.enums.js';
import { composeAlertEmail, KIND_LABELS, recipientsOf, SEVERITY_LABELS } from './alert-email.js';
import type { AlertNotice } from './alert-notice.js';

const notice = (alert: Partial<AlertNotice['alert']> = {}): AlertNotice => ({
  deliveryId: '6f1c2a4e-0000-4000-8000-000000000001',
  channel: DeliveryChannel.EMAIL,
  target: 'pusat@bp3mi-kalsel.go.id, piket@bp3mi-kalsel.go.id',
  agencyCode: 'bp3mi-kalsel',
  alert: {
    id: '9a8b7c6d-0000-4000-8000-000000000002',
    kind: AlertKind.NON_PROCEDURAL_DEPARTURE,
    severity: AlertSeverity.HIGH,
    status: AlertStatus.OPEN,
    reason: 'departed without clearance for departure',
    raisedAt: new Date('2025-05-01T03:04:05.000Z'),
    escalatedAt: null,
    placementId: '1b2c3d4e-0000-4000-8000-000000000003',
    subjectAlertId: null,
    originProvinceCode: '63',
    originRegencyCode: '6372',
    destination: 'SA',
    ...alert,
  },
});

describe('the alert e-mail', () => {
  it('names severity and kind in Indonesian and English in the subject', () => {
    expect(composeAlertEmail(notice(), 'https://lintas.example.go.id').subject).toBe(
      '[Lintas] TINGGI/HIGH — Keberangkatan non-prosedural (NON_PROCEDURAL_DEPARTURE)',
    );
  });

  it('says it in Indonesian first, then sums it up in English, with the link and the alert id', () => {
    const { text } = composeAlertEmail(notice(), 'https://lintas.example.go.id/');
    const link = 'https://lintas.example.go.id/alerts/9a8b7c6d-0000-4000-8000-000000000002';
    expect(text.startsWith('Peringatan Lintas: Keberangkatan non-prosedural\n')).toBe(true);
    expect(text).toContain('Tingkat: TINGGI');
    expect(text).toContain('Status: TERBUKA');
    expect(text).toContain('Daerah asal: provinsi 63, kabupaten/kota 6372');
    expect(text).toContain('Negara tujuan: SA');
    expect(text).toContain('Dimunculkan: 2025-05-01 10:04 WIB');
    expect(text).toContain(
      'English summary: Non-procedural departure (NON_PROCEDURAL_DEPARTURE), severity HIGH, status OPEN.',
    );
    expect(text).toContain('Reason: departed without clearance for departure');
    expect(text).toContain(`Open the alert: ${link}`);
    expect(text).toContain('Alert id: 9a8b7c6d-0000-4000-8000-000000000002');
    expect(text.indexOf('Peringatan Lintas')).toBeLessThan(text.indexOf('English summary'));
    expect(text).not.toContain('Dinaikkan');
  });

  it('shows an escalation and, for DELIVERY_FAILED, the alert that was not delivered', () => {
    const { subject, text } = composeAlertEmail(
      notice({
        kind: AlertKind.DELIVERY_FAILED,
        severity: AlertSeverity.CRITICAL,
        escalatedAt: new Date('2025-05-02T20:00:00.000Z'),
        subjectAlertId: '2c3d4e5f-0000-4000-8000-000000000004',
        originProvinceCode: null,
        originRegencyCode: null,
        destination: null,
      }),
      'http://localhost:3000',
    );
    expect(subject).toBe('[Lintas] KRITIS/CRITICAL — Peringatan gagal terkirim (DELIVERY_FAILED)');
    expect(text).toContain('Dinaikkan: 2025-05-03 03:00 WIB');
    expect(text).toContain('Peringatan yang gagal terkirim: 2c3d4e5f-0000-4000-8000-000000000004');
    expect(text).toContain('Undelivered alert: 2c3d4e5f-0000-4000-8000-000000000004');
    expect(text).toContain('Daerah asal: provinsi -, kabupaten/kota -');
  });

  it('has an Indonesian label for every kind and severity', () => {
    expect(Object.keys(KIND_LABELS).sort()).toEqual(Object.values(AlertKind).sort());
    expect(KIND_LABELS[AlertKind.MISSED_CHECK_IN].id).toBe('Kontak pemantauan terlewat');
    expect(KIND_LABELS[AlertKind.TRAFFICKING_INDICATORS].id).toBe('Indikasi TPPO');
    expect(KIND_LABELS[AlertKind.RE_TRAFFICKING_RISK].id).toBe('Risiko perdagangan orang berulang');
    expect(SEVERITY_LABELS).toEqual({ LOW: 'RENDAH', MEDIUM: 'SEDANG', HIGH: 'TINGGI', CRITICAL: 'KRITIS' });
  });

  it('reads the comma-separated addresses of a delivery', () => {
    expect(recipientsOf(notice().target)).toEqual(['pusat@bp3mi-kalsel.go.id', 'piket@bp3mi-kalsel.go.id']);
    expect(recipientsOf(' , ')).toEqual([]);
  });
});
