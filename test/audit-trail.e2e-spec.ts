import { AuditTrail } from '#lintas/audit';
import { agencyWithUser, cli } from './support/factories.js';
import { startTestApi, useTestEnvironment, type TestApi, type TestEnvironment } from './support/test-api.js';

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
    await environment?.database.drop();
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
      firstBrokenSequence: '2',
    });
  });
});
