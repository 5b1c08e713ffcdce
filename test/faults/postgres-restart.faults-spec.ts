/**
 * Drill 3: PostgreSQL crashes (an immediate stop: every connection cut at once) while twelve
 * clients keep registering workers and placements and recording departures, stays down 15 s, and
 * comes back. During the outage every request is answered within 10 s with SERVICE_UNAVAILABLE,
 * the api's /ready answers 503 and /health 200. Without a restart of the api or the worker,
 * mutations succeed again within 30 s; every acknowledged mutation is in the database, none that
 * was refused left half of itself behind, and each departure's alert is raised and delivered once.
 */
import { readFileSync } from 'node:fs';
import { setTimeout as sleep } from 'node:timers/promises';
import { Redis } from 'ioredis';
import type { ApiClient, ApiOutcome } from './support/api-client.js';
import { FaultStage, OFFICES } from './support/fault-stage.js';
import { until } from './support/until.js';

const CLIENTS_PER_OFFICE = 4;
const TRAFFIC_BEFORE_OUTAGE = 3 * OFFICES.length * CLIENTS_PER_OFFICE;
const OUTAGE_MS = 15_000;
/** The longest any request may wait for its answer, the outage included. */
const ANSWER_BOUND_MS = 10_000;
/** How soon after PostgreSQL is back mutations must succeed again. */
const RECOVERY_BOUND_MS = 30_000;
/** How long the clients keep writing once all of them got through again. */
const AFTER_RECOVERY_MS = 3_000;
/** A client that was refused waits this long before its next try, as a polite integration would. */
const PAUSE_AFTER_REFUSAL_MS = 250;
const PROBE_INTERVAL_MS = 500;
/** Placements that the contract-ending sweep meets after the restart: the worker's time rules came back. */
const CONTRACTS_ENDING_AFTER_RESTART = 10;

type Mutation = 'registerWorker' | 'registerPlacement' | 'recordDeparture';

/** One request as a client saw it. */
interface Attempt {
  client: number;
  mutation: Mutation;
  sentAt: number;
  ms: number;
  /** What it created or changed, when it was acknowledged. */
  acknowledged?: { id: string; version?: number };
  /** Its extensions.code when refused, `NO_ANSWER` when the deadline fired. */
  refusal?: string;
}

/** The HTTP status of each app's /health and /ready at one moment. */
interface Probe {
  at: number;
  health: number;
  ready: number;
  workerHealth: number;
  workerReady: number;
}

const say = (line: string): void => {
  process.stdout.write(`[fault drill] postgres-restart: ${line}\n`);
};

/** Sends one mutation and records how it ended; answers what it acknowledged. */
async function attempt<T>(
  attempts: Attempt[],
  client: number,
  mutation: Mutation,
  send: () => Promise<ApiOutcome<T>>,
  acknowledged: (data: T) => { id: string; version?: number },
): Promise<{ id: string; version?: number } | undefined> {
  const sentAt = Date.now();
  const outcome = await send();
  const record: Attempt = { client, mutation, sentAt, ms: outcome.ms };
  if (outcome.kind === 'no-answer') record.refusal = 'NO_ANSWER';
  else if (outcome.errors.length > 0 || !outcome.data)
    record.refusal = outcome.errors[0]?.extensions?.code ?? 'NO_CODE';
  else record.acknowledged = acknowledged(outcome.data);
  attempts.push(record);
  if (record.refusal) await sleep(PAUSE_AFTER_REFUSAL_MS);
  return record.acknowledged;
}

/**
 * One client's work until told to stop: a new worker, a placement for it, its departure; then the
 * next. A refused step starts over with a new worker (a refused registration may still have been
 * committed, so its NIK is not used again).
 */
