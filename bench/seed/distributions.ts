/**
 * The proportions of the national data set, each a small table of weights with where it comes from.
 * The figures are rounded readings of BP2MI / KP2MI placement statistics (the yearly "Data
 * Penempatan dan Pelindungan PMI" reports, 2019–2024), not exact copies: a benchmark needs the shape
 * of the data (which provinces and destinations dominate, which stages are common), not its digits.
 */
import { PlacementStage } from '#lintas/pre-placement';

export type Weighted<T> = readonly (readonly [T, number])[];

/**
 * Placements by province of origin (Kemendagri codes): BP2MI's yearly tables put Jawa Timur, Jawa
 * Tengah and Jawa Barat far ahead, then NTB, with NTT and Kalimantan Selatan high among
 * non-procedural departures; Lampung, Sumatera Utara, Bali and Banten follow. Every other province
 * shares the tail, each regency of a province weighted by its own seeded draw.
 */
export const PROVINCE_WEIGHTS: Weighted<string> = [
  ['35', 24], // Jawa Timur
  ['33', 20], // Jawa Tengah
  ['32', 17], // Jawa Barat
  ['52', 9], // Nusa Tenggara Barat
  ['53', 4.5], // Nusa Tenggara Timur
  ['63', 4], // Kalimantan Selatan
  ['18', 4], // Lampung
  ['12', 3], // Sumatera Utara
  ['51', 2], // Bali
  ['36', 2], // Banten
  ['34', 1], // DI Yogyakarta
  ['73', 1], // Sulawesi Selatan
  ['61', 1], // Kalimantan Barat
];
/** The weight every province not named above shares. */
export const OTHER_PROVINCES_WEIGHT = 7.5;

/**
 * Destinations: Taiwan, Malaysia and Hong Kong take about three quarters of formal placements, then
 * Korea (EPS, government to government), Japan, Singapore and Saudi Arabia (since the 2018 SPSK
 * pilot), the Emirates; the tail is Brunei, the Gulf, and Europe's few formal jobs.
 */
export const DESTINATION_WEIGHTS: Weighted<string> = [
  ['TW', 27],
  ['MY', 24],
  ['HK', 23],
  ['KR', 5],
  ['JP', 5],
  ['SG', 4],
  ['SA', 4],
  ['AE', 1.5],
  ['BN', 2],
  ['QA', 1],
  ['KW', 1],
  ['PL', 1],
  ['IT', 0.5],
  ['TR', 0.5],
  ['DE', 0.5],
];

export interface Opening {
  sector: 'FORMAL' | 'DOMESTIC' | 'SEAFARER' | 'CARE_WORKER' | 'PLANTATION' | 'CONSTRUCTION';
  employerType: 'INDIVIDUAL' | 'LEGAL_ENTITY';
  scheme: 'G_TO_G' | 'SPSK' | null;
  jobs: readonly string[];
  /** Share of women among the workers of this opening (BP2MI: about 60% of PMI are women, almost all in households). */
  female: number;
}

const household = (jobs: string[]): Opening => ({
  sector: 'DOMESTIC',
  employerType: 'INDIVIDUAL',
  scheme: null,
  jobs,
  female: 0.97,
});
const care: Opening = {
  sector: 'CARE_WORKER',
  employerType: 'INDIVIDUAL',
  scheme: null,
  jobs: ['Caregiver', 'Perawat lansia'],
  female: 0.9,
};
const factory = (jobs: string[], scheme: Opening['scheme'] = null): Opening => ({
  sector: 'FORMAL',
  employerType: 'LEGAL_ENTITY',
  scheme,
  jobs,
  female: 0.35,
});
const seafarer: Opening = {
  sector: 'SEAFARER',
  employerType: 'LEGAL_ENTITY',
  scheme: null,
  jobs: ['Anak buah kapal perikanan', 'Deckhand'],
  female: 0.02,
};
const plantation: Opening = {
  sector: 'PLANTATION',
  employerType: 'LEGAL_ENTITY',
  scheme: null,
  jobs: ['Pekerja ladang sawit', 'Pemanen'],
  female: 0.15,
};
const construction: Opening = {
  sector: 'CONSTRUCTION',
  employerType: 'LEGAL_ENTITY',
  scheme: null,
  jobs: ['Tukang bangunan', 'Operator alat berat'],
  female: 0.03,
};

/**
 * Sectors and employers that fit each destination: Hong Kong, Singapore and Taiwan's households
 * (domestic and care work for individual employers), Malaysia's plantations and factories, Korea's
 * EPS (G to G) factories and fishing boats, Japan's care homes and Tokutei Ginou jobs, Saudi
 * household work only through SPSK (a Saudi agency employer) and the Gulf's formal jobs, where
 * household work for individuals is banned (Kepmenaker 260/2015).
 */
