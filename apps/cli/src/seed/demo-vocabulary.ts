import { AlertSeverity } from '#lintas/alerts';
import { TraffickingIndicator } from '#lintas/placement';
import type { ServiceKind } from '#lintas/post-placement';
import { EmployerType, PlacementScheme, Sector } from '#lintas/pre-placement';

/**
 * The words of the demo data set: names common in South Kalimantan, the jobs Kalsel workers go to,
 * and the notes officers write (in Indonesian, as they would). Every employer and household here is
 * invented; agencies and places are real.
 */

export const FEMALE_NAMES = [
  'Siti',
  'Nur',
  'Rahmah',
  'Mariana',
  'Aminah',
  'Fatimah',
  'Salmah',
  'Hasanah',
  'Jamilah',
  'Noor',
  'Mahmudah',
  'Rusdiana',
  'Halimah',
  'Zainab',
  'Khadijah',
  'Norhayati',
  'Rabiatul',
  'Mardiana',
  'Wahyuni',
  'Yuliana',
  'Nurul',
  'Hafsah',
  'Masitah',
  'Rahmawati',
  'Nurhasanah',
  'Aisyah',
  'Raudah',
  'Syarifah',
  'Nafisah',
  'Marlina',
  'Erna',
  'Fitri',
  'Norma',
  'Salasiah',
  'Rusmini',
  'Mulyani',
  'Laila',
  'Noorjannah',
  'Husnul',
  'Zubaidah',
];

export const MALE_NAMES = [
  'Muhammad',
  'Ahmad',
  'Abdul',
  'Rahman',
  'Rusli',
  'Fauzi',
  'Ridwan',
  'Syahrani',
  'Irwan',
  'Hendra',
  'Agus',
  'Supian',
  'Hamdani',
  'Jainudin',
  'Arbain',
  'Saberan',
  'Hairul',
  'Rudiansyah',
  'Zainal',
  'Rahmadi',
  'Anang',
  'Iwan',
  'Fahmi',
  'Yusuf',
  'Ismail',
  'Syamsudin',
  'Herman',
  'Hasbullah',
  'Syaiful',
  'Ardiansyah',
  'Taufik',
  'Nordin',
  'Mukhlis',
  'Gazali',
  'Basri',
  'Jumberi',
];

/** Second names; Banjar people seldom have family names, so these are given names too. */
export const SECOND_NAMES = [
  'Rahmah',
  'Aida',
  'Hidayah',
  'Fitriani',
  'Jannah',
  'Saleha',
  'Wati',
  'Yanti',
  'Sari',
  'Aini',
  'Rahim',
  'Hakim',
  'Fadli',
  'Rizki',
  'Hadi',
  'Saputra',
  'Ramadhan',
  'Maulana',
  'Hidayat',
  'Ansyari',
  'Gazali',
  'Arsyad',
  'Noor',
  'Fahrin',
  'Hamsyah',
  'Riduan',
];

export const KIN_RELATIONSHIPS = ['suami', 'istri', 'ibu', 'ayah', 'kakak', 'adik', 'anak'];

/** A kind of job abroad that Kalsel workers take, with what the placement's terms say about it. */
export interface Opening {
  destination: 'SA' | 'MY' | 'SG';
  sector: Sector;
  employerType: EmployerType;
  scheme: PlacementScheme | null;
  jobs: readonly string[];
  cities: readonly string[];
  employers: readonly string[];
  contractMonths: number;
  /** Chance that the worker is a woman. */
  female: number;
  /** Open to procedural placements; false for the routes only traffickers and brokers use. */
  procedural: boolean;
  /** Open from this day (the SPSK channel began on 2018-10-11). */
  openFrom: string;
  weight: number;
}

/** The Saudi one-channel pilot's jobs and cities, in the words of its rule (data/placement-rules). */
const SPSK_JOBS = [
  'housekeeper',
  'family cook',
  'baby sitter',
  'elderly caretaker',
  'family driver',
  'child care worker',
];
const SPSK_CITIES = ['Jeddah', 'Madinah', 'Riyadh', 'Dammam', 'Khobar', 'Dhahran'];

