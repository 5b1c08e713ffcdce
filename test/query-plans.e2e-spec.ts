import { AlertSweeper, SWEEP_RULES } from '#lintas/alerts';
import { Clock, LintasConfig, PiiCipher } from '#lintas/core';
import { agencyWithUser, cli, embassyKey } from './support/factories.js';
import { countStatements } from './support/query-discipline/count-statements.js';
import { planReads, type PlanReads } from './support/query-discipline/explain.js';
import { seedSmallDataSet, type SmallDataSet } from './support/query-discipline/small-data-set.js';
import { StatementRecorder, type RecordedStatement } from './support/query-discipline/statement-recorder.js';
import {
  bearer,
  loginAs,
  startTestApi,
  useTestEnvironment,
  type TestApi,
  type TestEnvironment,
} from './support/test-api.js';

const PLACEMENTS = `query Placements($filter: PlacementFilterInput) { placements(first: 20, filter: $filter) {
  edges { node { id worker { id } requirements { kind } timeline { type } lastWelfareContact { id }
    welfareContacts { id } statusHistory { status } alerts { id } repatriations { id } referrals { id }
    reintegrationRefusals { id } } }
} }`;
const WORKERS = `query Workers($filter: WorkerFilter) { workers(first: 20, filter: $filter) {
  edges { node { id placements { id } } }
} }`;
const ALERTS = `query Alerts($filter: AlertFilter) { alerts(first: 20, filter: $filter) { edges { node { id } } } }`;

/** Who asks: the index that serves a page follows from the caller's scope as much as from the filter. */
type Caller = 'national' | 'province' | 'embassy';

interface Case {
  name: string;
  caller: Caller;
  query: string;
  variables: Record<string, unknown>;
  /** Picks the statement to explain from those the request sent. */
  statement: RegExp;
  index: string;
}

/** The page statement of a list: the one with the keyset's LIMIT. */
const PAGE = (table: string): RegExp => new RegExp(`FROM "${table}" "\\w+".*LIMIT`, 's');
/** The batch of a relation, by its table. */
const BATCH = (table: string): RegExp => new RegExp(`FROM "${table}" "\\w+"`);

