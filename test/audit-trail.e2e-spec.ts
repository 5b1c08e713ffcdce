import { createHash } from 'node:crypto';
import { AlertKind, AlertLedger, AlertSeverity, dedupeKeyOf } from '#lintas/alerts';
import { AuditTrail, canonicalJson } from '#lintas/audit';
import { agencyWithUser, cli, embassyKey, workerInput } from './support/factories.js';
import { CONFIRM_ARRIVAL, recordDeparture, registerPlacement } from './support/placements.js';
import {
  bearer,
  graphql,
  loginAs,
  registerWorker,
  startTestApi,
  useTestEnvironment,
  type GraphqlResponse,
  type TestApi,
  type TestEnvironment,
} from './support/test-api.js';

const AUDIT_TRAIL = `query Trail($entityId: ID!, $first: Int, $after: String) {
  auditTrail(entityId: $entityId, first: $first, after: $after) {
    totalCount
    pageInfo { hasNextPage endCursor }
    edges { cursor node {
      id sequence action entityType entityId actorType actorId requestId occurredAt
      beforeJson afterJson previousHash hash
    } }
  }
}`;
const TRAIL_COUNT = `query TrailCount($entityId: ID!, $first: Int, $after: String) {
  auditTrail(entityId: $entityId, first: $first, after: $after) { totalCount }
}`;
const ME = `query Me { me { id } }`;
const ACKNOWLEDGE = `mutation Acknowledge($id: ID!) { acknowledgeAlert(id: $id) { id status } }`;

interface TrailEvent {
  id: string;
  sequence: string;
  action: string;
  entityType: string;
  entityId: string;
  actorType: string;
  actorId: string | null;
  requestId: string | null;
  occurredAt: string;
  beforeJson: string | null;
  afterJson: string | null;
  previousHash: string;
  hash: string;
}

interface TrailPage {
  auditTrail: {
    totalCount: number;
    pageInfo: { hasNextPage: boolean; endCursor: string | null };
    edges: { cursor: string; node: TrailEvent }[];
  };
}

describe('the audit trail is append-only and hash-chained', () => {
  let environment: TestEnvironment;
  let api: TestApi;

  beforeAll(async () => {
    environment = await useTestEnvironment();
    await cli(['migrate']);
    await agencyWithUser({ kind: 'BP3MI', roles: 'OFFICER', provinces: '63' });
    await agencyWithUser({ kind: 'DISNAKER', roles: 'LABOUR_OFFICER', regencies: '6372' });
    api = await startTestApi();
  });

  afterAll(async () => {
    await api?.close();
    await environment?.release();
  });

  it('recorded every CLI change, chained to the one before it', async () => {
    const rows = await api.dataSource.query<
      { sequence: string; action: string; previous_hash: string; hash: string }[]
    >('SELECT sequence, action, previous_hash, hash FROM audit_event ORDER BY sequence');
    expect(rows.map((row) => row.action)).toEqual([
      'agency.created',
      'user.created',
      'agency.created',
      'user.created',
    ]);
    rows.slice(1).forEach((row, index) => expect(row.previous_hash).toBe(rows[index]?.hash));
    expect(await api.app.get(AuditTrail).verifyChain(api.dataSource.manager)).toEqual({
      valid: true,
      checked: 4,
    });
  });

  it('keeps password hashes out of the trail', async () => {
    const [row] = await api.dataSource.query<{ after: Record<string, unknown> }[]>(
      `SELECT after FROM audit_event WHERE action = 'user.created' LIMIT 1`,
    );
    expect(row?.after).not.toHaveProperty('passwordHash');
  });

  it.each([
    ['UPDATE', `UPDATE audit_event SET action = 'forged'`],
    ['DELETE', 'DELETE FROM audit_event'],
    ['TRUNCATE', 'TRUNCATE audit_event'],
  ])('refuses %s in the database itself', async (_operation, sql) => {
    await expect(api.dataSource.query(sql)).rejects.toThrow(/audit_event is append-only/);
  });

  it('shows where the chain breaks when someone with the power to drop the trigger edits history', async () => {
    await api.dataSource.transaction(async (manager) => {
      await manager.query('ALTER TABLE audit_event DISABLE TRIGGER audit_event_append_only');
      await manager.query(`UPDATE audit_event SET after = '{"username":"someone-else"}' WHERE sequence = 2`);
      await manager.query('ALTER TABLE audit_event ENABLE TRIGGER audit_event_append_only');
    });
    expect(await api.app.get(AuditTrail).verifyChain(api.dataSource.manager)).toEqual({
      valid: false,
      checked: 1,
      firstBroken: expect.objectContaining({ sequence: '2', reason: 'content-hash-mismatch' }) as unknown,
    });
  });
});

