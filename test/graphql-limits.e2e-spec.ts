import { readFile } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import { GRAPHQL_MODULE_OPTIONS, GraphQLSchemaHost } from '@nestjs/graphql';
import {
  getNamedType,
  isLeafType,
  isNonNullType,
  isObjectType,
  parse,
  type GraphQLArgument,
  type GraphQLField,
  type GraphQLObjectType,
  type validate,
} from 'graphql';
import type { Client } from 'graphql-ws';
import request from 'supertest';
import WebSocket from 'ws';
import { AlertFeed, AlertKind, AlertLedger, AlertSeverity, dedupeKeyOf } from '#lintas/alerts';
import { MAX_PAGE_SIZE } from '#lintas/core';
import { liveClient } from './support/live-connection.js';
import { eventually } from './support/eventually.js';
import { agencyWithUser, cli, workerInput, type Officer } from './support/factories.js';
import { registerPlacement } from './support/placements.js';
import {
  bearer,
  graphql,
  LOGIN,
  loginAs,
  productionSettings,
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

/** The largest message a live connection may send (apps/api/src/create-api.ts). */
const LIVE_MESSAGE_LIMIT = 64 * 1024;

/** A graphql-ws client of the API listening on `port`, connecting with these credentials. */
/** What the API first answers an operation over a live connection: a result, its errors, or how the socket closed. */
const firstAnswer = (
  client: Client,
  payload: { query: string; operationName?: string; variables?: Record<string, unknown> },
): Promise<unknown> =>
  new Promise((resolve) => {
    client.subscribe(payload, { next: resolve, error: resolve, complete: () => resolve(null) });
  });

/**
 * The messages of what the socket server's `validate` (api.module.ts) finds in `query`. graphql-ws
 * calls it only after onSubscribe has let an operation through, and that refuses every query first:
 * so its own rules are checked here, in case onSubscribe ever lets one by.
 */
function liveValidationMessages(app: TestApi['app'], query: string): string[] {
  const options = app.get<{ subscriptions: { 'graphql-ws': { validate: typeof validate } } }>(
    GRAPHQL_MODULE_OPTIONS,
    { strict: false },
  );
  const { schema } = app.get(GraphQLSchemaHost);
  return options.subscriptions['graphql-ws'].validate(schema, parse(query)).map((error) => error.message);
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
  let auditorUser: Officer;
  let workerId: string;
  let placementId: string;
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
    placementId = (await registerPlacement(api.app, officer, workerId, 'MY')).id;
    auditorUser = await agencyWithUser({ kind: 'NATIONAL', roles: 'AUDITOR,ADMIN' });
    auditor = bearer(await loginAs(api.app, auditorUser));
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

  describe('over a live connection (graphql-ws)', () => {
    let port: number;
    const clients: Client[] = [];
    const connect = (params: Record<string, string> = auditor): Client => {
      const client = liveClient(port, params);
      clients.push(client);
      return client;
    };

    beforeAll(async () => {
      await api.app.listen(0, '127.0.0.1');
      port = (api.app.getHttpServer().address() as AddressInfo).port;
    });

    afterEach(async () => {
      await Promise.all(clients.splice(0).map(async (client) => client.dispose()));
    });

    const onlySubscriptions = (kind: string): unknown => [
      {
        message: `Only subscriptions run over a live connection; send the ${kind} over HTTP`,
        extensions: { code: 'BAD_USER_INPUT' },
      },
    ];

    it('runs no query: it goes over HTTP, where an API key spends its rate limit', async () => {
      const client = connect();
      expect(await firstAnswer(client, { query: '{ me { name } }' })).toEqual(onlySubscriptions('query'));
      // Named among subscriptions in one document, it is refused all the same.
      const document = 'subscription Live { alertRaised { id } } query Me { me { name } }';
      expect(await firstAnswer(client, { query: document, operationName: 'Me' })).toEqual(
        onlySubscriptions('query'),
      );
    });

    it('runs no mutation: a login over the socket would escape the per-address throttle', async () => {
      const sessions = async (): Promise<number> => {
        const [row] = await api.dataSource.query<{ count: string }[]>(
          'SELECT count(*) AS count FROM user_session',
        );
        return Number(row?.count);
      };
      const before = await sessions();
      const refused = await firstAnswer(connect(), {
        query: LOGIN,
        variables: { username: auditorUser.username, password: auditorUser.password },
      });
      expect(refused).toEqual(onlySubscriptions('mutation'));
      expect(await sessions()).toBe(before);
    });

    it('validates with the rules of GraphQL, introspection included, on a development machine', () => {
      expect(liveValidationMessages(api.app, '{ __schema { types { name } } }')).toEqual([]);
    });

    it('still delivers a subscription', async () => {
      const client = connect();
      const received: unknown[] = [];
      client.subscribe(
        { query: 'subscription { alertRaised { id kind placement { id } } }' },
        {
          next: (result) => received.push(result),
          error: (error) => received.push(error),
          complete: () => undefined,
        },
      );
      const { alertId } = await api.dataSource.transaction((manager) =>
        api.app.get(AlertLedger).raise(manager, {
          kind: AlertKind.MISSED_CHECK_IN,
          severity: AlertSeverity.MEDIUM,
          placementId,
          subjectAlertId: null,
          dedupeKey: dedupeKeyOf(AlertKind.MISSED_CHECK_IN, placementId),
          reason: 'raised by the live connection test',
        }),
      );
      const feed = api.app.get(AlertFeed);
      // The API subscribes to Redis lazily: the alert is published again until the subscriber hears it.
      await eventually(
        async () => {
          await feed.publish({
            alertId,
            kind: AlertKind.MISSED_CHECK_IN,
            originProvinceCode: '63',
            originRegencyCode: '6372',
            destination: 'MY',
          });
          return received.length > 0 || undefined;
        },
        10_000,
        'the alert over the live connection',
      );
      expect(received[0]).toEqual({
        data: { alertRaised: { id: alertId, kind: 'MISSED_CHECK_IN', placement: { id: placementId } } },
      });
    });

    /** Opens a bare socket, sends one connection_init padded to `size` bytes, and reports how it ends. */
    const initOfSize = (
      size: number,
      params: Record<string, string>,
    ): Promise<{ acknowledged: boolean; code: number }> =>
      new Promise((resolve, reject) => {
        const socket = new WebSocket(`ws://127.0.0.1:${port}/graphql`, 'graphql-transport-ws');
        let acknowledged = false;
        socket.on('open', () => {
          const message = (padding: string): string =>
            JSON.stringify({ type: 'connection_init', payload: { ...params, padding } });
          const padding = 'x'.repeat(size - message('').length);
          socket.send(message(padding));
        });
        socket.on('message', (data: Buffer) => {
          if ((JSON.parse(data.toString()) as { type: string }).type === 'connection_ack') {
            acknowledged = true;
            socket.close(1000);
          }
        });
        socket.on('close', (code: number) => resolve({ acknowledged, code }));
        socket.on('error', reject);
      });

    it(`closes a connection whose message is over ${LIVE_MESSAGE_LIMIT} bytes (1009), and serves on`, async () => {
      expect(await initOfSize(LIVE_MESSAGE_LIMIT, auditor)).toEqual({ acknowledged: true, code: 1000 });
      expect(await initOfSize(LIVE_MESSAGE_LIMIT + 1, auditor)).toEqual({ acknowledged: false, code: 1009 });
      // Before any credentials are checked: a peer without them is cut off the same way.
      expect(await initOfSize(4 * 1024 * 1024, {})).toEqual({ acknowledged: false, code: 1009 });
      expect(await initOfSize(1024, auditor)).toEqual({ acknowledged: true, code: 1000 });
      expect((await request(api.app.getHttpServer()).get('/health')).status).toBe(200);
      // Said in the structured log, not as a stack on stderr.
      const refusals = (await readFile(environment.logFile, 'utf8'))
        .split('\n')
        .filter((line) => line.includes('a message it sent was refused'));
      expect(refusals).toHaveLength(2);
      expect(JSON.parse(refusals[0] ?? '{}')).toMatchObject({ level: 'warn', service: 'api' });
    });
  });
});

