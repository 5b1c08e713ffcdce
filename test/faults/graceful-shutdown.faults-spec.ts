/**
 * Drill 6: SIGTERM to the api and to the worker while they are busy, as an orchestrator sends it
 * before it replaces them. The api answers in full every request it was working on — one whose
 * body was still arriving too — refuses or answers the ones that come after (none hangs, none gets
 * half an answer), and exits 0 by itself; each mutation it acknowledged is in the database, none
 * it did not acknowledge is, and the alerts of the departures it acknowledged are delivered once it
 * is back. The worker finishes the deliveries it was making and records them DELIVERED, starts no
 * new one, leaves no job behind to stall, and exits 0 by itself; once restarted it delivers the
 * rest, none of them twice. A worker that cannot finish, Redis being away, exits all the same
 * before an orchestrator would kill it, and says why.
 */
import { readFileSync } from 'node:fs';
import { connect } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
import { Redis } from 'ioredis';
import { QueueName } from '#lintas/queue';
import type { ApiClient, ApiOutcome } from './support/api-client.js';
import { FaultStage, OFFICES, type OfficeCode } from './support/fault-stage.js';
import { until } from './support/until.js';

/** Clients of each office registering and departing at once. */
const CLIENTS_PER_OFFICE = 4;
/** How long the api is under load before the signal. */
const LOAD_BEFORE_SIGNAL_MS = 3000;
/**
 * A request sent this long before the signal has reached the api: it was in flight there. One sent
 * closer to the signal may still be in a socket's buffer when the api stops listening.
 */
const IN_FLIGHT_MARGIN_MS = 250;
/** How often a probe asks the api something while it shuts down. */
const PROBE_EVERY_MS = 3;
/** How long a process may take to stop by itself: far longer than any request or delivery. */
const STOP_BOUND_MS = 30_000;
/** Contract-ending placements whose alerts are being delivered when the worker is told to stop. */
const CONTRACTS_ENDING = 600;
/** How long the offices' endpoints take to answer: less than the drill's DELIVERY_TIMEOUT_MS, so each succeeds. */
const RECEIVER_DELAY_MS = 4000;
/**
 * How soon after SIGTERM the worker has taken its last job: it takes a few ms; a busy machine may
 * take far longer, and the bound below holds as long as this is well under RECEIVER_DELAY_MS.
 */
const SIGNAL_HANDLING_MS = 1000;
/** The worker's DELIVERY_CONCURRENCY in the drills: at most this many deliveries run at once. */
const DELIVERY_CONCURRENCY = 64;
/** The offices `seedContractsEnding` places its workers' origins in. */
const CONTRACT_OFFICES: OfficeCode[] = ['bp3mi-kalsel', 'bp3mi-jatim'];
/**
 * How a request sent once the api is shutting down may fail: refused at the door, or reset with
 * its request unread (the listener closed with the connection still in its backlog, or an idle
 * connection closed as the request was on its way). Never after the answer had begun.
 */
const REFUSALS = ['ECONNREFUSED', 'ECONNRESET', 'UND_ERR_SOCKET'];
const TYPENAME = 'query { __typename }';

interface Request {
  operation: 'registerWorker' | 'registerPlacement' | 'recordDeparture' | 'probe';
  started: number;
  ended: number;
  outcome: ApiOutcome<unknown>;
}

/** What the api acknowledged: the ids its answers gave. */
interface Acknowledged {
  workers: string[];
  placements: string[];
  departures: string[];
}

async function timed<T>(
  operation: Request['operation'],
  requests: Request[],
  send: () => Promise<ApiOutcome<T>>,
): Promise<ApiOutcome<T>> {
  const started = Date.now();
  const outcome = await send();
  requests.push({ operation, started, ended: Date.now(), outcome });
  return outcome;
}

/** An answer with its data: each request of the drill succeeds when the api takes it. */
const succeeded = (outcome: ApiOutcome<unknown>): boolean =>
  outcome.kind === 'answered' &&
  outcome.status === 200 &&
  outcome.errors.length === 0 &&
  outcome.data !== null;

const dataOf = <T>(outcome: ApiOutcome<T>): T | null => (outcome.kind === 'answered' ? outcome.data : null);

