/**
 * The national data set, one chunk of placements at a time: a pure function of the seed, the chunk's
 * number and the reference read from the database, so the chunks can be told in any order, on any
 * thread, and still give the same rows (personal details are sealed with a fresh IV each time, as
 * the real cipher does; everything else, ids included, repeats exactly).
 */
import type { PiiCipher } from '#lintas/core';
import { schedule, type CheckInPolicy } from '#lintas/placement';
import { RequirementKind, sealDocumentNumber } from '#lintas/pre-placement';
import { nikIndexOf, sealWorkerPii } from '#lintas/registry';
import { DemoRandom } from '../../apps/cli/src/seed/demo-random.js';
import {
  CANCELLATION_REASONS,
  CLOSURE_OUTCOMES,
  FEMALE_NAMES,
  INDICATOR_SIGHTINGS,
  KIN_RELATIONSHIPS,
  MALE_NAMES,
  SECOND_NAMES,
  WELLBEING_GOOD,
} from '../../apps/cli/src/seed/demo-vocabulary.js';
import { CopyBuffer, copyLine, isoDay, type Cell } from './copy-text.js';
import {
  BROKERED_DESTINATIONS,
  DEFAULT_OPENINGS,
  DESTINATION_WEIGHTS,
  INDICATOR_SHARE,
  NON_PROCEDURAL_SHARE,
  OPENINGS_BY_DESTINATION,
  OTHER_PROVINCES_WEIGHT,
  OVERDUE_SHARE,
  PROVINCE_WEIGHTS,
  SECOND_CYCLE_SHARE,
  STAGE_WEIGHTS,
  type Opening,
} from './distributions.js';
import { ChunkIds, Sampler } from './sampler.js';
import { SEED_TABLE_NAMES, type BinarySeedTable, type SeedChunk, type SeedTable } from './seed-tables.js';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

export interface SeedRegency {
  code: string;
  provinceCode: string;
  name: string;
}

export interface SeedRecruiter {
  id: string;
  destinations: string[];
  /** Licensed and in good standing: only these recruit for procedural placements. */
  active: boolean;
}

/** What the rule engine decided for a destination, sector and employer type (read once, in the main thread). */
export interface DestinationRuling {
  ruleSetVersion: string;
  decision: string;
  reason: string | null;
}

/** Everything a chunk is told from: plain data, so it crosses to a worker thread as it is. */
export interface SeedReference {
  seed: number;
  /** Milliseconds: the instant the data set is told up to (the start of a WIB day). */
  asOf: number;
  chunkPlacements: number;
  regencies: SeedRegency[];
  recruiters: SeedRecruiter[];
  /** By `destination:sector:employerType`. */
  rulings: Record<string, DestinationRuling>;
  /** The cities of the Saudi one-channel pilot (SPSK), as its placement rule lists them. */
  spskCities: string[];
  bp3miByProvince: Record<string, string>;
  embassyByCountry: Record<string, string>;
  nationalAgencyId: string;
  officer: { id: string; agencyId: string };
  partnerKeyId: string;
  policy: CheckInPolicy;
  graceDays: number;
}

/** Workers per chunk: a few placements of each chunk are a worker's second cycle. */
export function workersPerChunk(chunkPlacements: number): number {
  return chunkPlacements - Math.round(chunkPlacements * SECOND_CYCLE_SHARE);
}

/**
 * NIK district and serial digits give 99 × 9,999 numbers per regency and birth date; the seed
 * numbers its workers across that space, so no two NIKs are equal whatever regency and date are drawn.
 */
export const MAX_WORKERS = 99 * 9999;

const LINTAS_KINDS = new Set<string>([
  RequirementKind.AGE_MINIMUM,
  RequirementKind.NIK_CONSISTENT,
  RequirementKind.LICENSED_RECRUITER,
  RequirementKind.RECRUITMENT_PERMIT,
  RequirementKind.DESTINATION_OPEN,
  RequirementKind.PASSPORT_VALID,
]);
const ALL_KINDS = Object.values(RequirementKind);

/**
 * Officer-verified documents recorded with their number. The passport and work visa carry one
 * (the document-expiring sweep watches them and partners ask for them); the other papers are
 * recorded by issuer and dates only. Every sealed number costs a seal here (about 4 µs) and a
 * CHECK of the envelope in the database (about 2 µs since migration 950, 5–10 µs before): numbers
 * on all thirteen documents would add some 13 million of each to a run of 1,000,000 placements.
 */
const NUMBERED = new Set<string>([RequirementKind.PASSPORT_VALID, RequirementKind.WORK_VISA]);

const ISSUERS: Partial<Record<string, string>> = {
  [RequirementKind.MARITAL_STATUS]: 'Pemerintah desa',
  [RequirementKind.FAMILY_CONSENT]: 'Kepala desa',
  [RequirementKind.MEDICAL_FIT]: 'Sarana Kesehatan PMI',
  [RequirementKind.PSYCHOLOGICAL_FIT]: 'Biro Psikologi',
  [RequirementKind.COMPETENCY_CERTIFICATE]: 'Lembaga Sertifikasi Profesi',
  [RequirementKind.WORK_AGREEMENT]: 'Pemberi kerja',
  [RequirementKind.PLACEMENT_AGREEMENT]: 'P3MI',
  [RequirementKind.JOB_ORDER_VERIFIED]: 'Atase Ketenagakerjaan',
  [RequirementKind.WORK_VISA]: 'Perwakilan negara tujuan',
  [RequirementKind.SOCIAL_SECURITY]: 'BPJS Ketenagakerjaan',
  [RequirementKind.PRE_DEPARTURE_ORIENTATION]: 'BP3MI',
  [RequirementKind.EPMI_CARD]: 'KP2MI',
  [RequirementKind.PASSPORT_VALID]: 'Kantor Imigrasi',
};

