import type { AlertKind } from '../gql/graphql';
import type { Names } from './names';

/** What an alert is about, in the words of the inbox and of the statistics. */
export const ALERT_KINDS: Names<AlertKind> = {
  id: {
    NON_PROCEDURAL_DEPARTURE: 'Keberangkatan nonprosedural',
    TRAFFICKING_INDICATORS: 'Indikasi perdagangan orang',
    RE_TRAFFICKING_RISK: 'Risiko perdagangan orang berulang',
    REPATRIATION_NEEDED: 'Perlu pemulangan',
    MISSED_CHECK_IN: 'Kontak kesejahteraan terlewat',
    DOCUMENT_EXPIRING: 'Dokumen segera habis masa berlakunya',
    CONTRACT_ENDING: 'Kontrak kerja segera berakhir',
    REINTEGRATION_OVERDUE: 'Reintegrasi terlambat',
    DELIVERY_FAILED: 'Pengiriman peringatan gagal',
  },
  en: {
    NON_PROCEDURAL_DEPARTURE: 'Non-procedural departure',
    TRAFFICKING_INDICATORS: 'Trafficking indicators',
    RE_TRAFFICKING_RISK: 'Re-trafficking risk',
    REPATRIATION_NEEDED: 'Repatriation needed',
    MISSED_CHECK_IN: 'Missed welfare check-in',
    DOCUMENT_EXPIRING: 'Document expiring',
    CONTRACT_ENDING: 'Employment contract ending',
    REINTEGRATION_OVERDUE: 'Reintegration overdue',
    DELIVERY_FAILED: 'Alert delivery failed',
  },
};