async function keepWriting(
  api: ApiClient,
  regencyCode: string,
  client: number,
  attempts: Attempt[],
  stopped: () => boolean,
): Promise<void> {
  for (let serial = client * 500 + 1; !stopped(); serial += 1) {
    const worker = await attempt(
      attempts,
      client,
      'registerWorker',
      () => api.registerWorker(regencyCode, serial),
      (data) => data.registerWorker,
    );
    if (!worker) continue;
    const placement = await attempt(
      attempts,
      client,
      'registerPlacement',
      () => api.registerPlacementOf(worker.id),
      (data) => data.registerPlacement,
    );
    if (!placement?.version) continue;
    await attempt(
      attempts,
      client,
      'recordDeparture',
      () => api.departUncleared({ id: placement.id, version: placement.version ?? 0 }),
      (data) => data.recordDeparture,
    );
  }
}

async function status(url: string): Promise<number> {
  try {
    return (await fetch(url, { signal: AbortSignal.timeout(ANSWER_BOUND_MS) })).status;
  } catch {
    return 0;
  }
}

/** Probes each app's /health and /ready until told to stop. */
async function probe(stage: FaultStage, probes: Probe[], stopped: () => boolean): Promise<void> {
  while (!stopped()) {
    const at = Date.now();
    const [health, ready, workerHealth, workerReady] = await Promise.all([
      status(`${stage.api.url}/health`),
      status(`${stage.api.url}/ready`),
      status(`${stage.worker.url}/health`),
      status(`${stage.worker.url}/ready`),
    ]);
    probes.push({ at, health, ready, workerHealth, workerReady });
    await sleep(PROBE_INTERVAL_MS);
  }
}

const COMPLAINTS = new Set(['warn', 'error', 'fatal']);

/** An app's warnings and errors logged in [from, to], each message with how often it came. */
function complaints(logFile: string, from: number, to: number): string {
  const counted = new Map<string, number>();
  for (const line of readFileSync(logFile, 'utf8').split('\n')) {
    if (!line.startsWith('{')) continue;
    const entry = JSON.parse(line) as {
      level?: string;
      time?: string;
      message?: string;
      context?: string;
      queue?: string;
    };
    const time = Date.parse(entry.time ?? '');
    if (!COMPLAINTS.has(entry.level ?? '') || !(time >= from && time <= to)) continue;
    const where = entry.queue ?? entry.context;
    const message = `${entry.level}: ${entry.message}${where ? ` (${where})` : ''}`;
    counted.set(message, (counted.get(message) ?? 0) + 1);
  }
  return [...counted].map(([message, count]) => `${count}× "${message}"`).join('; ') || 'silent';
}