const DEPARTURE_PORTS = [
  'Bandara Soekarno-Hatta, Tangerang',
  'Bandara Juanda, Sidoarjo',
  'Bandara Zainuddin Abdul Madjid, Lombok',
  'Bandara Ngurah Rai, Bali',
  'Bandara Kualanamu, Deli Serdang',
  'Pelabuhan Tunon Taka, Nunukan',
];

const CITIES: Readonly<Record<string, string>> = {
  HK: 'Hong Kong',
  TW: 'Taipei',
  MY: 'Kuala Lumpur',
  SG: 'Singapore',
  KR: 'Ansan',
  JP: 'Osaka',
  SA: 'Riyadh',
  AE: 'Dubai',
  BN: 'Bandar Seri Begawan',
  QA: 'Doha',
  KW: 'Kuwait City',
  PL: 'Warsaw',
  IT: 'Milan',
  TR: 'Istanbul',
  DE: 'Berlin',
};

const CONTRACT_MONTHS: Readonly<Record<string, number>> = { KR: 36, JP: 36 };

interface Draws {
  regency: Sampler<SeedRegency>;
  destination: Sampler<string>;
  brokered: Sampler<string>;
  stage: Sampler<string>;
  openings: Map<string, Sampler<Opening>>;
  recruitersByDestination: Map<string, SeedRecruiter[]>;
}

const drawsBySeed = new WeakMap<SeedReference, Draws>();

/** The samplers of a reference, built once per thread. */
function drawsOf(reference: SeedReference): Draws {
  const known = drawsBySeed.get(reference);
  if (known) return known;
  const named = new Map(PROVINCE_WEIGHTS);
  const provinces = new Map<string, SeedRegency[]>();
  for (const regency of reference.regencies) {
    provinces.set(regency.provinceCode, [...(provinces.get(regency.provinceCode) ?? []), regency]);
  }
  const others = [...provinces.keys()].filter((code) => !named.has(code)).length;
  const regencyWeights: [SeedRegency, number][] = [];
  for (const [province, regencies] of provinces) {
    const provinceWeight = named.get(province) ?? OTHER_PROVINCES_WEIGHT / Math.max(others, 1);
    // A regency's share of its province: its own draw, as the demo's regencies have (some send many more).
    const shares = regencies.map(
      (regency) => 0.3 + DemoRandom.of(reference.seed, `regency:${regency.code}`).next(),
    );
    const total = shares.reduce((sum, share) => sum + share, 0);
    regencies.forEach((regency, index) =>
      regencyWeights.push([regency, (provinceWeight * (shares[index] ?? 0)) / total]),
    );
  }
  const recruitersByDestination = new Map<string, SeedRecruiter[]>();
  for (const recruiter of reference.recruiters) {
    for (const destination of recruiter.destinations) {
      recruitersByDestination.set(destination, [
        ...(recruitersByDestination.get(destination) ?? []),
        recruiter,
      ]);
    }
  }
  const draws: Draws = {
    regency: new Sampler(regencyWeights),
    destination: new Sampler(DESTINATION_WEIGHTS),
    brokered: new Sampler(BROKERED_DESTINATIONS),
    stage: new Sampler(STAGE_WEIGHTS),
    openings: new Map(
      DESTINATION_WEIGHTS.map(([destination]) => [
        destination,
        new Sampler(OPENINGS_BY_DESTINATION[destination] ?? DEFAULT_OPENINGS),
      ]),
    ),
    recruitersByDestination,
  };
  drawsBySeed.set(reference, draws);
  return draws;
}

/** The bytes of a table's last chunk in this thread: the next chunk's buffer starts about that size. */
const lastBytes = new Map<SeedTable, number>();

/** Rows of one chunk, table by table, as COPY data. */
class ChunkRows {
  private readonly tables: Record<SeedTable, CopyBuffer>;

  constructor() {
    this.tables = Object.fromEntries(
      SEED_TABLE_NAMES.map((table) => [
        table,
        new CopyBuffer(Math.max(65_536, Math.ceil(1.1 * (lastBytes.get(table) ?? 0)))),
      ]),
    ) as Record<SeedTable, CopyBuffer>;
  }

  add(table: SeedTable, cells: readonly Cell[]): void {
    this.tables[table].push(copyLine(cells));
  }

  /** The buffer of a table copied in binary, to write a row's fields into. */
  binary(table: BinarySeedTable): CopyBuffer {
    return this.tables[table];
  }

  bytes(): SeedChunk {
    return Object.fromEntries(
      SEED_TABLE_NAMES.map((table) => {
        lastBytes.set(table, this.tables[table].length);
        return [table, this.tables[table].take()];
      }),
    ) as SeedChunk;
  }
}

