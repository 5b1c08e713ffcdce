import 'reflect-metadata';
import { randomUUID } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import { NestFactory } from '@nestjs/core';
import { GraphQLModule } from '@nestjs/graphql';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import { Authenticator } from '#lintas/access';
import {
  acceptedRequestId,
  APP_LOGGER,
  enterRequestContext,
  loadConfig,
  NestPinoLogger,
  type LintasConfig,
} from '#lintas/core';
import { QueueProducer } from '#lintas/queue';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import helmet from 'helmet';
import type { Logger } from 'pino';
import type { WebSocket, WebSocketServer } from 'ws';
import { ApiModule } from './api.module.js';
import { ConsoleSite } from './console-assets.js';
import { mountQueueDashboard } from './queue-dashboard.js';

/**
 * The largest request body accepted. Lintas takes no uploads: its largest request is a mutation
 * with its variables, a few KiB. 256 KiB leaves ample room and bounds what one request makes the
 * API buffer, parse and validate; a larger body is answered 413 before it is read.
 */
const BODY_LIMIT = 256 * 1024;

/**
 * The largest message a live connection (graphql-ws) may send: a connection_init with its token, or
 * a subscription document, a few hundred bytes. ws's default, 100 MiB, would let any peer make the
 * API buffer and parse that much before it has authenticated. A larger message closes the socket
 * with 1009 (message too big).
 */
const LIVE_MESSAGE_LIMIT = 64 * 1024;

/** Where queue-dashboard.ts mounts Bull Board: HTML pages, unlike every other route. */
const QUEUE_DASHBOARD_PREFIX = '/admin/queues';

/** Headers a browser may send across origins: credentials travel in headers, never in cookies. */
const CORS_REQUEST_HEADERS = [
  'authorization',
  'content-type',
  'x-api-key',
  'x-request-id',
  'apollo-require-preflight',
  'x-apollo-operation-name',
];

/**
 * Builds the API (not yet listening), the same way for `main.ts` and the end-to-end tests.
 * Every request gets an id — the caller's X-Request-Id when it is a plain token — that is echoed
 * back, written to each log line and to each audit event.
 */
export async function createApi(): Promise<NestFastifyApplication> {
  // Read here as well as by ConfigModule: the adapter is made before Nest boots.
  const config = loadConfig();
  const { trustProxy } = config;
  const adapter = new FastifyAdapter({
    logger: false,
    genReqId: (request: IncomingMessage) =>
      acceptedRequestId(request.headers['x-request-id']) ?? randomUUID(),
    bodyLimit: BODY_LIMIT,
    // request.ip is the client a trusted proxy names, or the peer: failed logins count per address.
    // A hop count as the function Fastify makes of one: Nest's adapter options do not type the number.
    trustProxy:
      typeof trustProxy === 'number' ? (_address: string, hop: number) => hop < trustProxy : trustProxy,
  });
  const app = await NestFactory.create<NestFastifyApplication>(ApiModule, adapter, { bufferLogs: true });
  const logger = app.get<Logger>(APP_LOGGER);
  app.useLogger(new NestPinoLogger(logger));
  const consoleSite = await ConsoleSite.open(config.consoleDir, logger);
  const allowedOrigins = new Set(config.corsOrigins);
  app.enableCors({
    // Another origin gets no CORS header at all, and its preflight no answer: its page cannot call Lintas.
    origin: (origin: string | undefined, allow: (error: Error | null, origin: string | false) => void) =>
      allow(null, origin !== undefined && allowedOrigins.has(origin) ? origin : false),
    methods: ['GET', 'POST'],
    allowedHeaders: CORS_REQUEST_HEADERS,
    exposedHeaders: ['x-request-id'],
    maxAge: 600,
  });
  const fastify = app.getHttpAdapter().getInstance();
  const securityHeaders = securityHeadersFor(config, consoleSite);
  fastify.addHook('onRequest', async (request, reply) => {
    enterRequestContext(request.id);
    void reply.header('x-request-id', request.id);
  });
  // Helmet throws rather than passing an error on: its `next` is only ever called to go on.
  fastify.addHook('onRequest', (request, reply, done) =>
    securityHeaders(request)(request.raw, reply.raw, () => done()),
  );
  fastify.addHook('onResponse', async (request, reply) => {
    logger.info(
      {
        method: request.method,
        path: request.routeOptions.url,
        status: reply.statusCode,
        ms: Math.round(reply.elapsedTime),
      },
      'request completed',
    );
  });
  // The socket server exists once GraphQLModule has started (app.init); Fastify is ready after that
  // and before it listens, so no connection is upgraded without the limit.
  fastify.addHook('onReady', async () => limitLiveMessages(app, logger));
  await mountQueueDashboard(fastify, app.get(QueueProducer), app.get(Authenticator), logger);
  consoleSite.mount(fastify);
  closeConnectionsOnceClosing(fastify);
  // SIGTERM (or SIGINT): the requests in flight are answered, then the connections, queues and pool
  // close and the process exits 0. Nest's default would end it by the signal again, before the
  // log lines still buffered for standard output are written.
  app.enableShutdownHooks([], { useProcessExit: true });
  return app;
}

/**
 * Once the API is closing (SIGTERM), each answer it still sends closes its connection. A client
 * then opens a new connection for its next request, which is refused (or reaches another replica)
 * rather than racing the close of an idle one; and no idle keep-alive connection holds the API
 * open until the drain's deadline cuts every connection, in flight or not.
 */
