import { createHash } from 'node:crypto';
import {
  AuditChainBrokenError,
  AuditCheckpointError,
  canonicalJson,
  verifyAuditChain,
  type BrokenLink,
} from '#lintas/audit';
import type { EntityManager } from 'typeorm';
import { runCommand, UsageError } from '../apps/cli/src/commands.js';
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
async function auditVerify(
  ...options: string[]
): Promise<{ output: Record<string, unknown>; lines: string[]; error?: unknown }> {
  const lines: string[] = [];
  const error = await runCommand(
    ['audit:verify', ...options],
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

  it('answers valid with the number of rows it checked and the last row, as one JSON line', async () => {
    const recorded = await rows();
    expect(recorded.map((row) => row.action)).toEqual([
      'agency.created',
      'user.created',
      ...workerIds.map(() => 'worker.registered'),
    ]);
    const { output, lines, error } = await auditVerify();
    expect(error).toBeUndefined();
    expect(lines).toHaveLength(1);
    expect(output).toEqual({
      valid: true,
      checked: recorded.length,
      lastSequence: recorded.at(-1)?.sequence,
      lastHash: recorded.at(-1)?.hash,
    });
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
    expect((await auditVerify()).output).toMatchObject({ valid: true, checked: 6, lastSequence: '6' });
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

describe('audit:verify against a checkpoint kept outside the database', () => {
  let environment: TestEnvironment;
  let api: TestApi;
  let headers: Record<string, string>;
  let serial = 0;

  interface FullRow extends AuditRow {
    actorType: string;
    actorId: string | null;
    before: unknown;
    after: unknown;
    requestId: string | null;
    occurredAt: Date;
    previousHash: string;
  }

  const rows = (): Promise<FullRow[]> =>
    api.dataSource.query<FullRow[]>(
      `SELECT sequence, id, actor_type AS "actorType", actor_id AS "actorId", action,
              entity_type AS "entityType", entity_id AS "entityId", before, after, request_id AS "requestId",
              occurred_at AS "occurredAt", previous_hash AS "previousHash", hash
         FROM audit_event ORDER BY sequence`,
    );

  const registerOne = async (): Promise<void> => {
    serial += 1;
    await registerWorker(api.app, headers, workerInput({ serial }));
  };

  /** What a valid run printed: the checkpoint an operator keeps, as --expect takes it. */
  const checkpointOf = (output: Record<string, unknown>): string =>
    `${String(output.lastSequence)}:${String(output.lastHash)}`;

  beforeAll(async () => {
    environment = await useTestEnvironment();
    const officer = await agencyWithUser({ kind: 'BP3MI', roles: 'OFFICER', provinces: '63' });
    api = await startTestApi();
    headers = bearer(await loginAs(api.app, officer));
    for (let worker = 1; worker <= 3; worker += 1) await registerOne();
  });

  afterAll(async () => {
    await api?.close();
    await environment?.release();
  });

  it('refuses a checkpoint that is not <sequence>:<hash>, before reading anything', async () => {
    const [last] = (await rows()).slice(-1);
    for (const bad of [
      '',
      '5',
      last.hash,
      `0:${last.hash}`,
      `-1:${last.hash}`,
      `05:${last.hash}`,
      `5:${last.hash.slice(1)}`,
      `5:${last.hash}0`,
      `5:${'g'.repeat(64)}`,
      `9223372036854775808:${last.hash}`,
    ]) {
      const printed: string[] = [];
      const error = await runCommand(
        ['audit:verify', `--expect=${bad}`],
        (line) => printed.push(line),
        () => Promise.resolve(''),
      ).then(
        () => undefined,
        (thrown: unknown) => thrown,
      );
      expect({ bad, printed }).toEqual({ bad, printed: [] });
      expect(error).toBeInstanceOf(UsageError);
      expect((error as Error).message).toContain('--expect must be <sequence>:<hash>');
    }
  });

  it('holds a checkpoint it printed, also after the trail grew', async () => {
    const first = await auditVerify();
    const recorded = await rows();
    expect(first.output).toMatchObject({ valid: true, lastSequence: '5', lastHash: recorded[4].hash });
    const kept = checkpointOf(first.output);

    await registerOne();
    const { output, error } = await auditVerify('--expect', kept);
    expect(error).toBeUndefined();
    expect(output).toEqual({
      valid: true,
      checked: 6,
      lastSequence: '6',
      lastHash: (await rows())[5].hash,
      checkpoint: { sequence: '5', hash: recorded[4].hash },
    });
    // Written in capitals, it is the same hash.
    expect((await auditVerify('--expect', kept.toUpperCase())).output.valid).toBe(true);
  });

  it('refuses a trail rewritten from some row on with recomputed hashes, which the chain alone accepts', async () => {
    const kept = checkpointOf((await auditVerify()).output);
    const recorded = await rows();
    // The forger knows the hashing rule: row 4 is changed, and it and every row after it are hashed again.
    await api.dataSource.transaction(async (manager) => {
      await manager.query('ALTER TABLE audit_event DISABLE TRIGGER audit_event_append_only');
      let previousHash = recorded[2].hash;
      for (const row of recorded.slice(3)) {
        const fields = {
          sequence: row.sequence,
          id: row.id,
          actorType: row.actorType,
          actorId: row.sequence === '4' ? 'someone-else' : row.actorId,
          action: row.action,
          entityType: row.entityType,
          entityId: row.entityId,
          before: row.before,
          after: row.after,
          requestId: row.requestId,
          occurredAt: row.occurredAt.toISOString(),
          previousHash,
        };
        previousHash = createHash('sha256').update(canonicalJson(fields)).digest('hex');
        await manager.query(
          'UPDATE audit_event SET actor_id = $1, previous_hash = $2, hash = $3 WHERE sequence = $4',
          [fields.actorId, fields.previousHash, previousHash, row.sequence],
        );
      }
      await manager.query('ALTER TABLE audit_event ENABLE TRIGGER audit_event_append_only');
    });

    const alone = await auditVerify();
    expect(alone.error).toBeUndefined();
    expect(alone.output).toMatchObject({ valid: true, checked: 6, lastSequence: '6' });
    expect(alone.output.lastHash).not.toBe(recorded[5].hash);

    const { output, error } = await auditVerify('--expect', kept);
    expect(output).toEqual({
      valid: false,
      checked: 5,
      reason: 'checkpoint-mismatch',
      checkpoint: { sequence: '6', hash: recorded[5].hash },
      detail:
        "row 6 no longer has the checkpoint's hash: the trail was rewritten from that row or one before it, " +
        'with the hashes recomputed',
    });
    expect(error).toBeInstanceOf(AuditCheckpointError);
    expect((error as Error).message).toContain('checkpoint at sequence 6');
    // A checkpoint older than the rewrite still holds: the rewrite starts after it.
    expect((await auditVerify('--expect', `3:${recorded[2].hash}`)).output.valid).toBe(true);
  });

  it('refuses a trail whose newest rows were deleted, which the chain alone accepts', async () => {
    const kept = checkpointOf((await auditVerify()).output);
    await api.dataSource.transaction(async (manager) => {
      await manager.query('ALTER TABLE audit_event DISABLE TRIGGER audit_event_append_only');
      await manager.query('DELETE FROM audit_event WHERE sequence >= 5');
      await manager.query('ALTER TABLE audit_event ENABLE TRIGGER audit_event_append_only');
    });

    expect((await auditVerify()).output).toMatchObject({ valid: true, checked: 4, lastSequence: '4' });
    const { output, error } = await auditVerify('--expect', kept);
    expect(output).toEqual({
      valid: false,
      checked: 4,
      reason: 'checkpoint-missing',
      checkpoint: { sequence: '6', hash: kept.split(':')[1] },
      detail: "the trail ends at sequence 4, before the checkpoint's row 6: rows at its end were deleted",
    });
    expect(error).toBeInstanceOf(AuditCheckpointError);
  });
});
