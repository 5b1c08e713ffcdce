import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import type { DataSource } from 'typeorm';
import { graphql } from '../test-api.js';
import type { Caller, Callers } from './callers.js';
import { ago, listedDepartures, type Records, type Side } from './records.js';
import type { OperationName, Scope } from './table.js';

/** What one cell acts on. */
export interface Target {
  variables(caller: Caller): Record<string, unknown>;
  /** What a refused mutation must leave as it was, read afresh each time. */
  state?(): Promise<unknown>;
  /** A list or the live feed: whether the answer shows the record. */
  shows?(data: unknown): boolean;
  /** A single read: the id the answer must carry. */
  id?: string;
  /** Who calls instead of the cell's caller, in its place: a session or user the cell may end or change. */
  caller?: Caller;
}

/** How the matrix plays one operation. */
export interface Play {
  type: 'Query' | 'Mutation' | 'Subscription';
  /** One operation, its root field named as in the matrix, selecting the id where there is one. */
  document: string;
  /**
   * A record on the scope's side (or none, for an operation about no record): a new one when the cell
   * is to change it (`own`), else one that reads and refusals share.
   */
  target(scope: Scope, caller: Caller, own: boolean): Promise<Target>;
  /** The target depends on who calls: a refusal shares it only with cells of the same caller. */
  perCaller?: boolean;
  /** A batch answers each item on its own: the first item's error code, when the batch was accepted. */
  itemAnswer?(data: unknown): string | undefined;
}

interface Edges {
  edges: { node: { id: string } }[];
}

const MINUTE = 60 * 1000;
const listed = (id: string) => (data: unknown) =>
  (data as Edges | null)?.edges.some((edge) => edge.node.id === id) ?? false;

/** The side a scoped target lies on; an operation about no record is never asked for one. */
function sideOf(scope: Scope): Side {
  if (scope === 'anywhere') throw new Error('this operation acts on a record: give it inside or outside');
  return scope;
}

