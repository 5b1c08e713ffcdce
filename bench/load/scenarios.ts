/**
 * The requests of each load scenario, for Lintas and for the baselines that answer the same thing.
 * Every request is made afresh: a registration takes the next free worker of the pool, a welfare
 * contact and a worker read pick at random from the seeded ones.
 */
import { readFileSync } from 'node:fs';
import type { OutgoingRequest, RequestSource } from './drive.js';
import type { Fixtures, Recruiting } from './fixtures.js';

const PLACEMENTS_PAGE = `query PlacementsPage {
  placements(first: 50) {
    edges {
      node {
        id stage destination sector jobTitle nextCheckInDueAt version
        worker { id fullName sex dateOfBirth nik }
        requirements { kind status expiresOn }
        lastWelfareContact { contactedAt channel reachedWorker }
      }
    }
  }
}`;

const WORKER_TIMELINE = `query WorkerTimeline($id: ID!) {
  worker(id: $id) {
    id fullName sex dateOfBirth nik
    placements {
      id stage destination
      timeline { type occurredAt stageFrom stageTo actorType }
    }
  }
}`;

const REGISTER_PLACEMENT = `mutation RegisterPlacement($input: RegisterPlacementInput!) {
  registerPlacement(input: $input) { id stage procedural version }
}`;

const RECORD_WELFARE_CONTACT = `mutation RecordWelfareContact($placementId: ID!, $input: WelfareContactInput!) {
  recordWelfareContact(placementId: $placementId, input: $input) { id contactedAt }
}`;

const LOGIN = `mutation Login($username: String!, $password: String!) {
  login(username: $username, password: $password) { accessToken }
}`;

const CHANNELS = ['WHATSAPP', 'PHONE', 'VIDEO', 'VISIT', 'FAMILY'] as const;

const pick = <T>(values: readonly T[]): T => values[Math.floor(Math.random() * values.length)];

const graphql = (headers: Record<string, string>, query: string, variables?: object): OutgoingRequest => ({
  method: 'POST',
  path: '/graphql',
  headers: { 'content-type': 'application/json', ...headers },
  body: JSON.stringify({ query, variables }),
});

/** An officer's access token (15 minutes): taken again before each run. */
export async function logIn(apiUrl: string, fixtures: Fixtures): Promise<Record<string, string>> {
  const response = await fetch(`${apiUrl}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ query: LOGIN, variables: fixtures.credentials.officer }),
  });
  const answer = (await response.json()) as { data?: { login?: { accessToken?: string } } };
  const token = answer.data?.login?.accessToken;
  if (!token) throw new Error(`bench-officer could not log in (HTTP ${response.status})`);
  return { authorization: `Bearer ${token}` };
}

/**
 * Workers for registerPlacement, each handed out once between two releases of the pool. The cursor
 * keeps going across runs, so a registration still in flight when a run stops (it commits after the
 * release) holds a worker the next run does not take. More takes than workers between two releases
 * are counted: those registrations fail (CONFLICT) and the report says the pool was too small.
 */
export class RegistrationPool {
  private next = 0;
  private releasedAt = 0;

  constructor(private readonly workers: readonly string[]) {}

  take(): string {
    const worker = this.workers[this.next % this.workers.length];
    this.next += 1;
    return worker;
  }

  get reused(): number {
    return Math.max(0, this.next - this.releasedAt - this.workers.length);
  }

  release(): void {
    this.releasedAt = this.next;
  }
}

const day = (offsetDays: number): string =>
  new Date(Date.now() + offsetDays * 86_400_000).toISOString().slice(0, 10);

export function registrationInput(workerId: string, terms: Recruiting): Record<string, unknown> {
  return {
    workerId,
    destination: terms.destination,
    sector: terms.sector,
    employerType: terms.employerType,
    employerName: 'Pemberi kerja uji',
    jobTitle: terms.jobTitle,
    visaType: 'WORK',
    contractStart: day(60),
    contractEnd: day(60 + 730),
    plannedDepartureAt: new Date(Date.now() + 45 * 86_400_000).toISOString(),
    ...(terms.recruiterIds.length > 0 ? { recruiterId: pick(terms.recruiterIds) } : { scheme: 'G_TO_G' }),
  };
}

export interface LintasSources {
  registerPlacement: RequestSource;
  recordWelfareContact: RequestSource;
  placementsPage: RequestSource;
  workerTimeline: RequestSource;
  mixed: RequestSource;
}

/**
 * The mixed officer/partner workload, reads first as in a working day: an officer lists placements
 * (40 %) and opens a worker with the timeline (30 %), a partner records a welfare contact (20 %),
 * an officer registers a placement (10 %).
 */
export const MIXED_WEIGHTS: readonly [keyof Omit<LintasSources, 'mixed'>, number][] = [
  ['placementsPage', 40],
  ['workerTimeline', 30],
  ['recordWelfareContact', 20],
  ['registerPlacement', 10],
];

export function lintasSources(
  fixtures: Fixtures,
  officer: Record<string, string>,
  pool: RegistrationPool,
): LintasSources {
  const partner = { 'x-api-key': fixtures.credentials.partnerApiKey };
  const sources: Omit<LintasSources, 'mixed'> = {
    registerPlacement: () =>
      graphql(officer, REGISTER_PLACEMENT, {
        input: registrationInput(pool.take(), pick(fixtures.recruiting)),
      }),
    recordWelfareContact: () =>
      graphql(partner, RECORD_WELFARE_CONTACT, {
        placementId: pick(fixtures.contactPlacements),
        input: {
          contactedAt: new Date(Date.now() - 60_000).toISOString(),
          channel: pick(CHANNELS),
          reachedWorker: Math.random() < 0.9,
          wellbeing: 'Baik',
        },
      }),
    placementsPage: () => graphql(officer, PLACEMENTS_PAGE),
    workerTimeline: () => graphql(officer, WORKER_TIMELINE, { id: pick(fixtures.readableWorkers) }),
  };
  const total = MIXED_WEIGHTS.reduce((sum, [, weight]) => sum + weight, 0);
  const mixed = (): OutgoingRequest => {
    let roll = Math.random() * total;
    for (const [name, weight] of MIXED_WEIGHTS) {
      roll -= weight;
      if (roll < 0) return sources[name]();
    }
    return sources.placementsPage();
  };
  return { ...sources, mixed };
}

/** The raw Fastify + pg baseline: the same input, the same page, as plain JSON routes. */
export function rawSources(
  fixtures: Fixtures,
  officer: Record<string, string>,
  pool: RegistrationPool,
): Pick<LintasSources, 'registerPlacement' | 'placementsPage'> {
  const json = { 'content-type': 'application/json', ...officer };
  return {
    registerPlacement: () => ({
      method: 'POST',
      path: '/register-placement',
      headers: json,
      body: JSON.stringify({ input: registrationInput(pool.take(), pick(fixtures.recruiting)) }),
    }),
    placementsPage: () => ({ method: 'GET', path: '/placements?first=50', headers: officer }),
  };
}

/**
 * PostGraphile answers its own equivalent of the page, kept beside its server: the national page,
 * or the page of one province when the officer's office covers one province, as Lintas scopes it.
 */
export function postgraphileSource(queryFile: string, fixtures: Fixtures): RequestSource {
  const province = fixtures.officerProvince;
  const request: OutgoingRequest = {
    method: 'POST',
    path: '/graphql',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({
      query: readFileSync(queryFile, 'utf8'),
      operationName: province ? 'PlacementsPageInProvince' : 'PlacementsPage',
      variables: province ? { first: 50, originProvinceCode: province } : { first: 50 },
    }),
  };
  return () => request;
}
