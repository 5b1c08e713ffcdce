/**
 * The API while PostgreSQL is out of reach: the API's only road to its database is a TCP proxy
 * owned by this file, and breaking it is the outage. Every way in — a GraphQL operation, the CSV
 * report, a live connection and a live subscription — answers that the service is unavailable for
 * now, and each refusal is logged once, as a warning, with its request id; a genuine fault is still
 * INTERNAL, logged once, as an error.
 */
import { readFile } from 'node:fs/promises';
import { connect, createServer, type AddressInfo, type Server, type Socket } from 'node:net';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { createClient } from 'graphql-ws';
import pg from 'pg';
import WebSocket from 'ws';
import { createApi } from '../apps/api/src/create-api.js';
import { eventually } from './support/eventually.js';
import { agencyWithUser, embassyKey } from './support/factories.js';
import { liveClient, subscriptionEnd } from './support/live-connection.js';
import {
  loginAs,
  useTestEnvironment,
  type GraphqlResponse,
  type TestEnvironment,
} from './support/test-api.js';

const ME = `query Me { me { id } }`;
const STATISTICS = `query Statistics { statistics { total { placementsRegistered } } }`;
const ALERT_RAISED = `subscription { alertRaised { id } }`;

interface LogLine {
  level: string;
  message: string;
  requestId?: string;
  context?: string;
}

const COMPLAINTS = new Set(['warn', 'error', 'fatal']);

/**
 * The API's road to PostgreSQL, which this file can break. Broken, it hangs up on every
 * connection, open or new, as a load balancer in front of a dead server does, and node-postgres
 * says the connection was terminated. (TcpProxy's cut refuses connections instead; inside Jest,
 * Node's ECONNREFUSED is an Error of another realm, which graphql-js takes for a thrown non-Error
 * and replaces by one of its own before Lintas can read its code.)
 */
class DatabaseRoad {
  private readonly server: Server;
  private readonly sockets = new Set<Socket>();
  private broken = false;

  constructor(target: { host: string; port: number }) {
    this.server = createServer((client) => {
      if (this.broken) return void client.destroy();
      const upstream = connect(target);
      for (const socket of [client, upstream]) {
        this.sockets.add(socket);
        socket.once('close', () => this.sockets.delete(socket));
        socket.on('error', () => socket.destroy());
      }
      // One end gone, the other goes too.
      client.once('close', () => upstream.destroy());
      upstream.once('close', () => client.destroy());
      client.pipe(upstream).pipe(client);
    });
  }

  async open(): Promise<number> {
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
    return (this.server.address() as AddressInfo).port;
  }

  break(): void {
    this.broken = true;
    for (const socket of this.sockets) socket.destroy();
  }

  mend(): void {
    this.broken = false;
  }

  async close(): Promise<void> {
    this.break();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }
}

