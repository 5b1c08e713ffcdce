/**
 * Drill 2: the worker is killed (SIGKILL) while it delivers 1,500 contract-ending alerts to offices
 * that take half a second to answer, then started again. The deliveries it was making stay active
 * in BullMQ under locks nobody renews; the new worker's stalled check, every 30 s, finds each once
 * its lock has expired (30 s) and runs it again: 30 to 60 s after the restart. Just as those runs
 * begin, the worker is killed a second time and started again: the same jobs stall once more, and
 * are run a third time 30 to 60 s later — BullMQ counts a job's stalls over its whole life, and by
 * its default would give up a job at its second stall without running it. The deliveries the
 * offices had received but Lintas had not recorded are sent again with the same Idempotency-Key and
 * dropped by the offices as repeats — those, and only those; every alert is delivered, none is
 * raised twice.
 */
import { setTimeout as sleep } from 'node:timers/promises';
import { Redis } from 'ioredis';
import { QueueName } from '#lintas/queue';
import { FaultStage, type OfficeCode } from './support/fault-stage.js';
import { until } from './support/until.js';

const CONTRACTS_ENDING = 1500;
/** The offices `seedContractsEnding` places its workers' origins in. */
const CONTRACT_OFFICES: OfficeCode[] = ['bp3mi-kalsel', 'bp3mi-jatim'];
/**
 * How long the offices take to answer, a repeat too: a delivery, and its run again after a stall,
 * is in flight that long, within DELIVERY_TIMEOUT_MS.
 */
const RECEIVER_DELAY_MS = 500;
/** Long enough for any request already on its way, and any commit already sent, to land. */
const AFTERMATH_MS = 1000;
/** How long the worker may take to deliver a third of the alerts before the drill gives up. */
const KILL_DEADLINE_MS = 120_000;
/** The stalled check needs 30 to 60 s after a restart; more is a drill that went wrong. */
const RERUN_DEADLINE_MS = 120_000;

describe('drill 2: the worker killed with SIGKILL in the middle of deliveries, twice, and restarted', () => {
  let stage: FaultStage;
  let redis: Redis;

  beforeAll(async () => {
    const slow = { kind: 'slow', delayMs: RECEIVER_DELAY_MS, repeats: true } as const;
    stage = await FaultStage.open('worker-killed', {
      startWorker: false,
      behaviours: Object.fromEntries(CONTRACT_OFFICES.map((code) => [code, slow])),
    });
    redis = new Redis(stage.redis.url);
  });

  afterAll(async () => {
    redis?.disconnect();
    await stage?.close();
  });

  const processed = (): string[] =>
    CONTRACT_OFFICES.flatMap((code) => [...stage.receiver.processedKeys(code).keys()]);
  const repeats = (): number =>
    CONTRACT_OFFICES.reduce((sum, code) => sum + stage.receiver.tally(code).duplicatesSuppressed, 0);

  /** Deliveries the offices received that Lintas has no record of having delivered: they were in flight. */
  async function unrecorded(): Promise<number> {
    const [{ count }] = await stage.database.query<{ count: number }[]>(
      `SELECT count(*)::int AS count FROM alert_delivery WHERE id = ANY($1::uuid[]) AND status <> 'DELIVERED'`,
      [processed()],
    );
    return count;
  }

  /** The delivery jobs a killed worker left active, and how many of them had stalled before. */
  async function stranded(): Promise<{ jobs: number; stalledBefore: number }> {
    const key = `${stage.settings.REDIS_KEY_PREFIX}:${QueueName.AlertDeliveries}`;
    const ids = await redis.lrange(`${key}:active`, 0, -1);
    const stalls = await Promise.all(ids.map((id) => redis.hget(`${key}:${id}`, 'stc')));
    return { jobs: ids.length, stalledBefore: stalls.filter((count) => Number(count) > 0).length };
  }

  it('runs the stalled deliveries again, even those stalled twice: repeats suppressed by key, none lost', async () => {
    await stage.seedContractsEnding(CONTRACTS_ENDING);
    await stage.worker.start();
    await until('a third delivered', KILL_DEADLINE_MS, () => processed().length >= CONTRACTS_ENDING / 3, 20);
    await stage.worker.kill('SIGKILL');
    await sleep(AFTERMATH_MS);

    const receivedAtFirstKill = processed().length;
    const unrecordedAtFirstKill = await unrecorded();
    expect(unrecordedAtFirstKill).toBeGreaterThan(0);
    // The deliveries the killed worker was making are still active in BullMQ, their locks unrenewed.
    const first = await stranded();
    expect(first.jobs).toBeGreaterThanOrEqual(unrecordedAtFirstKill);

    const firstRestart = Date.now();
    await stage.worker.start();
    // The first repeat an office sees is a stalled delivery run again: the runs again have begun.
    // Each stays in flight while the office takes its time to answer: kill the worker once they
    // have all reached their office, or half that time after the first did, none having ended.
    await until('the stalled deliveries run again', RERUN_DEADLINE_MS, () => repeats() > 0, 20);
    const firstRepeat = Date.now();
    while (repeats() < unrecordedAtFirstKill && Date.now() - firstRepeat < RECEIVER_DELAY_MS / 2)
      await sleep(10);
    await stage.worker.kill('SIGKILL');
    const secondKillAfterS = Math.round((Date.now() - firstRestart) / 1000);
    await sleep(AFTERMATH_MS);

    const repeatsAtSecondKill = repeats();
    const unrecordedAtSecondKill = await unrecorded();
    // Jobs that had already stalled once are stranded again: their second stall.
    const second = await stranded();
    expect(second.stalledBefore).toBeGreaterThan(0);

    const secondRestart = Date.now();
    await stage.worker.start();
    await stage.settle();
    const counts = await stage.verify();
    process.stdout.write(
      `[fault drill] worker-killed: first kill after ${receivedAtFirstKill} deliveries received,` +
        ` ${unrecordedAtFirstKill} of them unrecorded, ${first.jobs} jobs stranded; second kill` +
        ` ${secondKillAfterS} s after the restart, as they ran again: ${second.jobs} jobs stranded,` +
        ` ${second.stalledBefore} of them for the second time, ${unrecordedAtSecondKill} deliveries unrecorded;` +
        ` all delivered ${Math.round((Date.now() - secondRestart) / 1000)} s after the second restart\n`,
    );
    // Each delivery received but unrecorded at the last kill is sent once more, with its key;
    // nothing else is repeated.
    expect(counts).toMatchObject({
      alertsExpected: CONTRACTS_ENDING,
      alertsCreated: CONTRACTS_ENDING,
      delivered: CONTRACTS_ENDING,
      duplicatesSuppressed: repeatsAtSecondKill + unrecordedAtSecondKill,
      lost: 0,
    });
  });
});
