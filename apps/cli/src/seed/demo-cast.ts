import { createHash } from 'node:crypto';
import { AgencyKind, Role } from '#lintas/access';
import { RecruiterStatus } from '#lintas/pre-placement';
import { demoId } from './demo-random.js';
import type { DemoTables } from './demo-tables.js';

/** The one password of every demo user: published in the README, so for a local machine only. */
export const DEMO_PASSWORD = 'lintas-demo-kalsel';

/** The demo users, each at the agency whose work it shows. */
export const DEMO_USERS = [
  { username: 'admin.nasional', displayName: 'Admin KP2MI (demo)', agency: 'kp2mi', roles: [Role.ADMIN] },
  {
    username: 'petugas.bp3mi',
    displayName: 'Petugas BP3MI Kalsel (demo)',
    agency: 'bp3mi-kalsel',
    roles: [Role.OFFICER],
  },
  {
    username: 'pendamping.kasus',
    displayName: 'Pendamping kasus BP3MI Kalsel (demo)',
    agency: 'bp3mi-kalsel',
    roles: [Role.CASE_HANDLER],
  },
  {
    username: 'disnaker.banjarbaru',
    displayName: 'Petugas Disnaker Kota Banjarbaru (demo)',
    agency: 'disnaker-6372',
    roles: [Role.LABOUR_OFFICER],
  },
  {
    username: 'kemensos.budiluhur',
    displayName: 'Pekerja sosial Sentra Budi Luhur (demo)',
    agency: 'kemensos-budi-luhur',
    roles: [Role.CASE_HANDLER],
  },
  {
    username: 'auditor.nasional',
    displayName: 'Auditor KP2MI (demo)',
    agency: 'kp2mi',
    roles: [Role.AUDITOR],
  },
] as const;

export type DemoUsername = (typeof DEMO_USERS)[number]['username'];

/** South Kalimantan, Kemendagri code 63. */
export const KALSEL = '63';

/** The destinations of the demo data set and the missions that answer for them. */
const EMBASSIES = [
  { code: 'kbri-riyadh', name: 'KBRI Riyadh', country: 'SA' },
  { code: 'kjri-jeddah', name: 'KJRI Jeddah', country: 'SA' },
  { code: 'kbri-kuala-lumpur', name: 'KBRI Kuala Lumpur', country: 'MY' },
  { code: 'kbri-singapura', name: 'KBRI Singapura', country: 'SG' },
] as const;

/** Saudi cities in the consulate's area; the rest of the kingdom answers to the embassy in Riyadh. */
const KJRI_JEDDAH_CITIES = new Set(['Jeddah', 'Mekkah', 'Madinah', 'Taif']);

export interface Regency {
  code: string;
  name: string;
}

export interface DemoRecruiter {
  id: string;
  name: string;
  licenceNumber: string;
  status: RecruiterStatus;
  /** When it stopped being ACTIVE; before then it was. */
  statusSince: Date | null;
  validFrom: string;
  validUntil: string;
  spskSelected: boolean;
  destinations: readonly string[];
  permits: DemoPermit[];
}

export interface DemoPermit {
  permitNumber: string;
  destination: string;
  quota: number;
  validFrom: string;
  validUntil: string;
}

/** Who acts in the stories: a user or an embassy's case system (an API key), with its agency. */
export interface Actor {
  type: 'user' | 'api-key';
  id: string;
  agencyId: string;
  agencyName: string;
}

export interface DemoCast {
  agencyId: (code: string) => string;
  user: (username: DemoUsername) => Actor;
  /** The demo user working at an agency, if the demo has one there. */
  userAt: (agencyCode: string) => Actor | undefined;
  /** The mission answering for a city of a destination, acting through its case system. */
  embassy: (destination: string, city: string | null) => Actor;
  recruiters: DemoRecruiter[];
}

