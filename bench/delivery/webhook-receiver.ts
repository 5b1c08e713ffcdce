/**
 * An agency's webhook endpoint for the delivery benchmark, run as a child process (`fork`) so that
 * its work is not timed against the harness: it answers 200 at once and checks nothing costly —
 * it counts each delivery by its `Idempotency-Key` (the delivery id), notes a repeat, and notes a
 * request without a `sha256=` signature. The parent asks for the tally over IPC.
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';

/** What the receiver has seen since the last reset. Times are epoch milliseconds. */
export interface ReceiverTally {
  received: number;
  /** Requests whose delivery id had been received already. */
  repeats: number;
  /** Requests without an `X-Lintas-Signature: sha256=…` or an `Idempotency-Key`. */
  malformed: number;
  firstAt: number | null;
  lastAt: number | null;
}

export type ReceiverRequest = { type: 'tally'; reset: boolean };
export type ReceiverMessage = { type: 'listening'; port: number } | { type: 'tally'; tally: ReceiverTally };

const seen = new Set<string>();
let tally: ReceiverTally = { received: 0, repeats: 0, malformed: 0, firstAt: null, lastAt: null };

const server = createServer((request, response) => {
  // The body is not read for anything, but is consumed so the connection can carry the next request.
  request.resume();
  request.on('end', () => {
    const now = Date.now();
    const deliveryId = request.headers['idempotency-key'];
    const signature = request.headers['x-lintas-signature'];
    tally.received += 1;
    tally.firstAt ??= now;
    tally.lastAt = now;
    if (typeof deliveryId !== 'string' || typeof signature !== 'string' || !signature.startsWith('sha256='))
      tally.malformed += 1;
    else if (seen.has(deliveryId)) tally.repeats += 1;
    else seen.add(deliveryId);
    response.writeHead(200, { 'content-type': 'application/json', 'content-length': '2' }).end('{}');
  });
});
// Keep-alive connections a sender holds open are kept as long as it does, as a real endpoint would.
server.keepAliveTimeout = 60_000;

const send = (message: ReceiverMessage): void => {
  process.send?.(message);
};

process.on('message', (message: ReceiverRequest) => {
  if (message.type !== 'tally') return;
  send({ type: 'tally', tally });
  if (message.reset) {
    seen.clear();
    tally = { received: 0, repeats: 0, malformed: 0, firstAt: null, lastAt: null };
  }
});
process.on('disconnect', () => {
  server.closeAllConnections();
  server.close();
});

server.listen(0, '127.0.0.1', () =>
  send({ type: 'listening', port: (server.address() as AddressInfo).port }),
);