describe('the audit trail of an entity, read over GraphQL', () => {
  let environment: TestEnvironment;
  let api: TestApi;
  let officer: Record<string, string>;
  let officerId: string;
  let riyadh: Record<string, string>;
  let riyadhKeyId: string;
  let national: Record<string, string>;
  let southKalimantan: Record<string, string>;
  let eastJava: Record<string, string>;
  let saudiEmbassy: Record<string, string>;
  let nationalAdmin: Record<string, string>;
  let workerId: string;
  let workerNik: string;
  let placementId: string;

  const trail = (
    entityId: string,
    headers: Record<string, string>,
    page: { first?: number; after?: string } = {},
  ) => graphql<TrailPage>(api.app, AUDIT_TRAIL, { entityId, ...page }, headers);

  const idOf = async (headers: Record<string, string>): Promise<string> => {
    const response = await graphql<{ me: { id: string } }>(api.app, ME, {}, headers);
    return response.data!.me.id;
  };

  const as = async (options: Parameters<typeof agencyWithUser>[0]) =>
    bearer(await loginAs(api.app, await agencyWithUser(options)));

  /** What the database holds for the entity, in chain order: what every reader must be shown. */
  const recorded = (entityId: string) =>
    api.dataSource.query<{ sequence: string; action: string; actorType: string; actorId: string | null }[]>(
      `SELECT sequence, action, actor_type AS "actorType", actor_id AS "actorId"
         FROM audit_event WHERE entity_id = $1 ORDER BY sequence`,
      [entityId],
    );

  const codeOf = (response: GraphqlResponse<unknown>) => response.errors?.[0]?.extensions.code;

  beforeAll(async () => {
    environment = await useTestEnvironment();
    await cli(['migrate']);
    api = await startTestApi();
    officer = await as({ kind: 'BP3MI', roles: 'OFFICER', provinces: '63' });
    officerId = await idOf(officer);
    riyadh = await embassyKey('kbri-riyadh', 'SA');
    riyadhKeyId = await idOf(riyadh);
    national = await as({ kind: 'NATIONAL', roles: 'AUDITOR' });
    nationalAdmin = await as({ kind: 'NATIONAL', roles: 'ADMIN' });
    southKalimantan = await as({ kind: 'BP3MI', roles: 'AUDITOR', provinces: '63' });
    eastJava = await as({ kind: 'BP3MI', roles: 'AUDITOR', provinces: '35' });
    saudiEmbassy = await as({ kind: 'EMBASSY', roles: 'AUDITOR', countries: 'SA' });

    const input = workerInput({ serial: 41 });
    workerNik = String(input.nik);
    workerId = await registerWorker(api.app, officer, input);
    const registered = await registerPlacement(api.app, officer, workerId, 'SA');
    placementId = registered.id;
    const departed = await recordDeparture(
      api.app,
      officer,
      registered,
      new Date(Date.now() - 3 * 86_400_000),
    );
    const arrived = await graphql(
      api.app,
      CONFIRM_ARRIVAL,
      {
        placementId,
        version: departed.version,
        arrivedAt: new Date(Date.now() - 2 * 86_400_000).toISOString(),
      },
      riyadh,
    );
    expect(arrived.errors).toBeUndefined();
  });

  afterAll(async () => {
    await api?.close();
    await environment?.release();
  });

  it('shows a national auditor a placement’s trail oldest first, with who did each change', async () => {
    const response = await trail(placementId, national);
    expect(response.errors).toBeUndefined();
    const events = response.data!.auditTrail.edges.map((edge) => edge.node);
    const expected = await recorded(placementId);
    expect(expected.length).toBeGreaterThanOrEqual(3);
    expect(
      events.map(({ sequence, action, actorType, actorId }) => ({ sequence, action, actorType, actorId })),
    ).toEqual(expected);
    expect(events[0]).toMatchObject({
      action: 'placement.registered',
      entityType: 'placement',
      entityId: placementId,
      actorType: 'user',
      actorId: officerId,
      beforeJson: null,
    });
    expect(events).toContainEqual(expect.objectContaining({ actorType: 'api-key', actorId: riyadhKeyId }));
    expect(events.at(-1)?.occurredAt).toMatch(/Z$/);
    expect(response.data!.auditTrail.totalCount).toBe(expected.length);
    expect(response.data!.auditTrail.pageInfo.hasNextPage).toBe(false);
  });

  it('gives every hashed field, so an auditor can recompute each hash outside Lintas', async () => {
    const events = (await trail(placementId, national)).data!.auditTrail.edges.map((edge) => edge.node);
    expect(events.length).toBeGreaterThan(0);
    for (const { hash, beforeJson, afterJson, ...fields } of events) {
      const hashed = {
        ...fields,
        before: beforeJson === null ? null : (JSON.parse(beforeJson) as unknown),
        after: afterJson === null ? null : (JSON.parse(afterJson) as unknown),
      };
      expect(createHash('sha256').update(canonicalJson(hashed)).digest('hex')).toBe(hash);
    }
  });

  it('walks the whole trail page by page with first/after: no gaps, no repeats, the same total', async () => {
    const expected = (await recorded(placementId)).map((row) => row.sequence);
    for (const first of [1, 2]) {
      const seen: string[] = [];
      let after: string | undefined;
      for (;;) {
        const response = await trail(placementId, national, { first, ...(after && { after }) });
        expect(response.errors).toBeUndefined();
        const page = response.data!.auditTrail;
        expect(page.totalCount).toBe(expected.length);
        expect(page.edges.length).toBeLessThanOrEqual(first);
        seen.push(...page.edges.map((edge) => edge.node.sequence));
        if (!page.pageInfo.hasNextPage) break;
        after = page.pageInfo.endCursor!;
        expect(seen.length).toBeLessThan(expected.length);
      }
      expect(seen).toEqual(expected);
    }
  });

  it('shows the trail within the jurisdiction: the office of origin and the destination’s embassy', async () => {
    const total = (await recorded(placementId)).length;
    for (const headers of [southKalimantan, saudiEmbassy, nationalAdmin]) {
      const response = await trail(placementId, headers);
      expect(response.errors).toBeUndefined();
      expect(response.data!.auditTrail.totalCount).toBe(total);
    }
  });

  it('answers NOT_FOUND on entityId to an auditor of another province, as for an id with no trail', async () => {
    const outside = await trail(placementId, eastJava);
    expect(outside.data).toBeNull();
    expect(outside.errors?.[0]?.extensions).toMatchObject({
      code: 'NOT_FOUND',
      fields: [{ path: 'entityId' }],
    });
    const unknown = await trail('00000000-0000-4000-8000-000000000000', national);
    expect(unknown.errors?.[0]?.extensions).toMatchObject({
      code: 'NOT_FOUND',
      fields: [{ path: 'entityId' }],
    });
    expect(outside.errors?.[0]?.message.replace(placementId, 'ID')).toBe(
      unknown.errors?.[0]?.message.replace('00000000-0000-4000-8000-000000000000', 'ID'),
    );
  });

  it('keeps the worker’s recorded details for auditors of the worker’s jurisdiction only', async () => {
    const inside = await trail(workerId, southKalimantan);
    expect(inside.errors).toBeUndefined();
    const registered = inside.data!.auditTrail.edges[0].node;
    expect(registered).toMatchObject({
      action: 'worker.registered',
      entityType: 'worker',
      actorId: officerId,
    });
    const after = JSON.parse(registered.afterJson!) as Record<string, unknown>;
    // No NIK digits at all: with the birth date and regency beside them, the last 4 narrow it to ~100.
    expect(after).toMatchObject({ nikRecorded: true });
    expect(after).not.toHaveProperty('nik');
    expect(registered.afterJson).not.toContain(workerNik);
    expect(registered.afterJson).not.toMatch(/\*{12}\d{4}/);
    // An embassy sees the workers placed in its countries, as the registry scopes them.
    expect((await trail(workerId, saudiEmbassy)).errors).toBeUndefined();
    expect(codeOf(await trail(workerId, eastJava))).toBe('NOT_FOUND');
  });

  it('leaves the trail of an agency, which lies in no jurisdiction, to the national agency', async () => {
    const [agency] = await api.dataSource.query<{ entityId: string }[]>(
      `SELECT entity_id AS "entityId" FROM audit_event WHERE entity_type = 'agency' ORDER BY sequence LIMIT 1`,
    );
    expect((await trail(agency.entityId, national)).data?.auditTrail.totalCount).toBeGreaterThan(0);
    expect(codeOf(await trail(agency.entityId, southKalimantan))).toBe('NOT_FOUND');
  });

  it('scopes an alert’s trail through its placement', async () => {
    const ledger = api.app.get(AlertLedger);
    const kind = AlertKind.MISSED_CHECK_IN;
    const { alertId } = await api.dataSource.transaction((manager) =>
      ledger.raise(manager, {
        kind,
        severity: AlertSeverity.MEDIUM,
        placementId,
        subjectAlertId: null,
        dedupeKey: dedupeKeyOf(kind, placementId),
        reason: 'raised by the test',
      }),
    );
    const acknowledged = await graphql(api.app, ACKNOWLEDGE, { id: alertId }, officer);
    expect(acknowledged.errors).toBeUndefined();

    for (const headers of [national, southKalimantan, saudiEmbassy]) {
      const response = await trail(alertId, headers);
      expect(response.errors).toBeUndefined();
      expect(response.data!.auditTrail.totalCount).toBe((await recorded(alertId)).length);
    }
    expect(codeOf(await trail(alertId, eastJava))).toBe('NOT_FOUND');
  });

  it('refuses roles other than AUDITOR and ADMIN (FORBIDDEN), even in the jurisdiction', async () => {
    const byOfficer = await trail(placementId, officer);
    expect(byOfficer.data).toBeNull();
    expect(codeOf(byOfficer)).toBe('FORBIDDEN');
    expect(codeOf(await trail(placementId, riyadh))).toBe('FORBIDDEN');
  });

  it('answers BAD_USER_INPUT on the field for a malformed id, page size or cursor', async () => {
    const count = (variables: Record<string, unknown>) =>
      graphql(api.app, TRAIL_COUNT, { entityId: placementId, ...variables }, national);
    expect((await count({ entityId: 'not-an-id' })).errors?.[0]?.extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      fields: [{ path: 'entityId' }],
    });
    for (const first of [0, 101]) {
      expect((await count({ first })).errors?.[0]?.extensions).toMatchObject({
        code: 'BAD_USER_INPUT',
        fields: [{ path: 'first' }],
      });
    }
    expect((await count({ after: 'not-a-cursor' })).errors?.[0]?.extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      fields: [{ path: 'after' }],
    });
    expect((await count({ first: 100 })).data).toEqual({
      auditTrail: { totalCount: (await recorded(placementId)).length },
    });
  });
});
