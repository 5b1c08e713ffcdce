import type {
  AgencyKind,
  HealthOnArrival,
  ReferralStatus,
  RepatriationNeed,
  RepatriationReason,
  RepatriationStatus,
  ReturnKind,
  ServiceKind,
} from '../../gql/graphql';
import type { Names, Tone } from '../../labels/names';

export const REPATRIATION_STATUSES: Names<RepatriationStatus> = {
  id: {
    REQUESTED: 'Diajukan',
    ARRANGED: 'Sudah diatur',
    IN_TRANSIT: 'Dalam perjalanan',
    COMPLETED: 'Selesai (sudah tiba)',
    CANCELLED: 'Dibatalkan',
  },
  en: {
    REQUESTED: 'Requested',
    ARRANGED: 'Arranged',
    IN_TRANSIT: 'In transit',
    COMPLETED: 'Completed (arrived)',
    CANCELLED: 'Cancelled',
  },
};

export const REPATRIATION_REASONS: Names<RepatriationReason> = {
  id: {
    CONTRACT_ENDED: 'Kontrak kerja berakhir',
    EARLY_TERMINATION: 'Pemutusan hubungan kerja sebelum kontrak berakhir',
    ABUSE: 'Kekerasan atau penganiayaan',
    TRAFFICKING: 'Tindak pidana perdagangan orang (TPPO)',
    UNPAID_WAGES: 'Gaji tidak dibayar',
    WORK_ACCIDENT_OR_ILLNESS: 'Kecelakaan kerja atau sakit',
    DEATH: 'Meninggal dunia (pemulangan jenazah)',
    DEPORTATION: 'Deportasi',
    WAR_DISASTER_OR_EPIDEMIC: 'Perang, bencana atau wabah',
    LEAVE: 'Cuti',
    OTHER: 'Lainnya',
  },
  en: {
    CONTRACT_ENDED: 'Contract ended',
    EARLY_TERMINATION: 'Terminated before the contract ended',
    ABUSE: 'Abuse or violence',
    TRAFFICKING: 'Human trafficking',
    UNPAID_WAGES: 'Unpaid wages',
    WORK_ACCIDENT_OR_ILLNESS: 'Work accident or illness',
    DEATH: 'Death (return of remains)',
    DEPORTATION: 'Deportation',
    WAR_DISASTER_OR_EPIDEMIC: 'War, disaster or epidemic',
    LEAVE: 'Leave',
    OTHER: 'Other',
  },
};

export const REPATRIATION_NEEDS: Names<RepatriationNeed> = {
  id: {
    DOCUMENTS: 'Dokumen perjalanan',
    FLIGHT: 'Tiket penerbangan',
    ESCORT: 'Pendampingan',
    MEDICAL: 'Layanan medis',
    SHELTER: 'Penampungan (shelter)',
    LEGAL_AID: 'Bantuan hukum',
  },
  en: {
    DOCUMENTS: 'Travel documents',
    FLIGHT: 'Flight',
    ESCORT: 'Escort',
    MEDICAL: 'Medical care',
    SHELTER: 'Shelter',
    LEGAL_AID: 'Legal aid',
  },
};

export const HEALTH_ON_ARRIVAL: Names<HealthOnArrival> = {
  id: { HEALTHY: 'Sehat', NEEDS_TREATMENT: 'Perlu perawatan', HOSPITALISED: 'Dirawat di rumah sakit' },
  en: { HEALTHY: 'Healthy', NEEDS_TREATMENT: 'Needs treatment', HOSPITALISED: 'Hospitalised' },
};

export const RETURN_KINDS: Names<ReturnKind> = {
  id: { ORDINARY: 'Pulang mandiri', REPATRIATED: 'Dipulangkan (repatriasi)', REMAINS: 'Pemulangan jenazah' },
  en: { ORDINARY: 'Came home on their own', REPATRIATED: 'Repatriated', REMAINS: 'Return of remains' },
};

export const REFERRAL_STATUSES: Names<ReferralStatus> = {
  id: {
    REFERRED: 'Dirujuk',
    ACCEPTED: 'Diterima',
    IN_PROGRESS: 'Sedang berjalan',
    COMPLETED: 'Selesai',
    DECLINED: 'Ditolak',
  },
  en: {
    REFERRED: 'Referred',
    ACCEPTED: 'Accepted',
    IN_PROGRESS: 'In progress',
    COMPLETED: 'Completed',
    DECLINED: 'Declined',
  },
};

/** Reintegration services, as Kemensos and the BP3MI name them. */
export const SERVICES: Names<ServiceKind> = {
  id: {
    SOCIAL_REHABILITATION: 'Rehabilitasi sosial',
    PSYCHOSOCIAL: 'Dukungan psikososial',
    MEDICAL: 'Layanan kesehatan',
    LEGAL_AID: 'Bantuan hukum',
    ECONOMIC_EMPOWERMENT: 'Pemberdayaan ekonomi',
    FAMILY_REUNIFICATION: 'Penyatuan kembali dengan keluarga',
    SHELTER: 'Rumah aman (shelter)',
  },
  en: {
    SOCIAL_REHABILITATION: 'Social rehabilitation',
    PSYCHOSOCIAL: 'Psychosocial support',
    MEDICAL: 'Health care',
    LEGAL_AID: 'Legal aid',
    ECONOMIC_EMPOWERMENT: 'Economic empowerment',
    FAMILY_REUNIFICATION: 'Family reunification',
    SHELTER: 'Safe house (shelter)',
  },
};

export const AGENCY_KINDS: Names<AgencyKind> = {
  id: {
    NATIONAL: 'Nasional (KP2MI)',
    BP3MI: 'BP3MI',
    DISNAKER: 'Disnaker',
    SOCIAL_SERVICE: 'Layanan sosial',
    EMBASSY: 'Perwakilan RI',
    PARTNER: 'Mitra',
  },
  en: {
    NATIONAL: 'National (KP2MI)',
    BP3MI: 'BP3MI',
    DISNAKER: 'Disnaker',
    SOCIAL_SERVICE: 'Social service',
    EMBASSY: 'Embassy or consulate',
    PARTNER: 'Partner',
  },
};

/** The agencies at home a worker may be referred to; embassies and partners abroad are not. */
export const HOME_AGENCY_KINDS: readonly AgencyKind[] = ['SOCIAL_SERVICE', 'BP3MI', 'DISNAKER', 'NATIONAL'];

export function repatriationTone(status: string): Tone {
  if (status === 'COMPLETED') return 'ok';
  if (status === 'CANCELLED') return 'neutral';
  return 'warning';
}

export function referralTone(status: string): Tone {
  if (status === 'COMPLETED') return 'ok';
  if (status === 'DECLINED') return 'danger';
  return 'warning';
}
