import { AlertKind, AlertSeverity, AlertStatus } from '../model/alert.enums.js';
import { alertUrl, type AlertNotice } from './alert-notice.js';

/** Kinds as an officer in Indonesia names them, then in English. */
export const KIND_LABELS: Record<AlertKind, { id: string; en: string }> = {
  [AlertKind.NON_PROCEDURAL_DEPARTURE]: {
    id: 'Keberangkatan non-prosedural',
    en: 'Non-procedural departure',
  },
  [AlertKind.MISSED_CHECK_IN]: { id: 'Kontak pemantauan terlewat', en: 'Missed check-in' },
  [AlertKind.TRAFFICKING_INDICATORS]: { id: 'Indikasi TPPO', en: 'Trafficking indicators' },
  [AlertKind.REPATRIATION_NEEDED]: { id: 'Perlu pemulangan', en: 'Repatriation needed' },
  [AlertKind.CONTRACT_ENDING]: { id: 'Kontrak segera berakhir', en: 'Contract ending soon' },
  [AlertKind.DOCUMENT_EXPIRING]: { id: 'Dokumen segera kedaluwarsa', en: 'Document expiring soon' },
  [AlertKind.REINTEGRATION_OVERDUE]: { id: 'Reintegrasi tertunda', en: 'Reintegration overdue' },
  [AlertKind.RE_TRAFFICKING_RISK]: { id: 'Risiko perdagangan orang berulang', en: 'Re-trafficking risk' },
  [AlertKind.DELIVERY_FAILED]: { id: 'Peringatan gagal terkirim', en: 'Alert delivery failed' },
};

export const SEVERITY_LABELS: Record<AlertSeverity, string> = {
  [AlertSeverity.LOW]: 'RENDAH',
  [AlertSeverity.MEDIUM]: 'SEDANG',
  [AlertSeverity.HIGH]: 'TINGGI',
  [AlertSeverity.CRITICAL]: 'KRITIS',
};

export const STATUS_LABELS: Record<AlertStatus, string> = {
  [AlertStatus.OPEN]: 'TERBUKA',
  [AlertStatus.ACKNOWLEDGED]: 'DITERIMA',
  [AlertStatus.RESOLVED]: 'SELESAI',
};

export interface AlertEmail {
  subject: string;
  text: string;
}

const WIB_OFFSET_MS = 7 * 60 * 60 * 1000;

/** Jakarta keeps UTC+7 all year (no daylight saving), so the offset is fixed. */
function inWib(instant: Date): string {
  return `${new Date(instant.getTime() + WIB_OFFSET_MS).toISOString().slice(0, 16).replace('T', ' ')} WIB`;
}

const orDash = (value: string | null): string => value ?? '-';

/**
 * The plain-text alert e-mail: Indonesian first, for the officers who act on it, then an English
 * summary, then the link and the alert id. Like the webhook, it carries codes and ids only.
 */
export function composeAlertEmail(notice: AlertNotice, publicUrl: string): AlertEmail {
  const { alert } = notice;
  const kind = KIND_LABELS[alert.kind];
  const severity = SEVERITY_LABELS[alert.severity];
  const url = alertUrl(publicUrl, alert.id);
  const indonesian = [
    `Peringatan Lintas: ${kind.id}`,
    '',
    `Tingkat: ${severity}`,
    `Status: ${STATUS_LABELS[alert.status]}`,
    `Keterangan: ${alert.reason}`,
    `Daerah asal: provinsi ${orDash(alert.originProvinceCode)}, kabupaten/kota ${orDash(alert.originRegencyCode)}`,
    `Negara tujuan: ${orDash(alert.destination)}`,
    `Penempatan: ${orDash(alert.placementId)}`,
    ...(alert.subjectAlertId ? [`Peringatan yang gagal terkirim: ${alert.subjectAlertId}`] : []),
    `Dimunculkan: ${inWib(alert.raisedAt)}`,
    ...(alert.escalatedAt ? [`Dinaikkan: ${inWib(alert.escalatedAt)}`] : []),
    '',
    `Mohon segera ditindaklanjuti. Buka peringatan: ${url}`,
    `ID peringatan: ${alert.id}`,
  ];
  const english = [
    `English summary: ${kind.en} (${alert.kind}), severity ${alert.severity}, status ${alert.status}.`,
    `Reason: ${alert.reason}`,
    `Origin: province ${orDash(alert.originProvinceCode)}, regency ${orDash(alert.originRegencyCode)}; ` +
      `destination: ${orDash(alert.destination)}; placement: ${orDash(alert.placementId)}.`,
    ...(alert.subjectAlertId ? [`Undelivered alert: ${alert.subjectAlertId}`] : []),
    `Raised at ${alert.raisedAt.toISOString()}.`,
    `Open the alert: ${url}`,
    `Alert id: ${alert.id}`,
  ];
  const footer = [
    `Dikirim otomatis oleh Lintas kepada ${notice.agencyCode} (pengiriman ${notice.deliveryId}).`,
    `Sent automatically by Lintas to ${notice.agencyCode} (delivery ${notice.deliveryId}).`,
  ];
  return {
    subject: `[Lintas] ${severity}/${alert.severity} — ${kind.id} (${alert.kind})`,
    text: [...indonesian, '', '---', ...english, '', ...footer, ''].join('\n'),
  };
}

/** The addresses of an e-mail delivery's target, as the dispatch rule wrote them (comma-separated). */
export function recipientsOf(target: string): string[] {
  return target
    .split(',')
    .map((address) => address.trim())
    .filter((address) => address.length > 0);
}
