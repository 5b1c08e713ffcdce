import type { CheckInPolicy } from '#lintas/placement';
import { PlacementScheme, PlacementStage, Sector, type PlacementRule } from '#lintas/pre-placement';
import type { SealedWorkerPii, WorkerPii } from '#lintas/registry';
import { castDemo, type DemoCast, type DemoRecruiter, type Regency } from './demo-cast.js';
import { demoId, DemoRandom } from './demo-random.js';
import {
  PlacementStory,
  type DemoWorker,
  type Fate,
  type PlacementPlan,
  type StoryWorld,
} from './demo-story.js';
import { emptyTables, type DemoRow, type DemoTables } from './demo-tables.js';
import { DAY, startOfWibDay } from './demo-time.js';
import {
  FEMALE_NAMES,
  KIN_RELATIONSHIPS,
  MALE_NAMES,
  OPENINGS,
  SECOND_NAMES,
  type Opening,
} from './demo-vocabulary.js';

/** What the data set is made from: the seed, today, and reference data read from the database. */
export interface DemoReference {
  seed: number;
  /** Any instant of the day the data set is made: it is told up to the start of that WIB day. */
  now: Date;
  /** The regencies and cities of South Kalimantan, as the migrations loaded them. */
  regencies: Regency[];
  /** The placement rules of the demo's destinations, ordered by id (as the engine reads them). */
  rules: PlacementRule[];
  policy: CheckInPolicy;
  checkInGraceDays: number;
  /** argon2 hashes of the demo password, one per demo user. */
  passwordHashes: ReadonlyMap<string, string>;
  workers: number;
  /** Seals a worker's NIK, passport and phone numbers as the worker table stores them. */
  sealPii: (pii: WorkerPii) => SealedWorkerPii;
  /** Seals a requirement's document number as the requirement table stores it. */
  sealDocumentNumber: (documentNumber: string) => string;
}

/** The worker columns that hold personal details, sealed. */
type SealedColumn =
  | 'nik_ciphertext'
  | 'nik_index'
  | 'phone_ciphertext'
  | 'passport_number_ciphertext'
  | 'next_of_kin_ciphertext';

/** A worker while the data set is told: the details are sealed once the last story has added to them. */
interface UnsealedWorker {
  row: Omit<DemoRow<'worker'>, SealedColumn>;
  pii: WorkerPii;
}

/** The first day of the data set's history. */
export const HISTORY_STARTS = new Date('2017-01-01T01:00:00Z');

const FATES: readonly (readonly [Fate, number])[] = [
  ['ordinary', 52],
  ['overstay', 4],
  ['cancelled', 8],
  ['nonProcedural', 14],
  ['distress', 7],
  ['trafficked', 5],
  ['deceased', 1.5],
  ['missing', 0.6],
];

/** Routes brokers use: a banned Saudi household, or a visit visa to a Malaysian or Singapore job. */
const BROKERED: readonly (readonly [Opening, number])[] = OPENINGS.flatMap((opening): [Opening, number][] => {
  if (!opening.procedural) return [[opening, 5]];
  if (opening.destination === 'MY' && ['DOMESTIC', 'PLANTATION'].includes(opening.sector))
    return [[opening, 3.5]];
  if (opening.destination === 'SG' && opening.sector === Sector.DOMESTIC) return [[opening, 1]];
  return [];
});

/**
 * Two workers for each stage, registered on the day that puts them at that stage today, so that
 * every stage is on show whatever the day the data set is made (the others fall where they fall).
 * Each names its fate and how many days back to begin looking for that day.
 */
const SHOWCASE: readonly (readonly [PlacementStage, Fate, number])[] = [
  [PlacementStage.REGISTERED, 'ordinary', 1],
  [PlacementStage.CLEARED, 'ordinary', 40],
  [PlacementStage.DEPARTED, 'nonProcedural', 20],
  [PlacementStage.PLACED, 'ordinary', 100],
  [PlacementStage.REPATRIATING, 'distress', 150],
  [PlacementStage.RETURNED, 'ordinary', 750],
  [PlacementStage.REINTEGRATING, 'distress', 200],
  [PlacementStage.CLOSED, 'ordinary', 900],
  [PlacementStage.CANCELLED, 'cancelled', 30],
  [PlacementStage.DECEASED, 'deceased', 150],
  [PlacementStage.MISSING, 'missing', 150],
];
const SHOWCASE_PER_STAGE = 2;
/** How far back a showcase placement may begin: longer than any cycle takes. */
const SHOWCASE_MAX_DAYS = 1500;