describe('the API while PostgreSQL is out of reach', () => {
  let environment: TestEnvironment;
  let road: DatabaseRoad;
  let app: NestFastifyApplication;
  let port: number;
  let token: string;
  let partnerKey: Record<string, string>;
  let serial = 0;

  /** An X-Request-Id of this file's own, to find the log lines of one request. */
  const nextRequestId = (what: string): string => `outage-${what}-${String((serial += 1)).padStart(4, '0')}`;

  /** The warnings and errors the API has logged so far, in order. */
  const complaints = async (): Promise<LogLine[]> =>
    (await readFile(environment.logFile, 'utf8'))
      .split('\n')
      .filter((line) => line.startsWith('{'))
      .map((line) => JSON.parse(line) as LogLine)
      .filter((line) => COMPLAINTS.has(line.level));

  const complaintsOf = async (requestId: string): Promise<Pick<LogLine, 'level' | 'message'>[]> =>
    (await complaints())
      .filter((line) => line.requestId === requestId)
      .map(({ level, message }) => ({ level, message }));

  const graphql = async (
    query: string,
    requestId: string,
  ): Promise<GraphqlResponse<Record<string, unknown>>> => {
    const response = await fetch(`http://127.0.0.1:${port}/graphql`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        authorization: `Bearer ${token}`,
        'x-request-id': requestId,
      },
      body: JSON.stringify({ query }),
    });
    return (await response.json()) as GraphqlResponse<Record<string, unknown>>;
  };

  const csvReport = (requestId: string): Promise<Response> =>
    fetch(`http://127.0.0.1:${port}/reports/statistics.csv`, {
      headers: { authorization: `Bearer ${token}`, 'x-request-id': requestId },
    });

  /** Runs SQL on this file's database directly, past the proxy. */
  const direct = async (sql: string): Promise<void> => {
    const client = new pg.Client({ connectionString: environment.database.url });
    await client.connect();
    try {
      await client.query(sql);
    } finally {
      await client.end();
    }
  };

  beforeAll(async () => {
    environment = await useTestEnvironment({ SUBSCRIPTION_RECHECK_SECONDS: '1' });
    const database = new URL(environment.database.url);
    road = new DatabaseRoad({ host: database.hostname, port: Number(database.port || 5432) });
    const proxied = new URL(database.href);
    proxied.hostname = '127.0.0.1';
    proxied.port = String(await road.open());
    process.env.DATABASE_URL = proxied.href;
    const officer = await agencyWithUser({ kind: 'BP3MI', roles: 'OFFICER', provinces: '63' });
    partnerKey = await embassyKey('kbri-riyadh', 'SA');
    app = await createApi();
    // On a real port: a live connection needs a socket to upgrade.
    await app.listen(0, '127.0.0.1');
    port = (app.getHttpServer().address() as AddressInfo).port;
    token = await loginAs(app, officer);
  });

  afterAll(async () => {
    await app?.close();
    await road?.close();
    await environment?.release();
  });

  describe('while the road is broken', () => {
    beforeAll(() => road.break());
    afterAll(() => road.mend());

    it('answers a GraphQL operation SERVICE_UNAVAILABLE, and logs it once, as a warning', async () => {
      const requestId = nextRequestId('graphql');
      const response = await graphql(ME, requestId);
      expect(response.errors).toEqual([
        {
          message: 'Service temporarily unavailable; try again shortly',
          path: ['me'],
          locations: [{ line: 1, column: 12 }],
          extensions: { code: 'SERVICE_UNAVAILABLE', requestId },
        },
      ]);
      expect(await complaintsOf(requestId)).toEqual([
        { level: 'warn', message: 'a GraphQL operation refused: the database is unavailable' },
      ]);
    });

    it('answers the CSV report 503 with Retry-After and a JSON body, and logs it once, as a warning', async () => {
      const requestId = nextRequestId('csv');
      const response = await csvReport(requestId);
      expect(response.status).toBe(503);
      expect(response.headers.get('retry-after')).toBe('5');
      expect(response.headers.get('content-type')).toMatch(/^application\/json/);
      expect(await response.json()).toEqual({
        code: 'SERVICE_UNAVAILABLE',
        message: 'Service temporarily unavailable; try again shortly',
        requestId,
      });
      expect(await complaintsOf(requestId)).toEqual([
        { level: 'warn', message: 'an HTTP request refused: the database is unavailable' },
      ]);
    });

    it('closes a live connection whose credentials cannot be checked with 4503, not 4403 Forbidden', async () => {
      const before = (await complaints()).length;
      const client = liveClient(port, { authorization: `Bearer ${token}` });
      try {
        const closed = (await subscriptionEnd(client, ALERT_RAISED)) as { code?: number; reason?: string };
        expect(closed.code).toBe(4503);
        expect(closed.reason).toMatch(/^SERVICE_UNAVAILABLE: try again shortly \(requestId [\w-]+\)$/);
        const requestId = /\(requestId ([\w-]+)\)/.exec(closed.reason ?? '')?.[1];
        expect((await complaints()).slice(before)).toEqual([
          expect.objectContaining({
            level: 'warn',
            message: 'live connection refused: the database is unavailable',
            requestId,
          }),
        ]);
      } finally {
        await client.dispose();
      }
    });
  });

  it('answers a subscription whose API key cannot be checked SERVICE_UNAVAILABLE, and keeps the connection open', async () => {
    // Not lazy: the connection is opened and acknowledged while the road holds, with no subscription.
    let closed: unknown;
    let connected = false;
    const client = createClient({
      url: `ws://127.0.0.1:${port}/graphql`,
      webSocketImpl: WebSocket,
      connectionParams: partnerKey,
      retryAttempts: 0,
      lazy: false,
      on: { connected: () => (connected = true), closed: (event) => (closed = event) },
    });
    try {
      await eventually(async () => connected || undefined, 10_000, 'the live connection');
      road.break();
      const before = (await complaints()).length;
      const refusal = (await subscriptionEnd(client, ALERT_RAISED)) as GraphqlResponse<never>['errors'];
      expect(refusal).toEqual([
        {
          message: 'Service temporarily unavailable; try again shortly',
          extensions: { code: 'SERVICE_UNAVAILABLE', requestId: expect.any(String) as string },
        },
      ]);
      // The connection's own credentials, checked again each second, cannot be either: the
      // connection stays open, and each failed check is a warning, not an error.
      const rechecked = await eventually(
        async () => {
          const lines = (await complaints()).slice(before);
          return lines.some((line) => line.message.startsWith('live connection: credentials could not'))
            ? lines
            : undefined;
        },
        10_000,
        'a recheck of the live connection',
      );
      expect(rechecked.map(({ level, message }) => ({ level, message }))).toEqual(
        expect.arrayContaining([
          { level: 'warn', message: 'a GraphQL operation refused: the database is unavailable' },
          {
            level: 'warn',
            message: 'live connection: credentials could not be checked again, the database is unavailable',
          },
        ]),
      );
      expect(rechecked.filter((line) => line.level !== 'warn')).toEqual([]);
      expect(rechecked.filter((line) => line.message.startsWith('a GraphQL operation refused'))).toEqual([
        expect.objectContaining({ requestId: refusal?.[0]?.extensions.requestId }),
      ]);
      expect(closed).toBeUndefined();
    } finally {
      await client.dispose();
      road.mend();
    }
  });

  describe('with a genuine fault (a table the statistics read is missing)', () => {
    beforeAll(() => direct('ALTER TABLE referral RENAME TO referral_away'));
    afterAll(() => direct('ALTER TABLE referral_away RENAME TO referral'));

    it('answers a GraphQL operation INTERNAL, and logs it once, as an error', async () => {
      const requestId = nextRequestId('internal');
      const response = await graphql(STATISTICS, requestId);
      expect(response.errors).toEqual([
        expect.objectContaining({
          message: 'Internal error',
          extensions: { code: 'INTERNAL', requestId },
        }),
      ]);
      expect(await complaintsOf(requestId)).toEqual([
        { level: 'error', message: 'unexpected error in a GraphQL operation' },
      ]);
    });

    it('answers the CSV report 500 INTERNAL with the request id, and logs it once, as an error', async () => {
      const requestId = nextRequestId('csv-internal');
      const response = await csvReport(requestId);
      expect(response.status).toBe(500);
      expect(response.headers.get('retry-after')).toBeNull();
      expect(await response.json()).toEqual({ code: 'INTERNAL', message: 'Internal error', requestId });
      expect(await complaintsOf(requestId)).toEqual([
        { level: 'error', message: 'unexpected error in an HTTP request' },
      ]);
    });
  });
});