export const OPENINGS: readonly Opening[] = [
  {
    destination: 'MY',
    sector: Sector.PLANTATION,
    employerType: EmployerType.LEGAL_ENTITY,
    scheme: null,
    jobs: ['Pekerja ladang kelapa sawit', 'Pemanen sawit', 'Mandor ladang'],
    cities: ['Tawau', 'Sandakan', 'Lahad Datu', 'Keningau', 'Miri', 'Bintulu'],
    employers: [
      'Ladang Sawit Tawau Sdn Bhd',
      'Kinabatangan Agro Estates Sdn Bhd',
      'Borneo Sawit Plantations Sdn Bhd',
      'Bintulu Palm Oil Sdn Bhd',
    ],
    contractMonths: 24,
    female: 0.25,
    procedural: true,
    openFrom: '2016-01-01',
    weight: 22,
  },
  {
    destination: 'MY',
    sector: Sector.DOMESTIC,
    employerType: EmployerType.INDIVIDUAL,
    scheme: null,
    jobs: ['Penata laksana rumah tangga', 'Pengasuh anak'],
    cities: ['Kuala Lumpur', 'Johor Bahru', 'Petaling Jaya', 'Kota Kinabalu'],
    employers: [
      'Keluarga Lim (Petaling Jaya)',
      'Keluarga Abdullah (Johor Bahru)',
      'Keluarga Wong (Kuala Lumpur)',
      'Keluarga Ismail (Kota Kinabalu)',
    ],
    contractMonths: 24,
    female: 0.97,
    procedural: true,
    openFrom: '2016-01-01',
    weight: 10,
  },
  {
    destination: 'MY',
    sector: Sector.CONSTRUCTION,
    employerType: EmployerType.LEGAL_ENTITY,
    scheme: null,
    jobs: ['Tukang bangunan', 'Operator alat berat'],
    cities: ['Kuala Lumpur', 'Johor Bahru', 'Kota Kinabalu'],
    employers: ['Binaan Jaya Sdn Bhd', 'Pembinaan Seri Kinabalu Sdn Bhd'],
    contractMonths: 24,
    female: 0.03,
    procedural: true,
    openFrom: '2016-01-01',
    weight: 6,
  },
  {
    destination: 'MY',
    sector: Sector.FORMAL,
    employerType: EmployerType.LEGAL_ENTITY,
    scheme: null,
    jobs: ['Operator produksi', 'Operator mesin'],
    cities: ['Penang', 'Johor Bahru', 'Shah Alam'],
    employers: ['Pulau Pinang Electronics Sdn Bhd', 'Johor Glove Manufacturing Sdn Bhd'],
    contractMonths: 24,
    female: 0.6,
    procedural: true,
    openFrom: '2016-01-01',
    weight: 6,
  },
  {
    destination: 'SA',
    sector: Sector.FORMAL,
    employerType: EmployerType.LEGAL_ENTITY,
    scheme: null,
    jobs: ['Perawat', 'Pelayan hotel', 'Juru masak hotel', 'Sopir perusahaan'],
    cities: ['Riyadh', 'Jeddah', 'Dammam', 'Madinah'],
    employers: [
      'Riyadh Care Hospital',
      'Jeddah Corniche Hotel',
      'Dammam Catering Company',
      'Madinah Hospitality Co.',
    ],
    contractMonths: 24,
    female: 0.45,
    procedural: true,
    openFrom: '2016-01-01',
    weight: 8,
  },
  {
    destination: 'SA',
    sector: Sector.DOMESTIC,
    employerType: EmployerType.LEGAL_ENTITY,
    scheme: PlacementScheme.SPSK,
    jobs: SPSK_JOBS,
    cities: SPSK_CITIES,
    employers: [
      'Syarikah Al-Amanah Recruitment',
      'Syarikah Riyadh Manpower Services',
      'Syarikah Jeddah Home Services',
    ],
    contractMonths: 24,
    female: 0.85,
    procedural: true,
    openFrom: '2018-11-01',
    weight: 8,
  },
  {
    // Kepmenaker 260/2015 bans domestic work for Saudi households: only brokers send workers this way.
    destination: 'SA',
    sector: Sector.DOMESTIC,
    employerType: EmployerType.INDIVIDUAL,
    scheme: null,
    jobs: ['Penata laksana rumah tangga', 'Pengasuh anak', 'Sopir keluarga'],
    cities: ['Riyadh', 'Jeddah', 'Mekkah', 'Madinah', 'Taif'],
    employers: [
      'Keluarga Al-Harbi (Riyadh)',
      'Keluarga Al-Ghamdi (Jeddah)',
      'Keluarga Al-Qahtani (Taif)',
      'Keluarga Al-Otaibi (Mekkah)',
    ],
    contractMonths: 24,
    female: 0.92,
    procedural: false,
    openFrom: '2016-01-01',
    weight: 0,
  },
  {
    destination: 'SG',
    sector: Sector.DOMESTIC,
    employerType: EmployerType.INDIVIDUAL,
    scheme: null,
    jobs: ['Penata laksana rumah tangga', 'Perawat lansia di rumah'],
    cities: ['Singapore'],
    employers: [
      'Keluarga Tan (Jurong West)',
      'Keluarga Lee (Tampines)',
      'Keluarga Ng (Bukit Timah)',
      'Keluarga Kumar (Woodlands)',
    ],
    contractMonths: 24,
    female: 1,
    procedural: true,
    openFrom: '2016-01-01',
    weight: 10,
  },
  {
    destination: 'SG',
    sector: Sector.CARE_WORKER,
    employerType: EmployerType.LEGAL_ENTITY,
    scheme: null,
    jobs: ['Perawat lansia', 'Asisten perawat'],
    cities: ['Singapore'],
    employers: ['Evergreen Nursing Home Pte Ltd', 'Bukit Batok Care Centre Pte Ltd'],
    contractMonths: 24,
    female: 0.9,
    procedural: true,
    openFrom: '2016-01-01',
    weight: 4,
  },
  {
    destination: 'SG',
    sector: Sector.FORMAL,
    employerType: EmployerType.LEGAL_ENTITY,
    scheme: null,
    jobs: ['Operator produksi', 'Pelayan restoran'],
    cities: ['Singapore'],
    employers: ['Tuas Precision Engineering Pte Ltd', 'Marina Dining Group Pte Ltd'],
    contractMonths: 24,
    female: 0.5,
    procedural: true,
    openFrom: '2016-01-01',
    weight: 3,
  },
];