const CASES: Case[] = [
  // Pages: newest first by (created_at, id), each through the index whose leading column the
  // scope or the filter fixes, so the LIMIT stops the scan after one page.
  ...(['stage', 'sector', 'procedural'] as const).map((field): Case => ({
    name: `placements by ${field}: the newest-first index, filtered as it is read`,
    caller: 'national',
    query: PLACEMENTS,
    variables: {
      filter:
        { stage: 'PLACED', sector: 'FORMAL', procedural: true }[field] === undefined
          ? {}
          : { [field]: { stage: 'PLACED', sector: 'FORMAL', procedural: true }[field] },
    },
    statement: PAGE('placement'),
    index: 'placement_created_idx',
  })),
  {
    name: 'placements of the whole country: the newest-first index',
    caller: 'national',
    query: PLACEMENTS,
    variables: {},
    statement: PAGE('placement'),
    index: 'placement_created_idx',
  },
  {
    name: 'placements of a province office: its province leads the index',
    caller: 'province',
    query: PLACEMENTS,
    variables: {},
    statement: PAGE('placement'),
    index: 'placement_origin_province_created_idx',
  },
  {
    name: 'placements by origin province',
    caller: 'national',
    query: PLACEMENTS,
    variables: { filter: { originProvinceCode: '63' } },
    statement: PAGE('placement'),
    index: 'placement_origin_province_created_idx',
  },
  {
    name: 'placements by origin regency',
    caller: 'national',
    query: PLACEMENTS,
    variables: { filter: { originRegencyCode: '6372' } },
    statement: PAGE('placement'),
    index: 'placement_origin_regency_created_idx',
  },
  {
    // Japan: one placement in 25. A destination as large as Malaysia (a quarter of the rows) is
    // as well served by the newest-first index, filtered as it is read, and the planner may take
    // either: the destination's index must serve the destinations it is there for.
    name: 'placements by a destination of few placements',
    caller: 'national',
    query: PLACEMENTS,
    variables: { filter: { destination: 'JP' } },
    statement: PAGE('placement'),
    index: 'placement_destination_created_idx',
  },
  {
    name: 'placements an embassy sees: its country leads the index',
    caller: 'embassy',
    query: PLACEMENTS,
    variables: {},
    statement: PAGE('placement'),
    index: 'placement_destination_created_idx',
  },
  // The batches of a page: each reads its rows by the placement (or worker) id leading an index.
  ...(
    [
      ['the workers of a page', 'worker', 'worker_pkey'],
      ['the checklists of a page', 'requirement', 'requirement_placement_kind_key'],
      ['the timelines of a page', 'placement_event', 'placement_event_placement_idx'],
      [
        'the contacts of a page (newest 100 and the last one)',
        'welfare_contact',
        'welfare_contact_placement_idx',
      ],
      ['the status histories of a page', 'partner_status_report', 'partner_status_report_placement_idx'],
      ['the alerts of a page', 'alert', 'alert_placement_idx'],
      ['the repatriations of a page', 'repatriation', 'repatriation_placement_idx'],
      ['the referrals of a page', 'referral', 'referral_placement_idx'],
      ['the refusals of a page', 'reintegration_refusal', 'reintegration_refusal_placement_idx'],
    ] as const
  ).map(([name, table, index]): Case => ({
    name,
    // Nationally, no scope competes with the ids for the index: at scale the ids always win.
    caller: 'national',
    query: PLACEMENTS,
    variables: {},
    statement: BATCH(table),
    index,
  })),
  {
    name: 'workers of the whole country: the newest-first index',
    caller: 'national',
    query: WORKERS,
    variables: {},
    statement: PAGE('worker'),
    index: 'worker_created_idx',
  },
  {
    name: 'workers by origin regency',
    caller: 'national',
    query: WORKERS,
    variables: { filter: { originRegencyCode: '6372' } },
    statement: PAGE('worker'),
    index: 'worker_origin_regency_created_idx',
  },
  {
    name: 'workers by origin province',
    caller: 'national',
    query: WORKERS,
    variables: { filter: { originProvinceCode: '63' } },
    statement: PAGE('worker'),
    index: 'worker_origin_province_created_idx',
  },
  {
    name: 'the placements of a page of workers: by worker id',
    caller: 'province',
    query: WORKERS,
    variables: {},
    statement: BATCH('placement'),
    index: 'placement_worker_id_idx',
  },
  {
    name: 'alerts by status: the newest-first index',
    caller: 'national',
    query: ALERTS,
    variables: { filter: { status: ['OPEN'] } },
    statement: PAGE('alert'),
    index: 'alert_raised_idx',
  },
  {
    name: 'alerts by agency: newest first, each checked against its recipients',
    caller: 'national',
    query: ALERTS,
    variables: { filter: { agencyId: 'AGENCY' } },
    statement: PAGE('alert'),
    index: 'alert_recipient_pkey',
  },
];

/** The sweep rules and the index each one's candidates are read through (named in each rule's file). */
const SWEEP_INDEXES: Record<string, string> = {
  'missed-check-in': 'placement_next_check_in_due_idx',
  'contract-ended': 'placement_contract_end_idx',
  'contract-ending': 'placement_contract_end_idx',
  'document-expiring': 'requirement_document_expires_idx',
  'reintegration-overdue': 'placement_returned_at_idx',
};

/** Regencies of Aceh, North Sumatra, Jakarta, West, Central and East Java, West Nusa Tenggara. */
const ELSEWHERE = ['1171', '1271', '3171', '3273', '3374', '3578', '5271'];

