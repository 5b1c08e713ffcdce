/**
 * What the chunks are told from, read or made before the load: regencies and placement rules as
 * the migrations loaded them, the rule engine's ruling for every destination, sector and employer
 * type the distributions use, the recruiters (P3MI) with their recruitment permits, and the
 * agencies, users and API key made through Lintas's own AccessAdministration (argon2 hashes,
 * hashed API key, audit events), never by hand.
 */
import { NestFactory } from '@nestjs/core';
import { AccessAdministration, AgencyKind, Role } from '#lintas/access';
import type { AuditActor } from '#lintas/audit';
import type { LintasConfig } from '#lintas/core';
import { checkInPolicyFrom } from '#lintas/placement';
import {
  evaluatePlacement,
  PlacementScheme,
  RequirementKind,
  RuleDecision,
  type PlacementRule,
  type Sector,
} from '#lintas/pre-placement';
import type pg from 'pg';
import { DemoRandom } from '../../apps/cli/src/seed/demo-random.js';
import {
  BROKERED_DESTINATIONS,
  DEFAULT_OPENINGS,
  DESTINATION_WEIGHTS,
  OPENINGS_BY_DESTINATION,
  RECRUITER_STATUS_WEIGHTS,
  RECRUITERS,
} from './distributions.js';
import type { DestinationRuling, SeedRecruiter, SeedReference, SeedRegency } from './national-data.js';
import { ChunkIds, Sampler } from './sampler.js';

export const SEED_ACTOR: AuditActor = { type: 'cli', id: 'bench-seed' };

/** Bench-only credentials, published here and in the bench-credentials.json the seed writes. */
export const BENCH_USERS = {
  admin: { username: 'bench-admin', password: 'Gz8!rWq3@nVb6%Ht', roles: [Role.ADMIN], agency: 'kp2mi' },
  /** Jawa Timur, the busiest sending province: about a quarter of the placements. */
  officer: {
    username: 'bench-officer',
    password: 'Jm4$eTy9#kPd2&Xs',
    roles: [Role.OFFICER],
    agency: 'bp3mi-35',
  },
} as const;
export const BENCH_PARTNER_AGENCY = 'kbri-kuala-lumpur';

const MISSIONS: Readonly<Record<string, string>> = {
  MY: 'KBRI Kuala Lumpur',
  TW: 'KDEI Taipei',
  HK: 'KJRI Hong Kong',
  SA: 'KBRI Riyadh',
  SG: 'KBRI Singapura',
  KR: 'KBRI Seoul',
  JP: 'KBRI Tokyo',
  AE: 'KBRI Abu Dhabi',
  BN: 'KBRI Bandar Seri Begawan',
  QA: 'KBRI Doha',
  KW: 'KBRI Kuwait',
  PL: 'KBRI Warsawa',
  IT: 'KBRI Roma',
  TR: 'KBRI Ankara',
  DE: 'KBRI Berlin',
};

export interface Access {
  bp3miByProvince: Record<string, string>;
  embassyByCountry: Record<string, string>;
  nationalAgencyId: string;
  officer: { id: string; agencyId: string };
  admin: { id: string };
  partnerKey: { id: string; key: string };
}

/**
 * The national agency, a BP3MI for every province, a mission for every destination, the two users
 * and the partner key: through AccessAdministration, in a Nest context of the CLI's module (the
 * configuration is read from process.env, which the caller points at the benchmark database).
 */
