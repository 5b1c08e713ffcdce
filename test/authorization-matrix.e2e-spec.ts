import type { AddressInfo } from 'node:net';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { GraphQLSchemaHost } from '@nestjs/graphql';
import { getDataSourceToken } from '@nestjs/typeorm';
import { createClient } from 'graphql-ws';
import type { DataSource } from 'typeorm';
import WebSocket from 'ws';
import { AlertFeed, type AlertRaisedMessage } from '#lintas/alerts';
import { createApi } from '../apps/api/src/create-api.js';
import { makeCallers, type Callers } from './support/authorization-matrix/callers.js';
import { plays, type Play, type Target } from './support/authorization-matrix/operations.js';
import { Records } from './support/authorization-matrix/records.js';
import {
  CALLERS,
  MATRIX,
  type Answer,
  type CallerName,
  type OperationName,
  type Row,
  type Scope,
} from './support/authorization-matrix/table.js';
import { eventually } from './support/eventually.js';
import { cli } from './support/factories.js';
import {
  graphql,
  useTestEnvironment,
  type GraphqlResponse,
  type TestEnvironment,
} from './support/test-api.js';

interface Cell {
  operation: OperationName;
  scope: Scope;
  caller: CallerName;
  expected: Answer;
}

const cells: Cell[] = (Object.entries(MATRIX) as [OperationName, Row][]).flatMap(([operation, row]) =>
  (Object.entries(row) as [Scope, readonly Answer[]][]).flatMap(([scope, line]) =>
    CALLERS.map((caller, column) => ({ operation, scope, caller, expected: line[column] })),
  ),
);

/** A close code of graphql-ws: the server refused the connection's credentials. */
const REFUSED_CONNECTION = 4403;