export const DEPARTURE_PORTS = ['Bandara Syamsudin Noor, Banjarbaru', 'Bandara Soekarno-Hatta, Tangerang'];
/** Where brokers take workers across to Sabah by boat, without the checks. */
export const NUNUKAN = 'Pelabuhan Tunon Taka, Nunukan';
export const PORTS_OF_ENTRY = ['Bandara Syamsudin Noor, Banjarbaru', 'Bandara Soekarno-Hatta, Tangerang'];

export const CANCELLATION_REASONS = [
  'Pekerja mengundurkan diri sebelum berangkat',
  'Hasil pemeriksaan kesehatan tidak memenuhi syarat',
  'Job order dibatalkan oleh pemberi kerja',
  'Keluarga menarik izin',
  'Visa kerja ditolak',
];

export const WELLBEING_GOOD = [
  'Sehat, bekerja seperti biasa',
  'Baik; gaji diterima tepat waktu',
  'Baik, hanya rindu keluarga',
  'Sehat; mendapat hari libur mingguan',
  'Jam kerja panjang, selebihnya baik',
  'Baik; majikan memperlakukan dengan baik',
];

/** Signs of trafficking as a welfare contact records them, with the severity the alert rule gives them. */
export const INDICATOR_SIGHTINGS: readonly {
  indicators: TraffickingIndicator[];
  severity: AlertSeverity;
  wellbeing: string;
}[] = [
  {
    indicators: [
      TraffickingIndicator.WITHHOLDING_OF_WAGES,
      TraffickingIndicator.RETENTION_OF_IDENTITY_DOCUMENTS,
    ],
    severity: AlertSeverity.HIGH,
    wellbeing: 'Gaji tiga bulan belum dibayar; paspor ditahan majikan',
  },
  {
    indicators: [
      TraffickingIndicator.RESTRICTION_OF_MOVEMENT,
      TraffickingIndicator.RESTRICTED_COMMUNICATION,
      TraffickingIndicator.ISOLATION,
    ],
    severity: AlertSeverity.CRITICAL,
    wellbeing: 'Tidak boleh keluar rumah; telepon hanya sembunyi-sembunyi',
  },
  {
    indicators: [
      TraffickingIndicator.PHYSICAL_OR_SEXUAL_VIOLENCE,
      TraffickingIndicator.INTIMIDATION_AND_THREATS,
    ],
    severity: AlertSeverity.CRITICAL,
    wellbeing: 'Luka memar; mengaku dipukul dan diancam majikan',
  },
  {
    indicators: [
      TraffickingIndicator.DECEPTION,
      TraffickingIndicator.UNREALISTIC_JOB_PROMISE,
      TraffickingIndicator.SUSPICIOUS_RECRUITMENT,
    ],
    severity: AlertSeverity.MEDIUM,
    wellbeing: 'Pekerjaan tidak sesuai yang dijanjikan calo',
  },
  {
    indicators: [TraffickingIndicator.DEBT_BONDAGE, TraffickingIndicator.EXCESSIVE_OVERTIME],
    severity: AlertSeverity.HIGH,
    wellbeing: 'Gaji dipotong untuk utang biaya keberangkatan; kerja 16 jam sehari',
  },
];