/** Tables small by nature (reference data, agencies): read whole at any scale. */
const SMALL_TABLES = new Set(['province', 'regency', 'country', 'agency', 'legacy_regency_code']);

describe('query plans: every sweep and list statement uses its intended index', () => {
  let environment: TestEnvironment;
  let api: TestApi;
  let recorder: StatementRecorder;
  let headers: Record<Caller, Record<string, string>>;
  let agencyId: string;
  let data: SmallDataSet;

  /** The statements each request sent, by caller, query and variables: the batch cases share one page. */
  const requests = new Map<string, Promise<RecordedStatement[]>>();
  const sent = (
    caller: Caller,
    query: string,
    variables: Record<string, unknown>,
  ): Promise<RecordedStatement[]> => {
    const key = JSON.stringify([caller, query, variables]);
    let statements = requests.get(key);
    if (!statements) {
      statements = countStatements(api.app, recorder, headers[caller], query, variables).then(
        ({ response, statements: recorded }) => {
          expect(response.errors).toBeUndefined();
          return recorded;
        },
      );
      requests.set(key, statements);
    }
    return statements;
  };

  const expectIndex = (reads: PlanReads, index: string): void => {
    expect(reads.indexes).toContain(index);
    expect(reads.seqScans.filter((table) => !SMALL_TABLES.has(table))).toEqual([]);
  };

  beforeAll(async () => {
    environment = await useTestEnvironment();
    await cli(['migrate']);
    const national = await agencyWithUser({ kind: 'NATIONAL', roles: 'ADMIN' });
    const province = await agencyWithUser({ kind: 'BP3MI', roles: 'OFFICER', provinces: '63' });
    // Tokyo: a destination of few placements, as most are, which its own index serves.
    const embassy = await embassyKey('kbri-tokyo-plans', 'JP');
    api = await startTestApi();
    recorder = StatementRecorder.attach(api.dataSource);
    headers = {
      national: bearer(await loginAs(api.app, national)),
      province: bearer(await loginAs(api.app, province)),
      embassy,
    };
    data = await seedSmallDataSet(api.dataSource, api.app.get(PiiCipher), province.agencyCode, 51);
    // The rest of the country, so a province or a regency is a small part of every table, as it is.
    await seedSmallDataSet(api.dataSource, api.app.get(PiiCipher), province.agencyCode, 400, ELSEWHERE);
    const [agency] = await api.dataSource.query<{ id: string }[]>('SELECT id FROM agency WHERE code = $1', [
      province.agencyCode,
    ]);
    agencyId = agency?.id ?? '';
  }, 60_000);

  afterAll(async () => {
    await api?.close();
    await environment?.release();
  });

  it('has data to plan on', () => {
    expect(data.placementIds).toHaveLength(51);
  });

  it.each(CASES)('$name uses $index', async ({ caller, query, variables, statement, index }) => {
    const filled = JSON.parse(
      JSON.stringify(variables).replace('"AGENCY"', JSON.stringify(agencyId)),
    ) as Record<string, unknown>;
    const statements = await sent(caller, query, filled);
    const chosen = statements.filter((candidate) => statement.test(candidate.text));
    expect(chosen.length).toBeGreaterThan(0);
    for (const candidate of chosen) expectIndex(await planReads(api.dataSource, candidate), index);
  });

  it.each(SWEEP_RULES.map((rule) => [rule.name, rule] as const))(
    'the %s sweep reads its candidates through its index',
    async (name, rule) => {
      const sweeper = new AlertSweeper(api.dataSource, api.app.get(Clock), api.app.get(LintasConfig));
      const { sql, parameters } = sweeper.prepare(rule);
      const reads = await planReads(api.dataSource, { requestId: undefined, text: sql, values: parameters });
      expectIndex(reads, SWEEP_INDEXES[name] ?? 'no index named for this rule');
      // An open alert is found by its dedupe key, never by reading every alert.
      expect(reads.indexes).toContain('alert_open_dedupe_key');
    },
  );
});