/** What every placement story of a chunk shares. */
interface ChunkTeller {
  reference: SeedReference;
  draws: Draws;
  rng: DemoRandom;
  rows: ChunkRows;
  cipher: PiiCipher;
  ids: ChunkIds;
}

interface SeedWorker {
  id: string;
  regency: SeedRegency;
  sex: 'FEMALE' | 'MALE';
  dateOfBirth: string;
  nik: string;
  createdAt: Date;
  passportNumber: string | null;
}

/** `PP KK DD DDMMYY SSSS`: regency, district, birth date (40 added to a woman's day), serial. */
function nikOf(
  regencyCode: string,
  workerNumber: number,
  dateOfBirth: string,
  sex: 'FEMALE' | 'MALE',
): string {
  if (workerNumber >= MAX_WORKERS) throw new Error(`the seed numbers at most ${MAX_WORKERS} workers`);
  const district = 1 + Math.floor(workerNumber / 9999);
  const serial = 1 + (workerNumber % 9999);
  const [year = '', month = '', day = ''] = dateOfBirth.split('-');
  const encodedDay = Number(day) + (sex === 'FEMALE' ? 40 : 0);
  return `${regencyCode}${String(district).padStart(2, '0')}${String(encodedDay).padStart(2, '0')}${month}${year.slice(2)}${String(serial).padStart(4, '0')}`;
}

/** A mobile number in 0840–0849, a block no Indonesian operator holds (as the demo's). */
const fictionalPhone = (rng: DemoRandom): string => `+6284${rng.int(0, 9)}${rng.digits(8)}`;

const nameOf = (rng: DemoRandom, sex: 'FEMALE' | 'MALE'): string =>
  `${rng.pick(sex === 'FEMALE' ? FEMALE_NAMES : MALE_NAMES)} ${rng.pick(SECOND_NAMES)}`;

/**
 * One chunk: `chunkPlacements` placements, most with a worker of their own, a few the second cycle
 * of a worker whose first (closed) cycle is in the same chunk.
 */
export function generateChunk(
  reference: SeedReference,
  chunk: number,
  count: number,
  cipher: PiiCipher,
): SeedChunk {
  const draws = drawsOf(reference);
  const rng = DemoRandom.of(reference.seed, `chunk:${chunk}`);
  const rows = new ChunkRows();
  const ids = new ChunkIds(reference.seed, chunk);
  const teller: ChunkTeller = { reference, draws, rng, rows, cipher, ids };
  const workers = workersPerChunk(reference.chunkPlacements);
  const seconds = count - Math.min(count, workers);
  const firstWorker = chunk * workers;
  const cycles = count - seconds;
  for (let index = 0; index < cycles; index += 1) {
    const opening = drawOpening(draws, rng);
    const worker = drawWorker(teller, firstWorker + index, opening.opening);
    const returning = index < seconds;
    if (returning) {
      // The first cycle closed before the second began: only one open placement per worker.
      const second = new PlacementStory(teller, worker, drawOpening(draws, rng), null);
      const registeredAt = second.tell();
      new PlacementStory(teller, worker, opening, registeredAt - rng.int(30, 400) * DAY).tell();
    } else {
      new PlacementStory(teller, worker, opening, null).tell();
    }
    writeWorker(rows, rng, cipher, worker);
  }
  return rows.bytes();
}

interface DrawnOpening {
  destination: string;
  opening: Opening;
  procedural: boolean;
}

function drawOpening(draws: Draws, rng: DemoRandom): DrawnOpening {
  if (rng.chance(NON_PROCEDURAL_SHARE)) {
    const destination = draws.brokered.draw(rng);
    return {
      destination,
      opening: {
        sector: 'DOMESTIC',
        employerType: 'INDIVIDUAL',
        scheme: null,
        jobs: ['Penata laksana rumah tangga'],
        female: 0.9,
      },
      procedural: false,
    };
  }
  const destination = draws.destination.draw(rng);
  const openings = draws.openings.get(destination);
  if (!openings) throw new Error(`no openings for ${destination}`);
  return { destination, opening: openings.draw(rng), procedural: true };
}

function drawWorker(
  { reference, draws, rng, ids }: ChunkTeller,
  workerNumber: number,
  opening: Opening,
): SeedWorker {
  const regency = draws.regency.draw(rng);
  const sex = rng.chance(opening.female) ? 'FEMALE' : 'MALE';
  const ageDays = Math.floor(rng.between(21, 48) * 365.25);
  const dateOfBirth = isoDay(reference.asOf - ageDays * DAY);
  return {
    id: ids.next(),
    regency,
    sex,
    dateOfBirth,
    nik: nikOf(regency.code, workerNumber, dateOfBirth, sex),
    createdAt: new Date(reference.asOf),
    passportNumber: null,
  };
}