export const REFUSAL_NOTES = [
  'Pekerja memilih berkumpul dengan keluarga tanpa pendampingan',
  'Pekerja berencana bekerja kembali dan menolak layanan',
  'Pekerja sudah bekerja di kampung halaman',
];

export const CLOSURE_OUTCOMES = [
  'Kembali ke kampung halaman, bekerja sebagai petani',
  'Membuka usaha warung makan setelah pelatihan wirausaha',
  'Bekerja kembali di dalam negeri',
  'Reintegrasi selesai; pekerja dalam keadaan baik',
];

export const DECEASED_CLOSURE =
  'Jenazah dipulangkan dan dimakamkan di kampung halaman; santunan jaminan kematian dibayarkan kepada ahli waris';

export const REFERRAL_OUTCOMES: Record<ServiceKind, string> = {
  SOCIAL_REHABILITATION: 'Rehabilitasi sosial selesai di sentra; pekerja kembali ke keluarga',
  PSYCHOSOCIAL: 'Konseling psikososial selesai; kondisi pekerja stabil',
  LEGAL_AID: 'Pendampingan hukum selesai; sisa gaji dibayarkan melalui perwakilan RI',
  ECONOMIC_EMPOWERMENT: 'Pelatihan wirausaha selesai; pekerja membuka usaha sendiri',
  SHELTER: 'Tinggal sementara di rumah perlindungan selesai',
  FAMILY_REUNIFICATION: 'Pekerja dipertemukan kembali dengan keluarga',
  MEDICAL: 'Perawatan medis selesai; pekerja pulih dan kembali ke keluarga',
};

export const DECLINED_OUTCOME = 'Pekerja tidak datang pada jadwal layanan yang disepakati';

export const RESOLUTION_NOTES = {
  nonProcedural: [
    'Keluarga dan calo sudah didatangi; kasus diteruskan ke Satgas TPPO Polda Kalsel',
    'Pekerja dihubungi melalui KBRI; dokumen sedang dilengkapi',
    'Sudah dicatat dan dipantau bersama Disnaker',
  ],
  trafficking: [
    'Ditangani KBRI; pekerja diamankan di shelter dan dipulangkan',
    'Kasus diteruskan ke Satgas TPPO; korban dalam pendampingan',
  ],
  reTrafficking: ['Rekrutmen diperiksa: P3MI berizin dan job order terverifikasi'],
  closing: [
    'Ditindaklanjuti bersama instansi terkait sebelum kasus ditutup',
    'Tidak ada tindak lanjut yang tersisa; kasus ditutup',
  ],
};
