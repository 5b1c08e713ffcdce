/**
 * Drill 5: a hundred clients record the departure of one placement at once, all with the version
 * they read. One wins; the other 99 are told CONFLICT and change nothing: the placement holds the
 * winner's departure, its version moved by one, and one NON_PROCEDURAL_DEPARTURE alert is raised
 * and delivered once.
 */
import { FaultStage } from './support/fault-stage.js';

const WRITERS = 100;

describe('drill 5: 100 concurrent writers on one placement with the same version', () => {
  let stage: FaultStage;

  beforeAll(async () => {
    stage = await FaultStage.open('concurrent-writers');
  });

  afterAll(() => stage?.close());

  it('lets one writer win, answers CONFLICT to the others, and raises one alert', async () => {
    const client = stage.client('bp3mi-kalsel');
    const placement = await client.registerPlacement('6372', 1);
    const departures = Array.from(
      { length: WRITERS },
      (_, writer) => new Date(Date.UTC(2026, 10, 1, 0, writer)),
    );
    const outcomes = await Promise.all(
      departures.map((departedAt) => client.departUncleared(placement, departedAt)),
    );

    const winners = outcomes.flatMap((outcome, writer) =>
      outcome.kind === 'answered' && outcome.data?.recordDeparture ? [writer] : [],
    );
    const conflicts = outcomes.filter(
      (outcome) => outcome.kind === 'answered' && outcome.errors[0]?.extensions?.code === 'CONFLICT',
    );
    expect(winners).toHaveLength(1);
    expect(conflicts).toHaveLength(WRITERS - 1);
    const [winner = -1] = winners;
    const [stored] = await stage.database.query<{ version: number; departed_at: Date; stage: string }[]>(
      'SELECT version, departed_at, stage FROM placement WHERE id = $1',
      [placement.id],
    );
    expect(stored).toEqual({
      version: placement.version + 1,
      departed_at: departures[winner],
      stage: 'DEPARTED',
    });
    const [{ departures: recorded }] = await stage.database.query<{ departures: number }[]>(
      `SELECT count(*)::int AS departures FROM audit_event WHERE entity_id = $1 AND action = 'placement.departed'`,
      [placement.id],
    );
    expect(recorded).toBe(1);

    stage.expect('NON_PROCEDURAL_DEPARTURE', placement.id);
    await stage.settle();
    const counts = await stage.verify();
    expect(counts).toMatchObject({ alertsExpected: 1, alertsCreated: 1, delivered: 1, lost: 0 });
  });
});
