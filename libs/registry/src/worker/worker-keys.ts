import type { PiiCipher } from '#lintas/core';
import type { DataSource } from 'typeorm';
import { resealWorkerPii } from './worker-pii.js';

/** Rows per transaction: short enough that a writer waiting on one row barely notices. */
const BATCH = 500;

/** The stored values of one row's sealed columns (and blind indexes), by column name. */
export type SealedValues = Record<string, string | null>;

/**
 * A table with columns sealed by PiiCipher, as `keys:rotate` moves it to the active keys. The
 * library that owns the table describes it, and alone knows what each column is sealed for.
 */
export interface SealedTable {
  table: string;
  /** Columns holding envelopes (`v1.<keyId>.…`). */
  sealed: readonly string[];
  /** Columns holding blind indexes (`<indexKeyId>.…`). */
  indexes: readonly string[];
  /** Every column of `sealed` and `indexes`, sealed and indexed again under the active keys. */
  reseal: (cipher: PiiCipher, row: SealedValues) => SealedValues;
}

/** What `keys:rotate` did to one table; counts only. Rows holding no sealed value are not counted. */
export interface TableRotationCounts {
  /** Rows whose values were sealed again (and indexes computed again) by this run. */
  reencrypted: number;
  /** Rows that needed nothing: already under the active key and index key. */
  alreadyCurrent: number;
  /** Rows still under an older key: locked by a writer while this ran. Run the command again. */
  remaining: number;
  batches: number;
}

/** What `keys:rotate` did: the totals over every table, then each table's; counts and key ids only, never a value. */
export interface KeyRotationCounts extends TableRotationCounts {
  /** The key every value is now sealed with, and the index key every blind index is computed with. */
  activeKeyId: string;
  indexKeyId: string;
  tables: Record<string, TableRotationCounts>;
}

/** A worker's NIK, passport and phone numbers and next of kin, and the NIK's blind index. */
export const SEALED_WORKER_COLUMNS: SealedTable = {
  table: 'worker',
  sealed: ['nik_ciphertext', 'phone_ciphertext', 'passport_number_ciphertext', 'next_of_kin_ciphertext'],
  indexes: ['nik_index'],
  reseal: (cipher, row) => {
    const resealed = resealWorkerPii(cipher, {
      nikCiphertext: row.nik_ciphertext ?? null,
      nikIndex: row.nik_index ?? null,
      phoneCiphertext: row.phone_ciphertext ?? null,
      passportNumberCiphertext: row.passport_number_ciphertext ?? null,
      nextOfKinCiphertext: row.next_of_kin_ciphertext ?? null,
    });
    return {
      nik_ciphertext: resealed.nikCiphertext,
      nik_index: resealed.nikIndex,
      phone_ciphertext: resealed.phoneCiphertext,
      passport_number_ciphertext: resealed.passportNumberCiphertext,
      next_of_kin_ciphertext: resealed.nextOfKinCiphertext,
    };
  },
};

/**
 * Moves every sealed value of `tables` to the active key of PII_KEYS and recomputes every blind
 * index under PII_INDEX_KEY, one table after the other, a batch at a time, each batch in its own
 * short transaction that skips rows a writer holds. Resumable and idempotent: a row already current
 * is not matched again, so a run stopped halfway continues where it stopped, and a second run
 * changes nothing.
 *
 * Neither `version` nor `updated_at` moves: the record did not change, and a client holding its
 * version must not be answered CONFLICT for it. Every app must run with the new keys before this
 * runs, or it keeps sealing with the old one. A new index key finds no NIK until this has finished:
 * change it only with the API stopped.
 */
export async function rotatePiiKeys(
  dataSource: DataSource,
  cipher: PiiCipher,
  tables: readonly SealedTable[],
): Promise<KeyRotationCounts> {
  const counts: Record<string, TableRotationCounts> = {};
  for (const table of tables) counts[table.table] = await rotateTable(dataSource, cipher, table);
  const total = (field: keyof TableRotationCounts): number =>
    Object.values(counts).reduce((sum, table) => sum + table[field], 0);
  return {
    activeKeyId: cipher.activeKeyId,
    indexKeyId: cipher.indexKeyId,
    reencrypted: total('reencrypted'),
    alreadyCurrent: total('alreadyCurrent'),
    remaining: total('remaining'),
    batches: total('batches'),
    tables: counts,
  };
}

async function rotateTable(
  dataSource: DataSource,
  cipher: PiiCipher,
  { table, sealed, indexes, reseal }: SealedTable,
): Promise<TableRotationCounts> {
  const columns = [...sealed, ...indexes];
  // Identifiers come from the descriptors in code, never from input: quoted all the same.
  const quoted = (column: string): string => `"${column}"`;
  // What a current value begins with: $1 for envelopes, $2 for blind indexes (when the table has one).
  const keys = [`v1.${cipher.activeKeyId}.%`, ...(indexes.length > 0 ? [`${cipher.indexKeyId}.%`] : [])];
  // A NULL column matches no NOT LIKE, so a row without a phone is not stale for lack of one.
  const stale = `(${[
    ...sealed.map((column) => `${quoted(column)} NOT LIKE $1`),
    ...indexes.map((column) => `${quoted(column)} NOT LIKE $2`),
  ].join(' OR ')})`;
  const holdsValue = `(${columns.map((column) => `${quoted(column)} IS NOT NULL`).join(' OR ')})`;
  const countStale = async (): Promise<{ rows: number; stale: number }> => {
    const [found] = await dataSource.query<{ rows: number; stale: number }[]>(
      `SELECT count(*)::int AS rows, (count(*) FILTER (WHERE ${stale}))::int AS stale
         FROM ${quoted(table)} WHERE ${holdsValue}`,
      keys,
    );
    return found ?? { rows: 0, stale: 0 };
  };
  const before = await countStale();
  let reencrypted = 0;
  let batches = 0;
  // In the order of ids, from where the last batch ended: each row is looked at once per run.
  let after = '00000000-0000-0000-0000-000000000000';
  for (;;) {
    const done = await dataSource.transaction(async (manager) => {
      const rows = await manager.query<(SealedValues & { id: string })[]>(
        `SELECT id, ${columns.map(quoted).join(', ')}
           FROM ${quoted(table)}
          WHERE id > $${keys.length + 1} AND ${stale}
          ORDER BY id
          LIMIT ${BATCH}
            FOR UPDATE SKIP LOCKED`,
        [...keys, after],
      );
      if (rows.length > 0) {
        const resealed = rows.map((row) => ({ ...reseal(cipher, row), id: row.id }));
        await manager.query(
          `UPDATE ${quoted(table)} t
              SET ${columns.map((column) => `${quoted(column)} = s.${quoted(column)}`).join(', ')}
             FROM jsonb_to_recordset($1::jsonb) AS s (id uuid, ${columns.map((column) => `${quoted(column)} text`).join(', ')})
            WHERE t.id = s.id`,
          [JSON.stringify(resealed)],
        );
      }
      return rows;
    });
    if (done.length === 0) break;
    batches += 1;
    reencrypted += done.length;
    after = done[done.length - 1]?.id ?? after;
  }
  const { stale: remaining } = await countStale();
  return { reencrypted, alreadyCurrent: before.rows - before.stale, remaining, batches };
}