function writeWorker(rows: ChunkRows, rng: DemoRandom, cipher: PiiCipher, worker: SeedWorker): void {
  const fullName = nameOf(rng, worker.sex);
  const kinSex = rng.chance(0.5) ? 'FEMALE' : 'MALE';
  const sealed = sealWorkerPii(cipher, {
    nik: worker.nik,
    phone: fictionalPhone(rng),
    passportNumber: worker.passportNumber,
    nextOfKin: {
      name: nameOf(rng, kinSex),
      relationship: rng.pick(KIN_RELATIONSHIPS),
      phone: fictionalPhone(rng),
    },
  });
  rows.add('worker', [
    worker.id,
    fullName,
    worker.sex,
    worker.dateOfBirth,
    worker.regency.provinceCode,
    worker.regency.code,
    worker.createdAt,
    worker.createdAt,
    1,
    false,
    sealed.nikCiphertext,
    sealed.nikIndex ?? nikIndexOf(cipher, worker.nik),
    sealed.phoneCiphertext,
    sealed.passportNumberCiphertext,
    sealed.nextOfKinCiphertext,
  ]);
}

interface Moments {
  registeredAt: number;
  plannedDepartureAt: number;
  clearedAt: number | null;
  departedAt: number | null;
  arrivedAt: number | null;
  leftAbroadAt: number | null;
  returnedAt: number | null;
  closedAt: number | null;
  cancelledAt: number | null;
  statusAt: number | null;
  referredAt: number | null;
  repatriationAt: number | null;
}

/** One placement's cycle, from registration to where it stands today, with what each step wrote. */
class PlacementStory {
  private readonly id: string;
  private readonly stage: string;
  private readonly contractDays: number;
  private version = 1;
  private updatedAt = 0;
  private lastContact: number | null = null;
  private indicatorsAt: number | null = null;

  private readonly reference: SeedReference;
  private readonly draws: Draws;
  private readonly rng: DemoRandom;
  private readonly rows: ChunkRows;

  constructor(
    private readonly teller: ChunkTeller,
    private readonly worker: SeedWorker,
    private readonly drawn: DrawnOpening,
    /** Set for a first cycle that must have closed by then. */
    private readonly closedBy: number | null,
  ) {
    ({ reference: this.reference, draws: this.draws, rng: this.rng, rows: this.rows } = teller);
    const { draws, rng } = teller;
    this.id = teller.ids.next();
    const stage = closedBy === null ? draws.stage.draw(rng) : 'CLOSED';
    // A broker's placement is found abroad or after: it never waits at REGISTERED or CLEARED.
    this.stage =
      !drawn.procedural && ['REGISTERED', 'CLEARED', 'CANCELLED'].includes(stage) ? 'DEPARTED' : stage;
    this.contractDays = Math.round((CONTRACT_MONTHS[drawn.destination] ?? 24) * 30.44);
  }

  /** Writes the placement and everything it implies; returns when it was registered. */
  tell(): number {
    const moments = this.moments();
    this.updatedAt = moments.registeredAt;
    if (moments.registeredAt < this.worker.createdAt.getTime())
      this.worker.createdAt = new Date(moments.registeredAt);
    this.writeRequirementsAndEvents(moments);
    this.writeAbroad(moments);
    this.writeHome(moments);
    this.writePlacement(moments);
    return moments.registeredAt;
  }

  private days(min: number, max: number): number {
    return this.rng.between(min, max) * DAY;
  }

  /** The dates of the cycle, drawn backwards from the one that puts it at its stage today. */
  private moments(): Moments {
    const now = this.reference.asOf;
    const abroadFor = (arrivedAt: number): Moments => {
      const departedAt = arrivedAt - this.rng.between(10, 30) * HOUR;
      const planned = departedAt - this.days(0, 2);
      const clearedAt = this.drawn.procedural ? planned - this.days(3, 10) : null;
      const registeredAt = (clearedAt ?? departedAt) - this.days(30, 90);
      return {
        registeredAt,
        plannedDepartureAt: planned,
        clearedAt,
        departedAt,
        arrivedAt,
        leftAbroadAt: null,
        returnedAt: null,
        closedAt: null,
        cancelledAt: null,
        statusAt: null,
        referredAt: null,
        repatriationAt: null,
      };
    };
    const homeBy = (returnedAt: number): Moments => ({
      ...abroadFor(returnedAt - this.contractDays * DAY + this.days(-20, 20)),
      leftAbroadAt: returnedAt - this.rng.between(10, 30) * HOUR,
      returnedAt,
    });
    switch (this.stage) {
      case 'REGISTERED': {
        const registeredAt = now - this.days(0.2, 60);
        return this.unstarted(registeredAt, registeredAt + this.days(45, 120));
      }
      case 'CLEARED': {
        const clearedAt = now - this.days(0.1, 9);
        return {
          ...this.unstarted(clearedAt - this.days(30, 90), now + this.days(1, 14)),
          clearedAt,
        };
      }
      case 'CANCELLED': {
        const registeredAt = now - this.days(10, 1200);
        return {
          ...this.unstarted(registeredAt, registeredAt + this.days(60, 120)),
          cancelledAt: registeredAt + this.days(5, 50),
        };
      }
      case 'DEPARTED':
        return this.drawn.procedural
          ? { ...abroadFor(now + HOUR), arrivedAt: null }
          : { ...abroadFor(now - this.days(2, 400)), arrivedAt: null };
      case 'PLACED':
        return abroadFor(now - this.days(2, this.contractDays - 10));
      case 'REPATRIATING':
        return { ...abroadFor(now - this.days(60, 700)), repatriationAt: now - this.days(1, 30) };
      case 'MISSING':
      case 'DECEASED': {
        const arrivedAt = now - this.days(60, 900);
        const statusAt = arrivedAt + this.rng.between(0.1, 0.95) * (now - arrivedAt);
        return { ...abroadFor(arrivedAt), statusAt, leftAbroadAt: statusAt };
      }
      case 'RETURNED':
        return homeBy(now - this.days(1, 500));
      case 'REINTEGRATING': {
        const moments = homeBy(now - this.days(15, 365));
        return { ...moments, referredAt: (moments.returnedAt ?? now) + this.days(3, 14) };
      }
      default: {
        const closedAt = this.closedBy ?? now - this.days(1, 1200);
        const moments = homeBy(closedAt - this.days(30, 300));
        return { ...moments, closedAt };
      }
    }
  }