describe('the authorization matrix: every operation × every role × inside and outside the jurisdiction', () => {
  let environment: TestEnvironment;
  let app: NestFastifyApplication;
  let dataSource: DataSource;
  let port: number;
  let callers: Callers;
  let operations: Record<OperationName, Play>;
  /** What each cell acts on, made before the cells run, several at a time. */
  const targets = new Map<string, Promise<Target>>();

  /**
   * A change made as expected gets a record of its own; reads and refusals change nothing, so the
   * cells of an operation and scope share one (those of a caller, when the target depends on it).
   */
  const owns = (cell: Cell): boolean =>
    operations[cell.operation].type === 'Mutation' && cell.expected === 'OK';
  const targetKey = (cell: Cell): string =>
    owns(cell) || operations[cell.operation].perCaller
      ? `${cell.operation}:${cell.scope}:${cell.caller}`
      : `${cell.operation}:${cell.scope}`;

  /** Makes every cell's target, `parallel` at a time; a failure is the failure of the cells that need it. */
  const prepareTargets = async (parallel: number): Promise<void> => {
    const makers = new Map<string, () => Promise<Target>>();
    // A row with no play is named by the check against the schema, and fails its own cells.
    for (const cell of cells.filter((each) => each.operation in operations)) {
      const key = targetKey(cell);
      const make = (): Promise<Target> =>
        operations[cell.operation].target(cell.scope, callers.byName[cell.caller], owns(cell));
      if (!makers.has(key)) makers.set(key, make);
    }
    const queue = [...makers];
    const work = async (): Promise<void> => {
      for (let next = queue.shift(); next; next = queue.shift()) {
        const [key, make] = next;
        const made = make();
        // Settled here, so an unused rejection never goes unhandled; the cell awaits it again.
        targets.set(key, made);
        await made.catch(() => undefined);
      }
    };
    await Promise.all(Array.from({ length: parallel }, work));
  };

  /** Everything a refused mutation could have written: the target's rows, and the trail every change leaves. */
  const snapshot = async (target: Target): Promise<unknown> => {
    const [trail] = await dataSource.query<Record<string, number>[]>(
      `SELECT (SELECT count(*)::int FROM audit_event) AS audit, (SELECT count(*)::int FROM outbox_event) AS outbox,
              (SELECT count(*)::int FROM placement_event) AS timeline`,
    );
    return { trail, target: await target.state?.() };
  };

  /** The answer in the matrix's terms: the refusal's code, or what the data shows. */
  const answerOf = (
    cell: Cell,
    play: Play,
    target: Target,
    response: GraphqlResponse<Record<string, unknown>>,
  ): string => {
    const code = response.errors?.[0]?.extensions.code;
    if (code) return code;
    const data = response.data?.[cell.operation];
    const item = play.itemAnswer?.(data);
    if (item) return item;
    if (target.shows) return target.shows(data) ? 'SEEN' : 'HIDDEN';
    if (data === null || data === undefined) return 'NULL';
    if (target.id && (data as { id?: string }).id !== target.id) return 'ANOTHER RECORD';
    return 'OK';
  };

  /** Whether the feed brings the caller an alert of the scope's side, as `alertRaised` would. */
  const playLive = async (cell: Cell, play: Play): Promise<{ answer: string; detail: unknown }> => {
    const caller = callers.byName[cell.caller];
    const target = await targets.get(targetKey(cell))!;
    // An alert every reader sees, published after the target: once it arrives, the target has passed by.
    const probe = await targets.get(`${cell.operation}:inside`)!;
    const messageOf = async (alertId: string): Promise<AlertRaisedMessage> => {
      const [message] = await dataSource.query<AlertRaisedMessage[]>(
        `SELECT a.id AS "alertId", a.kind, p.origin_province_code AS "originProvinceCode",
                p.origin_regency_code AS "originRegencyCode", p.destination
           FROM alert a JOIN placement p ON p.id = a.placement_id WHERE a.id = $1`,
        [alertId],
      );
      return message;
    };
    const [targetMessage, probeMessage] = [await messageOf(target.id!), await messageOf(probe.id!)];
    const received: string[] = [];
    let refusal: { code?: number; errors?: GraphqlResponse<unknown>['errors'] } | undefined;
    const client = createClient({
      url: `ws://127.0.0.1:${port}/graphql`,
      webSocketImpl: WebSocket,
      connectionParams: caller.headers,
      retryAttempts: 0,
    });
    try {
      client.subscribe<{ alertRaised: { id: string } }>(
        { query: play.document },
        {
          next: (result) => {
            if (result.data) received.push(result.data.alertRaised.id);
            if (result.errors) refusal = { errors: result.errors as GraphqlResponse<unknown>['errors'] };
          },
          error: (error) =>
            (refusal = Array.isArray(error)
              ? { errors: error as GraphqlResponse<unknown>['errors'] }
              : { code: (error as { code?: number }).code }),
          complete: () => undefined,
        },
      );
      // The server listens to Redis from the subscription on: publish until the probe gets through.
      const feed = app.get(AlertFeed);
      await eventually(
        async () => {
          if (refusal) return true;
          if (cell.scope !== 'inside') await feed.publish(targetMessage);
          await feed.publish(probeMessage);
          return received.includes(probe.id!) || undefined;
        },
        10_000,
        `the probe alert to reach ${cell.caller}`,
      );
    } finally {
      await client.dispose();
    }
    if (refusal?.code === REFUSED_CONNECTION) return { answer: 'UNAUTHENTICATED', detail: refusal };
    if (refusal) return { answer: String(refusal.errors?.[0]?.extensions.code), detail: refusal };
    return { answer: received.includes(target.id!) ? 'SEEN' : 'HIDDEN', detail: received };
  };

  beforeAll(async () => {
    environment = await useTestEnvironment();
    await cli(['migrate']);
    app = await createApi();
    // A real port: subscriptions need a socket to upgrade.
    await app.listen(0, '127.0.0.1');
    port = (app.getHttpServer().address() as AddressInfo).port;
    dataSource = app.get<DataSource>(getDataSourceToken());
    callers = await makeCallers(app);
    operations = plays(app, await Records.make(app, dataSource), dataSource, callers);
    await prepareTargets(4);
  }, 120_000);

  afterAll(async () => {
    await app?.close();
    await environment?.release();
  });

  it('has a row for every operation the API serves, and serves every operation it has a row for', () => {
    const schema = app.get(GraphQLSchemaHost).schema;
    const served = [schema.getQueryType(), schema.getMutationType(), schema.getSubscriptionType()].flatMap(
      (type) => (type ? Object.keys(type.getFields()).map((field) => `${type.name}.${field}`) : []),
    );
    const rows = (Object.keys(MATRIX) as OperationName[]).map(
      (operation) => `${operations[operation]?.type ?? 'Unplayed'}.${operation}`,
    );
    expect({
      'served, with no row in the authorization matrix': served.filter((name) => !rows.includes(name)).sort(),
      'in the authorization matrix, not served': rows.filter((name) => !served.includes(name)).sort(),
    }).toEqual({
      'served, with no row in the authorization matrix': [],
      'in the authorization matrix, not served': [],
    });
  });

  test.each(cells)('$operation as $caller, $scope: $expected', async (cell) => {
    const play = operations[cell.operation];
    if (!play) throw new Error(`${cell.operation} has a row in the matrix, but no play in operations.ts`);
    if (play.type === 'Subscription') {
      const { answer, detail } = await playLive(cell, play);
      expect({ answer, detail: answer === cell.expected ? undefined : detail }).toEqual({
        answer: cell.expected,
        detail: undefined,
      });
      return;
    }
    const target = await targets.get(targetKey(cell))!;
    const caller = target.caller ?? callers.byName[cell.caller];
    const refusal = play.type === 'Mutation' && cell.expected !== 'OK';
    const before = refusal ? await snapshot(target) : undefined;
    const response = await graphql(app, play.document, target.variables(caller), caller.headers);
    const answer = answerOf(cell, play, target, response);
    expect({ answer, errors: answer === cell.expected ? undefined : response.errors }).toEqual({
      answer: cell.expected,
      errors: undefined,
    });
    if (refusal) expect(await snapshot(target)).toEqual(before);
  });
});
