import { randomUUID } from 'node:crypto';
import { Queue } from 'bullmq';
import { AlertKind, AlertSweeper, dedupeKeyOf, sweepRuleNamed, sweepSchedulerId } from '#lintas/alerts';
import { Clock } from '#lintas/core';
import { QueueName, QueueProducer } from '#lintas/queue';
import { startWorker, type RunningWorker } from '../apps/worker/src/create-worker.js';
import { eventually } from './support/eventually.js';
import { jobOutcome, runSweep } from './support/jobs.js';
import { agencyWithUser, cli, embassyKey, workerInput } from './support/factories.js';
import { confirmArrival, recordDeparture, registerPlacement, reportStatus } from './support/placements.js';
import {
  closePlacement,
  recordReintegrationRefusal,
  recordReturn,
  refer as referToService,
} from './support/post-placement.js';
import {
  bearer,
  loginAs,
  registerWorker,
  startTestApi,
  useTestEnvironment,
  type TestApi,
  type TestEnvironment,
} from './support/test-api.js';

const DAY = 24 * 60 * 60 * 1000;
const WIB = 7 * 60 * 60 * 1000;
const RULE = 'reintegration-overdue';

const daysBefore = (instant: Date, days: number): Date => new Date(instant.getTime() - days * DAY);
/** The WIB calendar day of an instant, as reasons and notes show it. */
const wibDate = (instant: Date): string => new Date(instant.getTime() + WIB).toISOString().slice(0, 10);
/** The instant a WIB calendar day begins. */
const wibMidnight = (date: string): Date => new Date(`${date}T00:00:00+07:00`);

interface AlertRow {
  id: string;
  kind: string;
  severity: string;
  status: string;
  dedupe_key: string;
  reason: string;
  resolution_note: string | null;
  resolved_by_id: string | null;
}