export async function createAccess(provinces: readonly { code: string; name: string }[]): Promise<Access> {
  const { CliModule } = await import('../../apps/cli/src/cli.module.js');
  const context = await NestFactory.createApplicationContext(CliModule, { logger: ['error'] });
  try {
    const administration = context.get(AccessAdministration);
    const national = await administration.createAgency(SEED_ACTOR, {
      code: 'kp2mi',
      name: 'Kementerian P2MI',
      kind: AgencyKind.NATIONAL,
    });
    const bp3miByProvince: Record<string, string> = {};
    for (const province of provinces) {
      const agency = await administration.createAgency(SEED_ACTOR, {
        code: `bp3mi-${province.code}`,
        name: `BP3MI ${province.name}`,
        kind: AgencyKind.BP3MI,
        provinceCodes: [province.code],
      });
      bp3miByProvince[province.code] = agency.id;
    }
    const embassyByCountry: Record<string, string> = {};
    for (const [country, name] of Object.entries(MISSIONS)) {
      const agency = await administration.createAgency(SEED_ACTOR, {
        code: name.toLowerCase().replace(/\s+/g, '-'),
        name,
        kind: AgencyKind.EMBASSY,
        countryCodes: [country],
      });
      embassyByCountry[country] = agency.id;
    }
    const newUser = (
      user: (typeof BENCH_USERS)[keyof typeof BENCH_USERS],
    ): Promise<{ id: string; agencyId: string }> =>
      administration.createUser(SEED_ACTOR, {
        username: user.username,
        displayName: user.username,
        password: user.password,
        roles: [...user.roles],
        agencyCode: user.agency,
      });
    const admin = await newUser(BENCH_USERS.admin);
    const officer = await newUser(BENCH_USERS.officer);
    const { apiKey, key } = await administration.createApiKey(SEED_ACTOR, {
      name: 'bench partner',
      roles: [Role.PARTNER],
      agencyCode: BENCH_PARTNER_AGENCY,
    });
    return {
      bp3miByProvince,
      embassyByCountry,
      nationalAgencyId: national.id,
      officer: { id: officer.id, agencyId: officer.agencyId },
      admin: { id: admin.id },
      partnerKey: { id: apiKey.id, key },
    };
  } finally {
    await context.close();
  }
}

export async function readRegions(
  client: pg.Client,
): Promise<{ regencies: SeedRegency[]; provinces: { code: string; name: string }[] }> {
  const regencies = await client.query<SeedRegency>(
    `SELECT code, province_code AS "provinceCode", name FROM regency ORDER BY code`,
  );
  const provinces = await client.query<{ code: string; name: string }>(
    'SELECT code, name FROM province ORDER BY code',
  );
  return { regencies: regencies.rows, provinces: provinces.rows };
}

async function readRules(client: pg.Client): Promise<PlacementRule[]> {
  const result = await client.query<PlacementRule>(
    `SELECT id, destination, sector, employer_type AS "employerType", decision, jobs, cities, channel,
            to_char(effective_from, 'YYYY-MM-DD') AS "effectiveFrom",
            to_char(effective_until, 'YYYY-MM-DD') AS "effectiveUntil", source
       FROM placement_rule ORDER BY id`,
  );
  return result.rows;
}

/**
 * The engine's ruling (decision, reason, rule-set version) for each destination, sector and
 * employer type the distributions draw, asked once here rather than a million times in the chunks.
 */
function rulingsOf(rules: PlacementRule[], asOf: number): Record<string, DestinationRuling> {
  const combinations = new Set<string>();
  for (const [destination] of [...DESTINATION_WEIGHTS, ...BROKERED_DESTINATIONS]) {
    for (const [opening] of OPENINGS_BY_DESTINATION[destination] ?? DEFAULT_OPENINGS) {
      combinations.add(`${destination}:${opening.sector}:${opening.employerType}:${opening.scheme ?? ''}`);
    }
    combinations.add(`${destination}:DOMESTIC:INDIVIDUAL:`);
  }
  const day = new Date(asOf).toISOString().slice(0, 10);
  const rulings: Record<string, DestinationRuling> = {};
  for (const combination of combinations) {
    const [destination = '', sector = '', employerType = '', scheme = ''] = combination.split(':');
    const forRoute = rules.filter(
      (rule) => rule.destination === destination && String(rule.sector) === sector,
    );
    const evaluation = evaluatePlacement({
      worker: {
        nik: '',
        sex: 'FEMALE',
        dateOfBirth: '1990-01-01',
        originRegencyCode: '3501',
        nikRegencyCode: '3501',
      },
      destination,
      destinationCity: null,
      sector: sector as Sector,
      employerType: employerType as PlacementRule['employerType'] & string,
      jobTitle: '',
      scheme: scheme === '' ? null : (scheme as PlacementRule['channel']),
      recruiter: null,
      visaType: null,
      contractStart: null,
      contractEnd: null,
      departureDate: day,
      rules: forRoute,
      recorded: [],
    });
    const destinationOpen = evaluation.requirements.find(
      (requirement) => requirement.kind === RequirementKind.DESTINATION_OPEN,
    );
    const channel = evaluation.destination.decision === RuleDecision.CHANNEL_ONLY;
    rulings[`${destination}:${sector}:${employerType}`] = {
      ruleSetVersion: evaluation.ruleSetVersion,
      decision: evaluation.destination.decision,
      // Inside the channel, the engine's words for it; a ban, its words too.
      reason: channel
        ? `inside the SPSK channel (rule ${evaluation.destination.ruleId ?? ''})`
        : (destinationOpen?.reason ?? null),
    };
  }
  return rulings;
}

