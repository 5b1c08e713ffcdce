import { decodeAuditCursor } from './audit-trail.queries.js';

const cursor = (json: unknown): string => Buffer.from(JSON.stringify(json)).toString('base64url');

describe('audit trail cursors', () => {
  it('still reads the cursors it has handed out', () => {
    expect(decodeAuditCursor('eyJzZXF1ZW5jZSI6IjQyIn0')).toEqual({ sequence: '42' });
  });

  it.each([
    [
      'a cursor of the (createdAt, id) lists',
      cursor(['2026-01-01T00:00:00.000Z', '00000000-0000-4000-8000-000000000001']),
    ],
    ['a sequence as a number', cursor({ sequence: 42 })],
    ['a sequence of zero', cursor({ sequence: '0' })],
    ['a sequence past a bigint', cursor({ sequence: '9223372036854775808' })],
    ['text that is not base64 JSON', 'bm90LWEtY3Vyc29y'],
  ])('answers bad input for a cursor it did not make: %s', (_case, value) => {
    expect(() => decodeAuditCursor(value)).toThrow('after: is not a cursor');
  });
});
