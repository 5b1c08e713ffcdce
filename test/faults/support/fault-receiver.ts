/**
 * The agencies' webhook endpoints of the fault drills: one HTTP server, one path per agency, each
 * path with a behaviour a real endpoint shows on a bad day. Like a careful receiver it checks the
 * signature and processes each `Idempotency-Key` once: a request repeating a key it has processed
 * is answered 200 and counted as a duplicate suppressed. It records every key it was sent.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { signWebhook } from '#lintas/alerts';

export type ReceiverBehaviour =
  /** Answers 200 at once. */
  | { kind: 'answers' }
  /** Answers 503 (without processing) until `forMs` after the behaviour was set, then 200. */
  | { kind: 'unavailable'; forMs: number }
  /** Processes a key's first request, then answers it only after `delayMs`: the sender has given up. */
  | { kind: 'times-out'; delayMs: number }
  /** Processes a key's first request, then closes the connection without answering. */
  | { kind: 'hangs-up' }
  /**
   * Processes a key's first request, then answers 200 after `delayMs`, within the sender's patience;
   * with `repeats`, a repeat of a key it processed is answered as late (a drill that needs repeats
   * still running when it strikes).
   */
  | { kind: 'slow'; delayMs: number; repeats?: boolean };

/** What one agency's endpoint saw. */
export interface EndpointTally {
  /** Every request that reached the endpoint. */
  requests: number;
  /** Keys processed (once each). */
  processed: number;
  /** Requests repeating a key already processed: answered 200, not processed again. */
  duplicatesSuppressed: number;
  /** Requests refused with 503 while the endpoint was unavailable. */
  refused: number;
  /** Requests whose signature did not verify, or that carried no Idempotency-Key. */
  unsigned: number;
}

interface Endpoint {
  secret: string;
  behaviour: ReceiverBehaviour;
  unavailableUntil: number;
  tally: EndpointTally;
  /** Alert id of each processed key. */
  alertOfKey: Map<string, string>;
  /** When each key was processed (epoch ms). */
  processedAt: number[];
}

const emptyTally = (): EndpointTally => ({
  requests: 0,
  processed: 0,
  duplicatesSuppressed: 0,
  refused: 0,
  unsigned: 0,
});

function readBody(request: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    request.on('error', reject);
  });
}

export class FaultReceiver {
  private readonly endpoints = new Map<string, Endpoint>();
  /** Instants (epoch ms) at which each request arrived, for the drills that ask what came when. */
  readonly arrivals: number[] = [];

  private constructor(private readonly server: Server) {}

  static async start(): Promise<FaultReceiver> {
    const server = createServer();
    const receiver = new FaultReceiver(server);
    server.on('request', (request, response) => void receiver.handle(request, response));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    return receiver;
  }

  /** The URL of an agency's endpoint. */
  urlOf(agencyCode: string): string {
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}/${agencyCode}`;
  }

  /** Opens (or reconfigures) an agency's endpoint; the secret is the one Lintas signs with. */
  serve(agencyCode: string, secret: string, behaviour: ReceiverBehaviour = { kind: 'answers' }): void {
    const existing = this.endpoints.get(agencyCode);
    const endpoint: Endpoint = existing ?? {
      secret,
      behaviour,
      unavailableUntil: 0,
      tally: emptyTally(),
      alertOfKey: new Map(),
      processedAt: [],
    };
    endpoint.secret = secret;
    this.behave(agencyCode, behaviour, endpoint);
    this.endpoints.set(agencyCode, endpoint);
  }

  /** Changes how an endpoint answers from now on. */
  behave(agencyCode: string, behaviour: ReceiverBehaviour, endpoint = this.endpoint(agencyCode)): void {
    endpoint.behaviour = behaviour;
    endpoint.unavailableUntil = behaviour.kind === 'unavailable' ? Date.now() + behaviour.forMs : 0;
  }

  tally(agencyCode: string): EndpointTally {
    return { ...this.endpoint(agencyCode).tally };
  }

  /** The keys (delivery ids) an endpoint processed, with the alert each was about. */
  processedKeys(agencyCode: string): ReadonlyMap<string, string> {
    return this.endpoint(agencyCode).alertOfKey;
  }

  /** When the endpoint processed each key (epoch ms), in order. */
  processedAt(agencyCode: string): readonly number[] {
    return this.endpoint(agencyCode).processedAt;
  }

  async close(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  private endpoint(agencyCode: string): Endpoint {
    const endpoint = this.endpoints.get(agencyCode);
    if (!endpoint) throw new Error(`no endpoint for agency ${agencyCode}`);
    return endpoint;
  }

  private async handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    this.arrivals.push(Date.now());
    const rawBody = await readBody(request);
    const endpoint = this.endpoints.get((request.url ?? '').slice(1));
    if (!endpoint) {
      response.writeHead(404).end();
      return;
    }
    const { tally, behaviour } = endpoint;
    tally.requests += 1;
    const key = request.headers['idempotency-key'];
    const timestamp = Number(request.headers['x-lintas-timestamp']);
    const signature = request.headers['x-lintas-signature'];
    if (typeof key !== 'string' || signature !== signWebhook(endpoint.secret, timestamp, rawBody)) {
      tally.unsigned += 1;
      response.writeHead(401).end();
      return;
    }
    if (behaviour.kind === 'unavailable' && Date.now() < endpoint.unavailableUntil) {
      tally.refused += 1;
      response.writeHead(503, { 'retry-after': '5' }).end();
      return;
    }
    if (endpoint.alertOfKey.has(key)) {
      tally.duplicatesSuppressed += 1;
      const answer = (): void => {
        response.writeHead(200, { 'content-type': 'application/json' }).end('{"duplicate":true}');
      };
      if (behaviour.kind === 'slow' && behaviour.repeats) setTimeout(answer, behaviour.delayMs).unref();
      else answer();
      return;
    }
    const body = JSON.parse(rawBody) as { alert: { id: string } };
    endpoint.alertOfKey.set(key, body.alert.id);
    endpoint.processedAt.push(Date.now());
    tally.processed += 1;
    if (behaviour.kind === 'hangs-up') {
      request.socket.destroy();
      return;
    }
    if (behaviour.kind === 'times-out' || behaviour.kind === 'slow') {
      setTimeout(() => response.writeHead(200).end('{}'), behaviour.delayMs).unref();
      return;
    }
    response.writeHead(200, { 'content-type': 'application/json' }).end('{}');
  }
}