describe('GraphQL limits over a live connection, in production', () => {
  const environmentBefore = { ...process.env };
  let environment: TestEnvironment;
  let api: TestApi;
  let client: Client;

  beforeAll(async () => {
    environment = await useTestEnvironment(productionSettings());
    await cli(['migrate']);
    api = await startTestApi();
    await api.app.listen(0, '127.0.0.1');
    const { port } = api.app.getHttpServer().address() as AddressInfo;
    const token = await loginAs(api.app, await agencyWithUser({ kind: 'NATIONAL', roles: 'CASE_HANDLER' }));
    client = liveClient(port, bearer(token));
  });

  afterAll(async () => {
    await client?.dispose();
    await api?.close();
    await environment?.release();
    // The variables set here must not reach the next test file this Jest worker runs.
    for (const key of Object.keys(process.env)) if (!(key in environmentBefore)) delete process.env[key];
    Object.assign(process.env, environmentBefore);
  });

  it('answers no introspection', async () => {
    for (const query of [
      '{ __schema { types { name } } }',
      '{ __type(name: "Worker") { fields { name } } }',
    ]) {
      expect(await firstAnswer(client, { query })).toEqual([
        {
          message: 'Only subscriptions run over a live connection; send the query over HTTP',
          extensions: { code: 'BAD_USER_INPUT' },
        },
      ]);
      // Nor would the socket's own validation, were a query let through to it.
      expect(liveValidationMessages(api.app, query)).toContainEqual(
        expect.stringMatching(
          /^GraphQL introspection has been disabled, but the requested query contained the field/,
        ),
      );
    }
  });
});
