import type {
  EmployerType,
  PartnerStatus,
  PlacementScheme,
  RecruiterStatus,
  RequirementKind,
  RequirementStatus,
  RiskLevel,
  RuleDecision,
  Sector,
  VisaType,
} from '../../gql/graphql';
import type { Locale } from '../../i18n/locale';
import { label, named, type Names, type Tone } from '../../labels/names';

/** UU 18/2017's conditions and documents (Pasal 5, 13), in the words of the BP3MI checklist. */
export const REQUIREMENT_KINDS: Names<RequirementKind> = {
  id: {
    AGE_MINIMUM: 'Usia minimal 18 tahun',
    NIK_CONSISTENT: 'NIK sesuai daerah asal',
    LICENSED_RECRUITER: 'P3MI berizin (SIP3MI)',
    RECRUITMENT_PERMIT: 'Surat izin perekrutan (SIP2MI)',
    DESTINATION_OPEN: 'Negara tujuan terbuka',
    PASSPORT_VALID: 'Paspor berlaku',
    MARITAL_STATUS: 'Surat keterangan status perkawinan',
    FAMILY_CONSENT: 'Izin suami/istri, orang tua atau wali',
    MEDICAL_FIT: 'Sertifikat kesehatan',
    PSYCHOLOGICAL_FIT: 'Pemeriksaan psikologi',
    COMPETENCY_CERTIFICATE: 'Sertifikat kompetensi kerja',
    WORK_AGREEMENT: 'Perjanjian kerja',
    PLACEMENT_AGREEMENT: 'Perjanjian penempatan',
    JOB_ORDER_VERIFIED: 'Job order terverifikasi',
    WORK_VISA: 'Visa kerja',
    SOCIAL_SECURITY: 'Jaminan sosial (BPJS Ketenagakerjaan)',
    PRE_DEPARTURE_ORIENTATION: 'Orientasi pra pemberangkatan (OPP)',
    EPMI_CARD: 'Kartu E-PMI',
  },
  en: {
    AGE_MINIMUM: 'Minimum age of 18',
    NIK_CONSISTENT: 'NIK matches the region of origin',
    LICENSED_RECRUITER: 'Licensed recruiter (SIP3MI)',
    RECRUITMENT_PERMIT: 'Recruitment permit (SIP2MI)',
    DESTINATION_OPEN: 'Destination open',
    PASSPORT_VALID: 'Valid passport',
    MARITAL_STATUS: 'Marital status certificate',
    FAMILY_CONSENT: 'Consent of spouse, parents or guardian',
    MEDICAL_FIT: 'Medical certificate',
    PSYCHOLOGICAL_FIT: 'Psychological assessment',
    COMPETENCY_CERTIFICATE: 'Competency certificate',
    WORK_AGREEMENT: 'Employment contract',
    PLACEMENT_AGREEMENT: 'Placement agreement',
    JOB_ORDER_VERIFIED: 'Verified job order',
    WORK_VISA: 'Work visa',
    SOCIAL_SECURITY: 'Social security (BPJS Ketenagakerjaan)',
    PRE_DEPARTURE_ORIENTATION: 'Pre-departure orientation (OPP)',
    EPMI_CARD: 'E-PMI card',
  },
};

export const REQUIREMENT_STATUSES: Names<RequirementStatus> = {
  id: { PENDING: 'Menunggu', SATISFIED: 'Terpenuhi', FAILED: 'Tidak terpenuhi', WAIVED: 'Dikecualikan' },
  en: { PENDING: 'Pending', SATISFIED: 'Met', FAILED: 'Not met', WAIVED: 'Waived' },
};

export const SECTORS: Names<Sector> = {
  id: {
    FORMAL: 'Formal',
    DOMESTIC: 'Rumah tangga (PRT)',
    SEAFARER: 'Awak kapal (pelaut)',
    CARE_WORKER: 'Perawat/pengasuh',
    PLANTATION: 'Perkebunan',
    CONSTRUCTION: 'Konstruksi',
    OTHER: 'Lainnya',
  },
  en: {
    FORMAL: 'Formal',
    DOMESTIC: 'Domestic work',
    SEAFARER: 'Seafarer',
    CARE_WORKER: 'Care worker',
    PLANTATION: 'Plantation',
    CONSTRUCTION: 'Construction',
    OTHER: 'Other',
  },
};

export const EMPLOYER_TYPES: Names<EmployerType> = {
  id: { INDIVIDUAL: 'Perseorangan (rumah tangga)', LEGAL_ENTITY: 'Badan hukum' },
  en: { INDIVIDUAL: 'Individual (household)', LEGAL_ENTITY: 'Legal entity' },
};

export const VISA_TYPES: Names<VisaType> = {
  id: {
    WORK: 'Visa kerja',
    TOURIST: 'Visa turis',
    UMRAH: 'Visa umrah',
    VISIT: 'Visa kunjungan',
    INTERNSHIP: 'Visa magang',
    STUDENT: 'Visa pelajar',
    OTHER: 'Lainnya',
  },
  en: {
    WORK: 'Work visa',
    TOURIST: 'Tourist visa',
    UMRAH: 'Umrah visa',
    VISIT: 'Visit visa',
    INTERNSHIP: 'Internship visa',
    STUDENT: 'Student visa',
    OTHER: 'Other',
  },
};