export function closeConnectionsOnceClosing(fastify: FastifyInstance): void {
  let closing = false;
  fastify.addHook('preClose', async () => {
    closing = true;
  });
  fastify.addHook('onSend', async (_request, reply, payload) => {
    if (closing) void reply.header('connection', 'close');
    return payload;
  });
}

/**
 * Sets the largest message of the graphql-ws socket server. Nest makes that server itself, with no
 * option for its limits, and keeps it private (ApolloDriver → GqlSubscriptionService → wss); ws
 * reads `options.maxPayload` afresh for each connection it upgrades. Should a Nest upgrade move the
 * server, the API refuses to start rather than accept connections without the limit.
 *
 * A refused message (too large, not a WebSocket frame) is a socket error, which graphql-ws writes
 * with console.error, a stack on stderr. ws has already closed that socket (1009 for a large one):
 * it only needs saying, in the structured log, so graphql-ws's listener is replaced.
 */
function limitLiveMessages(app: NestFastifyApplication, logger: Logger): void {
  const driver: unknown = app.get(GraphQLModule, { strict: false }).graphQlAdapter;
  const server = (driver as { _subscriptionService?: { wss?: Partial<WebSocketServer> } })
    ._subscriptionService?.wss;
  if (typeof server?.options?.maxPayload !== 'number') {
    throw new Error('The graphql-ws socket server was not found: its message size cannot be limited');
  }
  server.options.maxPayload = LIVE_MESSAGE_LIMIT;
  server.on?.('connection', (socket: WebSocket) => {
    socket.removeAllListeners('error');
    socket.on('error', (error) => {
      logger.warn({ err: error }, 'live connection closed: a message it sent was refused');
      if (socket.readyState === socket.OPEN) socket.close(1011, 'Internal server error');
    });
  });
}

type HeaderSetter = ReturnType<typeof helmet>;

/**
 * Helmet's security headers on every response — nosniff, no framing, no referrer, HSTS in
 * production — with the Content-Security-Policy of what is served: none of anything for the API's
 * JSON; same-origin scripts for the queue dashboard and for the console's page (with its
 * requests and live connection to the same origin); in development, the GraphiQL landing page and
 * the scripts it loads. Helmet itself rather than @fastify/helmet: that plugin rebuilds its headers
 * on every request and takes a policy per route only from route options, and neither the GraphQL
 * route (Apollo's) nor the dashboard's routes are declared here. Each policy is built once.
 */
function securityHeadersFor(
  config: LintasConfig,
  consoleSite: ConsoleSite,
): (request: FastifyRequest) => HeaderSetter {
  const withPolicy = (directives: Record<string, string[]>): HeaderSetter =>
    helmet({
      contentSecurityPolicy: { useDefaults: false, directives },
      // A production API is reached over HTTPS only; a development machine answers plain HTTP.
      strictTransportSecurity: config.isProduction ? { maxAge: 31_536_000, includeSubDomains: true } : false,
      xFrameOptions: { action: 'deny' },
      referrerPolicy: { policy: 'no-referrer' },
    });
  const closed = { frameAncestors: ["'none'"], formAction: ["'none'"] };
  const api = withPolicy({ defaultSrc: ["'none'"], baseUri: ["'none'"], ...closed });
  const dashboard = withPolicy({
    defaultSrc: ["'self'"],
    scriptSrc: ["'self'"],
    // Bull Board's page and its React components style elements inline; its font comes from Google.
    styleSrc: ["'self'", "'unsafe-inline'", 'https://fonts.googleapis.com'],
    fontSrc: ["'self'", 'https://fonts.gstatic.com'],
    imgSrc: ["'self'", 'data:'],
    objectSrc: ["'none'"],
    // The page sets <base href> to the dashboard's own path.
    baseUri: ["'self'"],
    frameAncestors: ["'none'"],
    formAction: ["'self'"],
  });
  // The console: its own scripts and stylesheets only (Vite writes no inline ones), requests and
  // its graphql-ws connection to this origin (CSP3's 'self' admits ws: and wss: of the same host).
  const consolePage = withPolicy({
    defaultSrc: ["'self'"],
    scriptSrc: ["'self'"],
    styleSrc: ["'self'"],
    imgSrc: ["'self'", 'data:'],
    connectSrc: ["'self'"],
    fontSrc: ["'self'"],
    objectSrc: ["'none'"],
    baseUri: ["'none'"],
    frameAncestors: ["'none'"],
    formAction: ["'self'"],
  });
  // GraphiQL (development only) is an inline script that loads React and itself from unpkg.
  const landingPage = withPolicy({
    defaultSrc: ["'none'"],
    scriptSrc: ["'unsafe-inline'", 'https://unpkg.com'],
    styleSrc: ["'unsafe-inline'", 'https://unpkg.com'],
    fontSrc: ['https://unpkg.com', 'data:'],
    imgSrc: ["'self'", 'data:'],
    connectSrc: ["'self'"],
    baseUri: ["'none'"],
    ...closed,
  });
  return (request) => {
    const path = request.url.split('?', 1)[0] ?? '';
    if (path === QUEUE_DASHBOARD_PREFIX || path.startsWith(`${QUEUE_DASHBOARD_PREFIX}/`)) return dashboard;
    if (!config.isProduction && request.method === 'GET' && path === '/graphql') return landingPage;
    if (consoleSite.answersWithPage(request)) return consolePage;
    return api;
  };
}