/** A worker may come back for another cycle; most do not, and nobody more than three times. */
const RETURN_FOR_ANOTHER_CYCLE = 0.3;
const MAX_PLACEMENTS = 3;

/**
 * The whole demo data set, as rows: a pure function of the reference, told up to the start of the
 * WIB day of `reference.now`, so one seed on one day always gives the same data (the same details,
 * sealed each time with a fresh IV by the real cipher).
 */
export function generateDemoData(reference: DemoReference): DemoTables {
  const { seed } = reference;
  const now = startOfWibDay(reference.now);
  const tables = emptyTables();
  const cast = castDemo(seed, now, reference.regencies, reference.passwordHashes, tables);
  const rulesBySector = new Map<string, PlacementRule[]>();
  for (const rule of reference.rules) {
    const key = `${rule.destination}:${rule.sector}`;
    rulesBySector.set(key, [...(rulesBySector.get(key) ?? []), rule]);
  }
  const world: StoryWorld = {
    seed,
    now,
    policy: reference.policy,
    graceDays: reference.checkInGraceDays,
    cast,
    rules: (destination: string, sector: Sector) => rulesBySector.get(`${destination}:${sector}`) ?? [],
    permitUse: new Map(),
    tables,
    sealDocumentNumber: reference.sealDocumentNumber,
  };

  const regencyWeights = reference.regencies.map((regency): readonly [Regency, number] => [
    regency,
    1 + DemoRandom.of(seed, `regency:${regency.code}`).next() * 2,
  ]);
  const queue: PlacementPlan[] = [];
  const workerRows = new Map<string, UnsealedWorker>();
  const history = new Map<string, { placements: number; victim: boolean }>();

  const firstShowcase = reference.workers - SHOWCASE.length * SHOWCASE_PER_STAGE;
  for (let index = 0; index < reference.workers; index += 1) {
    const showcase =
      index >= firstShowcase ? SHOWCASE[Math.floor((index - firstShowcase) / SHOWCASE_PER_STAGE)] : undefined;
    const { plan, worker } = drawWorker(seed, index, now, cast, regencyWeights, showcase?.[1]);
    if (showcase) {
      plan.registeredAt = dayReaching(world, plan, showcase[0], showcase[2]);
      Object.assign(worker.row, { created_at: plan.registeredAt, updated_at: plan.registeredAt });
    }
    workerRows.set(worker.row.id, worker);
    history.set(worker.row.id, { placements: 1, victim: false });
    queue.push(plan);
  }

  // Stories are told in the order they began, so each recruitment permit counts its placements
  // first come, first served; a worker's next cycle joins the queue when the last one ends.
  queue.sort((a, b) => a.registeredAt.getTime() - b.registeredAt.getTime());
  while (queue.length > 0) {
    const plan = queue.shift();
    if (!plan) break;
    const end = new PlacementStory(world, plan).tell();
    const unsealed = workerRows.get(plan.worker.id);
    const past = history.get(plan.worker.id);
    if (!unsealed || !past) throw new Error(`demo worker ${plan.worker.id} is unknown`);
    if (end.passportNumber) unsealed.pii.passportNumber = end.passportNumber;
    past.victim ||= end.suspectedVictim;
    const rng = DemoRandom.of(seed, `${plan.name}/next`);
    if (!end.freeFrom || past.placements >= MAX_PLACEMENTS || !rng.chance(RETURN_FOR_ANOTHER_CYCLE)) continue;
    const registeredAt = new Date(end.freeFrom.getTime() + rng.between(30, 400) * DAY);
    if (registeredAt.getTime() > now.getTime() - DAY) continue;
    past.placements += 1;
    const fate = rng.weighted(FATES);
    const opening = openingFor(rng, fate, registeredAt);
    insertInOrder(queue, {
      name: `${plan.name.replace(/placement:\d+$/, '')}placement:${past.placements}`,
      worker: plan.worker,
      opening,
      fate,
      registeredAt,
      recruiter: recruiterFor(rng, cast, opening, fate, registeredAt),
      reTraffickingRisk: past.victim,
    });
  }

  for (const { row, pii } of workerRows.values()) {
    tables.worker.push({ ...row, ...sealedColumns(reference.sealPii(pii)) });
  }
  // The timeline is read in insertion order (its identity): oldest first, across all placements.
  tables.placement_event.sort((a, b) => a.occurred_at.getTime() - b.occurred_at.getTime());
  return tables;
}

