import { createHmac, timingSafeEqual } from 'node:crypto';
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/** One request as the receiver saw it. Header names are lower case, as Node gives them. */
export interface ReceivedRequest {
  method: string;
  path: string;
  headers: IncomingHttpHeaders;
  rawBody: string;
  /** The body parsed as JSON; undefined when it is not JSON. */
  json: unknown;
  /** The status the receiver answered with. */
  status: number;
  receivedAt: Date;
}

/**
 * A local HTTP endpoint standing in for an agency's system: it records every request and answers
 * from a scripted sequence of statuses (per path if set, else the default one); once a sequence is
 * used up its last status repeats. `[500, 500, 500, 200]` answers 500 three times, then 200 for ever.
 */
export class WebhookReceiver {
  readonly requests: ReceivedRequest[] = [];
  private readonly scripts = new Map<string, { statuses: number[]; served: number }>();
  private defaultScript: { statuses: number[]; served: number };

  private constructor(
    private readonly server: Server,
    statuses: number[],
  ) {
    this.defaultScript = { statuses, served: 0 };
  }

  /** Listens on an ephemeral port of 127.0.0.1. */
  static async start(statuses: number[] = [200]): Promise<WebhookReceiver> {
    const server = createServer();
    const receiver = new WebhookReceiver(server, checked(statuses));
    server.on('request', (request, response) => {
      const chunks: Buffer[] = [];
      request.on('data', (chunk: Buffer) => chunks.push(chunk));
      request.on('end', () => {
        const path = (request.url ?? '/').split('?')[0] ?? '/';
        const rawBody = Buffer.concat(chunks).toString('utf8');
        const status = receiver.nextStatus(path);
        receiver.requests.push({
          method: request.method ?? 'GET',
          path,
          headers: request.headers,
          rawBody,
          json: parseJson(rawBody),
          status,
          receivedAt: new Date(),
        });
        response.writeHead(status, { 'content-type': 'application/json' });
        response.end(JSON.stringify({ status }));
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    return receiver;
  }

  get port(): number {
    return (this.server.address() as AddressInfo).port;
  }

  /** The URL of a path on this receiver, e.g. `url('/bp3mi')`; give each agency its own path. */
  url(path = '/hook'): string {
    return `http://127.0.0.1:${this.port}${path}`;
  }

  /** Scripts the answers for one path (or, without a path, for every path not scripted on its own). */
  respondWith(statuses: number[], path?: string): void {
    const script = { statuses: checked(statuses), served: 0 };
    if (path === undefined) this.defaultScript = script;
    else this.scripts.set(path, script);
  }

  /** The requests one path received, in order. */
  requestsTo(path = '/hook'): ReceivedRequest[] {
    return this.requests.filter((request) => request.path === path);
  }

  async close(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  private nextStatus(path: string): number {
    const script = this.scripts.get(path) ?? this.defaultScript;
    const status = script.statuses[Math.min(script.served, script.statuses.length - 1)];
    script.served += 1;
    return status ?? 200;
  }
}

function checked(statuses: number[]): number[] {
  if (statuses.length === 0) throw new Error('a webhook receiver needs at least one status to answer with');
  return [...statuses];
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

function header(request: ReceivedRequest, name: string): string | undefined {
  const value = request.headers[name];
  return Array.isArray(value) ? value[0] : value;
}

/**
 * Checks a request the way an agency must: `X-Lintas-Signature` is `sha256=` and the hex
 * HMAC-SHA256, keyed with the agency's secret, of `<X-Lintas-Timestamp>.<raw body>`.
 * Written here from the contract, not imported from Lintas, so that it checks the sender.
 */
export function hasValidLintasSignature(request: ReceivedRequest, secret: string): boolean {
  const timestamp = header(request, 'x-lintas-timestamp');
  const signature = header(request, 'x-lintas-signature');
  if (!timestamp || !/^\d+$/.test(timestamp) || !signature?.startsWith('sha256=')) return false;
  const expected = createHmac('sha256', secret).update(`${timestamp}.${request.rawBody}`).digest();
  const given = Buffer.from(signature.slice('sha256='.length), 'hex');
  return given.length === expected.length && timingSafeEqual(given, expected);
}
