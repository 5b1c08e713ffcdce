import { GraphQLSchemaHost } from '@nestjs/graphql';
import {
  getNamedType,
  isLeafType,
  isNonNullType,
  isObjectType,
  type GraphQLArgument,
  type GraphQLField,
  type GraphQLObjectType,
} from 'graphql';
import request from 'supertest';
import { MAX_PAGE_SIZE } from '#lintas/core';
import { agencyWithUser, cli, workerInput } from './support/factories.js';
import { registerPlacement } from './support/placements.js';
import {
  bearer,
  graphql,
  loginAs,
  registerWorker,
  startTestApi,
  useTestEnvironment,
  type TestApi,
  type TestEnvironment,
} from './support/test-api.js';

/**
 * Every field of `type` that needs no argument: its own values, and those of each record it links
 * to (the way a screen shows a row with its worker's name and its recruiter's licence).
 */
function fullSelection(type: GraphQLObjectType, linkedLevels = 1): string {
  const fields: string[] = [];
  for (const field of Object.values(type.getFields())) {
    if (field.args.some(isRequired)) continue;
    const named = getNamedType(field.type);
    if (isLeafType(named)) fields.push(field.name);
    else if (isObjectType(named) && linkedLevels > 0) {
      const inner = fullSelection(named, linkedLevels - 1);
      if (inner) fields.push(`${field.name} { ${inner} }`);
    }
  }
  return fields.join(' ');
}

const isRequired = (argument: GraphQLArgument): boolean =>
  isNonNullType(argument.type) && argument.defaultValue === undefined;

/** The node type of a Relay connection field: `edges { node }`. */
function nodeType(field: GraphQLField<unknown, unknown>): GraphQLObjectType {
  const connection = getNamedType(field.type) as GraphQLObjectType;
  const edge = getNamedType(connection.getFields().edges?.type) as GraphQLObjectType;
  return getNamedType(edge.getFields().node?.type) as GraphQLObjectType;
}