describe('drill 3: PostgreSQL restarted while the api serves mutations', () => {
  let stage: FaultStage;

  beforeAll(async () => {
    stage = await FaultStage.open('postgres-restart', {
      workerEnv: { ALERT_SWEEP_INTERVAL_SECONDS: '5' },
    });
  });

  afterAll(() => stage?.close());

  it('refuses clearly while it is down, recovers by itself, and loses nothing acknowledged', async () => {
    const attempts: Attempt[] = [];
    const probes: Probe[] = [];
    let writing = true;
    let probing = true;
    const clients = OFFICES.flatMap((office, officeIndex) =>
      Array.from({ length: CLIENTS_PER_OFFICE }, (_, index) =>
        keepWriting(
          stage.client(office.code),
          office.regency,
          officeIndex * CLIENTS_PER_OFFICE + index,
          attempts,
          () => !writing,
        ),
      ),
    );
    const prober = probe(stage, probes, () => !probing);

    await until('traffic before the outage', 60_000, () => attempts.length >= TRAFFIC_BEFORE_OUTAGE);
    const downAt = Date.now();
    await stage.postgres.stop('immediate');
    await sleep(OUTAGE_MS);
    const startingAt = Date.now();
    await stage.postgres.start();
    const upAt = Date.now();
    say(`PostgreSQL down for ${startingAt - downAt} ms, answering again ${upAt - startingAt} ms later`);

    const clientCount = OFFICES.length * CLIENTS_PER_OFFICE;
    const throughAgain = (client: number): Attempt | undefined =>
      attempts.find((a) => a.client === client && a.sentAt >= upAt && a.acknowledged);
    await until('every client through again', RECOVERY_BOUND_MS, () =>
      Array.from({ length: clientCount }, (_, client) => throughAgain(client)).every(Boolean),
    );
    const recoveredAt = Math.max(
      ...Array.from({ length: clientCount }, (_, client) => throughAgain(client)?.sentAt ?? Infinity),
    );
    await until('/ready again', RECOVERY_BOUND_MS, () => probes.some((p) => p.at >= upAt && p.ready === 200));
    await sleep(AFTER_RECOVERY_MS);
    writing = false;
    probing = false;
    await Promise.all([...clients, prober]);

    const refused = attempts.filter((a) => a.refusal);
    const codes = new Map<string, number>();
    for (const { refusal = '' } of refused) codes.set(refusal, (codes.get(refusal) ?? 0) + 1);
    say(
      `${attempts.length} mutations: ${attempts.length - refused.length} acknowledged, ${refused.length} refused` +
        ` (${[...codes].map(([code, count]) => `${code} ${count}`).join(', ')}); slowest answer` +
        ` ${Math.max(...attempts.map((a) => a.ms))} ms; all clients through ${recoveredAt - upAt} ms after the restart`,
    );
    say(`api during the outage: ${complaints(stage.api.logFile, downAt, upAt)}`);
    say(`worker during the outage: ${complaints(stage.worker.logFile, downAt, upAt)}`);

    // No hang, and a clear answer: every request answered within the bound, every refusal says the
    // service is unavailable for now, and refusals came only while PostgreSQL was away.
    expect(attempts.filter((a) => a.ms >= ANSWER_BOUND_MS)).toEqual([]);
    expect([...codes.keys()]).toEqual(['SERVICE_UNAVAILABLE']);
    expect(refused.filter((a) => a.sentAt + a.ms < downAt || a.sentAt > recoveredAt)).toEqual([]);
    expect(recoveredAt - upAt).toBeLessThan(RECOVERY_BOUND_MS);

    // /health says each app lives throughout; /ready says it cannot serve while PostgreSQL is down,
    // and can again once it is back. Neither process exited.
    expect(probes.filter((p) => p.health !== 200 || p.workerHealth !== 200)).toEqual([]);
    const duringOutage = probes.filter((p) => p.at > downAt + 1000 && p.at < startingAt - 500);
    expect(duringOutage.length).toBeGreaterThan(10);
    expect(duringOutage.filter((p) => p.ready !== 503 || p.workerReady !== 503)).toEqual([]);
    const afterRecovery = probes.filter((p) => p.at > recoveredAt);
    expect(afterRecovery.length).toBeGreaterThan(0);
    expect(afterRecovery.filter((p) => p.ready !== 200 || p.workerReady !== 200)).toEqual([]);
    expect({ api: stage.api.running, worker: stage.worker.running }).toEqual({ api: true, worker: true });

    // Every acknowledged mutation is there.
    const acknowledged = (mutation: Mutation): { id: string; version?: number }[] =>
      attempts.flatMap((a) => (a.mutation === mutation && a.acknowledged ? [a.acknowledged] : []));
    const [stored] = await stage.database.query<
      { workers: number; placements: number; departures: number }[]
    >(
      `SELECT (SELECT count(*) FROM worker WHERE id = ANY($1::uuid[]))::int AS workers,
              (SELECT count(*) FROM placement WHERE id = ANY($2::uuid[]))::int AS placements,
              (SELECT count(*) FROM placement
                WHERE stage = 'DEPARTED' AND (id, version) IN (SELECT * FROM unnest($3::uuid[], $4::int[])))::int AS departures`,
      [
        acknowledged('registerWorker').map((w) => w.id),
        acknowledged('registerPlacement').map((p) => p.id),
        acknowledged('recordDeparture').map((p) => p.id),
        acknowledged('recordDeparture').map((p) => p.version),
      ],
    );
    expect(stored).toEqual({
      workers: acknowledged('registerWorker').length,
      placements: acknowledged('registerPlacement').length,
      departures: acknowledged('recordDeparture').length,
    });

    // Nothing half-written: each of the drill's workers and placements, whether its client heard
    // of it or not, has its audit event and its outbox event, and a placement departed exactly when
    // its departure was audited.
    const [halves] = await stage.database.query<
      {
        workers: number;
        placements: number;
        departures: number;
        stored: { workers: number; placements: number };
        departed: string[];
      }[]
    >(
      `WITH w AS (SELECT id FROM worker WHERE full_name LIKE 'Drill worker %'),
            p AS (SELECT p.id, p.stage, p.version FROM placement p JOIN w ON w.id = p.worker_id),
            audited AS (SELECT entity_id, action, count(*) AS n FROM audit_event GROUP BY 1, 2),
            published AS (SELECT aggregate_id, topic FROM outbox_event)
       SELECT (SELECT count(*) FROM w
                WHERE NOT EXISTS (SELECT FROM audited a WHERE a.entity_id = w.id AND a.action = 'worker.registered')
                   OR NOT EXISTS (SELECT FROM published o WHERE o.aggregate_id = w.id AND o.topic = 'worker.registered'))::int AS workers,
              (SELECT count(*) FROM p
                WHERE NOT EXISTS (SELECT FROM audited a WHERE a.entity_id = p.id AND a.action = 'placement.registered')
                   OR NOT EXISTS (SELECT FROM published o WHERE o.aggregate_id = p.id AND o.topic = 'placement.registered'))::int AS placements,
              (SELECT count(*) FROM p
                WHERE (p.stage = 'DEPARTED') <> EXISTS (SELECT FROM audited a WHERE a.entity_id = p.id AND a.action = 'placement.departed' AND a.n = 1)
                   OR (p.stage = 'DEPARTED') <> EXISTS (SELECT FROM published o WHERE o.aggregate_id = p.id AND o.topic = 'placement.departed_non_procedural')
                   OR p.version <> CASE p.stage WHEN 'DEPARTED' THEN 2 ELSE 1 END)::int AS departures,
              json_build_object('workers', (SELECT count(*) FROM w), 'placements', (SELECT count(*) FROM p)) AS stored,
              (SELECT coalesce(array_agg(p.id), '{}') FROM p WHERE p.stage = 'DEPARTED') AS departed`,
    );
    expect(halves).toMatchObject({ workers: 0, placements: 0, departures: 0 });
    say(
      'committed although their client was told SERVICE_UNAVAILABLE:' +
        ` ${halves.stored.workers - acknowledged('registerWorker').length} workers,` +
        ` ${halves.stored.placements - acknowledged('registerPlacement').length} placements,` +
        ` ${halves.departed.length - acknowledged('recordDeparture').length} departures`,
    );

    // Each departure in the database, heard of or not, raises its alert; contracts seeded now are
    // met by the worker's next sweep: both its event rules and its time rules came back.
    for (const id of halves.departed) stage.expect('NON_PROCEDURAL_DEPARTURE', id);
    await stage.seedContractsEnding(CONTRACTS_ENDING_AFTER_RESTART);
    await stage.settle();
    const counts = await stage.verify();
    expect(counts).toMatchObject({
      alertsExpected: halves.departed.length + CONTRACTS_ENDING_AFTER_RESTART,
      lost: 0,
    });

    // No event and no delivery was given up while PostgreSQL was away. A sweep's tick may have
    // been: the next tick is its retry.
    const redis = new Redis(stage.redis.url);
    try {
      const prefix = stage.settings.REDIS_KEY_PREFIX;
      const failed = {
        events: await redis.zcard(`${prefix}:domain-events:failed`),
        deliveries: await redis.zcard(`${prefix}:alert-deliveries:failed`),
      };
      say(`sweep ticks given up during the outage: ${await redis.zcard(`${prefix}:alert-sweeps:failed`)}`);
      expect(failed).toEqual({ events: 0, deliveries: 0 });
    } finally {
      redis.disconnect();
    }
  });
});
