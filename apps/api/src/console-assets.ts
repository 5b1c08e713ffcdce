import { createHash } from 'node:crypto';
import { readdir, readFile } from 'node:fs/promises';
import { extname, join, relative, sep } from 'node:path';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Logger } from 'pino';

/** Where Vite writes the console's hashed files: a new build gives each changed file a new name. */
const ASSETS_PREFIX = '/assets/';

/** The API's own paths: a miss there is the API's JSON 404, never the console's page. */
const API_PREFIXES = ['/graphql', '/health', '/ready', '/reports', '/admin', '/assets'];

const IMMUTABLE = 'public, max-age=31536000, immutable';

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.webp': 'image/webp',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.txt': 'text/plain; charset=utf-8',
};

/** The precompressed variants the build writes beside a file, best first. */
const ENCODINGS = [
  { name: 'br', extension: '.br' },
  { name: 'gzip', extension: '.gz' },
] as const;

type Encoding = (typeof ENCODINGS)[number]['name'];

interface Representation {
  body: Buffer;
  etag: string;
}

/** One file of the console, as it is and in each precompressed variant the build wrote. */
interface Resource {
  type: string;
  identity: Representation;
  encoded: Partial<Record<Encoding, Representation>>;
}

/**
 * Which of the `available` encodings to send for an Accept-Encoding header: brotli before gzip,
 * none that the client refused (`;q=0`), and none at all (the file as it is) when it named none.
 */
export function chooseEncoding(
  acceptEncoding: string | undefined,
  available: Encoding[],
): Encoding | undefined {
  const accepted = new Set<string>();
  const refused = new Set<string>();
  for (const part of (acceptEncoding ?? '').toLowerCase().split(',')) {
    const [token = '', ...parameters] = part.split(';').map((piece) => piece.trim());
    const quality = parameters.find((parameter) => parameter.startsWith('q='));
    if (token === '') continue;
    (quality === undefined || Number(quality.slice(2)) > 0 ? accepted : refused).add(token);
  }
  return ENCODINGS.map(({ name }) => name).find(
    (name) => available.includes(name) && !refused.has(name) && (accepted.has(name) || accepted.has('*')),
  );
}

const representation = (body: Buffer): Representation => ({
  body,
  etag: `"${createHash('sha256').update(body).digest('base64url').slice(0, 27)}"`,
});

async function readIfPresent(path: string): Promise<Buffer | undefined> {
  return readFile(path).catch((error: NodeJS.ErrnoException) => {
    if (error.code === 'ENOENT') return undefined;
    throw error;
  });
}

async function loadResource(path: string): Promise<Resource> {
  const encoded: Partial<Record<Encoding, Representation>> = {};
  for (const { name, extension } of ENCODINGS) {
    const body = await readIfPresent(`${path}${extension}`);
    if (body !== undefined) encoded[name] = representation(body);
  }
  return {
    type: CONTENT_TYPES[extname(path)] ?? 'application/octet-stream',
    identity: representation(await readFile(path)),
    encoded,
  };
}

/** Every file under `assets/` by its URL path, its precompressed variants with it; none when absent. */
async function loadAssets(directory: string): Promise<Map<string, Resource>> {
  const assetsDir = join(directory, 'assets');
  const assets = new Map<string, Resource>();
  const entries = await readdir(assetsDir, { recursive: true, withFileTypes: true }).catch(
    (error: NodeJS.ErrnoException) => {
      if (error.code === 'ENOENT') return [];
      throw error;
    },
  );
  for (const entry of entries) {
    const path = join(entry.parentPath, entry.name);
    const segments = relative(assetsDir, path).split(sep);
    const variant = ENCODINGS.some(({ extension }) => entry.name.endsWith(extension));
    if (!entry.isFile() || variant || segments.some((segment) => segment.startsWith('.'))) continue;
    assets.set(`${ASSETS_PREFIX}${segments.join('/')}`, await loadResource(path));
  }
  return assets;
}

function addVary(reply: FastifyReply, field: string): void {
  const vary = reply.getHeader('vary');
  void reply.header('vary', typeof vary === 'string' && vary !== '' ? `${vary}, ${field}` : field);
}

