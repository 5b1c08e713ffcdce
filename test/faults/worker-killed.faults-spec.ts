/**
 * Drill 2: the worker is killed (SIGKILL) while it delivers 1,500 contract-ending alerts to offices
 * that take half a second to answer, then started again. The deliveries it was making stay active
 * in BullMQ under locks nobody renews; the new worker's stalled check, every 30 s, finds each once
 * its lock has expired (30 s) and runs it again: 30 to 60 s after the restart. The deliveries the
 * offices had received but Lintas had not recorded are sent again with the same Idempotency-Key
 * and dropped by the offices as repeats — those, and only those; every alert is delivered, none is
 * raised twice.
 */
import { setTimeout as sleep } from 'node:timers/promises';
import { Redis } from 'ioredis';
import { QueueName } from '#lintas/queue';
import { FaultStage, type OfficeCode } from './support/fault-stage.js';

const CONTRACTS_ENDING = 1500;
/** The offices `seedContractsEnding` places its workers' origins in. */
const CONTRACT_OFFICES: OfficeCode[] = ['bp3mi-kalsel', 'bp3mi-jatim'];
/** How long the offices take to answer: a delivery is in flight that long, within DELIVERY_TIMEOUT_MS. */
const RECEIVER_DELAY_MS = 500;
/** Long enough for any request already on its way, and any commit already sent, to land. */
const AFTERMATH_MS = 1000;
/** How long the worker may take to deliver a third of the alerts before the drill gives up. */
const KILL_DEADLINE_MS = 120_000;

describe('drill 2: the worker killed with SIGKILL in the middle of deliveries, then restarted', () => {
  let stage: FaultStage;

  beforeAll(async () => {
    const slow = { kind: 'slow', delayMs: RECEIVER_DELAY_MS } as const;
    stage = await FaultStage.open('worker-killed', {
      startWorker: false,
      behaviours: Object.fromEntries(CONTRACT_OFFICES.map((code) => [code, slow])),
    });
  });

  afterAll(() => stage?.close());

  it('runs the stalled deliveries again: the repeats are suppressed by key, nothing is lost', async () => {
    await stage.seedContractsEnding(CONTRACTS_ENDING);
    await stage.worker.start();
    const processed = (): string[] =>
      CONTRACT_OFFICES.flatMap((code) => [...stage.receiver.processedKeys(code).keys()]);
    const deadline = Date.now() + KILL_DEADLINE_MS;
    while (processed().length < CONTRACTS_ENDING / 3) {
      if (Date.now() > deadline)
        throw new Error(`only ${processed().length} delivered in ${KILL_DEADLINE_MS} ms`);
      await sleep(50);
    }
    await stage.worker.kill('SIGKILL');
    await sleep(AFTERMATH_MS);

    // What the offices received that Lintas has no record of having delivered: it was in flight.
    const received = processed();
    const [{ unrecorded }] = await stage.database.query<{ unrecorded: number }[]>(
      `SELECT count(*)::int AS unrecorded FROM alert_delivery WHERE id = ANY($1::uuid[]) AND status <> 'DELIVERED'`,
      [received],
    );
    expect(unrecorded).toBeGreaterThan(0);
    // The deliveries the killed worker was making are still active in BullMQ, their locks unrenewed.
    const redis = new Redis(stage.redis.url);
    let stranded: number;
    try {
      stranded = await redis.llen(`${stage.settings.REDIS_KEY_PREFIX}:${QueueName.AlertDeliveries}:active`);
    } finally {
      redis.disconnect();
    }
    expect(stranded).toBeGreaterThanOrEqual(unrecorded);

    const restartedAt = Date.now();
    await stage.worker.start();
    await stage.settle();
    const counts = await stage.verify();
    process.stdout.write(
      `[fault drill] worker-killed: killed after ${received.length} deliveries received, ${unrecorded} of them` +
        ` unrecorded, ${stranded} jobs stranded active; all delivered ${Math.round((Date.now() - restartedAt) / 1000)} s` +
        ` after the restart\n`,
    );
    // Each delivery received but unrecorded is sent once more, with its key; nothing else is repeated.
    expect(counts).toMatchObject({
      alertsExpected: CONTRACTS_ENDING,
      alertsCreated: CONTRACTS_ENDING,
      delivered: CONTRACTS_ENDING,
      duplicatesSuppressed: unrecorded,
      lost: 0,
    });
  });
});
