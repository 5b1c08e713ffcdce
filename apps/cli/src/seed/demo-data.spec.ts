import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { DEFAULT_CHECK_IN_POLICY } from '#lintas/placement';
import {
  EmployerType,
  PlacementScheme,
  PlacementStage,
  RuleDecision,
  Sector,
  type PlacementRule,
} from '#lintas/pre-placement';
import type { SealedWorkerPii, WorkerPii } from '#lintas/registry';
import { parseCsv } from '../../../../migrations/support/csv.js';
import { DEMO_USERS } from './demo-cast.js';
import { generateDemoData, HISTORY_STARTS, type DemoReference } from './demo-data.js';
import type { DemoTables } from './demo-tables.js';

const regencies = parseCsv(readFileSync('data/regions/regencies.csv', 'utf8'))
  .filter((row) => row.province_code === '63')
  .map((row) => ({ code: row.code ?? '', name: row.name ?? '' }));

/** The two rules that touch the demo's destinations, as the migration loads them. */
const rules: PlacementRule[] = [
  {
    id: 'kepmenaker-260-2015:SA',
    destination: 'SA',
    sector: Sector.DOMESTIC,
    employerType: EmployerType.INDIVIDUAL,
    decision: RuleDecision.BANNED,
    jobs: [],
    cities: [],
    channel: null,
    effectiveFrom: '2015-07-01',
    effectiveUntil: null,
    source: 'Kepmenaker 260/2015',
  },
  {
    id: 'spsk-2018:SA',
    destination: 'SA',
    sector: Sector.DOMESTIC,
    employerType: EmployerType.LEGAL_ENTITY,
    decision: RuleDecision.CHANNEL_ONLY,
    jobs: [
      'housekeeper',
      'family cook',
      'baby sitter',
      'elderly caretaker',
      'family driver',
      'child care worker',
    ],
    cities: ['Jeddah', 'Madinah', 'Riyadh', 'Dammam', 'Khobar', 'Dhahran'],
    channel: PlacementScheme.SPSK,
    effectiveFrom: '2018-10-11',
    effectiveUntil: null,
    source: 'SPSK pilot',
  },
];

const reference = (workers: number, now = new Date('2026-11-26T03:00:00Z')): DemoReference => ({
  seed: 20170101,
  now,
  regencies,
  rules,
  policy: DEFAULT_CHECK_IN_POLICY,
  checkInGraceDays: 3,
  passwordHashes: new Map(DEMO_USERS.map((user) => [user.username, `hash-of-${user.username}`])),
  workers,
  sealPii,
  sealDocumentNumber: (documentNumber) => `sealed:${documentNumber}`,
});

/** Stands in for the cipher, whose random IVs would make two data sets differ: marks each value sealed. */
function sealPii(pii: WorkerPii): SealedWorkerPii {
  const seal = (value: unknown): string | null => (value === null ? null : `sealed:${JSON.stringify(value)}`);
  return {
    nikCiphertext: seal(pii.nik),
    nikIndex: seal(pii.nik),
    phoneCiphertext: seal(pii.phone),
    passportNumberCiphertext: seal(pii.passportNumber),
    nextOfKinCiphertext: seal(pii.nextOfKin),
  };
}

/** Plans and deadlines, not facts: these may lie ahead. */
const PLANS = new Set(['planned_departure_at', 'planned_arrival_at', 'next_check_in_due_at']);

/** Every instant in every row of the data set that records something that happened. */
function instants(tables: DemoTables): { table: string; column: string; at: Date }[] {
  return Object.entries(tables).flatMap(([table, rows]: [string, Record<string, unknown>[]]) =>
    rows.flatMap((row) =>
      Object.entries(row).flatMap(([column, value]) =>
        value instanceof Date && !PLANS.has(column) ? [{ table, column, at: value }] : [],
      ),
    ),
  );
}