/** Sends the variant the client accepts, or 304 when it holds that one already. */
function sendResource(request: FastifyRequest, reply: FastifyReply, resource: Resource): FastifyReply {
  const available = ENCODINGS.map(({ name }) => name).filter((name) => resource.encoded[name]);
  const encoding = chooseEncoding(request.headers['accept-encoding'], available);
  const chosen = (encoding && resource.encoded[encoding]) || resource.identity;
  addVary(reply, 'accept-encoding');
  void reply.type(resource.type).header('etag', chosen.etag);
  if (encoding) void reply.header('content-encoding', encoding);
  if (request.headers['if-none-match'] === chosen.etag) return reply.code(304).send();
  return reply.send(chosen.body);
}

/**
 * The officer console (apps/console), built by `npm run build` into CONSOLE_DIR and served from the
 * API's own origin: `/assets/*` as they are named, precompressed (the build writes .br and .gz
 * beside each), cached for a year; every other path of the console — `/`, `/penempatan/123`, the
 * `<PUBLIC_URL>/alerts/<id>` an alert e-mail links to — answers index.html, revalidated each time,
 * and the console's router takes the path from there.
 *
 * The files are read once, at start, as the queue dashboard's are: no request path reaches the
 * file system, and @fastify/static is not used because it requires an ES module that Jest's module
 * registry, through which every end-to-end test loads the API, cannot load (see queue-dashboard.ts).
 * A new build is served once the API restarts.
 */
export class ConsoleSite {
  private constructor(
    /** index.html; undefined when the console was not built. */
    private readonly page: Resource | undefined,
    private readonly assets: Map<string, Resource>,
  ) {}

  /** Loads the built console from `directory`; when it is missing, says once how to build it. */
  static async open(directory: string, logger: Logger): Promise<ConsoleSite> {
    const pagePath = join(directory, 'index.html');
    if ((await readIfPresent(pagePath)) === undefined) {
      logger.warn(
        { consoleDir: directory },
        'the console is not built, so / is not served: run `npm run build` (or `npm run build:console`), or set CONSOLE_DIR to where it was built',
      );
      return new ConsoleSite(undefined, new Map());
    }
    return new ConsoleSite(await loadResource(pagePath), await loadAssets(directory));
  }

  get built(): boolean {
    return this.page !== undefined;
  }

  /**
   * Whether this request is answered with the console's page. Beyond `/`, only a request that asks
   * for HTML — a browser opening a link or reloading a page — gets it: a program's GET of a path
   * the API does not have still gets the API's JSON 404.
   */
  answersWithPage(request: FastifyRequest): boolean {
    if (!this.built || (request.method !== 'GET' && request.method !== 'HEAD')) return false;
    const path = request.url.split('?', 1)[0] ?? '';
    if (path === '/') return true;
    const ownedByApi = API_PREFIXES.some((prefix) => path === prefix || path.startsWith(`${prefix}/`));
    return !ownedByApi && /\btext\/html\b/.test(request.headers.accept ?? '');
  }

  /** Adds the console's routes (HEAD with each GET); none when it was not built, so `/` is a JSON 404. */
  mount(fastify: FastifyInstance): void {
    const { page, assets } = this;
    if (page === undefined) return;
    fastify.get(`${ASSETS_PREFIX}*`, async (request, reply) => {
      const asset = assets.get(request.url.split('?', 1)[0] ?? '');
      if (asset === undefined) return reply.callNotFound();
      void reply.header('cache-control', IMMUTABLE);
      return sendResource(request, reply, asset);
    });
    fastify.get('/*', async (request, reply) => {
      if (!this.answersWithPage(request)) return reply.callNotFound();
      // Revalidated each time (a 304 while unchanged), so a new build's asset names reach the
      // browser; and varying with Accept, which decides between this page and a JSON 404.
      void reply.header('cache-control', 'no-cache');
      addVary(reply, 'accept');
      return sendResource(request, reply, page);
    });
  }
}