/**
 * One worker of the data set and the plan of their first placement. A showcase worker (`fate`
 * given) is drawn as if registered a year ago, old enough to have registered years earlier: the
 * day that worker registered is searched afterwards.
 */
function drawWorker(
  seed: number,
  index: number,
  now: Date,
  cast: DemoCast,
  regencyWeights: readonly (readonly [Regency, number])[],
  showcaseFate: Fate | undefined,
): { plan: PlacementPlan; worker: UnsealedWorker } {
  const rng = DemoRandom.of(seed, `worker:${index}`);
  const fate = showcaseFate ?? rng.weighted(FATES);
  const registeredAt = showcaseFate ? new Date(now.getTime() - 365 * DAY) : registrationDay(rng, now);
  const opening = openingFor(rng, fate, registeredAt);
  const underage = !showcaseFate && ['nonProcedural', 'trafficked'].includes(fate) && rng.chance(0.04);
  const sex = rng.chance(opening.female) ? 'FEMALE' : 'MALE';
  const ageYears = underage ? rng.between(16.6, 17.5) : rng.between(showcaseFate ? 24 : 19, 45);
  const dateOfBirth = new Date(registeredAt.getTime() - ageYears * 365.25 * DAY).toISOString().slice(0, 10);
  const regency = rng.weighted(regencyWeights);
  const worker: DemoWorker = {
    id: demoId(seed, `worker:${index}`),
    // Districts 90–99: no regency of South Kalimantan has one, so no demo NIK is a real person's
    // (and none equals a test's, whose district is 01).
    nik: nikOf(regency.code, rng.int(90, 99), dateOfBirth, sex, index + 1),
    fullName: nameOf(rng, sex),
    sex,
    dateOfBirth,
    regency,
  };
  const row: UnsealedWorker['row'] = {
    id: worker.id,
    full_name: worker.fullName,
    sex,
    date_of_birth: dateOfBirth,
    origin_province_code: regency.code.slice(0, 2),
    origin_regency_code: regency.code,
    incomplete: false,
    created_at: registeredAt,
    updated_at: registeredAt,
    version: 1,
  };
  const pii: WorkerPii = {
    nik: worker.nik,
    phone: fictionalPhone(rng),
    passportNumber: null,
    nextOfKin: {
      name: nameOf(rng, rng.chance(0.5) ? 'FEMALE' : 'MALE'),
      relationship: rng.pick(KIN_RELATIONSHIPS),
      phone: fictionalPhone(rng),
    },
  };
  const plan: PlacementPlan = {
    name: `worker:${index}/placement:1`,
    worker,
    opening,
    fate,
    registeredAt,
    recruiter: recruiterFor(rng, cast, opening, fate, registeredAt),
    reTraffickingRisk: false,
  };
  return { plan, worker: { row, pii } };
}

/**
 * A day between 2017 and yesterday, fewer in 2020–2021 (placements were suspended in the pandemic)
 * and a little more each year after; one in eight in the last year, so today has work in progress.
 */
function registrationDay(rng: DemoRandom, now: Date): Date {
  const end = now.getTime() - DAY;
  const recent = rng.chance(1 / 8);
  const start = recent ? Math.max(HISTORY_STARTS.getTime(), end - 365 * DAY) : HISTORY_STARTS.getTime();
  for (;;) {
    const at = new Date(rng.between(start, end));
    const year = at.getUTCFullYear();
    const weight = year === 2020 ? 0.35 : year === 2021 ? 0.5 : 1 + 0.03 * (year - 2017);
    if (rng.next() * 1.5 < weight) return at;
  }
}

/**
 * The registration day, `fromDays` back or earlier, on which the plan's story reaches `stage`
 * today: each candidate is told on a scratch copy of the world, which keeps nothing of it.
 */
