import { cursorCodec, decodeCursor, encodeCursor, toConnection } from './connection.js';

const row = (n: number): { id: string; createdAt: Date } => ({
  id: `00000000-0000-4000-8000-00000000000${n}`,
  createdAt: new Date(Date.UTC(2026, 0, n)),
});

describe('keyset connections', () => {
  it('round-trips a cursor', () => {
    const cursor = { createdAt: '2026-01-01T00:00:00.000Z', id: row(1).id };
    expect(decodeCursor(encodeCursor(cursor))).toEqual(cursor);
  });

  it('still reads the cursors it has handed out', () => {
    const issued =
      'WyIyMDI2LTAxLTAxVDAwOjAwOjAwLjAwMFoiLCIwMDAwMDAwMC0wMDAwLTQwMDAtODAwMC0wMDAwMDAwMDAwMDEiXQ';
    expect(encodeCursor({ createdAt: '2026-01-01T00:00:00.000Z', id: row(1).id })).toBe(issued);
    expect(decodeCursor(issued)).toEqual({ createdAt: '2026-01-01T00:00:00.000Z', id: row(1).id });
  });

  it.each([
    ['text that is not base64 JSON', 'bm90LWEtY3Vyc29y'],
    ['a number for a time', Buffer.from(JSON.stringify(['1', row(1).id])).toString('base64url')],
    [
      'dashes for an id',
      Buffer.from(JSON.stringify(['2026-01-01T00:00:00.000Z', '-'.repeat(36)])).toString('base64url'),
    ],
  ])('answers bad input for a cursor it did not make: %s', (_case, cursor) => {
    expect(() => decodeCursor(cursor)).toThrow('after: is not a cursor');
  });

  it('reads an explicit null as the first page, as Relay clients send it', () => {
    expect(decodeCursor(null)).toBeUndefined();
  });

  it('names the argument the bad cursor came in', () => {
    expect(() => decodeCursor('bm90LWEtY3Vyc29y', 'page.after')).toThrow('page.after: is not a cursor');
  });

  it('uses the extra row to tell that a next page exists', () => {
    const connection = toConnection([row(1), row(2), row(3)], 2, 7, (r) => r.id);
    expect(connection.edges.map((edge) => edge.node)).toEqual([row(1).id, row(2).id]);
    expect(connection.pageInfo.hasNextPage).toBe(true);
    expect(decodeCursor(connection.pageInfo.endCursor ?? undefined)?.id).toBe(row(2).id);
    expect(connection.totalCount).toBe(7);
  });

  it('says there is no next page on the last one', () => {
    const connection = toConnection([row(1)], 2, 1, (r) => r.id);
    expect(connection.pageInfo).toEqual({ hasNextPage: false, endCursor: connection.edges[0]?.cursor });
  });

  it('pages on another key when given its cursor', () => {
    const ranks = cursorCodec<{ rank: number }>(
      (key) => ({ rank: key.rank }),
      (json) =>
        typeof json === 'object' && json !== null && 'rank' in json && typeof json.rank === 'number'
          ? { rank: json.rank }
          : undefined,
    );
    const rows = [{ rank: 1 }, { rank: 2 }, { rank: 3 }];
    const connection = toConnection(
      rows,
      2,
      3,
      (r) => r.rank,
      (r) => ranks.encode(r),
    );
    expect(connection.edges.map((edge) => edge.node)).toEqual([1, 2]);
    expect(ranks.decode(connection.pageInfo.endCursor ?? undefined)).toEqual({ rank: 2 });
    expect(ranks.decode(undefined)).toBeUndefined();
    expect(() =>
      ranks.decode(encodeCursor({ createdAt: '2026-01-01T00:00:00.000Z', id: row(1).id })),
    ).toThrow('after: is not a cursor');
  });
});
