/**
 * Drill 4: the agencies' own systems misbehave. Kalimantan Selatan's endpoint answers 503 for two
 * minutes; Jawa Timur's processes each alert and then answers only after the sender has given up;
 * Jawa Tengah's processes each alert and closes the connection without answering. Lintas keeps
 * trying with backoff and the same Idempotency-Key: every alert reaches its agency, and the
 * endpoints that processed an alert before Lintas could hear so see the retry as a repeat of a key
 * they know — a duplicate suppressed, never a second alert.
 */
import { FaultStage } from './support/fault-stage.js';

const SEEDED = 200;
const DEPARTURES_FROM_JATENG = 30;
const UNAVAILABLE_MS = 120_000;

describe('drill 4: receivers that answer 503 for 2 minutes, time out, or close the connection', () => {
  let stage: FaultStage;

  beforeAll(async () => {
    // Tries at 0, 2.5, 7.5 … 157.5 s (less up to a fifth of jitter): the 7th comes after the outage.
    stage = await FaultStage.open('receivers', {
      startWorker: false,
      workerEnv: { DELIVERY_BACKOFF_MS: '2500' },
    });
  });

  afterAll(() => stage?.close());

  it('delivers every alert once to each agency, through every retry', async () => {
    await stage.seedContractsEnding(SEEDED);
    const jateng = stage.client('bp3mi-jateng');
    for (let serial = 1; serial <= DEPARTURES_FROM_JATENG; serial += 1) {
      const placement = await jateng.registerPlacement('3374', serial);
      const departure = await jateng.departUncleared(placement);
      expect(departure).toMatchObject({ kind: 'answered', errors: [] });
      stage.expect('NON_PROCEDURAL_DEPARTURE', placement.id);
    }
    stage.receiver.behave('bp3mi-kalsel', { kind: 'unavailable', forMs: UNAVAILABLE_MS });
    // Longer than DELIVERY_TIMEOUT_MS (2 s): Lintas gives up on the answer of each first request.
    stage.receiver.behave('bp3mi-jatim', { kind: 'times-out', delayMs: 5000 });
    stage.receiver.behave('bp3mi-jateng', { kind: 'hangs-up' });
    const unavailableFrom = Date.now();
    await stage.worker.start();

    await stage.settle(UNAVAILABLE_MS + 180_000);
    const counts = await stage.verify();

    const kalsel = stage.receiver.tally('bp3mi-kalsel');
    const jatim = stage.receiver.tally('bp3mi-jatim');
    const jatengTally = stage.receiver.tally('bp3mi-jateng');
    // Half the seeded placements are of each seeded province (bench/delivery/delivery-database.ts).
    expect(kalsel).toMatchObject({ processed: SEEDED / 2, duplicatesSuppressed: 0 });
    expect(kalsel.refused).toBeGreaterThanOrEqual(SEEDED / 2);
    expect(Math.min(...stage.receiver.processedAt('bp3mi-kalsel'))).toBeGreaterThanOrEqual(
      unavailableFrom + UNAVAILABLE_MS,
    );
    expect(jatim).toMatchObject({ processed: SEEDED / 2, duplicatesSuppressed: SEEDED / 2 });
    expect(jatengTally).toMatchObject({
      processed: DEPARTURES_FROM_JATENG,
      duplicatesSuppressed: DEPARTURES_FROM_JATENG,
    });
    expect(counts).toEqual({
      alertsExpected: SEEDED + DEPARTURES_FROM_JATENG,
      alertsCreated: SEEDED + DEPARTURES_FROM_JATENG,
      delivered: SEEDED + DEPARTURES_FROM_JATENG,
      duplicatesSuppressed: SEEDED / 2 + DEPARTURES_FROM_JATENG,
      lost: 0,
    });
  });
});