export const SCHEMES: Names<PlacementScheme> = {
  id: { G_TO_G: 'Skema G to G (antarpemerintah)', SPSK: 'SPSK (Sistem Penempatan Satu Kanal)' },
  en: { G_TO_G: 'G-to-G scheme (government to government)', SPSK: 'SPSK (one-channel placement)' },
};

export const RISK_LEVELS: Names<RiskLevel> = {
  id: { LOW: 'Rendah', MEDIUM: 'Sedang', HIGH: 'Tinggi' },
  en: { LOW: 'Low', MEDIUM: 'Medium', HIGH: 'High' },
};

export const RECRUITER_STATUSES: Names<RecruiterStatus> = {
  id: { ACTIVE: 'Aktif', SUSPENDED: 'Dibekukan', REVOKED: 'Dicabut' },
  en: { ACTIVE: 'Active', SUSPENDED: 'Suspended', REVOKED: 'Revoked' },
};

export const RULE_DECISIONS: Names<RuleDecision> = {
  id: { OPEN: 'Terbuka', BANNED: 'Dilarang (moratorium)', CHANNEL_ONLY: 'Hanya melalui jalur khusus' },
  en: { OPEN: 'Open', BANNED: 'Banned (moratorium)', CHANNEL_ONLY: 'Only through a named channel' },
};

export const PARTNER_STATUSES: Names<PartnerStatus> = {
  id: {
    WORKING: 'Bekerja',
    EMPLOYER_CHANGED: 'Ganti pemberi kerja',
    HOSPITALISED: 'Dirawat di rumah sakit',
    IN_SHELTER: 'Di shelter',
    DETAINED: 'Ditahan',
    DEPORTATION_PENDING: 'Menunggu deportasi',
    ABSCONDED: 'Kabur dari pemberi kerja',
    MISSING: 'Hilang',
    DECEASED: 'Meninggal dunia',
  },
  en: {
    WORKING: 'Working',
    EMPLOYER_CHANGED: 'Employer changed',
    HOSPITALISED: 'In hospital',
    IN_SHELTER: 'In a shelter',
    DETAINED: 'Detained',
    DEPORTATION_PENDING: 'Awaiting deportation',
    ABSCONDED: 'Left the employer',
    MISSING: 'Missing',
    DECEASED: 'Deceased',
  },
};

/** The timeline's event types (`placement_event.type`); a type not named here shows as it is. */
const EVENT_TYPES: Names<
  | 'registered'
  | 'requirement.recorded'
  | 'clear'
  | 'depart'
  | 'cancel'
  | 'arrive'
  | 'contact'
  | 'reported_abroad'
  | 'repatriation.requested'
  | 'return'
  | 'referral.referred'
  | 'reintegration_refused'
  | 'close'
> = {
  id: {
    registered: 'Penempatan didaftarkan',
    'requirement.recorded': 'Bukti persyaratan dicatat',
    clear: 'Diizinkan berangkat',
    depart: 'Keberangkatan dicatat',
    cancel: 'Penempatan dibatalkan',
    arrive: 'Kedatangan dikonfirmasi',
    contact: 'Kontak pemantauan',
    reported_abroad: 'Dilaporkan dari luar negeri',
    'repatriation.requested': 'Pemulangan diminta',
    return: 'Kepulangan dicatat',
    'referral.referred': 'Dirujuk ke layanan',
    reintegration_refused: 'Menolak layanan reintegrasi',
    close: 'Siklus ditutup',
  },
  en: {
    registered: 'Placement registered',
    'requirement.recorded': 'Requirement evidence recorded',
    clear: 'Cleared for departure',
    depart: 'Departure recorded',
    cancel: 'Placement cancelled',
    arrive: 'Arrival confirmed',
    contact: 'Welfare contact',
    reported_abroad: 'Reported from abroad',
    'repatriation.requested': 'Repatriation requested',
    return: 'Return recorded',
    'referral.referred': 'Referred to a service',
    reintegration_refused: 'Refused reintegration services',
    close: 'Cycle closed',
  },
};

const STATUS_EVENT = /^status\.([A-Z_]+)$/;

/** A timeline entry's type: `status.DETAINED` as the partner status it reports. */
export function eventLabel(type: string, locale: Locale): string {
  const status = STATUS_EVENT.exec(type)?.[1];
  if (status) {
    const partner = named(PARTNER_STATUSES[locale], status) ?? status;
    return locale === 'id' ? `Laporan mitra: ${partner}` : `Partner report: ${partner}`;
  }
  return label(EVENT_TYPES, type, locale);
}

export function requirementTone(status: RequirementStatus): Tone {
  switch (status) {
    case 'SATISFIED':
    case 'WAIVED':
      return 'ok';
    case 'FAILED':
      return 'danger';
    default:
      return 'warning';
  }
}

export function riskTone(risk: RiskLevel): 'ok' | 'warning' | 'danger' {
  return risk === 'HIGH' ? 'danger' : risk === 'MEDIUM' ? 'warning' : 'ok';
}

/**
 * A document number as the checklist shows it: its last four characters, so an officer can match
 * it to the paper without the whole number on a screen others can see.
 */
export function maskDocumentNumber(documentNumber: string): string {
  const clean = documentNumber.trim();
  if (clean.length <= 4) return '•'.repeat(clean.length);
  return `${'•'.repeat(Math.min(clean.length - 4, 6))}${clean.slice(-4)}`;
}
