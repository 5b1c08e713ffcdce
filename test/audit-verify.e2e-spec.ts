import { createHash } from 'node:crypto';
import { AuditChainBrokenError, canonicalJson, verifyAuditChain, type BrokenLink } from '#lintas/audit';
import type { EntityManager } from 'typeorm';
import { runCommand } from '../apps/cli/src/commands.js';
import { agencyWithUser, workerInput } from './support/factories.js';
import {
  bearer,
  loginAs,
  registerWorker,
  startTestApi,
  useTestEnvironment,
  type TestApi,
  type TestEnvironment,
} from './support/test-api.js';

interface AuditRow {
  sequence: string;
  id: string;
  action: string;
  entityType: string;
  entityId: string;
  hash: string;
}

/** What `npm run lintas -- audit:verify` prints, and whether it would exit non-zero (it throws). */
async function auditVerify(): Promise<{ output: Record<string, unknown>; lines: string[]; error?: unknown }> {
  const lines: string[] = [];
  const error = await runCommand(
    ['audit:verify'],
    (line) => lines.push(line),
    () => Promise.resolve(''),
  ).then(
    () => undefined,
    (thrown: unknown) => thrown,
  );
  return { output: JSON.parse(lines.join('\n')) as Record<string, unknown>, lines, error };
}

describe('audit:verify proves the audit trail was not changed behind the database trigger', () => {
  let environment: TestEnvironment;
  let api: TestApi;
  let workerIds: string[];
  let niks: string[];

  const rows = (): Promise<AuditRow[]> =>
    api.dataSource.query<AuditRow[]>(
      `SELECT sequence, id, action, entity_type AS "entityType", entity_id AS "entityId", hash
         FROM audit_event ORDER BY sequence`,
    );

  /** What a superuser can do: switch the append-only trigger off, change history, switch it on again. */
  const behindTheTrigger = (work: (manager: EntityManager) => Promise<unknown>): Promise<void> =>
    api.dataSource.transaction(async (manager) => {
      await manager.query('ALTER TABLE audit_event DISABLE TRIGGER audit_event_append_only');
      await work(manager);
      await manager.query('ALTER TABLE audit_event ENABLE TRIGGER audit_event_append_only');
    });

  const brokenAt = (row: AuditRow, reason: BrokenLink['reason']) => ({
    sequence: row.sequence,
    id: row.id,
    action: row.action,
    entityType: row.entityType,
    entityId: row.entityId,
    reason,
    detail: expect.any(String) as unknown,
  });

  beforeAll(async () => {
    environment = await useTestEnvironment();
    const officer = await agencyWithUser({ kind: 'BP3MI', roles: 'OFFICER', provinces: '63' });
    api = await startTestApi();
    const headers = bearer(await loginAs(api.app, officer));
    const inputs = [1, 2, 3, 4].map((serial) =>
      workerInput({ serial }, { passportNumber: `C90000${serial}0`, phone: `+62 812 5000 100${serial}` }),
    );
    niks = inputs.map((input) => String(input.nik));
    workerIds = [];
    for (const input of inputs) workerIds.push(await registerWorker(api.app, headers, input));
  });

  afterAll(async () => {
    await api?.close();
    await environment?.release();
  });

  it('answers valid with the number of rows it checked, as one JSON line', async () => {
    const recorded = await rows();
    expect(recorded.map((row) => row.action)).toEqual([
      'agency.created',
      'user.created',
      ...workerIds.map(() => 'worker.registered'),
    ]);
    const { output, lines, error } = await auditVerify();
    expect(error).toBeUndefined();
    expect(lines).toHaveLength(1);
    expect(output).toEqual({ valid: true, checked: recorded.length });
  });

  it('reads the chain a batch at a time, across batch boundaries', async () => {
    for (const batchSize of [1, 2, 5]) {
      expect(await verifyAuditChain(api.dataSource.manager, batchSize)).toEqual({ valid: true, checked: 6 });
    }
  });

  it('names the row edited behind the trigger, says why, exits non-zero and prints no PII', async () => {
    const [, , , edited] = await rows();
    await behindTheTrigger((manager) =>
      manager.query(`UPDATE audit_event SET actor_id = 'someone-else' WHERE sequence = $1`, [
        edited.sequence,
      ]),
    );
    const { output, lines, error } = await auditVerify();
    expect(output).toEqual({
      valid: false,
      checked: 3,
      firstBroken: brokenAt(edited, 'content-hash-mismatch'),
    });
    expect(error).toBeInstanceOf(AuditChainBrokenError);
    expect((error as Error).message).toContain(`sequence ${edited.sequence}`);
    const printed = lines.join('\n');
    for (const nik of niks) expect(printed).not.toContain(nik);
    expect(printed).not.toMatch(/C90000|5000 100|Worker 6372/);
  });

  it('is valid again once the edited row holds what it held', async () => {
    const [original] = await api.dataSource.query<{ actor_id: string }[]>(
      `SELECT actor_id FROM audit_event WHERE sequence = 3`,
    );
    await behindTheTrigger((manager) =>
      manager.query(`UPDATE audit_event SET actor_id = $1 WHERE sequence = 4`, [original.actor_id]),
    );
    expect((await auditVerify()).output).toEqual({ valid: true, checked: 6 });
  });

  it('names the row after a deleted one as the place where rows are missing', async () => {
    const before = await rows();
    await behindTheTrigger((manager) => manager.query('DELETE FROM audit_event WHERE sequence = 5'));
    const { output, error } = await auditVerify();
    expect(output).toEqual({ valid: false, checked: 4, firstBroken: brokenAt(before[5], 'sequence-gap') });
    expect((output.firstBroken as BrokenLink).detail).toBe('row 5 is missing (deleted)');
    expect(error).toBeInstanceOf(AuditChainBrokenError);
  });

  it('names the first row when the start of the trail was deleted', async () => {
    const before = await rows();
    await behindTheTrigger((manager) => manager.query('DELETE FROM audit_event WHERE sequence <= 2'));
    const { output } = await auditVerify();
    expect(output).toEqual({ valid: false, checked: 0, firstBroken: brokenAt(before[2], 'sequence-gap') });
    expect((output.firstBroken as BrokenLink).detail).toBe('rows 1 to 2 are missing (deleted)');
  });
});