function dayReaching(world: StoryWorld, plan: PlacementPlan, stage: PlacementStage, fromDays: number): Date {
  for (let offset = 0; offset < SHOWCASE_MAX_DAYS; offset += 3) {
    const days = ((fromDays + offset) % SHOWCASE_MAX_DAYS) + 1;
    const registeredAt = new Date(world.now.getTime() - days * DAY);
    const scratch: StoryWorld = { ...world, tables: emptyTables(), permitUse: new Map(world.permitUse) };
    if (new PlacementStory(scratch, { ...plan, registeredAt }).tell().stage === stage) return registeredAt;
  }
  throw new Error(`no registration day brings demo placement ${plan.name} to ${stage} today`);
}

function openingFor(rng: DemoRandom, fate: Fate, at: Date): Opening {
  const brokered = fate === 'nonProcedural' || fate === 'trafficked';
  const day = at.toISOString().slice(0, 10);
  const choices = brokered
    ? BROKERED
    : OPENINGS.filter((opening) => opening.procedural && opening.openFrom <= day).map(
        (opening): [Opening, number] => [opening, opening.weight],
      );
  return rng.weighted(choices);
}

/**
 * A licensed recruiter for the destination for a procedural placement (one selected for SPSK where
 * the channel needs it), never one whose licence ends before the departure; for a broker's
 * placement, sometimes the recruiter whose licence was suspended or revoked, after it was.
 */
function recruiterFor(
  rng: DemoRandom,
  cast: DemoCast,
  opening: Opening,
  fate: Fate,
  registeredAt: Date,
): DemoRecruiter | null {
  const serves = (recruiter: DemoRecruiter): boolean => recruiter.destinations.includes(opening.destination);
  if (fate === 'nonProcedural' || fate === 'trafficked') {
    const rogue = cast.recruiters.filter(
      (recruiter) =>
        serves(recruiter) && recruiter.statusSince !== null && recruiter.statusSince < registeredAt,
    );
    return rogue.length > 0 && rng.chance(0.3) ? rng.pick(rogue) : null;
  }
  const licensed = cast.recruiters.filter(
    (recruiter) =>
      serves(recruiter) &&
      (opening.scheme !== PlacementScheme.SPSK || recruiter.spskSelected) &&
      (recruiter.statusSince === null ||
        recruiter.statusSince.getTime() > registeredAt.getTime() + 150 * DAY),
  );
  return rng.pick(licensed);
}

/** `PP KK DD DDMMYY SSSS`: regency, district, birth date (40 added to a woman's day), serial. */
function nikOf(
  regencyCode: string,
  district: number,
  dateOfBirth: string,
  sex: string,
  serial: number,
): string {
  const [year = '', month = '', day = ''] = dateOfBirth.split('-');
  const encodedDay = Number(day) + (sex === 'FEMALE' ? 40 : 0);
  return `${regencyCode}${String(district).padStart(2, '0')}${String(encodedDay).padStart(2, '0')}${month}${year.slice(2)}${String(serial).padStart(4, '0')}`;
}

/**
 * A mobile number in 0840–0849, a block no Indonesian operator holds (Telkomsel, Indosat, XL,
 * Axis, Tri and Smartfren use 0811–0823, 0828, 0831–0838, 0851–0859, 0868, 0877–0878, 0881–0889
 * and 0895–0899), so no demo number rings anyone.
 */
function fictionalPhone(rng: DemoRandom): string {
  return `+6284${rng.int(0, 9)}${rng.digits(8)}`;
}

function sealedColumns(sealed: SealedWorkerPii): Pick<DemoRow<'worker'>, SealedColumn> {
  return {
    nik_ciphertext: sealed.nikCiphertext,
    nik_index: sealed.nikIndex,
    phone_ciphertext: sealed.phoneCiphertext,
    passport_number_ciphertext: sealed.passportNumberCiphertext,
    next_of_kin_ciphertext: sealed.nextOfKinCiphertext,
  };
}

function nameOf(rng: DemoRandom, sex: 'FEMALE' | 'MALE'): string {
  return `${rng.pick(sex === 'FEMALE' ? FEMALE_NAMES : MALE_NAMES)} ${rng.pick(SECOND_NAMES)}`;
}

function insertInOrder(queue: PlacementPlan[], plan: PlacementPlan): void {
  let low = 0;
  let high = queue.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if ((queue[middle]?.registeredAt.getTime() ?? 0) <= plan.registeredAt.getTime()) low = middle + 1;
    else high = middle;
  }
  queue.splice(low, 0, plan);
}
