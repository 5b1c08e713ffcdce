/** Which rows of a one-to-many relation a batch keeps for each key, and in what order. */
export interface FirstPerKey {
  /** The table of the rows, e.g. `welfare_contact`; its rows are named `x` in `order` and `where`. */
  table: string;
  /** The column of `x` that holds the key, e.g. `placement_id`. */
  keyColumn: string;
  /** The order within one key, e.g. `x.contacted_at DESC, x.id DESC`: its leading column should follow the key in an index. */
  order: string;
  limit: number;
  /** A further condition on `x` (a caller's scope), applied before the limit, not after it. */
  where?: string;
}

/**
 * A WHERE condition on `alias` keeping, of the rows whose key is in the uuid[] parameter
 * `:<keysParameter>`, only the first `limit` of each key. A LATERAL … LIMIT per key reads those
 * rows alone through the (key, …) index: a batch that fetched every row of a page's keys and cut
 * them in Node read all of a placement's hundreds of contacts to answer its newest one.
 */
export function firstPerKey(alias: string, keysParameter: string, rows: FirstPerKey): string {
  const where = rows.where ? ` AND (${rows.where})` : '';
  return (
    `${alias}.id IN (SELECT f.id FROM unnest(CAST(:${keysParameter} AS uuid[])) AS k(key)` +
    ` CROSS JOIN LATERAL (SELECT x.id FROM ${rows.table} x WHERE x.${rows.keyColumn} = k.key${where}` +
    ` ORDER BY ${rows.order} LIMIT ${rows.limit}) f)`
  );
}