describe('audit:verify finds a row forged into the middle of the chain', () => {
  let environment: TestEnvironment;
  let api: TestApi;

  beforeAll(async () => {
    environment = await useTestEnvironment();
    const officer = await agencyWithUser({ kind: 'BP3MI', roles: 'OFFICER', provinces: '63' });
    api = await startTestApi();
    const headers = bearer(await loginAs(api.app, officer));
    for (const serial of [1, 2, 3]) await registerWorker(api.app, headers, workerInput({ serial }));
  });

  afterAll(async () => {
    await api?.close();
    await environment?.release();
  });

  it('a well-made forgery still breaks the link of the row after it', async () => {
    const [, second, third] = await api.dataSource.query<
      (AuditRow & { actorType: string; actorId: string | null })[]
    >(
      `SELECT sequence, id, action, entity_type AS "entityType", entity_id AS "entityId", hash,
              actor_type AS "actorType", actor_id AS "actorId"
         FROM audit_event ORDER BY sequence`,
    );
    // The forger knows the hashing rule (it is no secret): the forged row is consistent in itself
    // and chained to the row before it. Rows from the third on move up one to make room.
    const forged = {
      sequence: '3',
      id: '00000000-0000-4000-8000-00000000f0f0',
      actorType: second.actorType,
      actorId: second.actorId,
      action: 'worker.registered',
      entityType: 'worker',
      entityId: '00000000-0000-4000-8000-00000000f0f1',
      before: null,
      after: { fullName: 'Nobody' },
      requestId: null,
      occurredAt: '2026-01-01T00:00:00.000Z',
      previousHash: second.hash,
    };
    const hash = createHash('sha256').update(canonicalJson(forged)).digest('hex');
    await api.dataSource.transaction(async (manager) => {
      await manager.query('ALTER TABLE audit_event DISABLE TRIGGER audit_event_append_only');
      await manager.query('UPDATE audit_event SET sequence = -sequence WHERE sequence >= 3');
      await manager.query('UPDATE audit_event SET sequence = -sequence + 1 WHERE sequence < 0');
      await manager.query(
        `INSERT INTO audit_event (sequence, id, actor_type, actor_id, action, entity_type, entity_id,
           before, after, request_id, occurred_at, previous_hash, hash)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13)`,
        [...Object.values(forged), hash],
      );
      await manager.query('ALTER TABLE audit_event ENABLE TRIGGER audit_event_append_only');
    });

    const verification = await verifyAuditChain(api.dataSource.manager);
    expect(verification).toEqual({
      valid: false,
      checked: 3,
      firstBroken: {
        sequence: '4',
        id: third.id,
        action: third.action,
        entityType: third.entityType,
        entityId: third.entityId,
        reason: 'previous-hash-mismatch',
        detail: 'its previous hash is not the hash of row 3: a row before it was inserted or replaced',
      },
    });
  });

  it('a row slipped in below the first sequence is found too', async () => {
    await api.dataSource.transaction(async (manager) => {
      await manager.query('ALTER TABLE audit_event DISABLE TRIGGER audit_event_append_only');
      await manager.query(
        `INSERT INTO audit_event (sequence, id, actor_type, actor_id, action, entity_type, entity_id,
           occurred_at, previous_hash, hash)
         VALUES (0, '00000000-0000-4000-8000-00000000f0f2', 'system', NULL, 'worker.deleted', 'worker',
                 '00000000-0000-4000-8000-00000000f0f3', now(), '', '')`,
      );
      await manager.query('ALTER TABLE audit_event ENABLE TRIGGER audit_event_append_only');
    });
    expect((await verifyAuditChain(api.dataSource.manager)).firstBroken).toMatchObject({
      sequence: '0',
      action: 'worker.deleted',
      reason: 'sequence-before-start',
    });
  });
});