  private unstarted(registeredAt: number, plannedDepartureAt: number): Moments {
    return {
      registeredAt,
      plannedDepartureAt,
      clearedAt: null,
      departedAt: null,
      arrivedAt: null,
      leftAbroadAt: null,
      returnedAt: null,
      closedAt: null,
      cancelledAt: null,
      statusAt: null,
      referredAt: null,
      repatriationAt: null,
    };
  }

  private ruling(): DestinationRuling {
    const { destination, opening } = this.drawn;
    return (
      this.reference.rulings[`${destination}:${opening.sector}:${opening.employerType}`] ?? {
        ruleSetVersion: '1:unknown',
        decision: 'OPEN',
        reason: null,
      }
    );
  }

  private event(
    at: number,
    type: string,
    from: string | null,
    to: string,
    actor: 'officer' | 'partner',
    detail: object,
  ): void {
    const [actorType, actorId] =
      actor === 'officer' ? ['user', this.reference.officer.id] : ['api-key', this.reference.partnerKeyId];
    this.rows.add('placement_event', [
      this.id,
      type,
      from,
      to,
      actorType,
      actorId,
      JSON.stringify(detail),
      new Date(at),
    ]);
    if (at > this.updatedAt) this.updatedAt = at;
    this.version += 1;
  }

  /**
   * The checklist as registration wrote it and the officer completed it, and the lifecycle events
   * of the timeline: registered, clear, depart, arrive, the partner's statuses, repatriation,
   * return, referral, close or cancel. Welfare contacts are in their own table, not repeated here.
   */
  private writeRequirementsAndEvents(moments: Moments): void {
    const procedural = this.drawn.procedural;
    const ruling = this.ruling();
    const recordedUntil =
      moments.clearedAt ?? moments.cancelledAt ?? moments.departedAt ?? this.reference.asOf;
    const complete = moments.clearedAt !== null;
    // A broker's worker brings a passport and little else; a registration in progress has half its papers.
    const recordedShare = complete ? 1 : procedural ? this.rng.between(0, 0.9) : this.rng.between(0, 0.3);
    const contractEnd = (moments.arrivedAt ?? moments.plannedDepartureAt) + this.contractDays * DAY;
    this.event(moments.registeredAt, 'registered', null, 'REGISTERED', 'officer', {
      procedural: false,
      destinationDecision: ruling.decision,
      ruleSetVersion: ruling.ruleSetVersion,
    });
    this.version = 1;
    let officerKinds = 0;
    const checklistUpdatedAt = moments.clearedAt ?? moments.registeredAt;
    for (const kind of ALL_KINDS) {
      const lintas = LINTAS_KINDS.has(kind) && kind !== RequirementKind.PASSPORT_VALID;
      const recorded =
        !lintas && (complete || this.rng.next() < recordedShare || kind === RequirementKind.PASSPORT_VALID);
      const recordedAt = recorded
        ? moments.registeredAt + ((officerKinds += 1) / 14) * (recordedUntil - moments.registeredAt)
        : null;
      const [status, reason] = lintas
        ? this.lintasDecision(kind, ruling)
        : recorded
          ? ['SATISFIED', null]
          : ['PENDING', 'not yet verified'];
      const issuedOn = recordedAt === null ? null : recordedAt - this.days(1, 20);
      const expiresOn =
        recordedAt === null
          ? null
          : kind === RequirementKind.PASSPORT_VALID
            ? (issuedOn ?? 0) + 5 * 365 * DAY
            : kind === RequirementKind.WORK_VISA
              ? contractEnd + 90 * DAY
              : kind === RequirementKind.MEDICAL_FIT
                ? moments.plannedDepartureAt + 60 * DAY
                : null;
      let documentNumber: string | null = null;
      if (recordedAt !== null && NUMBERED.has(kind)) {
        documentNumber =
          kind === RequirementKind.PASSPORT_VALID
            ? `C${this.rng.digits(7)}`
            : `VISA/${this.rng.digits(6)}/${isoDay(recordedAt).slice(0, 4)}`;
        if (kind === RequirementKind.PASSPORT_VALID) this.worker.passportNumber = documentNumber;
      }
      // The largest table by far (18 rows a placement), copied in binary: PostgreSQL parses no
      // uuid, date or timestamp text, half of what each row cost it.
      this.rows
        .binary('requirement')
        .row(15)
        .uuid(this.teller.ids.next())
        .uuid(this.id)
        .text(kind)
        .text(status)
        .text(reason)
        .text(lintas ? 'LINTAS' : 'OFFICER')
        .text(recorded ? 'SATISFIED' : null)
        .text(recorded ? (ISSUERS[kind] ?? null) : null)
        .date(issuedOn)
        .date(expiresOn)
        .text(null)
        .text(recorded ? this.reference.officer.id : null)
        .timestamp(recordedAt)
        .timestamp(recordedAt === null ? checklistUpdatedAt : Math.max(recordedAt, moments.clearedAt ?? 0))
        .text(documentNumber === null ? null : this.sealDocument(documentNumber));
      if (recordedAt !== null) this.version += 1;
    }
    this.writeStageEvents(moments);
  }