/**
 * One client's loop, until `stopped`: registers a worker of its office's regency, a placement for
 * her, and records her departure uncleared; every request is logged with when it started and ended.
 */
async function registerAndDepart(
  client: ApiClient,
  regency: string,
  firstSerial: number,
  stopped: () => boolean,
  requests: Request[],
  acknowledged: Acknowledged,
): Promise<void> {
  for (let serial = firstSerial; !stopped(); serial += 1) {
    const registered = await timed('registerWorker', requests, () => client.registerWorker(regency, serial));
    const worker = dataOf(registered);
    if (!worker) {
      // Refused at once while the api is away: a client waits a moment before it tries again.
      await sleep(20);
      continue;
    }
    acknowledged.workers.push(worker.registerWorker.id);
    const placement = dataOf(
      await timed('registerPlacement', requests, () => client.registerPlacementOf(worker.registerWorker.id)),
    );
    if (!placement) continue;
    acknowledged.placements.push(placement.registerPlacement.id);
    const departure = dataOf(
      await timed('recordDeparture', requests, () => client.departUncleared(placement.registerPlacement)),
    );
    if (departure) acknowledged.departures.push(placement.registerPlacement.id);
  }
}

/**
 * A request whose body is still on its way: the head and a first part now, the rest when `rest`
 * is called. Answers everything the api sent back, once it has closed the connection.
 */
async function slowRequest(port: number): Promise<{ rest: () => void; answer: Promise<string> }> {
  const body = JSON.stringify({ query: TYPENAME });
  const socket = connect(port, '127.0.0.1');
  await new Promise<void>((resolve) => socket.once('connect', resolve));
  let received = '';
  socket.on('data', (chunk: Buffer) => (received += chunk.toString('utf8')));
  socket.on('error', (error) => (received += `\n[socket error: ${String(error)}]`));
  const answer = new Promise<string>((resolve) => socket.once('close', () => resolve(received)));
  socket.write(
    `POST /graphql HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n` +
      `Content-Length: ${Buffer.byteLength(body)}\r\n\r\n${body.slice(0, 6)}`,
  );
  return { rest: () => socket.write(body.slice(6)), answer };
}

/** Ids the statement selects, sorted. */
async function idsOf(stage: FaultStage, sql: string): Promise<string[]> {
  const rows = await stage.database.query<{ id: string }[]>(sql);
  return rows.map((row) => row.id).sort();
}

const sorted = (ids: string[]): string[] => [...ids].sort();

