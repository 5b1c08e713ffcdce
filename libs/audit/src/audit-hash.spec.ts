import { auditHash, canonicalJson, GENESIS_HASH, type HashedFields } from './audit-hash.js';

const fields: HashedFields = {
  sequence: '1',
  id: '3f1c2b6e-9a7d-4b1e-8c3f-2a1b0c9d8e7f',
  actorType: 'user',
  actorId: 'u1',
  action: 'worker.registered',
  entityType: 'worker',
  entityId: '3f1c2b6e-9a7d-4b1e-8c3f-2a1b0c9d8e70',
  before: null,
  after: { fullName: 'Siti', sex: 'FEMALE' },
  requestId: 'req-12345678',
  occurredAt: '2026-11-25T10:00:00.000Z',
  previousHash: GENESIS_HASH,
};

describe('audit hash', () => {
  it('does not depend on key order', () => {
    expect(canonicalJson({ b: 1, a: [{ d: 2, c: 3 }] })).toBe('{"a":[{"c":3,"d":2}],"b":1}');
  });

  it('changes when any recorded fact changes', () => {
    const original = auditHash(fields);
    expect(auditHash({ ...fields, after: { fullName: 'Sita', sex: 'FEMALE' } })).not.toBe(original);
    expect(auditHash({ ...fields, previousHash: original })).not.toBe(original);
    expect(auditHash({ ...fields })).toBe(original);
  });
});
