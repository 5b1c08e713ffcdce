import { createHash } from 'node:crypto';
import { readdir, readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { extname, join, sep } from 'node:path';
import { createBullBoard } from '@bull-board/api';
import { BullMQAdapter } from '@bull-board/api/bullMQAdapter';
import type {
  AppControllerRoute,
  AppViewRoute,
  BullBoardQueues,
  ControllerHandlerReturnType,
  IServerAdapter,
  UIConfig,
} from '@bull-board/api/typings/app';
import { type Authenticator, Role, type Principal } from '#lintas/access';
import { DomainError } from '#lintas/core';
import { QueueName, type QueueProducer } from '#lintas/queue';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Logger } from 'pino';

/** Where operators watch and retry jobs (Bull Board); ADMINs of the national agency only. */
const QUEUE_DASHBOARD_PATH = '/admin/queues';

/**
 * Bull Board over every queue. Its routes are Fastify's own, outside Nest, so the global guard
 * does not see them: a hook on the prefix admits ADMIN users of the national agency only — the
 * board acts on every queue of the country, and can empty one — by bearer token or by HTTP Basic
 * (what a browser can send for every page and asset).
 */
export async function mountQueueDashboard(
  fastify: FastifyInstance,
  producer: QueueProducer,
  authenticator: Authenticator,
  logger: Logger,
): Promise<void> {
  const gate = new QueueDashboardGate(authenticator);
  const board = new BullBoardRoutes(QUEUE_DASHBOARD_PATH);
  createBullBoard({
    queues: Object.values(QueueName).map((name) => new BullMQAdapter(producer.queue(name))),
    serverAdapter: board,
    options: { uiConfig: { boardTitle: 'Lintas queues' } },
  });
  await fastify.register(
    async (scope) => {
      scope.addHook('onRequest', async (request, reply) => {
        const verdict = await gate.admit(request).catch((error: unknown) => {
          logger.error({ err: error }, 'queue dashboard: credentials could not be checked');
          return 'unavailable' as const;
        });
        if (verdict === 'admitted') return;
        if (verdict === 'unavailable') return reply.code(503).send({ message: 'Try again later' });
        if (verdict === 'unauthenticated') {
          void reply.header('www-authenticate', 'Basic realm="Lintas queues"');
          return reply.code(401).send({ message: 'Authentication required' });
        }
        return reply.code(403).send({ message: 'The queue dashboard is for ADMIN users only' });
      });
      await board.register(scope);
    },
    { prefix: QUEUE_DASHBOARD_PATH },
  );
}

// ejs (Bull Board's view engine) ships no type declarations: this is the part of it used here.
const ejs = createRequire(import.meta.url)('ejs') as {
  renderFile(path: string, data: Record<string, unknown>): Promise<string>;
};

const CONTENT_TYPES: Record<string, string> = {
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.txt': 'text/plain; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
};

/**
 * Bull Board's pages and API as routes of a Fastify scope. In place of @bull-board/fastify, whose
 * @fastify/static requires an ES module (content-disposition 3): Node allows that, but Jest's
 * module registry — through which every end-to-end test loads the API — does not. Assets are
 * served from a list made at start, so no request path ever reaches the file system.
 */
class BullBoardRoutes implements IServerAdapter {
  private queues: BullBoardQueues = new Map();
  private viewsPath = '';
  private statics = { route: '/static', path: '' };
  private entry?: AppViewRoute;
  private apiRoutes: AppControllerRoute[] = [];
  private errorHandler: (error: Error) => ControllerHandlerReturnType = () => ({
    status: 500,
    body: { error: 'Internal error' },
  });
  private uiConfig: UIConfig = {};

  constructor(private readonly basePath: string) {}

  setQueues(queues: BullBoardQueues): this {
    this.queues = queues;
    return this;
  }

  setViewsPath(viewsPath: string): this {
    this.viewsPath = viewsPath;
    return this;
  }

  setStaticPath(route: string, path: string): this {
    this.statics = { route, path };
    return this;
  }

  setEntryRoute(route: AppViewRoute): this {
    this.entry = route;
    return this;
  }

  setErrorHandler(handler: (error: Error) => ControllerHandlerReturnType): this {
    this.errorHandler = handler;
    return this;
  }

  setApiRoutes(routes: AppControllerRoute[]): this {
    this.apiRoutes = routes;
    return this;
  }

  setUIConfig(config: UIConfig): this {
    this.uiConfig = config;
    return this;
  }