export function plays(
  app: NestFastifyApplication,
  records: Records,
  dataSource: DataSource,
  callers: Callers,
): Record<OperationName, Play> {
  const made = new Map<string, Promise<unknown>>();
  /**
   * A record of a kind on the scope's side: a new one for a cell that changes it (`own`), else the one
   * every read and refusal of that kind shares, across operations — none of them changes it.
   */
  const kind =
    <T>(name: string, make: (side: Side) => Promise<T>) =>
    (scope: Scope, own = false): Promise<T> => {
      const side = sideOf(scope);
      if (own) return make(side);
      const key = `${name}:${side}`;
      if (!made.has(key)) made.set(key, make(side));
      return made.get(key) as Promise<T>;
    };
  const read = kind('readable', (side) => records.readable(side));
  const worker = kind('worker', (side) => records.worker(side));
  const registered = kind('registered', (side) => records.registered(side));
  const ready = kind('ready', (side) => records.ready(side));
  const departed = kind('departed', (side) => records.departed(side));
  const placed = kind('placed', (side) => records.placed(side));
  const returned = kind('returned', (side) => records.returned(side));
  const repatriating = kind('repatriating', (side) => records.repatriating(side));
  const referred = kind('referred', (side) => records.referred(side));
  const alert = kind('alert', (side) => records.alert(side));

  const row = (table: string, id: string) => async (): Promise<unknown> => {
    const [found] = await dataSource.query<{ row: unknown }[]>(
      `SELECT to_jsonb(t) AS row FROM ${table} t WHERE t.id = $1`,
      [id],
    );
    return found?.row;
  };
  /** How many rows `from` (a table, and perhaps its WHERE clause) holds. */
  const rowsOf = (from: string) => async (): Promise<number> => {
    const [found] = await dataSource.query<{ count: number }[]>(`SELECT count(*)::int AS count FROM ${from}`);
    return found.count;
  };
  const both =
    (...reads: (() => Promise<unknown>)[]) =>
    (): Promise<unknown[]> =>
      Promise.all(reads.map((each) => each()));

  /** A mutation on a placement at a stage: `make` makes it, `variables` says what to send about it. */
  const onPlacement = (
    document: string,
    make: (scope: Scope, own: boolean) => Promise<{ id: string; version: number }>,
    variables: (placement: { id: string; version: number }, caller: Caller) => Record<string, unknown>,
  ): Play => ({
    type: 'Mutation',
    document,
    target: async (scope, _caller, own) => {
      const placement = await make(scope, own);
      return {
        variables: (caller) => variables(placement, caller),
        state: both(row('placement', placement.id), rowsOf('welfare_contact'), rowsOf('referral')),
      };
    },
  });
  const versioned = (placement: { id: string; version: number }) => ({
    placementId: placement.id,
    version: placement.version,
  });

  const anywhere = (document: string, variables: () => Record<string, unknown> = () => ({})): Play => ({
    type: 'Query',
    document,
    target: () => Promise.resolve({ variables }),
  });

  const alertMutation = (document: string, variables: (caller: Caller) => Record<string, unknown>): Play => ({
    type: 'Mutation',
    document,
    target: async (scope) => {
      const alert = await records.alert(sideOf(scope));
      return {
        variables: (caller) => ({ id: alert.id, ...variables(caller) }),
        state: row('alert', alert.id),
      };
    },
  });

  return {
    agencies: anywhere(`query { agencies { id } }`),
    me: anywhere(`query { me { id } }`),
    placementRules: anywhere(
      `query Rules($destination: CountryCode!, $sector: Sector!) {
        placementRules(destination: $destination, sector: $sector) { destination }
      }`,
      () => ({ destination: 'MY', sector: 'FORMAL' }),
    ),
    recruiter: {
      type: 'Query',
      document: `query Recruiter($id: ID!) { recruiter(id: $id) { id } }`,
      target: async () => {
        const { id } = await records.recruiter();
        return { variables: () => ({ id }), id };
      },
    },
    recruiters: anywhere(`query { recruiters { totalCount } }`),
    regions: anywhere(`query { regions { provinces { code } } }`),
    alertHandlers: anywhere(`query { alertHandlers { id } }`),
    statistics: anywhere(`query { statistics { to } }`),

    alert: {
      type: 'Query',
      document: `query Alert($id: ID!) { alert(id: $id) { id } }`,
      target: async (scope) => {
        const { alertId } = await read(scope);
        return { variables: () => ({ id: alertId }), id: alertId };
      },
    },
    alerts: {
      type: 'Query',
      document: `query Alerts($filter: AlertFilter) { alerts(filter: $filter) { edges { node { id } } } }`,
      target: async (scope) => {
        const { alertId, placementId } = await read(scope);
        return { variables: () => ({ filter: { placementId } }), shows: listed(alertId) };
      },
    },
    auditTrail: {
      type: 'Query',
      document: `query Trail($entityId: ID!) { auditTrail(entityId: $entityId) { totalCount } }`,
      target: async (scope) => {
        const { placementId } = await read(scope);
        return { variables: () => ({ entityId: placementId }) };
      },
    },
    placement: {
      type: 'Query',
      document: `query Placement($id: ID!) { placement(id: $id) { id } }`,
      target: async (scope) => {
        const { placementId } = await read(scope);
        return { variables: () => ({ id: placementId }), id: placementId };
      },
    },
    placements: {
      type: 'Query',
      document: `query Placements($filter: PlacementFilterInput) {
        placements(filter: $filter, first: 100) { edges { node { id } } }
      }`,
      target: async (scope) => {
        const { placementId } = await read(scope);
        return { variables: () => ({ filter: listedDepartures() }), shows: listed(placementId) };
      },
    },
    referral: {
      type: 'Query',
      document: `query Referral($id: ID!) { referral(id: $id) { id } }`,
      target: async (scope) => {
        const { referralId } = await read(scope);
        return { variables: () => ({ id: referralId }), id: referralId };
      },
    },
    referrals: {
      type: 'Query',
      document: `query Referrals($filter: ReferralFilterInput) { referrals(filter: $filter) { edges { node { id } } } }`,
      target: async (scope) => {
        const { referralId, placementId } = await read(scope);
        return { variables: () => ({ filter: { placementId } }), shows: listed(referralId) };
      },
    },
    worker: {
      type: 'Query',
      document: `query Worker($id: ID!) { worker(id: $id) { id } }`,
      target: async (scope) => {
        const { worker } = await read(scope);
        return { variables: () => ({ id: worker.id }), id: worker.id };
      },
    },
    workerByNik: {
      type: 'Query',
      document: `query WorkerByNik($nik: String!) { workerByNik(nik: $nik) { id } }`,
      target: async (scope) => {
        const { worker } = await read(scope);
        return { variables: () => ({ nik: worker.nik }), id: worker.id };
      },
    },
    workers: {
      type: 'Query',
      document: `query Workers($filter: WorkerFilter) { workers(filter: $filter, first: 100) { edges { node { id } } } }`,
      target: async (scope) => {
        const { worker } = await read(scope);
        return { variables: () => ({ filter: { name: 'Listed' } }), shows: listed(worker.id) };
      },
    },

    acknowledgeAlert: alertMutation(
      `mutation Acknowledge($id: ID!) { acknowledgeAlert(id: $id) { id } }`,
      () => ({}),
    ),
    // To oneself: a user may always be handed what it handles; who else may is alerts-api.e2e-spec's.
    assignAlert: alertMutation(
      `mutation Assign($id: ID!, $userId: ID!) { assignAlert(id: $id, userId: $userId) { id } }`,
      (caller) => ({ userId: caller.userId ?? callers.byName.OFFICER.userId }),
    ),
    resolveAlert: alertMutation(
      `mutation Resolve($id: ID!, $note: String!) { resolveAlert(id: $id, note: $note) { id } }`,
      () => ({ note: 'Called the family: all is well.' }),
    ),

    registerRecruiter: {
      type: 'Mutation',
      document: `mutation Recruiter($input: RegisterRecruiterInput!) { registerRecruiter(input: $input) { id } }`,
      target: () =>
        Promise.resolve({
          variables: () => ({ input: records.recruiterInput() }),
          state: rowsOf('recruiter'),
        }),
    },
    addRecruitmentPermit: {
      type: 'Mutation',
      document: `mutation Permit($recruiterId: ID!, $input: RecruitmentPermitInput!) {
        addRecruitmentPermit(recruiterId: $recruiterId, input: $input) { id }
      }`,
      target: async () => {
        const recruiter = await records.recruiter();
        return {
          variables: () => ({ recruiterId: recruiter.id, input: records.permitInput() }),
          state: both(row('recruiter', recruiter.id), rowsOf('recruitment_permit')),
        };
      },
    },
    updateRecruiterStatus: {
      type: 'Mutation',
      document: `mutation Status($id: ID!, $status: RecruiterStatus!, $reason: String!, $version: Int!) {
        updateRecruiterStatus(id: $id, status: $status, reason: $reason, version: $version) { id }
      }`,
      target: async () => {
        const recruiter = await records.recruiter();
        return {
          variables: () => ({ ...recruiter, status: 'SUSPENDED', reason: 'Licence under review' }),
          state: row('recruiter', recruiter.id),
        };
      },
    },

    registerWorker: {
      type: 'Mutation',
      document: `mutation Register($input: RegisterWorkerInput!) { registerWorker(input: $input) { id } }`,
      target: (scope) => {
        const side = sideOf(scope);
        return Promise.resolve({
          variables: () => ({ input: records.workerInput(side) }),
          state: rowsOf('worker'),
        });
      },
    },
    updateWorker: {
      type: 'Mutation',
      document: `mutation Update($id: ID!, $input: UpdateWorkerInput!) { updateWorker(id: $id, input: $input) { id } }`,
      target: async (scope, _caller, own) => {
        const { id, fullName } = await worker(scope, own);
        return {
          variables: () => ({ id, input: { fullName: `${fullName} Renamed` } }),
          state: row('worker', id),
        };
      },
    },
    registerPlacement: {
      type: 'Mutation',
      document: `mutation Register($input: RegisterPlacementInput!) { registerPlacement(input: $input) { id } }`,
      target: async (scope, _caller, own) => {
        const { id } = await worker(scope, own);
        return {
          variables: () => ({ input: records.placementInput(sideOf(scope), id) }),
          state: rowsOf('placement'),
        };
      },
    },
    recordRequirement: onPlacement(
      `mutation Record($placementId: ID!, $version: Int!, $input: RequirementInput!) {
        recordRequirement(placementId: $placementId, version: $version, input: $input) { id }
      }`,
      registered,
      (placement) => ({
        ...versioned(placement),
        input: { kind: 'MEDICAL_FIT', status: 'SATISFIED', documentNumber: 'MCU-2025-001' },
      }),
    ),
    clearForDeparture: onPlacement(
      `mutation Clear($placementId: ID!, $version: Int!) {
        clearForDeparture(placementId: $placementId, version: $version) { id }
      }`,
      ready,
      versioned,
    ),
    recordDeparture: onPlacement(
      `mutation Depart($placementId: ID!, $version: Int!, $departedAt: DateTime!) {
        recordDeparture(placementId: $placementId, version: $version, departedAt: $departedAt) { id }
      }`,
      registered,
      (placement) => ({ ...versioned(placement), departedAt: ago(MINUTE).toISOString() }),
    ),
    cancelPlacement: onPlacement(
      `mutation Cancel($placementId: ID!, $version: Int!, $reason: String!) {
        cancelPlacement(placementId: $placementId, version: $version, reason: $reason) { id }
      }`,
      registered,
      (placement) => ({ ...versioned(placement), reason: 'The worker withdrew' }),
    ),

    confirmArrival: onPlacement(
      `mutation Arrive($placementId: ID!, $version: Int!, $arrivedAt: DateTime!) {
        confirmArrival(placementId: $placementId, version: $version, arrivedAt: $arrivedAt) { id }
      }`,
      departed,
      (placement) => ({ ...versioned(placement), arrivedAt: ago(MINUTE).toISOString() }),
    ),
    updatePlacementStatus: onPlacement(
      `mutation Status($placementId: ID!, $version: Int!, $input: PlacementStatusInput!) {
        updatePlacementStatus(placementId: $placementId, version: $version, input: $input) { id }
      }`,
      placed,
      (placement) => ({
        ...versioned(placement),
        input: { status: 'WORKING', effectiveAt: ago(MINUTE).toISOString() },
      }),
    ),
    reportWorkerAbroad: {
      type: 'Mutation',
      document: `mutation Report($input: ReportWorkerAbroadInput!) { reportWorkerAbroad(input: $input) { id } }`,
      target: (scope) => {
        const destination = records.destination(sideOf(scope));
        return Promise.resolve({
          variables: () => {
            const { fullName, dateOfBirth, sex } = records.workerInput('inside');
            return {
              input: {
                fullName,
                dateOfBirth,
                sex,
                destination,
                foundAt: ago(MINUTE).toISOString(),
                circumstances: 'Walked into the shelter',
              },
            };
          },
          state: both(rowsOf('worker'), rowsOf('placement')),
        });
      },
    },
    recordWelfareContact: onPlacement(
      `mutation Contact($placementId: ID!, $input: WelfareContactInput!) {
        recordWelfareContact(placementId: $placementId, input: $input) { id }
      }`,
      placed,
      (placement) => ({
        placementId: placement.id,
        input: { channel: 'PHONE', contactedAt: ago(MINUTE).toISOString(), reachedWorker: true },
      }),
    ),
    recordWelfareContacts: {
      ...onPlacement(
        `mutation Contacts($contacts: [WelfareContactBatchItem!]!) {
          recordWelfareContacts(contacts: $contacts) { index contact { id } error { code } }
        }`,
        placed,
        (placement) => ({
          contacts: [
            {
              placementId: placement.id,
              channel: 'WHATSAPP',
              contactedAt: ago(MINUTE).toISOString(),
              reachedWorker: true,
            },
          ],
        }),
      ),
      itemAnswer: (data) => (data as { error: { code: string } | null }[] | null)?.[0]?.error?.code,
    },
    requestRepatriation: onPlacement(
      `mutation Repatriate($placementId: ID!, $version: Int!, $input: RepatriationInput!) {
        requestRepatriation(placementId: $placementId, version: $version, input: $input) { id }
      }`,
      placed,
      (placement) => ({ ...versioned(placement), input: { reason: 'CONTRACT_ENDED' } }),
    ),
    updateRepatriation: {
      type: 'Mutation',
      document: `mutation UpdateRepatriation($id: ID!, $version: Int!, $input: RepatriationUpdateInput!) {
        updateRepatriation(id: $id, version: $version, input: $input) { id }
      }`,
      target: async (scope, _caller, own) => {
        const { placement, repatriation } = await repatriating(scope, own);
        return {
          variables: () => ({ ...repatriation, input: { status: 'ARRANGED' } }),
          state: both(row('placement', placement.id), row('repatriation', repatriation.id)),
        };
      },
    },

    recordReturn: onPlacement(
      `mutation Return($placementId: ID!, $version: Int!, $returnedAt: DateTime!) {
        recordReturn(placementId: $placementId, version: $version, returnedAt: $returnedAt) { id }
      }`,
      placed,
      (placement) => ({ ...versioned(placement), returnedAt: ago(MINUTE).toISOString() }),
    ),
    referToService: onPlacement(
      `mutation Refer($placementId: ID!, $input: ReferralInput!) {
        referToService(placementId: $placementId, input: $input) { id }
      }`,
      returned,
      (placement) => ({
        placementId: placement.id,
        input: { service: 'LEGAL_AID', consentGiven: true, agencyId: records.socialServiceId },
      }),
    ),
    recordReintegrationRefusal: onPlacement(
      `mutation Refuse($placementId: ID!, $version: Int!, $input: ReintegrationRefusalInput!) {
        recordReintegrationRefusal(placementId: $placementId, version: $version, input: $input) { id }
      }`,
      returned,
      (placement) => ({
        ...versioned(placement),
        input: { refusedAt: ago(MINUTE).toISOString(), services: ['ECONOMIC_EMPOWERMENT'] },
      }),
    ),
    closePlacement: onPlacement(
      `mutation Close($placementId: ID!, $version: Int!, $outcome: String!) {
        closePlacement(placementId: $placementId, version: $version, outcome: $outcome) { id }
      }`,
      returned,
      (placement) => ({ ...versioned(placement), outcome: 'Home with the family, working locally' }),
    ),
    updateReferral: {
      type: 'Mutation',
      document: `mutation UpdateReferral($id: ID!, $input: ReferralUpdateInput!) {
        updateReferral(id: $id, input: $input) { id }
      }`,
      target: async (scope, _caller, own) => {
        const { referralId } = await referred(scope, own);
        return {
          variables: () => ({ id: referralId, input: { status: 'ACCEPTED' } }),
          state: row('referral', referralId),
        };
      },
    },

    refreshSession: {
      type: 'Mutation',
      document: `mutation Refresh($refreshToken: String!) { refreshSession(refreshToken: $refreshToken) { accessToken } }`,
      target: async () => {
        const login = await graphql<{ login: { refreshToken: string } }>(
          app,
          `
            mutation Login($username: String!, $password: String!) {
              login(username: $username, password: $password) {
                refreshToken
              }
            }
          `,
          { username: callers.loginSubject.username, password: callers.loginSubject.password },
        );
        if (!login.data) throw new Error(`login failed: ${JSON.stringify(login.errors)}`);
        return { variables: () => ({ refreshToken: login.data!.login.refreshToken }) };
      },
    },
    // In a session of its own: the caller's is needed by the cells that follow.
    logout: {
      type: 'Mutation',
      document: `mutation { logout }`,
      perCaller: true,
      target: async (_scope, caller) => {
        const session = await caller.newSession?.();
        return {
          variables: () => ({}),
          caller: session,
          state: rowsOf('user_session WHERE revoked_at IS NULL'),
        };
      },
    },
    // As a lookalike: a new password ends the user's other sessions, the caller's among them.
    changePassword: {
      type: 'Mutation',
      document: `mutation Change($currentPassword: String!, $newPassword: String!) {
        changePassword(currentPassword: $currentPassword, newPassword: $newPassword)
      }`,
      perCaller: true,
      target: async (_scope, caller) => {
        const lookalike = await caller.lookalike?.();
        return {
          variables: (who) => ({
            currentPassword: who.password ?? 'an API key has no password',
            newPassword: 'Tanjung Puting orangutans, 1982',
          }),
          caller: lookalike,
          state: rowsOf('user_session WHERE revoked_at IS NULL'),
        };
      },
    },
    login: {
      type: 'Mutation',
      document: `mutation Login($username: String!, $password: String!) {
        login(username: $username, password: $password) { accessToken }
      }`,
      target: () =>
        Promise.resolve({
          variables: () => ({
            username: callers.loginSubject.username,
            password: callers.loginSubject.password,
          }),
        }),
    },

    alertRaised: {
      type: 'Subscription',
      document: `subscription { alertRaised { id } }`,
      target: async (scope) => {
        const { id } = await alert(scope);
        return { variables: () => ({}), id };
      },
    },
  };
}