export const OPENINGS_BY_DESTINATION: Readonly<Record<string, Weighted<Opening>>> = {
  HK: [
    [household(['Penata laksana rumah tangga', 'Pengasuh anak']), 92],
    [care, 6],
    [factory(['Staf restoran']), 2],
  ],
  TW: [
    [care, 50],
    [household(['Penata laksana rumah tangga']), 5],
    [factory(['Operator pabrik', 'Operator mesin']), 37],
    [seafarer, 8],
  ],
  MY: [
    [plantation, 35],
    [factory(['Operator pabrik', 'Pekerja gudang']), 30],
    [household(['Penata laksana rumah tangga']), 25],
    [construction, 10],
  ],
  SG: [
    [household(['Penata laksana rumah tangga', 'Pengasuh anak']), 85],
    [factory(['Operator pabrik']), 15],
  ],
  KR: [
    [factory(['Operator pabrik', 'Pekerja manufaktur'], 'G_TO_G'), 85],
    [{ ...seafarer, scheme: 'G_TO_G' }, 15],
  ],
  JP: [
    [factory(['Operator pabrik', 'Pekerja pengolahan makanan']), 55],
    [{ ...care, employerType: 'LEGAL_ENTITY', jobs: ['Kaigo (perawat lansia)'] }, 35],
    [construction, 10],
  ],
  SA: [
    [
      {
        sector: 'DOMESTIC',
        employerType: 'LEGAL_ENTITY',
        scheme: 'SPSK',
        jobs: ['housekeeper', 'family cook', 'baby sitter', 'elderly caretaker'],
        female: 0.95,
      },
      60,
    ],
    [factory(['Staf hotel', 'Pekerja konstruksi']), 40],
  ],
};
/** Destinations not listed above: formal work for companies (the Gulf bans individual household employers). */
export const DEFAULT_OPENINGS: Weighted<Opening> = [
  [factory(['Staf hotel', 'Operator pabrik', 'Pekerja konstruksi']), 85],
  [seafarer, 15],
];

/** Where a broker sends a worker without the checks: banned Gulf households, or a visit visa to Malaysia. */
export const BROKERED_DESTINATIONS: Weighted<string> = [
  ['MY', 45],
  ['SA', 30],
  ['AE', 10],
  ['QA', 5],
  ['KW', 5],
  ['SG', 5],
];

/**
 * Where each placement stands today. Most of a national register is abroad (PLACED): about 270,000
 * leave a year and stay two to three years, so roughly 4–5 million are abroad at once; the returned
 * and closed cycles of earlier years come next; a month or two of registrations are in preparation
 * (REGISTERED, CLEARED, a few DEPARTED in flight); about one in twenty registrations is cancelled;
 * repatriations, reintegration referrals, missing and deceased workers are the small tail (KP2MI
 * counts about a hundred PMI deaths and a few thousand repatriation cases a year).
 */
export const STAGE_WEIGHTS: Weighted<PlacementStage> = [
  [PlacementStage.PLACED, 60],
  [PlacementStage.RETURNED, 10],
  [PlacementStage.CLOSED, 11],
  [PlacementStage.REINTEGRATING, 3],
  [PlacementStage.REGISTERED, 5],
  [PlacementStage.CLEARED, 2.5],
  [PlacementStage.DEPARTED, 1.5],
  [PlacementStage.REPATRIATING, 1],
  [PlacementStage.CANCELLED, 5.5],
  [PlacementStage.MISSING, 0.3],
  [PlacementStage.DECEASED, 0.2],
];

/** Departed without clearance (BP2MI estimates as many non-procedural as procedural PMI; Lintas sees the few it catches). */
export const NON_PROCEDURAL_SHARE = 0.03;
/** PLACED placements whose check-in is overdue beyond the grace days: about 1% (issue 8). */
export const OVERDUE_SHARE = 0.01;
/** Placements abroad with a contact that recorded trafficking indicators. */
export const INDICATOR_SHARE = 0.004;
/** Workers who come back for a second cycle (a returned worker registered again). */
export const SECOND_CYCLE_SHARE = 0.03;
/** Recruiters (P3MI): BP2MI lists about 400 licensed companies; a few are suspended or revoked. */
export const RECRUITERS = 420;
export const RECRUITER_STATUS_WEIGHTS: Weighted<'ACTIVE' | 'SUSPENDED' | 'REVOKED'> = [
  ['ACTIVE', 93],
  ['SUSPENDED', 5],
  ['REVOKED', 2],
];
