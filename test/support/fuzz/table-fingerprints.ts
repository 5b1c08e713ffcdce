import type { DataSource } from 'typeorm';

/** One hash per table of the database: what every row holds, so any write shows, and where. */
export type Fingerprint = Map<string, string>;

/**
 * md5 over every row of every table in one statement. Cheap at the size of a test database, and
 * blind to nothing: an insert, an update (even of a timestamp) or a delete changes the table's hash.
 */
export class TableFingerprints {
  private constructor(
    private readonly dataSource: DataSource,
    private readonly statement: string,
  ) {}

  static async of(dataSource: DataSource): Promise<TableFingerprints> {
    const tables = await dataSource.query<{ name: string }[]>(
      `SELECT format('%I.%I', schemaname, tablename) AS name FROM pg_tables
        WHERE schemaname NOT IN ('pg_catalog', 'information_schema') ORDER BY 1`,
    );
    if (tables.length === 0) throw new Error('no tables to fingerprint');
    const statement = tables
      .map(
        ({ name }) =>
          `SELECT ${quoteLiteral(name)} AS name, ` +
          `(SELECT md5(coalesce(string_agg(t::text, '|' ORDER BY t::text), '')) FROM ${name} t) AS hash`,
      )
      .join(' UNION ALL ');
    return new TableFingerprints(dataSource, statement);
  }

  async take(): Promise<Fingerprint> {
    const rows = await this.dataSource.query<{ name: string; hash: string }[]>(this.statement);
    return new Map(rows.map((row) => [row.name, row.hash]));
  }
}

/** The tables whose rows differ between two fingerprints. */
export function changedTables(before: Fingerprint, after: Fingerprint): string[] {
  return [...after.keys()].filter((name) => before.get(name) !== after.get(name));
}

const quoteLiteral = (text: string): string => `'${text.replace(/'/g, "''")}'`;