describe('the demo data set', () => {
  const now = new Date('2026-11-26T03:00:00Z');
  let tables: DemoTables;

  beforeAll(() => {
    tables = generateDemoData(reference(1000, now));
  });

  it('is the same for the same seed and WIB day, whatever the hour it is made', () => {
    const hash = (at: string): string =>
      createHash('sha256')
        .update(JSON.stringify(generateDemoData(reference(300, new Date(at)))))
        .digest('hex');
    // 00:00:01 and 23:59:59 WIB of 26 November 2026.
    expect(hash('2026-11-25T17:00:01Z')).toBe(hash('2026-11-26T16:59:59.999Z'));
    // The next WIB day tells one day more.
    expect(hash('2026-11-26T17:00:01Z')).not.toBe(hash('2026-11-26T16:59:59.999Z'));
  });

  it('registers no placement for a worker after the worker died abroad', () => {
    const died = new Map<string, Date>();
    const workerOf = new Map(tables.placement.map((placement) => [placement.id, placement.worker_id]));
    const deaths = [
      ...tables.partner_status_report
        .filter((report) => report.status === 'DECEASED')
        .map((report) => ({ placementId: report.placement_id, at: report.effective_at })),
      ...tables.placement_return
        .filter((row) => row.kind === 'REMAINS')
        .map((row) => ({ placementId: row.placement_id, at: row.returned_at })),
    ];
    for (const { placementId, at } of deaths) {
      const workerId = workerOf.get(placementId) ?? '';
      const earliest = died.get(workerId);
      if (!earliest || at < earliest) died.set(workerId, at);
    }
    expect(tables.placement_return.some((row) => row.kind === 'REMAINS')).toBe(true);
    expect(
      tables.placement
        .filter((placement) => {
          const diedAt = died.get(placement.worker_id);
          return diedAt !== undefined && placement.created_at > diedAt;
        })
        .map((placement) => placement.id),
    ).toEqual([]);
  });

  it('leaves no alert open on a closed placement', () => {
    const closed = new Map(
      tables.placement
        .filter((placement) => placement.stage === 'CLOSED')
        .map((placement) => [placement.id, placement.closed_at]),
    );
    expect(closed.size).toBeGreaterThan(0);
    const stillOpen = tables.alert.filter(
      (alert) => alert.placement_id !== null && closed.has(alert.placement_id) && alert.status !== 'RESOLVED',
    );
    expect(stillOpen.map((alert) => `${alert.kind} ${alert.placement_id}`)).toEqual([]);
    for (const alert of tables.alert.filter((row) => row.placement_id && closed.has(row.placement_id))) {
      const closedAt = closed.get(alert.placement_id ?? '') ?? new Date(0);
      expect([alert.id, (alert.resolved_at ?? closedAt) <= closedAt]).toEqual([alert.id, true]);
    }
  });

  it('has the workers asked for, placements at every stage, and the agencies of the issue', () => {
    expect(tables.worker).toHaveLength(1000);
    expect(tables.placement.length).toBeGreaterThan(1000);
    const stages = new Map<string, number>();
    for (const placement of tables.placement)
      stages.set(placement.stage, (stages.get(placement.stage) ?? 0) + 1);
    for (const stage of Object.values(PlacementStage)) expect(stages.get(stage) ?? 0).toBeGreaterThan(0);
    const codes = tables.agency.map((agency) => agency.code);
    expect(codes).toEqual(
      expect.arrayContaining([
        'bp3mi-kalsel',
        'kbri-riyadh',
        'kbri-kuala-lumpur',
        'kjri-jeddah',
        'kbri-singapura',
        'kemensos-budi-luhur',
      ]),
    );
    expect(codes.filter((code) => code.startsWith('disnaker-'))).toHaveLength(13);
  });

  it('shows every stage on any day it is made', () => {
    for (const day of ['2025-03-01T10:00:00Z', '2027-07-15T01:00:00Z', '2031-01-02T23:00:00Z']) {
      const stages = new Set(generateDemoData(reference(200, new Date(day))).placement.map((p) => p.stage));
      expect([day, [...stages].sort()]).toEqual([day, Object.values(PlacementStage).sort()]);
    }
  });

  it('tells of nothing before 2017 (but the agencies) and nothing after today', () => {
    const all = instants(tables);
    expect(
      all.filter(({ at }) => at.getTime() >= now.getTime()).map(({ table, column }) => `${table}.${column}`),
    ).toEqual([]);
    const setUp = new Set(['agency', 'user_account', 'api_key', 'recruiter', 'recruitment_permit']);
    expect(all.filter(({ table, at }) => !setUp.has(table) && at < HISTORY_STARTS)).toEqual([]);
  });

  it('keeps the rules the schema holds', () => {
    for (const placement of tables.placement) {
      expect([placement.id, placement.stage === 'CLOSED']).toEqual([
        placement.id,
        placement.closed_at !== null && placement.closure_outcome !== null,
      ]);
    }
    const open = tables.placement.filter((placement) => !['CLOSED', 'CANCELLED'].includes(placement.stage));
    expect(new Set(open.map((placement) => placement.worker_id)).size).toBe(open.length);
    const openAlerts = tables.alert.filter((alert) => alert.status !== 'RESOLVED');
    expect(new Set(openAlerts.map((alert) => alert.dedupe_key)).size).toBe(openAlerts.length);
    for (const alert of tables.alert) {
      expect([alert.id, alert.status === 'RESOLVED']).toEqual([
        alert.id,
        alert.resolved_at !== null && alert.resolution_note !== null,
      ]);
      expect([alert.id, (alert.resolved_at ?? alert.raised_at) >= alert.raised_at]).toEqual([alert.id, true]);
    }
    const openReferrals = tables.referral.filter(
      (referral) => !['COMPLETED', 'DECLINED'].includes(referral.status),
    );
    expect(
      new Set(openReferrals.map((referral) => `${referral.placement_id}:${referral.service}`)).size,
    ).toBe(openReferrals.length);
  });

  it('clears only placements whose checklist is complete, and flags every other departure', () => {
    const unmet = new Set(
      tables.requirement
        .filter((requirement) => !['SATISFIED', 'WAIVED'].includes(requirement.status))
        .map((requirement) => requirement.placement_id),
    );
    const cleared = new Set(
      tables.placement_event.filter((event) => event.type === 'clear').map((event) => event.placement_id),
    );
    expect(
      [...cleared].filter(
        (id) => unmet.has(id) && tables.placement.find((p) => p.id === id)?.stage === 'CLEARED',
      ),
    ).toEqual([]);
    const flagged = new Set(
      tables.alert
        .filter((alert) => alert.kind === 'NON_PROCEDURAL_DEPARTURE')
        .map((alert) => alert.placement_id),
    );
    const departedNonProcedurally = tables.placement.filter((p) => p.departed_at !== null && !p.procedural);
    expect(departedNonProcedurally.length).toBeGreaterThan(0);
    expect(departedNonProcedurally.filter((p) => !flagged.has(p.id))).toEqual([]);
  });

  it('writes each timeline as one chain of stages, oldest first', () => {
    const last = new Map<string, { stage: string; at: number }>();
    const broken: string[] = [];
    for (const event of tables.placement_event) {
      const previous = last.get(event.placement_id);
      if (previous && (previous.stage !== event.stage_from || previous.at > event.occurred_at.getTime())) {
        broken.push(`${event.placement_id}: ${previous.stage} then ${event.type} from ${event.stage_from}`);
      }
      last.set(event.placement_id, { stage: event.stage_to, at: event.occurred_at.getTime() });
    }
    expect(broken.slice(0, 5)).toEqual([]);
    for (const placement of tables.placement)
      expect([placement.id, last.get(placement.id)?.stage]).toEqual([placement.id, placement.stage]);
  });

  it('schedules a check-in for every placement abroad that a mission has seen, and none for those home', () => {
    const abroad = tables.placement.filter((p) => ['PLACED', 'REPATRIATING'].includes(p.stage));
    expect(abroad.filter((p) => p.next_check_in_due_at === null)).toEqual([]);
    const home = tables.placement.filter((p) => ['RETURNED', 'REINTEGRATING', 'CLOSED'].includes(p.stage));
    expect(home.filter((p) => p.next_check_in_due_at !== null)).toEqual([]);
  });
});