/**
 * Licensed placement companies, each with recruitment permits (SIP2MI) for one to four
 * destinations, written in one statement each: they are reference data for the placements.
 */
async function createRecruiters(client: pg.Client, seed: number, asOf: number): Promise<SeedRecruiter[]> {
  const rng = DemoRandom.of(seed, 'recruiters');
  // Their own id space: the seed's bits flipped, so no chunk's ids can equal them.
  const ids = new ChunkIds(~seed, 0);
  const destinations = new Sampler(DESTINATION_WEIGHTS);
  const statuses = new Sampler(RECRUITER_STATUS_WEIGHTS);
  const words = [
    'Karya',
    'Mitra',
    'Bina',
    'Sejahtera',
    'Abadi',
    'Putra',
    'Jaya',
    'Mandiri',
    'Utama',
    'Sentosa',
    'Prima',
    'Nusantara',
  ];
  const recruiters: (SeedRecruiter & { name: string; licence: string; status: string; permits: string[] })[] =
    [];
  for (let index = 0; index < RECRUITERS; index += 1) {
    const serves = new Set<string>();
    const count = rng.int(1, 4);
    while (serves.size < count) serves.add(destinations.draw(rng));
    const status = statuses.draw(rng);
    recruiters.push({
      id: ids.next(),
      name: `PT ${rng.pick(words)} ${rng.pick(words)} ${rng.pick(words)} ${index + 1}`,
      licence: `KEP.${String(index + 1).padStart(3, '0')}/P3MI/${rng.int(2017, 2024)}`,
      status,
      active: status === 'ACTIVE',
      destinations: [...serves],
      permits: [...serves],
    });
  }
  const day = (offsetDays: number): string =>
    new Date(asOf + offsetDays * 86_400_000).toISOString().slice(0, 10);
  await client.query(
    `INSERT INTO recruiter (id, name, licence_number, status, status_reason, valid_from, valid_until, spsk_selected)
     SELECT id, name, licence, status, CASE WHEN status = 'ACTIVE' THEN NULL ELSE 'Hasil pengawasan KP2MI' END,
            $2::date, $3::date, spsk
       FROM jsonb_to_recordset($1::jsonb) AS r (id uuid, name text, licence text, status text, spsk boolean)`,
    [
      JSON.stringify(recruiters.map((r) => ({ ...r, spsk: r.destinations.includes('SA') }))),
      day(-6 * 365),
      day(3 * 365),
    ],
  );
  await client.query(
    `INSERT INTO recruitment_permit (id, recruiter_id, permit_number, destination, quota, valid_from, valid_until)
     SELECT md5(recruiter_id::text || destination)::uuid, recruiter_id, 'SIP2MI/' || destination || '/' || left(recruiter_id::text, 8),
            destination, 100000, $2::date, $3::date
       FROM jsonb_to_recordset($1::jsonb) AS p (recruiter_id uuid, destination text)`,
    [
      JSON.stringify(
        recruiters.flatMap((r) => r.permits.map((destination) => ({ recruiter_id: r.id, destination }))),
      ),
      day(-6 * 365),
      day(3 * 365),
    ],
  );
  return recruiters.map(({ id, destinations: served, active }) => ({ id, destinations: served, active }));
}

export async function buildReference(
  client: pg.Client,
  options: { seed: number; asOf: number; chunkPlacements: number; config: LintasConfig },
  regencies: SeedRegency[],
  access: Access,
): Promise<SeedReference> {
  const rules = await readRules(client);
  const spsk = rules.find((rule) => rule.channel === PlacementScheme.SPSK);
  return {
    seed: options.seed,
    asOf: options.asOf,
    chunkPlacements: options.chunkPlacements,
    regencies,
    recruiters: await createRecruiters(client, options.seed, options.asOf),
    rulings: rulingsOf(rules, options.asOf),
    spskCities: spsk?.cities.length ? spsk.cities : ['Riyadh'],
    bp3miByProvince: access.bp3miByProvince,
    embassyByCountry: access.embassyByCountry,
    nationalAgencyId: access.nationalAgencyId,
    officer: access.officer,
    partnerKeyId: access.partnerKey.id,
    policy: checkInPolicyFrom(options.config),
    graceDays: options.config.CHECK_IN_GRACE_DAYS,
  };
}