  /** Sealed in the thread that tells the chunk (the cipher is the real one). */
  private sealDocument(documentNumber: string): string {
    return sealDocumentNumber(this.teller.cipher, documentNumber);
  }

  private lintasDecision(kind: RequirementKind, ruling: DestinationRuling): [string, string | null] {
    if (kind === RequirementKind.DESTINATION_OPEN) {
      return ruling.decision === 'BANNED' ? ['FAILED', ruling.reason] : ['SATISFIED', ruling.reason];
    }
    if (
      !this.drawn.procedural &&
      (kind === RequirementKind.LICENSED_RECRUITER || kind === RequirementKind.RECRUITMENT_PERMIT)
    ) {
      return ['FAILED', 'no recruiter (P3MI) and no government-to-government scheme'];
    }
    if (
      this.drawn.opening.scheme === 'G_TO_G' &&
      kind !== RequirementKind.AGE_MINIMUM &&
      kind !== RequirementKind.NIK_CONSISTENT
    ) {
      return ['SATISFIED', 'government-to-government scheme'];
    }
    return ['SATISFIED', null];
  }

  private writeStageEvents(moments: Moments): void {
    const ruleSetVersion = this.ruling().ruleSetVersion;
    const decision = { procedural: this.drawn.procedural, reasons: this.proceduralReasons(), ruleSetVersion };
    if (moments.cancelledAt !== null) {
      this.event(moments.cancelledAt, 'cancel', 'REGISTERED', 'CANCELLED', 'officer', {
        reason: this.rng.pick(CANCELLATION_REASONS),
      });
      return;
    }
    if (moments.clearedAt !== null)
      this.event(moments.clearedAt, 'clear', 'REGISTERED', 'CLEARED', 'officer', decision);
    if (moments.departedAt === null || moments.departedAt > this.reference.asOf) return;
    this.event(
      moments.departedAt,
      'depart',
      moments.clearedAt === null ? 'REGISTERED' : 'CLEARED',
      'DEPARTED',
      'officer',
      decision,
    );
    if (moments.arrivedAt === null) return;
    this.event(moments.arrivedAt, 'arrive', 'DEPARTED', 'PLACED', 'partner', { neverDeparted: false });
    if (moments.statusAt !== null) {
      this.event(moments.statusAt, `status.${this.stage}`, 'PLACED', this.stage, 'partner', {
        effectiveAt: new Date(moments.statusAt),
      });
    }
  }

  private proceduralReasons(): string[] {
    if (this.drawn.procedural) return [];
    const reasons = ['departed without clearance for departure'];
    if (this.ruling().decision === 'BANNED')
      reasons.push(`DESTINATION_OPEN: ${this.ruling().reason ?? 'banned'}`);
    reasons.push('LICENSED_RECRUITER: no recruiter (P3MI) and no government-to-government scheme');
    return reasons;
  }