  async register(scope: FastifyInstance): Promise<void> {
    const entry = this.entry;
    if (!entry) throw new Error('Bull Board has not set its entry route');
    const assets = new Map<string, string>();
    for (const file of await readdir(this.statics.path, { recursive: true, withFileTypes: true })) {
      if (!file.isFile()) continue;
      const path = join(file.parentPath, file.name);
      assets.set(
        path
          .slice(this.statics.path.length + 1)
          .split(sep)
          .join('/'),
        path,
      );
    }
    scope.get(`${this.statics.route}/*`, async (request, reply) => {
      const path = assets.get((request.params as { '*': string })['*']);
      if (!path) return reply.code(404).send({ message: 'Not found' });
      void reply.type(CONTENT_TYPES[extname(path)] ?? 'application/octet-stream');
      return reply.header('cache-control', 'public, max-age=86400').send(await readFile(path));
    });
    for (const url of [entry.route].flat()) {
      scope.route({
        method: entry.method.toUpperCase(),
        url,
        handler: async (_request, reply) => {
          const view = entry.handler({ basePath: this.basePath, uiConfig: this.uiConfig });
          const html = await ejs.renderFile(join(this.viewsPath, view.name), view.params);
          return reply.type('text/html; charset=utf-8').send(html);
        },
      });
    }
    for (const route of this.apiRoutes) {
      for (const url of [route.route].flat()) {
        scope.route({
          method: [route.method].flat().map((method) => method.toUpperCase()),
          url,
          handler: async (request, reply) => {
            const response = await route.handler({
              queues: this.queues,
              uiConfig: this.uiConfig,
              params: request.params as Record<string, string>,
              query: request.query as Record<string, string>,
              body: (request.body ?? {}) as Record<string, unknown>,
              headers: request.headers as Record<string, string | undefined>,
            });
            return reply.code(response.status ?? 200).send(response.body);
          },
        });
      }
    }
    scope.setErrorHandler((error, _request, reply) => {
      const response = this.errorHandler(error instanceof Error ? error : new Error(String(error)));
      return reply.code(response.status ?? 500).send(response.body);
    });
  }
}

type Verdict = 'admitted' | 'unauthenticated' | 'forbidden';

/** How long a checked Basic header is trusted, so that the dashboard's many assets do not each run argon2. */
const BASIC_CACHE_MS = 60_000;
const BASIC_CACHE_ENTRIES = 1000;
const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

class QueueDashboardGate {
  /**
   * Keyed by a hash of the whole header, so no password is kept; failures are kept too. The check
   * itself is kept from its start: the board's parallel requests share one password attempt instead
   * of each spending one against the login throttle (six at once would lock the account).
   */
  private readonly basic = new Map<
    string,
    { principal: Promise<Principal | undefined>; expiresAt: number }
  >();

  constructor(private readonly authenticator: Authenticator) {}

  async admit(request: FastifyRequest): Promise<Verdict> {
    const principal = await this.principalOf(request.headers.authorization, request.ip);
    if (!principal) return 'unauthenticated';
    if (!principal.roles.includes(Role.ADMIN) || !principal.jurisdiction.national) return 'forbidden';
    // A browser sends Basic credentials to any page that asks, so a change must come from the board itself.
    if (!SAFE_METHODS.has(request.method) && !sameOrigin(request)) return 'forbidden';
    return 'admitted';
  }

  private async principalOf(
    authorization: string | undefined,
    address: string,
  ): Promise<Principal | undefined> {
    const [scheme = '', credentials = ''] = authorization?.split(' ') ?? [];
    if (scheme.toLowerCase() === 'bearer') {
      return this.authenticator.authenticate({ authorization }).catch(refusal);
    }
    if (scheme.toLowerCase() !== 'basic' || !authorization) return undefined;
    const key = createHash('sha256').update(authorization).digest('base64url');
    const now = Date.now();
    const cached = this.basic.get(key);
    if (cached && cached.expiresAt > now) return cached.principal;
    const decoded = Buffer.from(credentials, 'base64').toString('utf8');
    const colon = decoded.indexOf(':');
    const principal =
      colon < 0
        ? Promise.resolve(undefined)
        : this.authenticator
            .passwordPrincipal(decoded.slice(0, colon), decoded.slice(colon + 1), address)
            .catch(refusal);
    this.remember(key, principal, now);
    // A check that could not be made (the database is down) is not remembered: the next request tries again.
    return principal.catch((error: unknown) => {
      this.basic.delete(key);
      throw error;
    });
  }

  private remember(key: string, principal: Promise<Principal | undefined>, now: number): void {
    if (this.basic.size >= BASIC_CACHE_ENTRIES) {
      for (const [cachedKey, entry] of this.basic) if (entry.expiresAt <= now) this.basic.delete(cachedKey);
      // Still full: the oldest entries go first (a Map keeps insertion order).
      for (const cachedKey of this.basic.keys()) {
        if (this.basic.size < BASIC_CACHE_ENTRIES) break;
        this.basic.delete(cachedKey);
      }
    }
    this.basic.set(key, { principal, expiresAt: now + BASIC_CACHE_MS });
  }
}

/** Wrong credentials are no principal; anything else (the database is down) is an error, not a refusal. */
function refusal(error: unknown): undefined {
  if (error instanceof DomainError) return undefined;
  throw error;
}

/** Browsers say where a request comes from; anything else (curl, scripts) sends neither header. */
function sameOrigin(request: FastifyRequest): boolean {
  const site = request.headers['sec-fetch-site'];
  if (site !== undefined) return site === 'same-origin';
  const origin = request.headers.origin;
  if (origin === undefined) return true;
  try {
    return new URL(origin).host === request.headers.host;
  } catch {
    return false;
  }
}