/** Invented recruiters, each marked "(fiktif)" so that no real P3MI is taken for one. */
const RECRUITERS: readonly {
  name: string;
  destinations: readonly string[];
  spsk?: boolean;
  status?: { status: RecruiterStatus; since: string; reason: string };
}[] = [
  { name: 'PT Banua Karya Mandiri (fiktif)', destinations: ['MY', 'SG'] },
  { name: 'PT Antasari Jaya Abadi (fiktif)', destinations: ['MY', 'SA'], spsk: true },
  { name: 'PT Lambung Mangkurat Sejahtera (fiktif)', destinations: ['SA', 'SG'], spsk: true },
  { name: 'PT Intan Martapura Perkasa (fiktif)', destinations: ['MY'] },
  { name: 'PT Borneo Tenaga Utama (fiktif)', destinations: ['MY'] },
  { name: 'PT Sasirangan Mitra Global (fiktif)', destinations: ['SG', 'MY'] },
  { name: 'PT Barito Insan Mandiri (fiktif)', destinations: ['SA'], spsk: true },
  { name: 'PT Meratus Jasa Penempatan (fiktif)', destinations: ['MY', 'SG'] },
  { name: 'PT Kayuh Baimbai Internasional (fiktif)', destinations: ['MY', 'SA'] },
  { name: 'PT Pelaihari Sumber Karya (fiktif)', destinations: ['SG'] },
  {
    name: 'PT Sinar Borneo Sejahtera (fiktif)',
    destinations: ['MY'],
    status: {
      status: RecruiterStatus.SUSPENDED,
      since: '2024-03-12T02:00:00Z',
      reason: 'Dibekukan KP2MI: menempatkan pekerja ke Sabah dengan visa kunjungan',
    },
  },
  {
    name: 'PT Cahaya Martapura Mandiri (fiktif)',
    destinations: ['SA', 'MY'],
    status: {
      status: RecruiterStatus.REVOKED,
      since: '2022-06-20T03:00:00Z',
      reason: 'Izin dicabut: penempatan pekerja rumah tangga ke Arab Saudi di luar SPSK',
    },
  },
];

/**
 * Recruitment permits (SIP2MI) run two years from 1 July; the demo's recruiters renew theirs on
 * time, up to a permit that outlasts any departure planned today.
 */
function permitYears(now: Date): number[] {
  const years: number[] = [];
  for (let year = 2016; year <= now.getUTCFullYear() + 1; year += 2) years.push(year);
  return years;
}

const SINCE = new Date('2016-12-01T01:00:00Z');