describe('GraphQL limits: cost, depth, page size, aliases, root fields, batching', () => {
  let environment: TestEnvironment;
  let api: TestApi;
  let auditor: Record<string, string>;
  let workerId: string;
  let connections: GraphQLField<unknown, unknown>[];

  /** A connection field's required arguments (the audit trail's entity), as literals. */
  const requiredArguments = (field: GraphQLField<unknown, unknown>): string[] =>
    field.args.filter(isRequired).map((argument) => {
      if (getNamedType(argument.type).name !== 'ID') {
        throw new Error(`${field.name}(${argument.name}) needs a value this test does not know yet`);
      }
      return `${argument.name}: "${workerId}"`;
    });

  const pageQuery = (field: GraphQLField<unknown, unknown>, selection: string): string =>
    `query Page($first: Int) { ${field.name}(${[...requiredArguments(field), 'first: $first'].join(', ')}) ${selection} }`;

  beforeAll(async () => {
    environment = await useTestEnvironment();
    await cli(['migrate']);
    api = await startTestApi();
    const bp3mi = await agencyWithUser({ kind: 'BP3MI', roles: 'OFFICER', provinces: '63' });
    const officer = bearer(await loginAs(api.app, bp3mi));
    workerId = await registerWorker(
      api.app,
      officer,
      workerInput({ regencyCode: '6372', dateOfBirth: '1990-04-12', sex: 'FEMALE', serial: 1 }),
    );
    await registerPlacement(api.app, officer, workerId, 'MY');
    auditor = bearer(
      await loginAs(api.app, await agencyWithUser({ kind: 'NATIONAL', roles: 'AUDITOR,ADMIN' })),
    );
    const { schema } = api.app.get(GraphQLSchemaHost);
    connections = Object.values(schema.getQueryType()?.getFields() ?? {}).filter((field) =>
      field.args.some((argument) => argument.name === 'first'),
    );
  });

  afterAll(async () => {
    await api?.close();
    await environment?.release();
  });

  it('finds the connections of the schema', () => {
    expect(connections.map((field) => field.name).sort()).toEqual(
      expect.arrayContaining(['alerts', 'auditTrail', 'placements', 'recruiters', 'referrals', 'workers']),
    );
  });

  it(`runs a full page (${MAX_PAGE_SIZE} rows, every field) of every connection`, async () => {
    for (const field of connections) {
      const selection = `{ totalCount pageInfo { hasNextPage endCursor } edges { cursor node { ${fullSelection(nodeType(field))} } } }`;
      const response = await graphql<Record<string, { totalCount: number }>>(
        api.app,
        pageQuery(field, selection),
        { first: MAX_PAGE_SIZE },
        auditor,
      );
      expect({ field: field.name, errors: response.errors }).toEqual({
        field: field.name,
        errors: undefined,
      });
      expect(response.data?.[field.name]?.totalCount).toEqual(expect.any(Number));
    }
  });

  it('refuses two full pages of the widest list in one operation (a page nested in a page: see the unit test)', async () => {
    const node = fullSelection(nodeType(connections.find((field) => field.name === 'placements')!));
    const page = `(first: 100) { totalCount edges { node { ${node} } } }`;
    const twice = await graphql(
      api.app,
      `query Twice { a: placements${page} b: placements${page} }`,
      {},
      auditor,
    );
    expect(twice.errors?.[0]?.message).toMatch(/^Query complexity is \d+; at most \d+ is allowed$/);
    expect(twice.errors?.[0]?.extensions.code).toBe('BAD_USER_INPUT');
    expect(twice.data).toBeUndefined();
  });

  it('answers BAD_USER_INPUT naming `first` for a page size out of range, on every connection, before any guard', async () => {
    for (const field of connections) {
      for (const [first, message] of [
        [MAX_PAGE_SIZE + 1, `must not be greater than ${MAX_PAGE_SIZE}`],
        [10_000, `must not be greater than ${MAX_PAGE_SIZE}`],
        [0, 'must not be less than 1'],
        [-1, 'must not be less than 1'],
      ] as const) {
        for (const headers of [auditor, {}]) {
          const response = await request(api.app.getHttpServer())
            .post('/graphql')
            .set({ 'content-type': 'application/json', ...headers })
            .send({ query: pageQuery(field, '{ totalCount }'), variables: { first } });
          expect({
            field: field.name,
            first,
            status: response.status,
            body: response.body as unknown,
          }).toEqual({
            field: field.name,
            first,
            status: 400,
            body: {
              errors: [
                expect.objectContaining({
                  message: `first: ${message}`,
                  extensions: { code: 'BAD_USER_INPUT', fields: [{ path: 'first', message }] },
                }),
              ],
            },
          });
        }
      }
      const atBounds = await graphql(api.app, pageQuery(field, '{ totalCount }'), { first: 1 }, auditor);
      expect(atBounds.errors).toBeUndefined();
    }
  });

  it('refuses an operation nested deeper than 10 levels', async () => {
    const response = await graphql(
      api.app,
      `query Deep { placements { edges { node { ${'alerts { placement { '.repeat(4)}id${' } }'.repeat(4)} } } } }`,
      {},
      auditor,
    );
    expect(response.errors?.[0]).toMatchObject({
      message: 'Query is nested 12 levels deep; at most 10 are allowed',
      extensions: { code: 'BAD_USER_INPUT' },
    });
  });

  it('refuses more than 30 aliases in one operation, through fragments too', async () => {
    const aliases = (count: number): string =>
      Array.from({ length: count }, (_, index) => `n${index}: totalCount`).join(' ');
    const thirty = await graphql(api.app, `query A { workers { ${aliases(30)} } }`, {}, auditor);
    expect(thirty.errors).toBeUndefined();
    const more = await graphql(api.app, `query A { workers { ${aliases(31)} } }`, {}, auditor);
    expect(more.errors?.[0]).toMatchObject({
      message: 'The operation uses more than 30 aliases',
      extensions: { code: 'BAD_USER_INPUT' },
    });
    const spread = await graphql(
      api.app,
      `query A { a: workers { ...Counts } b: placements { ...Counts } }
       fragment Counts on WorkerConnection { ${aliases(15)} }`,
      {},
      auditor,
    );
    // Validation refuses the fragment on the wrong type only after the limits let it through.
    expect(spread.errors?.[0]?.extensions.code).toBe('GRAPHQL_VALIDATION_FAILED');
    const twice = await graphql(
      api.app,
      `query A { a: workers { ...Counts } b: workers(first: 5) { ...Counts } }
       fragment Counts on WorkerConnection { ${aliases(15)} }`,
      {},
      auditor,
    );
    expect(twice.errors?.[0]?.message).toBe('The operation uses more than 30 aliases');
  });

  it('refuses more than 10 root fields, so one request cannot fan a guess out', async () => {
    const roots = (count: number): string =>
      Array.from({ length: count }, (_, index) => `m${index}: me { name }`).join(' ');
    expect((await graphql(api.app, `query Me { ${roots(10)} }`, {}, auditor)).errors).toBeUndefined();
    const logins = Array.from(
      { length: 11 },
      (_, index) => `l${index}: login(username: "admin", password: "guess-${index}") { accessToken }`,
    ).join(' ');
    const response = await graphql(api.app, `mutation Guess { ${logins} }`);
    expect(response.errors?.[0]).toMatchObject({
      message: 'The operation asks for 11 root fields; at most 10 are allowed',
      extensions: { code: 'BAD_USER_INPUT' },
    });
  });

  it('refuses a batch (a JSON array of operations) with a 400 JSON error', async () => {
    const response = await request(api.app.getHttpServer())
      .post('/graphql')
      .set('content-type', 'application/json')
      .send([{ query: '{ __typename }' }, { query: '{ __typename }' }]);
    expect(response.status).toBe(400);
    expect(response.headers['content-type']).toMatch(/^application\/json/);
    expect(response.body).toEqual({
      errors: [{ message: 'Operation batching disabled.', extensions: { code: 'BAD_USER_INPUT' } }],
    });
  });

  it('needs operationName to run one of several operations in a document', async () => {
    const document = 'query One { __typename } query Two { me { name } }';
    const send = (body: Record<string, unknown>) =>
      request(api.app.getHttpServer())
        .post('/graphql')
        .set({ 'content-type': 'application/json', ...auditor })
        .send(body);
    const unnamed = await send({ query: document });
    expect(unnamed.status).toBe(400);
    expect((unnamed.body as { errors: { message: string }[] }).errors[0]?.message).toBe(
      'Must provide operation name if query contains multiple operations.',
    );
    const named = await send({ query: document, operationName: 'Two' });
    expect(named.status).toBe(200);
    expect(named.body).toEqual({ data: { me: { name: expect.any(String) as unknown } } });
  });
});