describe('reintegration alerts: overdue 30 days after the return, resolved once reintegration is answered', () => {
  let environment: TestEnvironment;
  let api: TestApi;
  let worker: RunningWorker;
  let producer: QueueProducer;
  let sweeps: Queue;
  let clock: Clock;
  let officerToken: string;
  let riyadh: Record<string, string>;
  const agencyIds: Record<string, string> = {};
  let serial = 1200;
  let jobs = 0;

  /** Moves the worker's clock, which the sweeps and the rules read "now" from. */
  const setNow = (instant: Date): void => {
    clock.now = () => new Date(instant.getTime());
  };

  /** Runs a time rule now, as its scheduler would, and answers the job's outcome. */
  const sweep = async (rule = RULE): Promise<string> => {
    jobs += 1;
    return runSweep(producer, sweeps, rule, `test-${rule}-${jobs}`);
  };

  const alertsOf = (placementId: string, kinds: AlertKind[] = [AlertKind.REINTEGRATION_OVERDUE]) =>
    api.dataSource.query<AlertRow[]>(
      `SELECT id, kind, severity, status, dedupe_key, reason, resolution_note, resolved_by_id
         FROM alert WHERE placement_id = $1 AND kind = ANY($2) ORDER BY kind, raised_at`,
      [placementId, kinds],
    );

  const resolvedAlert = (alertId: string): Promise<AlertRow> =>
    eventually(
      async () => {
        const [row] = await api.dataSource.query<AlertRow[]>(
          `SELECT id, kind, severity, status, dedupe_key, reason, resolution_note, resolved_by_id
             FROM alert WHERE id = $1`,
          [alertId],
        );
        return row?.status === 'RESOLVED' ? row : undefined;
      },
      10_000,
      'the alert to be resolved',
    );

  /** What the sweeps wrote for this kind: its alerts, their versions, and their outbox rows. */
  const overdueState = async (): Promise<{ alerts: number; versions: number; events: number }> => {
    const [row] = await api.dataSource.query<{ alerts: number; versions: number; events: number }[]>(
      `SELECT count(*)::int AS alerts, coalesce(sum(version), 0)::int AS versions,
              (SELECT count(*)::int FROM outbox_event
                WHERE aggregate_id IN (SELECT id FROM alert WHERE kind = $1)) AS events
         FROM alert WHERE kind = $1`,
      [AlertKind.REINTEGRATION_OVERDUE],
    );
    return row;
  };

  /** Writes an outbox event as the purna penempatan mutations do; answers its id (its job id too). */
  const publish = async (
    topic: string,
    placementId: string,
    payload: Record<string, string> = {},
  ): Promise<string> => {
    const eventId = randomUUID();
    await api.dataSource.query(
      `INSERT INTO outbox_event (id, topic, aggregate_type, aggregate_id, payload, occurred_at)
       VALUES ($1, $2, 'placement', $3, $4, now())`,
      [eventId, topic, placementId, JSON.stringify(payload)],
    );
    return eventId;
  };

  /** The outcome of the domain-event job of an outbox event, once the rules have handled it. */
  const outcomeOf = (eventId: string): Promise<unknown> =>
    jobOutcome(producer.queue(QueueName.DomainEvents), eventId, 'the event to be handled');

  /** A placement of a worker from Banjarbaru (6372, province 63) to Saudi Arabia, departed long ago. */
  const departed = async (): Promise<string> => {
    serial += 1;
    const workerId = await registerWorker(api.app, bearer(officerToken), workerInput({ serial }));
    const registered = await registerPlacement(api.app, bearer(officerToken), workerId, 'SA');
    await recordDeparture(api.app, bearer(officerToken), registered, daysBefore(new Date(), 400));
    return registered.id;
  };

  /**
   * A worker home since `returnedAt`, written as recordReturn writes it — the stage, the placement's
   * return and its victim flag, the return row with the same flag, and `placement.returned` — but
   * by hand, so that the return can be weeks ago.
   */
  const returned = async (returnedAt: Date, suspectedVictim = false): Promise<string> => {
    const placementId = await departed();
    await api.dataSource.transaction(async (manager) => {
      await manager.query(
        `UPDATE placement SET stage = 'RETURNED', returned_at = $2, suspected_trafficking_victim = $3,
                              version = version + 1
          WHERE id = $1`,
        [placementId, returnedAt, suspectedVictim],
      );
      await manager.query(
        `INSERT INTO placement_return (placement_id, kind, returned_at, health_on_arrival,
                                       suspected_trafficking_victim, recorded_by_type)
         VALUES ($1, 'ORDINARY', $2, 'HEALTHY', $3, 'user')`,
        [placementId, returnedAt, suspectedVictim],
      );
    });
    await publish('placement.returned', placementId, { returnKind: 'ORDINARY' });
    return placementId;
  };

  /** The id of the outbox event of `topic` a mutation just wrote for the placement (its job id too). */
  const eventOf = async (placementId: string, topic: string): Promise<string> => {
    const [event] = await api.dataSource.query<{ id: string }[]>(
      `SELECT id FROM outbox_event WHERE aggregate_id = $1 AND topic = $2 ORDER BY occurred_at DESC LIMIT 1`,
      [placementId, topic],
    );
    return event.id;
  };

  const versionOf = async (placementId: string): Promise<number> => {
    const [{ version }] = await api.dataSource.query<{ version: number }[]>(
      'SELECT version FROM placement WHERE id = $1',
      [placementId],
    );
    return version;
  };

  /** The officer refers the worker over GraphQL; answers the referral's time and its `placement.referred` event. */
  const refer = async (placementId: string): Promise<{ referredAt: Date; eventId: string }> => {
    const referral = await referToService(api.app, bearer(officerToken), placementId, {
      service: 'PSYCHOSOCIAL',
    });
    return {
      referredAt: new Date(referral.referredAt),
      eventId: await eventOf(placementId, 'placement.referred'),
    };
  };

  /** The officer records the refusal of every service over GraphQL; answers its outbox event. */
  const refuse = async (placementId: string, refusedAt: Date): Promise<string> => {
    await recordReintegrationRefusal(
      api.app,
      bearer(officerToken),
      { id: placementId, version: await versionOf(placementId) },
      { refusedAt: refusedAt.toISOString() },
    );
    return eventOf(placementId, 'placement.reintegration_refused');
  };

  /** The embassy in Riyadh reports the worker deceased; answers the id of the `placement.deceased` event. */
  const reportDeceased = async (placementId: string, effectiveAt: Date): Promise<string> => {
    const version = await versionOf(placementId);
    await reportStatus(api.app, riyadh, { id: placementId, version }, 'DECEASED', effectiveAt);
    const [event] = await api.dataSource.query<{ id: string }[]>(
      `SELECT id FROM outbox_event WHERE topic = 'placement.deceased' AND aggregate_id = $1`,
      [placementId],
    );
    return event.id;
  };

  beforeAll(async () => {
    environment = await useTestEnvironment({
      OUTBOX_RELAY_INTERVAL_MS: '50',
      ALERT_SWEEP_INTERVAL_SECONDS: '86400',
    });
    await cli(['migrate']);
    const bp3mi = await agencyWithUser({ kind: 'BP3MI', roles: 'OFFICER', provinces: '63' });
    const disnaker = await agencyWithUser({ kind: 'DISNAKER', roles: 'LABOUR_OFFICER', regencies: '6372' });
    riyadh = await embassyKey('kbri-riyadh', 'SA');
    api = await startTestApi();
    worker = await startWorker();
    producer = worker.context.get(QueueProducer);
    clock = worker.context.get(Clock);
    sweeps = new Queue(QueueName.AlertSweeps, {
      connection: { host: '127.0.0.1', port: 6379 },
      prefix: environment.redisKeyPrefix,
    });
    for (const [key, code] of [
      ['bp3mi', bp3mi.agencyCode],
      ['disnaker', disnaker.agencyCode],
    ] as const) {
      const [agency] = await api.dataSource.query<{ id: string }[]>('SELECT id FROM agency WHERE code = $1', [
        code,
      ]);
      agencyIds[key] = agency.id;
    }
    officerToken = await loginAs(api.app, bp3mi);
  });

  afterEach(() => {
    clock.now = () => new Date();
  });

  afterAll(async () => {
    await worker?.close();
    await api?.close();
    await sweeps?.obliterate({ force: true });
    await sweeps?.close();
    await environment?.release();
  });

  it('is scheduled with the other time rules, and its scheduler runs it', async () => {
    const schedulers = await sweeps.getJobSchedulers();
    expect(schedulers.find((scheduler) => scheduler.key === sweepSchedulerId(RULE))).toMatchObject({
      every: 86_400_000,
    });
    await eventually(async () => {
      const completed = await sweeps.getJobs(['completed']);
      return completed.some((job) => (job.data as { rule: string }).rule === RULE) ? true : undefined;
    });
  });

  describe('the sweep', () => {
    const now = new Date();
    let overdue: string;
    let victim: string;
    let victimLongHome: string;

    it('raises MEDIUM 31 days after a return with no referral or refusal, not after 29, not once either is recorded', async () => {
      overdue = await returned(daysBefore(now, 31));
      const recent = await returned(daysBefore(now, 29));
      const referred = await returned(daysBefore(now, 31));
      await refer(referred);
      const refused = await returned(daysBefore(now, 40));
      await refuse(refused, daysBefore(now, 10));
      victim = await returned(daysBefore(now, 31), true);
      victimLongHome = await returned(daysBefore(now, 45), true);

      setNow(now);
      expect(await sweep()).toBe('done');
      expect(await alertsOf(overdue)).toEqual([
        expect.objectContaining({
          kind: 'REINTEGRATION_OVERDUE',
          severity: 'MEDIUM',
          status: 'OPEN',
          dedupe_key: dedupeKeyOf(AlertKind.REINTEGRATION_OVERDUE, overdue),
          reason:
            `Returned home on ${wibDate(daysBefore(now, 31))} (31 days ago) and neither a reintegration ` +
            'referral nor a refusal has been recorded. Refer the worker to a reintegration service, or record the refusal.',
        }),
      ]);
      expect(await alertsOf(recent)).toEqual([]);
      expect(await alertsOf(referred)).toEqual([]);
      expect(await alertsOf(refused)).toEqual([]);
    });

    it('raises HIGH for a suspected trafficking victim, as the placement is flagged', async () => {
      const [flagged] = await alertsOf(victim);
      expect(flagged).toMatchObject({ severity: 'HIGH', status: 'OPEN' });
      expect(flagged.reason).toBe(
        `Suspected trafficking victim returned home on ${wibDate(daysBefore(now, 31))} (31 days ago) and ` +
          'neither a reintegration referral nor a refusal has been recorded. Refer the worker to rehabilitation ' +
          'and legal aid, or record the refusal.',
      );
      const [flaggedLongHome] = await alertsOf(victimLongHome);
      expect(flaggedLongHome).toMatchObject({ severity: 'HIGH', status: 'OPEN' });
      expect(flaggedLongHome.reason).toContain(`on ${wibDate(daysBefore(now, 45))} (45 days ago)`);
    });

    it('writes nothing when it runs again', async () => {
      const before = await overdueState();
      expect(before.alerts).toBeGreaterThanOrEqual(3);
      setNow(now);
      expect(await sweep()).toBe('skipped');
      expect(await overdueState()).toEqual(before);
    });

    it("routes the alert to the BP3MI and the Disnaker of the worker's origin, and to no one else", async () => {
      const [alert] = await alertsOf(overdue);
      const recipients = await eventually(async () => {
        const rows = await api.dataSource.query<{ agency_id: string; reason: string }[]>(
          'SELECT agency_id, reason FROM alert_recipient WHERE alert_id = $1 ORDER BY reason',
          [alert.id],
        );
        return rows.length > 0 ? rows : undefined;
      });
      expect(recipients).toEqual([
        { agency_id: agencyIds.bp3mi, reason: 'BP3MI of origin province 63' },
        { agency_id: agencyIds.disnaker, reason: 'Disnaker of origin regency 6372' },
      ]);
    });

    it('is resolved by a referral with a system note; a repeat of the event and the next sweep change nothing', async () => {
      const [alert] = await alertsOf(overdue);
      const { referredAt, eventId } = await refer(overdue);
      expect(await outcomeOf(eventId)).toBe('done');
      const resolved = await resolvedAlert(alert.id);
      expect(resolved.resolved_by_id).toBeNull();
      expect(resolved.resolution_note).toBe(
        `Resolved by Lintas: the worker was referred to a reintegration service on ${wibDate(referredAt)}.`,
      );

      const repeated = await publish('placement.referred', overdue, { referralId: randomUUID() });
      expect(await outcomeOf(repeated)).toBe('skipped');
      expect(await sweep()).toBe('skipped');
      expect(await alertsOf(overdue)).toEqual([
        expect.objectContaining({ id: alert.id, status: 'RESOLVED' }),
      ]);
    });

    it('is resolved by a refusal, and left open by an event that does not match what is true', async () => {
      const [alert] = await alertsOf(victimLongHome);
      // Not closed, whatever the event says: the rule re-reads the placement.
      expect(await outcomeOf(await publish('placement.closed', victimLongHome))).toBe('skipped');
      expect(await alertsOf(victimLongHome)).toEqual([
        expect.objectContaining({ id: alert.id, status: 'OPEN' }),
      ]);

      const refusedAt = daysBefore(new Date(), 1);
      expect(await outcomeOf(await refuse(victimLongHome, refusedAt))).toBe('done');
      const resolved = await resolvedAlert(alert.id);
      expect(resolved.resolution_note).toBe(
        `Resolved by Lintas: the worker's refusal of reintegration services was recorded (refused on ${wibDate(refusedAt)}).`,
      );
    });

    it('is resolved when the placement is closed', async () => {
      const [alert] = await alertsOf(victim);
      const closed = await closePlacement(
        api.app,
        bearer(officerToken),
        { id: victim, version: await versionOf(victim) },
        'Back at work at home',
      );
      expect(await outcomeOf(await eventOf(victim, 'placement.closed'))).toBe('done');
      expect((await resolvedAlert(alert.id)).resolution_note).toBe(
        `Resolved by Lintas: the placement was closed on ${wibDate(new Date(closed.closedAt!))}.`,
      );
    });
  });

  it('begins on the 30th WIB day after the return, at midnight WIB, however late that day the worker came home', async () => {
    // Home at 23:30 WIB a hundred days ago: long before the other placements, so only this one counts.
    const returnedOn = wibDate(daysBefore(new Date(), 100));
    const returnedAt = new Date(`${returnedOn}T23:30:00+07:00`);
    const placementId = await returned(returnedAt);
    const dueOn = wibDate(new Date(wibMidnight(returnedOn).getTime() + 30 * DAY));

    setNow(new Date(wibMidnight(dueOn).getTime() - 1));
    expect(await sweep()).toBe('skipped');
    expect(await alertsOf(placementId)).toEqual([]);

    // 29 days and 30 minutes after the return, but the 30th WIB day.
    setNow(wibMidnight(dueOn));
    expect(await sweep()).toBe('done');
    const [alert] = await alertsOf(placementId);
    expect(alert).toMatchObject({ severity: 'MEDIUM', status: 'OPEN' });
    expect(alert.reason).toMatch(new RegExp(`^Returned home on ${returnedOn} \\(30 days ago\\)`));
  });

  it('is resolved when a worker at home is reported deceased, who is not to be repatriated', async () => {
    const placementId = await returned(daysBefore(new Date(), 35));
    expect(await sweep()).toBe('done');
    const [alert] = await alertsOf(placementId);

    const diedAt = daysBefore(new Date(), 1);
    expect(await outcomeOf(await reportDeceased(placementId, diedAt))).toBe('done');
    const resolved = await resolvedAlert(alert.id);
    expect(resolved.resolution_note).toBe(
      `Resolved by Lintas: the worker was reported deceased on ${wibDate(diedAt)}.`,
    );
    expect(await alertsOf(placementId, [AlertKind.REPATRIATION_NEEDED])).toEqual([]);
  });

  it('resolves REPATRIATION_NEEDED and CONTRACT_ENDING of a worker who died abroad once the remains are home', async () => {
    const placementId = await departed();
    await api.dataSource.query(
      `UPDATE placement SET contract_start = (now() AT TIME ZONE 'Asia/Jakarta')::date - 700,
                            contract_end = (now() AT TIME ZONE 'Asia/Jakarta')::date + 20
        WHERE id = $1`,
      [placementId],
    );
    expect(await sweep('contract-ending')).toBe('done');
    await outcomeOf(await reportDeceased(placementId, daysBefore(new Date(), 2)));
    const open = await eventually(async () => {
      const rows = await alertsOf(placementId, [AlertKind.CONTRACT_ENDING, AlertKind.REPATRIATION_NEEDED]);
      return rows.length === 2 ? rows : undefined;
    });
    expect(open).toMatchObject([
      { kind: 'CONTRACT_ENDING', status: 'OPEN' },
      { kind: 'REPATRIATION_NEEDED', severity: 'CRITICAL', status: 'OPEN' },
    ]);

    // A return event with no remains recorded (still DECEASED, nobody home): nothing to resolve yet.
    expect(await outcomeOf(await publish('placement.returned', placementId))).toBe('skipped');
    expect((await alertsOf(placementId, [AlertKind.REPATRIATION_NEEDED]))[0]?.status).toBe('OPEN');

    // As recordReturn writes the remains' return: the placement's return time and the return row.
    await api.dataSource.transaction(async (manager) => {
      await manager.query('UPDATE placement SET returned_at = now() WHERE id = $1', [placementId]);
      await manager.query(
        `INSERT INTO placement_return (placement_id, kind, returned_at, recorded_by_type)
         VALUES ($1, 'REMAINS', now(), 'user')`,
        [placementId],
      );
    });
    expect(await outcomeOf(await publish('placement.returned', placementId, { returnKind: 'REMAINS' }))).toBe(
      'done',
    );
    for (const alert of open) {
      const resolved = await resolvedAlert(alert.id);
      expect(resolved.resolution_note).toBe(
        "Resolved by Lintas: the return of the worker's remains was recorded.",
      );
      expect(resolved.resolved_by_id).toBeNull();
    }
  });

  it('raises the alert for a return recorded over GraphQL, and resolves it once the worker is referred', async () => {
    const officer = bearer(officerToken);
    const placementId = await departed();
    const arrived = await confirmArrival(
      api.app,
      riyadh,
      { id: placementId, version: await versionOf(placementId) },
      daysBefore(new Date(), 399),
    );
    await recordReturn(api.app, officer, arrived, daysBefore(new Date(), 31), { healthOnArrival: 'HEALTHY' });
    expect(await sweep()).toBe('done');
    const [alert] = await alertsOf(placementId);
    expect(alert).toMatchObject({ severity: 'MEDIUM', status: 'OPEN' });

    // Nothing but the mutation and the relay: the referral's event reaches the rule by itself.
    const referral = await referToService(api.app, officer, placementId, { service: 'ECONOMIC_EMPOWERMENT' });
    const resolved = await resolvedAlert(alert.id);
    expect(resolved.resolution_note).toBe(
      `Resolved by Lintas: the worker was referred to a reintegration service on ${wibDate(new Date(referral.referredAt))}.`,
    );
  });

  it('reads returned placements through placement_returned_at_idx, and probes referrals and refusals by index', async () => {
    const { sql, parameters } = worker.context.get(AlertSweeper).prepare(sweepRuleNamed(RULE)!);
    // A test database is small enough to scan whole; forbidding that shows the indexes serve the query.
    const plan = await api.dataSource.transaction(async (manager) => {
      await manager.query('SET LOCAL enable_seqscan = off');
      const rows = await manager.query<{ 'QUERY PLAN': string }[]>(`EXPLAIN ${sql}`, parameters);
      return rows.map((row) => row['QUERY PLAN']).join('\n');
    });
    for (const index of [
      'placement_returned_at_idx',
      'referral_placement_idx',
      'reintegration_refusal_placement_idx',
      'alert_open_dedupe_key',
      'alert_resolved_dedupe_key_idx',
    ]) {
      expect(plan).toContain(index);
    }
    expect(plan).not.toMatch(/Seq Scan on (placement|referral|reintegration_refusal|alert)\b/);
  });
});