/** Agencies, users, embassy case systems, recruiters and their permits, written into `tables`. */
export function castDemo(
  seed: number,
  now: Date,
  regencies: Regency[],
  passwordHashes: ReadonlyMap<string, string>,
  tables: DemoTables,
): DemoCast {
  const agencyIds = new Map<string, { id: string; name: string }>();
  const agency = (
    code: string,
    name: string,
    kind: AgencyKind,
    jurisdiction: { provinces?: string[]; regencies?: string[]; countries?: string[] },
  ): void => {
    const id = demoId(seed, `agency:${code}`);
    agencyIds.set(code, { id, name });
    tables.agency.push({
      id,
      code,
      name,
      kind,
      province_codes: jurisdiction.provinces ?? [],
      regency_codes: jurisdiction.regencies ?? [],
      country_codes: jurisdiction.countries ?? [],
      webhook_url: null,
      webhook_secret: null,
      alert_emails: [],
      created_at: SINCE,
      updated_at: SINCE,
    });
  };
  agency('kp2mi', 'KP2MI (Kementerian Pelindungan Pekerja Migran Indonesia)', AgencyKind.NATIONAL, {});
  agency('bp3mi-kalsel', 'BP3MI Kalimantan Selatan', AgencyKind.BP3MI, { provinces: [KALSEL] });
  for (const regency of regencies) {
    agency(`disnaker-${regency.code}`, `Disnaker ${regency.name}`, AgencyKind.DISNAKER, {
      regencies: [regency.code],
    });
  }
  for (const embassy of EMBASSIES) {
    agency(embassy.code, embassy.name, AgencyKind.EMBASSY, { countries: [embassy.country] });
  }
  agency('kemensos-budi-luhur', 'Sentra Budi Luhur Kemensos, Banjarbaru', AgencyKind.SOCIAL_SERVICE, {
    provinces: [KALSEL],
  });

  const agencyOf = (code: string): { id: string; name: string } => {
    const found = agencyIds.get(code);
    if (!found) throw new Error(`the demo cast has no agency "${code}"`);
    return found;
  };

  const users = new Map<string, Actor>();
  const usersAt = new Map<string, Actor>();
  for (const user of DEMO_USERS) {
    const id = demoId(seed, `user:${user.username}`);
    const { id: agencyId, name: agencyName } = agencyOf(user.agency);
    const passwordHash = passwordHashes.get(user.username);
    if (!passwordHash) throw new Error(`no password hash for ${user.username}`);
    tables.user_account.push({
      id,
      username: user.username,
      display_name: user.displayName,
      password_hash: passwordHash,
      roles: user.roles,
      agency_id: agencyId,
      active: true,
      created_at: SINCE,
      updated_at: SINCE,
    });
    const actor: Actor = { type: 'user', id, agencyId, agencyName };
    users.set(user.username, actor);
    if (!usersAt.has(user.agency)) usersAt.set(user.agency, actor);
  }

  const caseSystems = new Map<string, Actor>();
  for (const embassy of EMBASSIES) {
    const { id: agencyId, name: agencyName } = agencyOf(embassy.code);
    const id = demoId(seed, `api-key:${embassy.code}`);
    tables.api_key.push({
      id,
      name: `${embassy.name} case system (demo: no key can match it)`,
      prefix: createHash('sha1').update(`${seed}:${embassy.code}`).digest('hex').slice(0, 10),
      // The hash of a text no key can carry (a key's secret is 43 base64url characters): the
      // case system is the author of the demo's reports, and nobody can sign in as it.
      secret_hash: createHash('sha256').update(`demo-unusable:${embassy.code}`).digest('hex'),
      roles: [Role.PARTNER],
      agency_id: agencyId,
      created_at: SINCE,
      revoked_at: null,
    });
    caseSystems.set(embassy.code, { type: 'api-key', id, agencyId, agencyName });
  }

  const recruiters = RECRUITERS.map((definition, index): DemoRecruiter => {
    const number = String(101 + index * 7);
    const id = demoId(seed, `recruiter:${definition.name}`);
    const permits = definition.destinations.flatMap((destination) =>
      permitYears(now).map((year): DemoPermit => ({
        permitNumber: `SIP2MI/${destination}/${number}/${year}`,
        destination,
        quota: 250,
        validFrom: `${year}-07-01`,
        validUntil: `${year + 2}-06-30`,
      })),
    );
    const recruiter: DemoRecruiter = {
      id,
      name: definition.name,
      licenceNumber: `SIP3MI/63/${number}/2016`,
      status: definition.status?.status ?? RecruiterStatus.ACTIVE,
      statusSince: definition.status ? new Date(definition.status.since) : null,
      validFrom: '2016-01-04',
      // Licences are renewed too: the one on record runs five years past today.
      validUntil: `${now.getUTCFullYear() + 5}-12-31`,
      spskSelected: definition.spsk ?? false,
      destinations: definition.destinations,
      permits,
    };
    tables.recruiter.push({
      id,
      name: recruiter.name,
      licence_number: recruiter.licenceNumber,
      status: recruiter.status,
      status_reason: definition.status?.reason ?? null,
      valid_from: recruiter.validFrom,
      valid_until: recruiter.validUntil,
      spsk_selected: recruiter.spskSelected,
      created_at: SINCE,
      updated_at: recruiter.statusSince ?? SINCE,
      version: recruiter.statusSince ? 2 : 1,
    });
    for (const permit of permits) {
      tables.recruitment_permit.push({
        id: demoId(seed, `permit:${permit.permitNumber}`),
        recruiter_id: id,
        permit_number: permit.permitNumber,
        destination: permit.destination,
        quota: permit.quota,
        valid_from: permit.validFrom,
        valid_until: permit.validUntil,
        created_at: new Date(`${permit.validFrom}T02:00:00Z`),
      });
    }
    return recruiter;
  });

  return {
    agencyId: (code) => agencyOf(code).id,
    user: (username) => {
      const actor = users.get(username);
      if (!actor) throw new Error(`the demo cast has no user "${username}"`);
      return actor;
    },
    userAt: (agencyCode) => usersAt.get(agencyCode),
    embassy: (destination, city) => {
      const code =
        destination === 'SA'
          ? city && KJRI_JEDDAH_CITIES.has(city)
            ? 'kjri-jeddah'
            : 'kbri-riyadh'
          : (EMBASSIES.find((embassy) => embassy.country === destination)?.code ?? '');
      const actor = caseSystems.get(code);
      if (!actor) throw new Error(`the demo cast has no mission for ${destination}`);
      return actor;
    },
    recruiters,
  };
}
