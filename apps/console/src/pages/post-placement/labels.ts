import type {
  AgencyKind,
  HealthOnArrival,
  PlacementStage,
  ReferralStatus,
  RepatriationNeed,
  RepatriationReason,
  RepatriationStatus,
  ReturnKind,
  ServiceKind,
} from '../../gql/graphql';
import type { Locale } from '../../i18n/locale';

/** The names officers use for the API's codes, in both languages; the compiler checks every code is named. */
type Names<Code extends string> = Record<Locale, Record<Code, string>>;

/** A code's name in the officer's language; a code the console does not know yet, as it is. */
export function label<Code extends string>(names: Names<Code>, code: string, locale: Locale): string {
  const own: Record<string, string> = names[locale];
  return Object.hasOwn(own, code) ? (own[code] ?? code) : code;
}

/** The codes of a list of names, in the order written (the order a select offers them). */
export function codesOf<Code extends string>(names: Names<Code>): Code[] {
  return Object.keys(names.id) as Code[];
}

export const STAGES: Names<PlacementStage> = {
  id: {
    REGISTERED: 'Terdaftar',
    CLEARED: 'Diizinkan berangkat',
    DEPARTED: 'Berangkat',
    PLACED: 'Bekerja di negara tujuan',
    REPATRIATING: 'Dalam pemulangan',
    RETURNED: 'Telah pulang',
    REINTEGRATING: 'Reintegrasi',
    CLOSED: 'Ditutup',
    CANCELLED: 'Dibatalkan',
    DECEASED: 'Meninggal dunia',
    MISSING: 'Hilang',
  },
  en: {
    REGISTERED: 'Registered',
    CLEARED: 'Cleared for departure',
    DEPARTED: 'Departed',
    PLACED: 'Working abroad',
    REPATRIATING: 'Being repatriated',
    RETURNED: 'Returned',
    REINTEGRATING: 'Reintegrating',
    CLOSED: 'Closed',
    CANCELLED: 'Cancelled',
    DECEASED: 'Deceased',
    MISSING: 'Missing',
  },
};

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

export type Tone = 'danger' | 'warning' | 'ok' | 'neutral';

/** The badge classes of a tone (styles.css). */
export function badgeClass(tone: Tone): string {
  return tone === 'neutral' ? 'badge' : `badge badge-${tone}`;
}

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

/** A destination country by its ISO code, in the officer's language (`SA` → `Arab Saudi`). */
export function countryName(code: string, locale: Locale): string {
  try {
    return new Intl.DisplayNames([locale], { type: 'region' }).of(code) ?? code;
  } catch {
    return code;
  }
}
