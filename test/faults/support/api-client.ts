/**
 * A GraphQL client of the api process, as an integration engineer's would be: fixed operations
 * with variables over HTTP, and a deadline on every request so that a hang is seen as one.
 */
import { nikFor } from '../../support/factories.js';

export interface GraphqlError {
  message: string;
  extensions?: { code?: string };
}

/** How one request ended: an answer (data or errors), or no answer at all within the deadline. */
export type ApiOutcome<T> =
  | { kind: 'answered'; status: number; data: T | null; errors: GraphqlError[]; ms: number }
  /**
   * `cause`: the code of what cut the request short (ECONNREFUSED, UND_ERR_SOCKET, …), when it had one;
   * `status`: the answer's status when its head came but its body was cut short (a half answer).
   */
  | { kind: 'no-answer'; reason: string; cause?: string; status?: number; ms: number };

/** Longer than any answer the api gives, even while PostgreSQL or Redis is down. */
export const REQUEST_DEADLINE_MS = 30_000;

const LOGIN = `mutation Login($username: String!, $password: String!) { login(username: $username, password: $password) { accessToken } }`;
const REGISTER_WORKER = `mutation Register($input: RegisterWorkerInput!) { registerWorker(input: $input) { id } }`;
const REGISTER_PLACEMENT = `mutation Register($input: RegisterPlacementInput!) { registerPlacement(input: $input) { id version } }`;
const DEPART = `mutation Depart($placementId: ID!, $version: Int!, $departedAt: DateTime!) {
  recordDeparture(placementId: $placementId, version: $version, departedAt: $departedAt) { id version stage procedural }
}`;

/** A worker of `regencyCode` whose NIK `serial` makes unique. */
function workerRegistration(regencyCode: string, serial: number): Record<string, unknown> {
  return {
    nik: nikFor(regencyCode, '1993-03-14', 'FEMALE', serial),
    fullName: `Drill worker ${serial}`,
    sex: 'FEMALE',
    dateOfBirth: '1993-03-14',
    originRegencyCode: regencyCode,
  };
}

/** A G-to-G placement to Hong Kong. */
function placementRegistration(workerId: string): Record<string, unknown> {
  return {
    workerId,
    destination: 'HK',
    sector: 'FORMAL',
    employerType: 'LEGAL_ENTITY',
    jobTitle: 'Operator',
    scheme: 'G_TO_G',
    visaType: 'WORK',
  };
}

export interface PlacementHandle {
  id: string;
  version: number;
}

export class ApiClient {
  private token = '';

  constructor(readonly url: string) {}

  async send<T>(query: string, variables: Record<string, unknown>): Promise<ApiOutcome<T>> {
    const started = Date.now();
    let status: number | undefined;
    try {
      const response = await fetch(`${this.url}/graphql`, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          ...(this.token ? { authorization: `Bearer ${this.token}` } : {}),
        },
        body: JSON.stringify({ query, variables }),
        signal: AbortSignal.timeout(REQUEST_DEADLINE_MS),
      });
      status = response.status;
      const body = (await response.json()) as { data?: T | null; errors?: GraphqlError[] };
      return {
        kind: 'answered',
        status,
        data: body.data ?? null,
        errors: body.errors ?? [],
        ms: Date.now() - started,
      };
    } catch (error) {
      const cause = (error as { cause?: { code?: unknown } }).cause?.code;
      return {
        kind: 'no-answer',
        reason: String(error),
        ...(typeof cause === 'string' ? { cause } : {}),
        ...(status === undefined ? {} : { status }),
        ms: Date.now() - started,
      };
    }
  }

  /** Sends and answers the data, or throws with what went wrong. */
  async expect<T>(query: string, variables: Record<string, unknown>): Promise<T> {
    const outcome = await this.send<T>(query, variables);
    if (outcome.kind === 'no-answer') throw new Error(`no answer: ${outcome.reason}`);
    if (outcome.errors.length > 0 || !outcome.data) throw new Error(JSON.stringify(outcome.errors));
    return outcome.data;
  }

  async login(username: string, password: string): Promise<void> {
    const data = await this.expect<{ login: { accessToken: string } }>(LOGIN, { username, password });
    this.token = data.login.accessToken;
  }

  /** Registers a worker of `regencyCode` (serial makes the NIK unique) and a G-to-G placement to Hong Kong. */
  async registerPlacement(regencyCode: string, serial: number): Promise<PlacementHandle> {
    const worker = await this.expect<{ registerWorker: { id: string } }>(REGISTER_WORKER, {
      input: workerRegistration(regencyCode, serial),
    });
    const placement = await this.expect<{ registerPlacement: PlacementHandle }>(REGISTER_PLACEMENT, {
      input: placementRegistration(worker.registerWorker.id),
    });
    return placement.registerPlacement;
  }

  /** registerPlacement's first mutation, answering how it ended rather than throwing. */
  registerWorker(
    regencyCode: string,
    serial: number,
  ): Promise<ApiOutcome<{ registerWorker: { id: string } }>> {
    return this.send(REGISTER_WORKER, { input: workerRegistration(regencyCode, serial) });
  }

  /** registerPlacement's second mutation, answering how it ended rather than throwing. */
  registerPlacementOf(workerId: string): Promise<ApiOutcome<{ registerPlacement: PlacementHandle }>> {
    return this.send(REGISTER_PLACEMENT, { input: placementRegistration(workerId) });
  }

  /** Records a departure nobody cleared: the api answers it, and a NON_PROCEDURAL_DEPARTURE alert follows. */
  departUncleared(
    placement: PlacementHandle,
    departedAt = new Date(),
  ): Promise<ApiOutcome<{ recordDeparture: PlacementHandle }>> {
    return this.send(DEPART, {
      placementId: placement.id,
      version: placement.version,
      departedAt: departedAt.toISOString(),
    });
  }
}
