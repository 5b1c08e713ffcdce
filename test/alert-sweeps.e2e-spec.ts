import { Queue } from 'bullmq';
import {
  AlertKind,
  AlertSweeper,
  AlertSweepScheduler,
  dedupeKeyOf,
  SWEEP_RULE_NAMES,
  SWEEP_RULES,
  sweepSchedulerId,
} from '#lintas/alerts';
import { QueueName, QueueProducer } from '#lintas/queue';
import { startWorker, type RunningWorker } from '../apps/worker/src/create-worker.js';
import { eventually } from './support/eventually.js';
import { runSweep } from './support/jobs.js';
import { agencyWithUser, cli, embassyKey, workerInput } from './support/factories.js';
import {
  confirmArrival,
  recordDeparture,
  registerPlacement,
  type PlacementHandle,
} from './support/placements.js';
import { requestRepatriation, type HomePlacement } from './support/post-placement.js';
import {
  bearer,
  graphql,
  loginAs,
  registerWorker,
  startTestApi,
  useTestEnvironment,
  type TestApi,
  type TestEnvironment,
} from './support/test-api.js';

const DAY = 24 * 60 * 60 * 1000;
const daysAgo = (days: number): Date => new Date(Date.now() - days * DAY);

const CONTACT = `mutation Contact($placementId: ID!, $input: WelfareContactInput!) {
  recordWelfareContact(placementId: $placementId, input: $input) { id }
}`;

/** The kinds the time rules raise; event rules raise others for the same placements meanwhile. */
const SWEPT_KINDS = [
  AlertKind.MISSED_CHECK_IN,
  AlertKind.REPATRIATION_NEEDED,
  AlertKind.CONTRACT_ENDING,
  AlertKind.DOCUMENT_EXPIRING,
];

interface AlertRow {
  id: string;
  kind: string;
  severity: string;
  status: string;
  dedupe_key: string;
  reason: string;
  version: number;
  escalated_at: Date | null;
  resolution_note: string | null;
}

