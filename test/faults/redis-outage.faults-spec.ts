/**
 * Drill 1: Redis is killed (SIGKILL) for 30 s, first while a contract-ending sweep is about to
 * commit a thousand alerts, then while the deliveries of a second thousand are in flight to slow
 * receivers, and each time started again. Redis down means alerts wait, not vanish: the sweep
 * commits its alerts and their outbox rows all the same, the api keeps recording departures (it
 * writes PostgreSQL alone), deliveries in flight are recorded though their jobs cannot be, and once
 * Redis is back every alert is delivered, each once. The worker says each outage once per queue.
 */
import { readFileSync } from 'node:fs';
import { setTimeout as sleep } from 'node:timers/promises';
import { FaultStage, OFFICES, type OfficeCode } from './support/fault-stage.js';
import { until } from './support/until.js';

const SWEPT = 1000;
const DEPARTURES = 20;
const OUTAGE_MS = 30_000;
/** The receivers' answer time while deliveries run: a second each, so many are in flight at once. */
const SLOW_ANSWER_MS = 1000;
/** The offices whose provinces the seeded placements come from: they receive the CONTRACT_ENDING alerts. */
const SEEDED_OFFICES: readonly OfficeCode[] = ['bp3mi-kalsel', 'bp3mi-jatim'];

const say = (line: string): void => {
  process.stdout.write(`[fault drill] redis-outage ${line}\n`);
};

describe('drill 1: Redis killed for 30 s during a sweep and during deliveries', () => {
  let stage: FaultStage;

  beforeAll(async () => {
    stage = await FaultStage.open('redis-outage', {
      startWorker: false,
      workerEnv: { ALERT_SWEEP_INTERVAL_SECONDS: '5' },
    });
  });

  afterAll(() => stage?.close());

  const count = async (sql: string, parameters: unknown[] = []): Promise<number> => {
    const [{ n }] = await stage.database.query<{ n: number }[]>(sql, parameters);
    return n;
  };
  const contractEndingAlerts = (): Promise<number> =>
    count(`SELECT count(*)::int AS n FROM alert WHERE kind = 'CONTRACT_ENDING'`);
  const unsentEvents = (): Promise<number> =>
    count('SELECT count(*)::int AS n FROM outbox_event WHERE sent_at IS NULL');
  const processedBySeededOffices = (): number =>
    SEEDED_OFFICES.reduce((sum, code) => sum + stage.receiver.processedKeys(code).size, 0);

  it('commits a sweep while Redis is dead, takes departures meanwhile, and delivers it all once Redis is back', async () => {
    await stage.seedContractsEnding(SWEPT);
    // A share row exclusive lock on alert lets the sweep read but holds back its INSERT: the sweep
    // is caught inside its transaction, and commits only when the drill lets it.
    const holder = stage.database.createQueryRunner();
    await holder.connect();
    await holder.startTransaction();
    await holder.query('LOCK TABLE alert IN SHARE ROW EXCLUSIVE MODE');
    try {
      // The worker schedules the sweeps at start, and a scheduler's first tick runs at once.
      await stage.worker.start();
      await until('the contract-ending sweep waits on the lock', 30_000, async () => {
        const waiting = await count(
          `SELECT count(*)::int AS n FROM pg_stat_activity
            WHERE datname = current_database() AND wait_event_type = 'Lock'
              AND query LIKE '%''CONTRACT_ENDING'' AS kind%'`,
        );
        return waiting > 0;
      });
      await stage.redis.kill('SIGKILL');
    } finally {
      await holder.commitTransaction();
      await holder.release();
    }
    const killedAt = Date.now();

    await until(
      'the sweep commits with Redis dead',
      20_000,
      async () => (await contractEndingAlerts()) === SWEPT,
    );
    const departures = await Promise.all(
      Array.from({ length: DEPARTURES }, async (_, serial) => {
        const office = OFFICES[serial % OFFICES.length];
        const client = stage.client(office.code);
        const placement = await client.registerPlacement(office.regency, serial + 1);
        return { placement, outcome: await client.departUncleared(placement) };
      }),
    );
    for (const { placement, outcome } of departures) {
      expect(outcome).toMatchObject({ kind: 'answered', errors: [] });
      stage.expect('NON_PROCEDURAL_DEPARTURE', placement.id);
    }
    // The relay marks nothing sent that Redis did not take: every event of the sweep and of the
    // departures waits in the outbox.
    expect(await unsentEvents()).toBeGreaterThanOrEqual(SWEPT + DEPARTURES);
    say(`during a sweep: ${await unsentEvents()} outbox events waited while Redis was down`);
    await sleep(OUTAGE_MS - (Date.now() - killedAt));
    await stage.redis.start();

    await stage.settle();
    const counts = await stage.verify('during a sweep');
    expect(counts).toMatchObject({
      alertsExpected: SWEPT + DEPARTURES,
      alertsCreated: SWEPT + DEPARTURES,
      lost: 0,
    });
  });

  it('delivers every alert once when Redis dies with deliveries in flight', async () => {
    for (const code of SEEDED_OFFICES) stage.receiver.behave(code, { kind: 'slow', delayMs: SLOW_ANSWER_MS });
    const before = processedBySeededOffices();
    // The next contract-ending sweep (every 5 s) raises these, so the sweeps' schedule outlived the
    // first outage; their deliveries take a second each.
    await stage.seedContractsEnding(SWEPT);
    await until('a third of the deliveries are processed', 120_000, async () => {
      return processedBySeededOffices() - before >= SWEPT / 3;
    });
    await stage.redis.kill('SIGKILL');
    // Processed by the agency and not yet recorded DELIVERED: Lintas was sending these as Redis died.
    const delivered = await count(
      `SELECT count(*)::int AS n FROM alert_delivery d JOIN agency g ON g.id = d.agency_id
        WHERE g.code = ANY($1::text[]) AND d.status = 'DELIVERED'`,
      [SEEDED_OFFICES],
    );
    const inFlight = processedBySeededOffices() - delivered;
    const atKill = processedBySeededOffices() - before;
    expect(inFlight).toBeGreaterThan(0);
    await sleep(OUTAGE_MS);
    const atRestart = processedBySeededOffices() - before;
    say(
      `during deliveries: ${atKill} processed when Redis was killed (${inFlight} of them in flight), ` +
        `${atRestart} when it came back`,
    );
    await stage.redis.start();
    for (const code of SEEDED_OFFICES) stage.receiver.behave(code, { kind: 'answers' });

    await stage.settle();
    const counts = await stage.verify('during deliveries');
    expect(counts).toMatchObject({
      alertsExpected: 2 * SWEPT + DEPARTURES,
      alertsCreated: 2 * SWEPT + DEPARTURES,
      lost: 0,
    });
    // Each outage is said once per queue, as a warning, rather than as an error at every reconnect.
    const refusedLines = readFileSync(stage.worker.logFile, 'utf8')
      .split('\n')
      .filter((line) => line.includes('"level":"error"') && /ECONNREFUSED|ECONNRESET/.test(line));
    expect(refusedLines).toEqual([]);
  });
});