describe('drill 6: SIGTERM to the api and the worker under load', () => {
  let stage: FaultStage;

  beforeAll(async () => {
    stage = await FaultStage.open('graceful-shutdown', {
      // Production's delivery timeout: the offices take 4 s to answer in the worker's part.
      workerEnv: { ALERT_SWEEP_INTERVAL_SECONDS: '5', DELIVERY_TIMEOUT_MS: '10000' },
    });
  });

  afterAll(() => stage?.close());

  it('lets the api answer what it has, refuse what comes after and exit 0; what it acknowledged is kept', async () => {
    const requests: Request[] = [];
    const acknowledged: Acknowledged = { workers: [], placements: [], departures: [] };
    let stopped = false;
    const clients = OFFICES.flatMap((office) =>
      Array.from({ length: CLIENTS_PER_OFFICE }, (_, index) =>
        registerAndDepart(
          stage.client(office.code),
          office.regency,
          index * 2000 + 1,
          () => stopped,
          requests,
          acknowledged,
        ),
      ),
    );
    await sleep(LOAD_BEFORE_SIGNAL_MS);
    const slow = await slowRequest(stage.api.port);
    await sleep(IN_FLIGHT_MARGIN_MS);

    const signalAt = Date.now();
    let exited = false;
    const stopping = stage.api.stop(STOP_BOUND_MS).finally(() => (exited = true));
    // A client asks all through the shutdown, each request on its own, without waiting for the last.
    const probes: Promise<ApiOutcome<unknown>>[] = [];
    await sleep(IN_FLIGHT_MARGIN_MS);
    slow.rest();
    while (!exited) {
      probes.push(timed('probe', requests, () => stage.client('bp3mi-kalsel').send(TYPENAME, {})));
      await sleep(PROBE_EVERY_MS);
    }
    const exitedByItself = await stopping;
    const exitedAfterMs = Date.now() - signalAt;
    // The clients go on a little while the api is gone: they are refused, not kept waiting.
    await sleep(500);
    stopped = true;
    await Promise.all([...clients, ...probes]);

    expect(exitedByItself).toBe(true);
    expect(stage.api.exitCode).toBe(0);
    // The request still arriving at the signal is answered in full, and its connection closed after.
    const slowAnswer = await slow.answer;
    expect(slowAnswer).toMatch(/^HTTP\/1\.1 200 OK\r\n/);
    expect(slowAnswer).toMatch(/\r\nconnection: close\r\n/i);
    expect(slowAnswer).toMatch(/\r\n\r\n\{"data":\{"__typename":"Query"\}\}\n?$/);

    const shown = (request: Request) => ({
      operation: request.operation,
      startedAfterSignalMs: request.started - signalAt,
      ...request.outcome,
    });
    // Each request the api had when the signal came is answered in full, with its data.
    const inFlight = requests.filter(
      (request) => request.started <= signalAt - IN_FLIGHT_MARGIN_MS && request.ended > signalAt,
    );
    expect(
      inFlight.filter(({ outcome }) => outcome.kind !== 'answered' || !succeeded(outcome)).map(shown),
    ).toEqual([]);
    // A later one is answered, or refused without a word (503, or no connection): never half
    // answered, never left waiting.
    const later = requests.filter((request) => request.started > signalAt - IN_FLIGHT_MARGIN_MS);
    expect(
      later
        .filter(({ outcome }) =>
          outcome.kind === 'answered'
            ? !succeeded(outcome) && outcome.status !== 503
            : outcome.status !== undefined || !REFUSALS.includes(outcome.cause ?? ''),
        )
        .map(shown),
    ).toEqual([]);
    expect(later.filter(({ outcome }) => outcome.kind === 'no-answer').length).toBeGreaterThan(0);

    // What the api acknowledged is stored, and nothing else: what it refused changed nothing.
    expect(await idsOf(stage, 'SELECT id FROM worker')).toEqual(sorted(acknowledged.workers));
    expect(await idsOf(stage, 'SELECT id FROM placement')).toEqual(sorted(acknowledged.placements));
    expect(await idsOf(stage, `SELECT id FROM placement WHERE stage = 'DEPARTED'`)).toEqual(
      sorted(acknowledged.departures),
    );

    await stage.api.start();
    for (const placement of acknowledged.departures) stage.expect('NON_PROCEDURAL_DEPARTURE', placement);
    await stage.settle();
    const counts = await stage.verify('api');
    const count = (test: (outcome: ApiOutcome<unknown>) => boolean) =>
      later.filter(({ outcome }) => test(outcome)).length;
    process.stdout.write(
      `[fault drill] graceful-shutdown api: ${requests.length} requests, ${inFlight.length} in flight at SIGTERM` +
        ` answered in full; of ${later.length} sent from ${IN_FLIGHT_MARGIN_MS} ms before it on,` +
        ` ${count(succeeded)} answered, ${count((o) => o.kind === 'answered' && o.status === 503)} refused 503,` +
        ` ${count((o) => o.kind === 'no-answer')} refused at the connection;` +
        ` exited 0 after ${exitedAfterMs} ms\n`,
    );
    expect(counts).toMatchObject({ lost: 0, duplicatesSuppressed: 0 });
  });

  it('lets the worker finish its deliveries, take no new one and exit 0; the rest follow its restart', async () => {
    for (const code of CONTRACT_OFFICES)
      stage.receiver.behave(code, { kind: 'slow', delayMs: RECEIVER_DELAY_MS });
    const processed = (): number =>
      CONTRACT_OFFICES.reduce((sum, code) => sum + stage.receiver.tally(code).processed, 0);
    const processedBefore = processed();
    await stage.seedContractsEnding(CONTRACTS_ENDING);
    while (processed() - processedBefore < CONTRACTS_ENDING / 3) await sleep(50);

    const signalAt = Date.now();
    const exitedByItself = await stage.worker.stop(STOP_BOUND_MS);
    const exitedAfterMs = Date.now() - signalAt;
    expect(exitedByItself).toBe(true);
    expect(stage.worker.exitCode).toBe(0);

    // Every delivery the offices received, up to the worker's exit, was recorded DELIVERED before it left.
    const keys = CONTRACT_OFFICES.flatMap((code) => [...stage.receiver.processedKeys(code).keys()]);
    const [{ unrecorded }] = await stage.database.query<{ unrecorded: number }[]>(
      `SELECT count(*)::int AS unrecorded FROM alert_delivery WHERE id = ANY($1::uuid[]) AND status <> 'DELIVERED'`,
      [keys],
    );
    expect(unrecorded).toBe(0);
    // No job was left running, to be found stalled by the next worker.
    const active = `${stage.settings.REDIS_KEY_PREFIX}:${QueueName.AlertDeliveries}:active`;
    const redis = new Redis(stage.redis.url);
    try {
      expect(await redis.llen(active)).toBe(0);
    } finally {
      redis.disconnect();
    }
    // After the signal only deliveries already running reach an endpoint: those whose request was
    // not there yet. A request still waiting for its answer SIGNAL_HANDLING_MS after the signal held
    // its place among the DELIVERY_CONCURRENCY until the worker had stopped taking jobs, so it leaves
    // fewer places from which a request could come after the signal.
    const waiting = stage.receiver.arrivals.filter(
      (at) => at > signalAt - RECEIVER_DELAY_MS + SIGNAL_HANDLING_MS && at <= signalAt,
    ).length;
    const arrivedAfter = stage.receiver.arrivals.filter((at) => at > signalAt).length;
    expect(arrivedAfter).toBeLessThanOrEqual(DELIVERY_CONCURRENCY - waiting);
    process.stdout.write(
      `[fault drill] graceful-shutdown worker: ${keys.length} deliveries made before it stopped,` +
        ` ${waiting} still waiting for their answer ${SIGNAL_HANDLING_MS} ms after SIGTERM,` +
        ` ${arrivedAfter} arrived after it (at most ${DELIVERY_CONCURRENCY - waiting});` +
        ` exited 0 after ${exitedAfterMs} ms\n`,
    );

    await stage.worker.start();
    await stage.settle();
    const counts = await stage.verify('worker');
    expect(counts).toMatchObject({ lost: 0, duplicatesSuppressed: 0 });
  });

  it('lets a worker that cannot finish, Redis being away, exit by itself and say why', async () => {
    // A delivery in flight to a slow office when Redis dies: its job can never be ended in Redis.
    stage.receiver.behave('bp3mi-kalsel', { kind: 'slow', delayMs: RECEIVER_DELAY_MS });
    const kalsel = stage.client('bp3mi-kalsel');
    const slowOffice = await kalsel.registerPlacement('6372', 9001);
    const processedBefore = stage.receiver.tally('bp3mi-kalsel').requests;
    expect(await kalsel.departUncleared(slowOffice)).toMatchObject({ kind: 'answered', errors: [] });
    stage.expect('NON_PROCEDURAL_DEPARTURE', slowOffice.id);
    await until(
      'the delivery reaches the slow office',
      30_000,
      () => stage.receiver.tally('bp3mi-kalsel').requests > processedBefore,
    );
    await stage.redis.kill('SIGKILL');
    const exitedByItself = await stage.worker.stop(STOP_BOUND_MS);
    expect(exitedByItself).toBe(true);
    expect(stage.worker.exitCode).toBe(1);
    expect(readFileSync(stage.worker.logFile, 'utf8')).toContain('"message":"worker not stopped in time');

    await stage.redis.start();
    await stage.worker.start();
    const placement = await stage.client('bp3mi-jateng').registerPlacement('3374', 9000);
    const departure = await stage.client('bp3mi-jateng').departUncleared(placement);
    expect(departure.kind === 'answered' && departure.data).toBeTruthy();
    stage.expect('NON_PROCEDURAL_DEPARTURE', placement.id);
    await stage.settle();
    const counts = await stage.verify('redis away');
    expect(counts).toMatchObject({ lost: 0, duplicatesSuppressed: 0 });
  });
});