describe('time rules: sweeps raise and escalate alerts, and never double one', () => {
  let environment: TestEnvironment;
  let api: TestApi;
  let worker: RunningWorker;
  let producer: QueueProducer;
  let sweeps: Queue;
  let officerToken: string;
  let kualaLumpur: Record<string, string>;
  let serial = 900;
  let jobs = 0;

  /** Runs a rule now, as its scheduler would, and waits for the job to complete. */
  const sweep = async (rule: string): Promise<string> => {
    jobs += 1;
    return runSweep(producer, sweeps, rule, `test-${rule}-${jobs}`);
  };

  const sweepAll = async (): Promise<string[]> => {
    const outcomes: string[] = [];
    for (const rule of SWEEP_RULE_NAMES) outcomes.push(await sweep(rule));
    return outcomes;
  };

  const alertsOf = (placementId: string): Promise<AlertRow[]> =>
    api.dataSource.query<AlertRow[]>(
      `SELECT id, kind, severity, status, dedupe_key, reason, version, escalated_at, resolution_note
         FROM alert WHERE placement_id = $1 AND kind = ANY($2) ORDER BY kind, dedupe_key`,
      [placementId, SWEPT_KINDS],
    );

  const outboxOf = (alertId: string): Promise<{ topic: string; payload: Record<string, string> }[]> =>
    api.dataSource.query(
      `SELECT topic, payload FROM outbox_event WHERE aggregate_type = 'alert' AND aggregate_id = $1
        ORDER BY occurred_at, topic DESC`,
      [alertId],
    );

  /** Everything the sweeps wrote: their alerts (with versions, which any escalation bumps) and outbox rows. */
  const sweptState = async (): Promise<{ alerts: number; versions: number; events: number }> => {
    const [row] = await api.dataSource.query<{ alerts: number; versions: number; events: number }[]>(
      `SELECT count(*)::int AS alerts, coalesce(sum(version), 0)::int AS versions,
              (SELECT count(*)::int FROM outbox_event
                WHERE aggregate_id IN (SELECT id FROM alert WHERE kind = ANY($1))) AS events
         FROM alert WHERE kind = ANY($1)`,
      [SWEPT_KINDS],
    );
    return row;
  };

  /** A placement abroad: registered and departed `departedDaysAgo` days ago, or only registered. */
  const placement = async (departedDaysAgo: number | null = 5): Promise<string> => {
    serial += 1;
    const workerId = await registerWorker(api.app, bearer(officerToken), workerInput({ serial }));
    const registered = await registerPlacement(api.app, bearer(officerToken), workerId, 'MY');
    if (departedDaysAgo === null) return registered.id;
    const departed = await recordDeparture(
      api.app,
      bearer(officerToken),
      registered,
      daysAgo(departedDaysAgo),
    );
    expect(departed.stage).toBe('DEPARTED');
    return registered.id;
  };

  /** A placement in Malaysia, departed and arrived `arrivedDaysAgo` days ago. */
  const placedInMalaysia = async (arrivedDaysAgo = 90): Promise<PlacementHandle> => {
    serial += 1;
    const workerId = await registerWorker(api.app, bearer(officerToken), workerInput({ serial }));
    const registered = await registerPlacement(api.app, bearer(officerToken), workerId, 'MY');
    const departed = await recordDeparture(
      api.app,
      bearer(officerToken),
      registered,
      daysAgo(arrivedDaysAgo + 1),
    );
    const placed = await confirmArrival(api.app, kualaLumpur, departed, daysAgo(arrivedDaysAgo));
    expect(placed.stage).toBe('PLACED');
    return placed;
  };

  const placementRow = async (
    placementId: string,
  ): Promise<{ stage: string; version: number; next_check_in_due_at: Date | null }> => {
    const [row] = await api.dataSource.query<
      { stage: string; version: number; next_check_in_due_at: Date | null }[]
    >('SELECT stage, version, next_check_in_due_at FROM placement WHERE id = $1', [placementId]);
    return row;
  };

  const reachedContact = async (placementId: string, contactedAt: Date): Promise<void> => {
    const response = await graphql(
      api.app,
      CONTACT,
      {
        placementId,
        input: { contactedAt: contactedAt.toISOString(), channel: 'WHATSAPP', reachedWorker: true },
      },
      kualaLumpur,
    );
    expect(response.errors).toBeUndefined();
  };

  /** Sets the contract's last day to `offsetDays` from today in WIB (negative: in the past). */
  const contractEndsIn = (placementId: string, offsetDays: number): Promise<unknown> =>
    api.dataSource.query(
      `UPDATE placement
          SET contract_start = (now() AT TIME ZONE 'Asia/Jakarta')::date - 730,
              contract_end = (now() AT TIME ZONE 'Asia/Jakarta')::date + $2::int
        WHERE id = $1`,
      [placementId, offsetDays],
    );

  /** Records a document's expiry `offsetDays` from today in WIB, as if it had been recorded long ago. */
  const documentExpiresIn = (placementId: string, kind: string, offsetDays: number): Promise<unknown> =>
    api.dataSource.query(
      `INSERT INTO requirement (id, placement_id, kind, status, evaluated_by, expires_on)
       VALUES (gen_random_uuid(), $1, $2, 'SATISFIED', 'OFFICER', (now() AT TIME ZONE 'Asia/Jakarta')::date + $3::int)
       ON CONFLICT (placement_id, kind) DO UPDATE SET expires_on = EXCLUDED.expires_on, issued_on = NULL`,
      [placementId, kind, offsetDays],
    );

  beforeAll(async () => {
    environment = await useTestEnvironment({
      OUTBOX_RELAY_INTERVAL_MS: '50',
      ALERT_SWEEP_INTERVAL_SECONDS: '86400',
    });
    await cli(['migrate']);
    const officer = await agencyWithUser({ kind: 'BP3MI', roles: 'OFFICER', provinces: '63' });
    kualaLumpur = await embassyKey('kbri-kuala-lumpur', 'MY');
    api = await startTestApi();
    worker = await startWorker();
    producer = worker.context.get(QueueProducer);
    sweeps = new Queue(QueueName.AlertSweeps, {
      connection: { host: '127.0.0.1', port: 6379 },
      prefix: environment.redisKeyPrefix,
    });
    officerToken = await loginAs(api.app, officer);
  });

  afterAll(async () => {
    await worker?.close();
    await api?.close();
    await sweeps?.obliterate({ force: true });
    await sweeps?.close();
    await environment?.release();
  });

  it('schedules each rule once at the configured interval, and the schedulers run', async () => {
    const schedulers = await sweeps.getJobSchedulers();
    expect(schedulers.map((scheduler) => [scheduler.key, scheduler.every]).sort()).toEqual(
      SWEEP_RULE_NAMES.map((rule) => [sweepSchedulerId(rule), 86_400_000]).sort(),
    );
    const ran = await eventually(async () => {
      const completed = await sweeps.getJobs(['completed']);
      const rules = new Set(completed.map((job) => (job.data as { rule: string }).rule));
      return SWEEP_RULE_NAMES.every((rule) => rules.has(rule)) ? rules : undefined;
    });
    expect([...ran].sort()).toEqual([...SWEEP_RULE_NAMES].sort());
  });

  it('keeps one scheduler per rule when the worker starts again, and drops those of retired rules', async () => {
    await sweeps.upsertJobScheduler('sweep:retired-rule', { every: 86_400_000 }, { name: 'retired-rule' });
    await worker.context.get(AlertSweepScheduler).start();
    const schedulers = await sweeps.getJobSchedulers();
    expect(schedulers.map((scheduler) => scheduler.key).sort()).toEqual(
      SWEEP_RULE_NAMES.map(sweepSchedulerId).sort(),
    );
    // Whatever the upsert started has run before the tests below look at alerts.
    await eventually(async () => {
      const counts = await sweeps.getJobCounts('waiting', 'active', 'prioritized');
      return Object.values(counts).every((count) => count === 0) ? true : undefined;
    });
  });

  describe('missed check-in', () => {
    let placementId: string;
    let alertId: string;

    /** The placement's due check-in, as the reasons show it (WIB date, whole days overdue). */
    const checkIn = async (): Promise<{ dueOn: string; overdueDays: number }> => {
      const [row] = await api.dataSource.query<{ dueOn: string; overdueDays: number }[]>(
        `SELECT to_char(next_check_in_due_at AT TIME ZONE 'Asia/Jakarta', 'YYYY-MM-DD') AS "dueOn",
                floor(extract(epoch FROM now() - next_check_in_due_at) / 86400)::int AS "overdueDays"
           FROM placement WHERE id = $1`,
        [placementId],
      );
      return row;
    };

    it('raises one MEDIUM alert for a placement whose last reached contact is 40 days old', async () => {
      placementId = await placement(60);
      // The contact sets the next check-in 14 or 30 days later (by risk): past the 3-day grace, not yet 30 days.
      await reachedContact(placementId, daysAgo(40));
      expect(await sweep('missed-check-in')).toBe('done');
      expect(await sweep('missed-check-in')).toBe('skipped');

      const alerts = await alertsOf(placementId);
      expect(alerts).toHaveLength(1);
      const [alert] = alerts;
      expect(alert).toMatchObject({
        kind: 'MISSED_CHECK_IN',
        severity: 'MEDIUM',
        status: 'OPEN',
        dedupe_key: dedupeKeyOf(AlertKind.MISSED_CHECK_IN, placementId),
        version: 1,
        escalated_at: null,
      });
      const { dueOn, overdueDays } = await checkIn();
      expect(alert.reason).toBe(
        `Welfare check-in due on ${dueOn} was missed (${overdueDays} days overdue). Contact the worker.`,
      );
      alertId = alert.id;
      expect(await outboxOf(alertId)).toEqual([
        { topic: 'alert.raised', payload: { alertId, severity: 'MEDIUM' } },
      ]);
    });

    it('escalates the same alert to HIGH, then CRITICAL, as the silence grows', async () => {
      // Time passes: 30 more days without contact, simulated by moving the placement's dates back.
      const shiftBack = async (days: number): Promise<void> => {
        await api.dataSource.query(
          `UPDATE placement
              SET departed_at = departed_at - $2::int * interval '24 hours',
                  last_reached_contact_at = last_reached_contact_at - $2::int * interval '24 hours',
                  next_check_in_due_at = next_check_in_due_at - $2::int * interval '24 hours'
            WHERE id = $1`,
          [placementId, days],
        );
        await api.dataSource.query(
          `UPDATE welfare_contact SET contacted_at = contacted_at - $2::int * interval '24 hours'
            WHERE placement_id = $1`,
          [placementId, days],
        );
      };
      await shiftBack(30);
      expect(await sweep('missed-check-in')).toBe('done');
      let [alert] = await alertsOf(placementId);
      expect(alert).toMatchObject({ id: alertId, severity: 'HIGH', status: 'OPEN', version: 2 });
      expect(alert.escalated_at).toBeInstanceOf(Date);
      expect(alert.reason).toContain(`(${(await checkIn()).overdueDays} days overdue)`);

      await shiftBack(30);
      expect(await sweep('missed-check-in')).toBe('done');
      const alerts = await alertsOf(placementId);
      expect(alerts).toHaveLength(1);
      [alert] = alerts;
      expect(alert).toMatchObject({ id: alertId, severity: 'CRITICAL', version: 3 });
      expect(alert.reason).toMatch(/^Worker unreachable: /);
      expect(alert.reason).toContain(`(${(await checkIn()).overdueDays} days overdue)`);
      expect(await outboxOf(alertId)).toEqual([
        { topic: 'alert.raised', payload: { alertId, severity: 'MEDIUM' } },
        { topic: 'alert.escalated', payload: { alertId, severity: 'HIGH' } },
        { topic: 'alert.escalated', payload: { alertId, severity: 'CRITICAL' } },
      ]);
    });

    it('is resolved with a system note by a contact that reaches the worker, and not raised again', async () => {
      await reachedContact(placementId, new Date());
      const resolved = await eventually(
        async () => (await alertsOf(placementId)).find((alert) => alert.status === 'RESOLVED'),
        10_000,
        'the contact to resolve the alert',
      );
      expect(resolved.id).toBe(alertId);
      expect(resolved.resolution_note).toMatch(/^Resolved by Lintas: /);
      expect(await sweep('missed-check-in')).toBe('skipped');
      expect(await alertsOf(placementId)).toHaveLength(1);
    });
  });

  describe('a worker waiting abroad to be brought home (REPATRIATING)', () => {
    let placementId: string;

    /**
     * Placed in Malaysia, last reached by a contact `reachedDaysAgo` days ago, then a repatriation
     * requested by the embassy: the due date the contact set is kept through the request.
     */
    const waitingForRepatriation = async (reachedDaysAgo: number): Promise<HomePlacement> => {
      const placed = await placedInMalaysia();
      await reachedContact(placed.id, daysAgo(reachedDaysAgo));
      const { version, next_check_in_due_at: due } = await placementRow(placed.id);
      expect(due).toBeInstanceOf(Date);
      const repatriating = await requestRepatriation(
        api.app,
        kualaLumpur,
        { id: placed.id, version },
        { reason: 'ABUSE', needs: ['SHELTER', 'FLIGHT'] },
      );
      expect(repatriating.stage).toBe('REPATRIATING');
      expect(Date.parse(repatriating.nextCheckInDueAt ?? '')).toBe(due?.getTime());
      return repatriating;
    };

    it('raises MISSED_CHECK_IN when nobody has reached the worker past the due date and the grace', async () => {
      // The contact set the next check-in 14 or 30 days later (by risk): past the 3-day grace, not yet 30 days.
      placementId = (await waitingForRepatriation(40)).id;
      expect(await sweep('missed-check-in')).toBe('done');
      expect(await alertsOf(placementId)).toMatchObject([
        {
          kind: 'MISSED_CHECK_IN',
          severity: 'MEDIUM',
          status: 'OPEN',
          dedupe_key: dedupeKeyOf(AlertKind.MISSED_CHECK_IN, placementId),
        },
      ]);
    });

    it('moves the due date on with a contact that reaches the worker, which resolves the alert', async () => {
      const contactedAt = new Date();
      await reachedContact(placementId, contactedAt);
      const { stage, next_check_in_due_at: due } = await placementRow(placementId);
      expect(stage).toBe('REPATRIATING');
      // 14 days for a HIGH-risk placement, 30 otherwise: either way a date ahead, not none.
      expect([14, 30]).toContain(Math.round(((due?.getTime() ?? 0) - contactedAt.getTime()) / DAY));
      const resolved = await eventually(
        async () => (await alertsOf(placementId)).find((alert) => alert.status === 'RESOLVED'),
        10_000,
        'the contact to resolve the alert',
      );
      expect(resolved.resolution_note).toMatch(/^Resolved by Lintas: the welfare contact of /);
      await sweep('missed-check-in');
      expect(await alertsOf(placementId)).toHaveLength(1);
    });

    it('raises no contract alert: the repatriation under way is the return the contract’s end asks for', async () => {
      const ended = (await waitingForRepatriation(1)).id;
      const ending = (await waitingForRepatriation(1)).id;
      await contractEndsIn(ended, -20);
      await contractEndsIn(ending, 10);
      await sweep('contract-ended');
      await sweep('contract-ending');
      expect(await alertsOf(ended)).toEqual([]);
      expect(await alertsOf(ending)).toEqual([]);
    });

    it('raises DOCUMENT_EXPIRING, asking for what the journey home needs rather than a renewal', async () => {
      const waiting = (await waitingForRepatriation(1)).id;
      await documentExpiresIn(waiting, 'PASSPORT_VALID', -1);
      await documentExpiresIn(waiting, 'WORK_VISA', 10);
      expect(await sweep('document-expiring')).toBe('done');
      const alerts = await alertsOf(waiting);
      expect(alerts).toMatchObject([
        { kind: 'DOCUMENT_EXPIRING', severity: 'HIGH' },
        { kind: 'DOCUMENT_EXPIRING', severity: 'MEDIUM' },
      ]);
      expect(alerts[0].reason).toMatch(
        /^Passport expired on \d{4}-\d{2}-\d{2} \(1 day ago\) while the worker is abroad\. Have the embassy issue an emergency travel document \(SPLP\) at once\.$/,
      );
      expect(alerts[1].reason).toMatch(
        /^Work visa expires on \d{4}-\d{2}-\d{2} \(in 10 days\)\. Arrange the exit with the immigration authorities before then\.$/,
      );
    });
  });

  it('raises REPATRIATION_NEEDED 14 days after the contract ended, and not a day earlier', async () => {
    const ended = await placement();
    const endedRecently = await placement();
    const neverLeft = await placement(null);
    await contractEndsIn(ended, -14);
    await contractEndsIn(endedRecently, -13);
    await contractEndsIn(neverLeft, -40);

    expect(await sweep('contract-ended')).toBe('done');
    const [alert, ...others] = await alertsOf(ended);
    expect(others).toEqual([]);
    expect(alert).toMatchObject({
      kind: 'REPATRIATION_NEEDED',
      severity: 'HIGH',
      dedupe_key: dedupeKeyOf(AlertKind.REPATRIATION_NEEDED, ended),
    });
    expect(alert.reason).toMatch(
      /^Contract ended on \d{4}-\d{2}-\d{2} \(14 days ago\) and no return has been recorded\./,
    );
    expect(await alertsOf(endedRecently)).toEqual([]);
    expect(await alertsOf(neverLeft)).toEqual([]);
    expect(await sweep('contract-ended')).toBe('skipped');
  });

  it('raises CONTRACT_ENDING (LOW) for a contract ending within 30 days, and not in 31', async () => {
    const ending = await placement();
    const endingToday = await placement();
    const later = await placement();
    await contractEndsIn(ending, 30);
    await contractEndsIn(endingToday, 0);
    await contractEndsIn(later, 31);

    expect(await sweep('contract-ending')).toBe('done');
    for (const [placementId, when] of [
      [ending, 'in 30 days'],
      [endingToday, 'today'],
    ] as const) {
      const alerts = await alertsOf(placementId);
      expect(alerts).toMatchObject([
        {
          kind: 'CONTRACT_ENDING',
          severity: 'LOW',
          dedupe_key: dedupeKeyOf(AlertKind.CONTRACT_ENDING, placementId),
        },
      ]);
      expect(alerts[0].reason).toContain(`(${when})`);
    }
    expect(await alertsOf(later)).toEqual([]);
    expect(await sweep('contract-ending')).toBe('skipped');
  });

  it('leaves a condition someone resolved alone until it worsens', async () => {
    const placementId = await placement();
    await contractEndsIn(placementId, 20);
    await documentExpiresIn(placementId, 'PASSPORT_VALID', 40);
    await sweep('contract-ending');
    await sweep('document-expiring');
    const raised = await alertsOf(placementId);
    expect(raised.map((alert) => alert.kind)).toEqual(['CONTRACT_ENDING', 'DOCUMENT_EXPIRING']);
    // An officer resolves both: an extension is agreed, a renewal is filed.
    await api.dataSource.query(
      `UPDATE alert SET status = 'RESOLVED', resolved_at = now(), resolution_note = 'handled'
        WHERE placement_id = $1`,
      [placementId],
    );
    const before = await sweptState();
    await sweep('contract-ending');
    await sweep('document-expiring');
    expect(await sweptState()).toEqual(before);

    // The passport has now expired: worse than what was resolved, so it is raised again, at HIGH.
    await documentExpiresIn(placementId, 'PASSPORT_VALID', -1);
    await sweep('document-expiring');
    const open = (await alertsOf(placementId)).filter((alert) => alert.status === 'OPEN');
    expect(open).toMatchObject([{ kind: 'DOCUMENT_EXPIRING', severity: 'HIGH' }]);
  });

  it('raises DOCUMENT_EXPIRING per document: MEDIUM within 60 days, HIGH once expired', async () => {
    const expiring = await placement();
    const farOff = await placement();
    const neverLeft = await placement(null);
    await documentExpiresIn(expiring, 'PASSPORT_VALID', 60);
    await documentExpiresIn(expiring, 'WORK_VISA', -1);
    await documentExpiresIn(farOff, 'PASSPORT_VALID', 61);
    await documentExpiresIn(neverLeft, 'PASSPORT_VALID', 10);

    expect(await sweep('document-expiring')).toBe('done');
    const alerts = await alertsOf(expiring);
    expect(alerts).toMatchObject([
      {
        kind: 'DOCUMENT_EXPIRING',
        severity: 'MEDIUM',
        dedupe_key: dedupeKeyOf(AlertKind.DOCUMENT_EXPIRING, expiring, 'PASSPORT_VALID'),
      },
      {
        kind: 'DOCUMENT_EXPIRING',
        severity: 'HIGH',
        dedupe_key: dedupeKeyOf(AlertKind.DOCUMENT_EXPIRING, expiring, 'WORK_VISA'),
      },
    ]);
    expect(alerts[0].reason).toMatch(/^Passport expires on \d{4}-\d{2}-\d{2} \(in 60 days\)\./);
    expect(alerts[1].reason).toMatch(/^Work visa expired on \d{4}-\d{2}-\d{2} \(1 day ago\)/);
    expect(await alertsOf(farOff)).toEqual([]);
    expect(await alertsOf(neverLeft)).toEqual([]);

    // The passport expires: the same alert climbs to HIGH.
    await documentExpiresIn(expiring, 'PASSPORT_VALID', -1);
    expect(await sweep('document-expiring')).toBe('done');
    const [passport] = await alertsOf(expiring);
    expect(passport).toMatchObject({ id: alerts[0].id, severity: 'HIGH', version: 2 });
  });

  it('creates nothing new when every sweep runs twice', async () => {
    await sweepAll();
    const before = await sweptState();
    expect(before.alerts).toBeGreaterThan(0);
    const outcomes = [...(await sweepAll()), ...(await sweepAll())];
    expect(outcomes).toEqual(Array<string>(SWEEP_RULE_NAMES.length * 2).fill('skipped'));
    expect(await sweptState()).toEqual(before);
  });

  it('reads each rule through its partial index, and open alerts through the open-dedupe-key index', async () => {
    const sweeper = worker.context.get(AlertSweeper);
    const intended: Record<string, string> = {
      'missed-check-in': 'placement_next_check_in_due_idx',
      'contract-ended': 'placement_contract_end_idx',
      'contract-ending': 'placement_contract_end_idx',
      'document-expiring': 'requirement_document_expires_idx',
      'reintegration-overdue': 'placement_returned_at_idx',
    };
    for (const rule of SWEEP_RULES) {
      const { sql, parameters } = sweeper.prepare(rule);
      // A test database is small enough to scan whole; forbidding that shows the index serves the query.
      const plan = await api.dataSource.transaction(async (manager) => {
        await manager.query('SET LOCAL enable_seqscan = off');
        const rows = await manager.query<{ 'QUERY PLAN': string }[]>(`EXPLAIN ${sql}`, parameters);
        return rows.map((row) => row['QUERY PLAN']).join('\n');
      });
      expect(plan).toContain(intended[rule.name]);
      expect(plan).toContain('alert_open_dedupe_key');
      expect(plan).toContain('alert_resolved_dedupe_key_idx');
      expect(plan).not.toMatch(/Seq Scan on (placement|requirement|alert)\b/);
    }
  });

  it('fails a job naming an unknown rule at once, without retrying', async () => {
    await producer.addBulk(QueueName.AlertSweeps, [
      { name: 'no-such-rule', data: { rule: 'no-such-rule' }, jobId: 'test-unknown-rule' },
    ]);
    const job = await eventually(async () => {
      const found = await sweeps.getJob('test-unknown-rule');
      return found?.finishedOn ? found : undefined;
    });
    expect(job.failedReason).toBe('unknown alert sweep rule "no-such-rule"');
    expect(job.attemptsMade).toBe(1);
  });
});