  /**
   * Welfare contacts every few weeks while abroad, over the last five months of the stay (the
   * months the national register has recorded them): a few per placement, tens of millions at
   * national scale. One in a hundred PLACED workers has gone quiet past the check-in grace.
   */
  private writeAbroad(moments: Moments): void {
    if (moments.arrivedAt === null || moments.arrivedAt > this.reference.asOf) return;
    const now = this.reference.asOf;
    const until = moments.leftAbroadAt ?? now;
    const overdue = this.stage === 'PLACED' && this.rng.chance(OVERDUE_SHARE);
    const quietSince = overdue
      ? now - (this.reference.policy.cadenceDays + this.reference.graceDays + this.rng.int(1, 90)) * DAY
      : until;
    const from = Math.max(
      moments.arrivedAt + this.reference.policy.firstContactAfterArrivalDays * DAY,
      until - 150 * DAY,
    );
    const indicators = this.rng.chance(INDICATOR_SHARE / 0.6);
    // A HIGH-risk placement (a household job reached without the checks, or indicators seen) is
    // called every two weeks, the others monthly; each call comes before the last one falls due.
    const { cadenceDays, highRiskCadenceDays } = this.reference.policy;
    const highRisk = indicators || (!this.drawn.procedural && this.drawn.opening.sector === 'DOMESTIC');
    const cadence = highRisk ? highRiskCadenceDays : cadenceDays;
    const end = Math.min(until, quietSince) - DAY;
    let at = from - this.days(0, cadence / 3);
    let contactNumber = 0;
    while (at < end) {
      contactNumber += 1;
      const next = at + this.days(cadence * 0.5, cadence * 0.9);
      // An unanswered call is followed by another before the due date: the last one reached the worker.
      const reached = next >= end || this.rng.chance(0.9);
      const sighting = indicators && contactNumber === 2 ? this.rng.pick(INDICATOR_SIGHTINGS) : null;
      this.rows.add('welfare_contact', [
        this.teller.ids.next(),
        this.id,
        new Date(at),
        reached ? this.rng.pick(['WHATSAPP', 'PHONE', 'VIDEO', 'VISIT', 'FAMILY']) : 'PHONE',
        reached,
        reached ? (CITIES[this.drawn.destination] ?? null) : null,
        reached ? (sighting?.wellbeing ?? this.rng.pick(WELLBEING_GOOD)) : null,
        sighting?.indicators ?? [],
        reached ? null : 'Tidak tersambung',
        'api-key',
        this.reference.partnerKeyId,
        new Date(Math.min(at + this.rng.int(5, 240) * 60_000, now - 1000)),
      ]);
      if (reached) this.lastContact = at;
      if (sighting) {
        this.indicatorsAt = at;
        this.alert(
          'TRAFFICKING_INDICATORS',
          sighting.severity,
          at,
          `Trafficking indicators recorded: ${sighting.indicators.join(', ')}.`,
        );
      }
      at = next;
    }
    if (!this.drawn.procedural && moments.departedAt !== null) {
      this.alert(
        'NON_PROCEDURAL_DEPARTURE',
        'HIGH',
        moments.departedAt,
        'Non-procedural departure: departed without clearance for departure.',
      );
    }
    if (this.rng.chance(0.6)) {
      const reportedAt = moments.arrivedAt + this.days(2, 20);
      if (reportedAt < until) {
        this.rows.add('partner_status_report', [
          this.teller.ids.next(),
          this.id,
          'WORKING',
          new Date(reportedAt),
          null,
          'api-key',
          this.reference.partnerKeyId,
          new Date(reportedAt + HOUR),
        ]);
      }
    }
    if (moments.statusAt !== null) {
      this.rows.add('partner_status_report', [
        this.teller.ids.next(),
        this.id,
        this.stage,
        new Date(moments.statusAt),
        null,
        'api-key',
        this.reference.partnerKeyId,
        new Date(moments.statusAt + HOUR),
      ]);
    }
  }

  /** An alert with its recipients (BP3MI of origin, the mission abroad) and their e-mail deliveries. */
  private alert(kind: string, severity: string, raisedAt: number, reason: string): void {
    const id = this.teller.ids.next();
    const open =
      this.reference.asOf - raisedAt < 30 * DAY &&
      ['PLACED', 'DEPARTED', 'REPATRIATING'].includes(this.stage);
    const resolvedAt = open ? null : raisedAt + this.days(1, 25);
    this.rows.add('alert', [
      id,
      kind,
      severity,
      open ? 'OPEN' : 'RESOLVED',
      this.id,
      `${kind}:${this.id}`,
      reason,
      new Date(raisedAt),
      resolvedAt === null ? null : new Date(resolvedAt),
      resolvedAt === null ? null : 'Ditindaklanjuti bersama instansi terkait',
      new Date(raisedAt),
      new Date(resolvedAt ?? raisedAt),
      resolvedAt === null ? 1 : 2,
    ]);
    const recipients: [string | undefined, string][] = [
      [this.reference.bp3miByProvince[this.worker.regency.provinceCode], 'origin province'],
      [this.reference.embassyByCountry[this.drawn.destination], 'destination country'],
    ];
    for (const [agencyId, why] of recipients) {
      if (!agencyId) continue;
      this.rows.add('alert_recipient', [id, agencyId, why, new Date(raisedAt)]);
      this.rows.add('alert_delivery', [
        this.teller.ids.next(),
        id,
        agencyId,
        'EMAIL',
        `alerts+${agencyId.slice(0, 8)}@bench.lintas.invalid`,
        severity,
        'DELIVERED',
        1,
        new Date(raisedAt + 2000),
        new Date(raisedAt),
      ]);
    }
  }

