import { AuditTrail } from '#lintas/audit';
import { PiiCipher } from '#lintas/core';
import { agencyWithUser, cli } from './support/factories.js';
import { countStatements } from './support/query-discipline/count-statements.js';
import { seedSmallDataSet, type SmallDataSet } from './support/query-discipline/small-data-set.js';
import { StatementRecorder } from './support/query-discipline/statement-recorder.js';
import {
  bearer,
  loginAs,
  startTestApi,
  useTestEnvironment,
  type TestApi,
  type TestEnvironment,
} from './support/test-api.js';

/** The page the benchmark loads (issue 8): at most 5 statements, authentication included. */
const BENCHMARK_PAGE = `query Page($first: Int!) { placements(first: $first) { edges { node {
  id stage destination sector jobTitle nextCheckInDueAt version
  worker { id fullName sex dateOfBirth nik } requirements { kind status expiresOn }
  lastWelfareContact { contactedAt channel reachedWorker }
} } } }`;

/** Every relation of a placement, each several rows deep, with the total count. */
const PLACEMENTS = `query Placements($first: Int!) { placements(first: $first) { totalCount edges { node {
  id worker { id nik } recruiter { id } requirements { kind status } timeline { type actorName }
  lastWelfareContact { id } welfareContacts { id } statusHistory { status }
  alerts { id recipients { agency { code } } } repatriation { status } repatriations { id }
  return { kind } referrals { id agency { code } } reintegrationRefusals { id }
} } } }`;

const WORKERS = `query Workers($first: Int!) { workers(first: $first) { totalCount edges { node {
  id nik originRegency { name } placements { id stage timeline { type } lastWelfareContact { id } }
} } } }`;

const WORKER = `query Worker($id: ID!) { worker(id: $id) {
  id nik placements { id stage timeline { type stageTo } requirements { kind } }
} }`;

const ALERTS = `query Alerts($first: Int!) { alerts(first: $first) { totalCount edges { node {
  id kind placement { id worker { fullName } } recipients { reason agency { code } }
  assignee { id } acknowledgedBy { id } deliveries { channel }
} } } }`;

const RECRUITERS = `query Recruiters($first: Int!) { recruiters(first: $first) { totalCount edges { node {
  id name recruitmentPermits { permitNumber destination }
} } } }`;

const AUDIT_TRAIL = `query Trail($entityId: ID!, $first: Int!) { auditTrail(entityId: $entityId, first: $first) {
  totalCount edges { node { sequence action actorType entityType } }
} }`;

/** Placements in the data set: a page of 50 and one more, so that page has a next one. */
const PLACEMENT_COUNT = 51;
/** Entries in one worker's audit trail: more than a page of 50. */
const TRAIL_LENGTH = 51;

describe('query discipline: statements per GraphQL request', () => {
  let environment: TestEnvironment;
  let api: TestApi;
  let recorder: StatementRecorder;
  let headers: Record<string, string>;
  let data: SmallDataSet;

  /** The statements a page of `first` costs, after checking it answered that many rows. */
  const statementsFor = async (
    query: string,
    variables: Record<string, unknown>,
    connection: string,
  ): Promise<string[]> => {
    const { response, statements } = await countStatements<Record<string, { edges: unknown[] }>>(
      api.app,
      recorder,
      headers,
      query,
      variables,
    );
    expect(response.errors).toBeUndefined();
    expect(response.data?.[connection]?.edges).toHaveLength(Number(variables.first));
    return statements.map((statement) => statement.text);
  };

  beforeAll(async () => {
    environment = await useTestEnvironment();
    await cli(['migrate']);
    const officer = await agencyWithUser({ kind: 'BP3MI', roles: 'OFFICER,ADMIN', provinces: '63' });
    api = await startTestApi();
    recorder = StatementRecorder.attach(api.dataSource);
    headers = bearer(await loginAs(api.app, officer));
    data = await seedSmallDataSet(
      api.dataSource,
      api.app.get(PiiCipher),
      officer.agencyCode,
      PLACEMENT_COUNT,
    );
    // The trail of one worker, written by the API's own audit writer: a page of 50 entries.
    const audit = api.app.get(AuditTrail);
    await api.dataSource.transaction(async (manager) => {
      for (let change = 1; change <= TRAIL_LENGTH; change += 1) {
        await audit.record(manager, {
          actor: { type: 'cli', id: null },
          action: 'worker.updated',
          entityType: 'worker',
          entityId: data.workerIds[0] ?? '',
          before: { change: change - 1 },
          after: { change },
        });
      }
    });
  }, 60_000);

  afterAll(async () => {
    await api?.close();
    await environment?.release();
  });

  it.each([
    ['placements, every relation', PLACEMENTS, 'placements', {}],
    ['placements, the benchmark page', BENCHMARK_PAGE, 'placements', {}],
    ['workers with their placements', WORKERS, 'workers', {}],
    ['alerts with placement, worker and recipients', ALERTS, 'alerts', {}],
    ['recruiters with their permits', RECRUITERS, 'recruiters', {}],
  ])('%s: a page of 50 takes no more statements than a page of 5', async (_name, query, connection) => {
    const five = await statementsFor(query, { first: 5 }, connection);
    const fifty = await statementsFor(query, { first: 50 }, connection);
    expect(fifty.length).toBeLessThanOrEqual(five.length);
  });

  it('auditTrail: a page of 50 takes no more statements than a page of 5', async () => {
    const entityId = data.workerIds[0];
    const five = await statementsFor(AUDIT_TRAIL, { entityId, first: 5 }, 'auditTrail');
    const fifty = await statementsFor(AUDIT_TRAIL, { entityId, first: 50 }, 'auditTrail');
    expect(fifty.length).toBeLessThanOrEqual(five.length);
  });

  it('the benchmark page of 50 takes at most 5 statements: authentication, the page and one per relation', async () => {
    const statements = await statementsFor(BENCHMARK_PAGE, { first: 50 }, 'placements');
    expect(statements.length).toBeLessThanOrEqual(5);
  });

  it('worker(id) with its placements and their timelines: one statement per relation, not per placement', async () => {
    const { response, statements } = await countStatements(api.app, recorder, headers, WORKER, {
      id: data.workerIds[1],
    });
    expect(response.errors).toBeUndefined();
    // Authentication, the worker, its placements, their timelines, their checklists.
    expect(statements.length).toBeLessThanOrEqual(5);
  });
});