  /** Repatriation, return, referral and closure, as the stage needs them. */
  private writeHome(moments: Moments): void {
    const repatriated =
      moments.repatriationAt !== null || (moments.returnedAt !== null && this.rng.chance(0.08));
    let repatriationId: string | null = null;
    if (repatriated) {
      repatriationId = this.teller.ids.next();
      const requestedAt = moments.repatriationAt ?? (moments.returnedAt ?? 0) - this.days(5, 40);
      const done = moments.returnedAt !== null;
      this.rows.add('repatriation', [
        repatriationId,
        this.id,
        done ? 'COMPLETED' : 'REQUESTED',
        this.rng.pick(['EARLY_TERMINATION', 'ABUSE', 'WORK_ACCIDENT_OR_ILLNESS', 'UNPAID_WAGES']),
        ['FLIGHT'],
        this.reference.embassyByCountry[this.drawn.destination] ?? this.reference.nationalAgencyId,
        'api-key',
        this.reference.partnerKeyId,
        new Date(requestedAt),
        done ? new Date(moments.returnedAt ?? requestedAt) : null,
        new Date(requestedAt),
        new Date(moments.returnedAt ?? requestedAt),
        done ? 2 : 1,
      ]);
      this.event(requestedAt, 'repatriation.requested', 'PLACED', 'REPATRIATING', 'partner', {
        repatriationId,
        reason: 'requested by the mission',
      });
    }
    if (moments.returnedAt === null) return;
    this.rows.add('placement_return', [
      this.id,
      repatriated ? 'REPATRIATED' : 'ORDINARY',
      new Date(moments.returnedAt),
      'Bandara Soekarno-Hatta, Tangerang',
      'HEALTHY',
      false,
      false,
      repatriationId,
      'user',
      this.reference.officer.id,
      new Date(moments.returnedAt + HOUR),
    ]);
    this.event(moments.returnedAt, 'return', repatriated ? 'REPATRIATING' : 'PLACED', 'RETURNED', 'officer', {
      kind: repatriated ? 'REPATRIATED' : 'ORDINARY',
      repatriationId,
    });
    if (moments.referredAt !== null) {
      const bp3mi =
        this.reference.bp3miByProvince[this.worker.regency.provinceCode] ?? this.reference.nationalAgencyId;
      this.rows.add('referral', [
        this.teller.ids.next(),
        this.id,
        'ECONOMIC_EMPOWERMENT',
        bp3mi,
        bp3mi,
        'REFERRED',
        true,
        'user',
        this.reference.officer.id,
        new Date(moments.referredAt),
        new Date(moments.referredAt),
        new Date(moments.referredAt),
        1,
      ]);
      this.event(moments.referredAt, 'referral.referred', 'RETURNED', 'REINTEGRATING', 'officer', {
        service: 'ECONOMIC_EMPOWERMENT',
        agencyId: bp3mi,
      });
    }
    if (moments.closedAt !== null) this.event(moments.closedAt, 'close', 'RETURNED', 'CLOSED', 'officer', {});
  }

  private writePlacement(moments: Moments): void {
    const { destination, opening } = this.drawn;
    const now = this.reference.asOf;
    const departed = moments.departedAt !== null && moments.departedAt <= now;
    const abroad = ['DEPARTED', 'PLACED', 'REPATRIATING'].includes(this.stage);
    const contractStart = moments.arrivedAt ?? moments.plannedDepartureAt + DAY;
    const recruiters =
      this.draws.recruitersByDestination.get(destination)?.filter((recruiter) => recruiter.active) ?? [];
    const recruiter =
      this.drawn.procedural && opening.scheme !== 'G_TO_G' && recruiters.length > 0
        ? this.rng.pick(recruiters)
        : null;
    const spsk = opening.scheme === 'SPSK';
    const city = spsk ? this.rng.pick(this.reference.spskCities) : (CITIES[destination] ?? null);
    const victim = this.indicatorsAt !== null;
    const plan = abroad
      ? schedule(
          {
            domestic: opening.sector === 'DOMESTIC',
            procedural: this.drawn.procedural,
            departedAt: moments.departedAt === null ? null : new Date(moments.departedAt),
            arrivedAt:
              moments.arrivedAt === null || moments.arrivedAt > now ? null : new Date(moments.arrivedAt),
            lastReachedContactAt: this.lastContact === null ? null : new Date(this.lastContact),
            partnerStatus: null,
            indicatorsSeenAt: this.indicatorsAt === null ? [] : [new Date(this.indicatorsAt)],
            currentDueAt: null,
            now: new Date(now),
          },
          this.reference.policy,
        )
      : null;
    this.rows.add('placement', [
      this.id,
      this.worker.id,
      this.worker.regency.provinceCode,
      this.worker.regency.code,
      destination,
      city,
      opening.sector,
      opening.employerType,
      opening.employerType === 'INDIVIDUAL'
        ? `Keluarga ${this.rng.pick(SECOND_NAMES)}`
        : `${this.rng.pick(SECOND_NAMES)} Co. Ltd`,
      this.rng.pick(opening.jobs),
      recruiter?.id ?? null,
      opening.scheme,
      this.drawn.procedural ? 'WORK' : 'VISIT',
      isoDay(contractStart),
      isoDay(contractStart + this.contractDays * DAY),
      new Date(moments.plannedDepartureAt),
      departed ? new Date(moments.departedAt ?? 0) : null,
      departed ? this.rng.pick(DEPARTURE_PORTS) : null,
      this.stage,
      this.drawn.procedural,
      this.proceduralReasons(),
      this.ruling().ruleSetVersion,
      false,
      victim,
      moments.cancelledAt === null ? null : 'Pekerja mengundurkan diri sebelum berangkat',
      new Date(moments.registeredAt),
      new Date(Math.min(this.updatedAt, now - 1000)),
      this.version,
      moments.arrivedAt === null || moments.arrivedAt > now ? null : new Date(moments.arrivedAt),
      moments.statusAt === null ? null : this.stage,
      moments.statusAt === null ? null : new Date(moments.statusAt),
      this.lastContact === null ? null : new Date(this.lastContact),
      plan?.nextCheckInDueAt ?? null,
      plan?.risk.level ?? null,
      plan?.risk.reasons ?? [],
      moments.returnedAt === null ? null : new Date(moments.returnedAt),
      moments.closedAt === null ? null : new Date(moments.closedAt),
      moments.closedAt === null ? null : this.rng.pick(CLOSURE_OUTCOMES),
    ]);
  }
}
