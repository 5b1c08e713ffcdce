/**
 * What pg_restore does for a fast load: the keys, unique constraints, foreign keys and secondary
 * indexes of the tables the seed fills are read from the catalog, dropped, and created again after
 * the rows are in (`rebuildPlan`) — one sort per index instead of millions of index insertions.
 * CHECK constraints, NOT NULL, defaults and triggers stay in place throughout. `catalogOf` lists what the migrations
 * made, so a test can compare the seeded database with a freshly migrated one.
 */
import type pg from 'pg';
import { SEED_TABLE_NAMES } from './seed-tables.js';

export interface Structure {
  table: string;
  name: string;
  kind: 'constraint' | 'index';
  definition: string;
}

/** Constraints (p, u, f) on or pointing at the seeded tables, and their other indexes. */
export async function structuresOfSeededTables(client: pg.Client): Promise<Structure[]> {
  const tables = [...SEED_TABLE_NAMES];
  const constraints = await client.query<{ table: string; name: string; type: string; definition: string }>(
    `SELECT c.conrelid::regclass::text AS table, c.conname AS name, c.contype AS type,
            pg_get_constraintdef(c.oid) AS definition
       FROM pg_constraint c
      WHERE c.contype IN ('p', 'u', 'f')
        AND (c.conrelid::regclass::text = ANY($1) OR c.confrelid::regclass::text = ANY($1))
      ORDER BY CASE c.contype WHEN 'f' THEN 1 ELSE 0 END, c.conname`,
    [tables],
  );
  const indexes = await client.query<{ table: string; name: string; definition: string }>(
    `SELECT i.tablename AS table, i.indexname AS name, i.indexdef AS definition
       FROM pg_indexes i
      WHERE i.schemaname = 'public' AND i.tablename = ANY($1)
        AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conname = i.indexname)
      ORDER BY i.indexname`,
    [tables],
  );
  return [
    ...constraints.rows.map((row): Structure => ({
      table: row.table,
      name: row.name,
      kind: 'constraint',
      definition: row.definition,
    })),
    ...indexes.rows.map((row): Structure => ({ ...row, kind: 'index' })),
  ];
}

const quoted = (name: string): string => `"${name.replace(/"/g, '""')}"`;

/** Foreign keys first (they depend on the keys), then keys and indexes. */
export async function dropStructures(client: pg.Client, structures: readonly Structure[]): Promise<void> {
  const ordered = [
    ...structures.filter((structure) => structure.definition.startsWith('FOREIGN KEY')),
    ...structures.filter((structure) => !structure.definition.startsWith('FOREIGN KEY')),
  ];
  for (const structure of ordered) {
    await client.query(
      structure.kind === 'constraint'
        ? `ALTER TABLE ${quoted(structure.table)} DROP CONSTRAINT ${quoted(structure.name)}`
        : `DROP INDEX ${quoted(structure.name)}`,
    );
  }
}

/** A statement of the rebuild and the table whose lock it takes (two sessions avoid waiting on each other). */
export interface RebuildStep {
  table: string;
  sql: string;
}

/**
 * The rebuild in three phases, each made of statements that can run side by side:
 *
 * - `indexes`: every index, the keys' too, as CREATE [UNIQUE] INDEX. Index builds of one table take
 *   SHARE locks, which do not conflict, where ALTER TABLE … ADD PRIMARY KEY takes ACCESS EXCLUSIVE:
 *   the requirement table's two keys (18 million rows each) were built one after the other.
 * - `attach`: each key made a constraint on its index (`USING INDEX`, no scan).
 * - `foreignKeys` added NOT VALID (no scan), then `validate`: VALIDATE CONSTRAINT locks the referenced
 *   table in ROW SHARE only, so the tables pointing at placement are checked side by side
 *   (ADD FOREIGN KEY locks both tables in SHARE ROW EXCLUSIVE, which made them queue).
 *
 * The end state is the one the migrations make: the same constraints on the same indexes, all valid.
 */
export interface RebuildPlan {
  indexes: RebuildStep[];
  attach: string[];
  foreignKeys: string[];
  validate: RebuildStep[];
}

const KEY = /^(PRIMARY KEY|UNIQUE) (\([^()]+\))$/;

export function rebuildPlan(structures: readonly Structure[]): RebuildPlan {
  const plan: RebuildPlan = { indexes: [], attach: [], foreignKeys: [], validate: [] };
  for (const structure of structures) {
    const table = quoted(structure.table);
    const name = quoted(structure.name);
    if (structure.kind === 'index') {
      plan.indexes.push({ table: structure.table, sql: structure.definition });
    } else if (structure.definition.startsWith('FOREIGN KEY')) {
      plan.foreignKeys.push(`ALTER TABLE ${table} ADD CONSTRAINT ${name} ${structure.definition} NOT VALID`);
      plan.validate.push({ table: structure.table, sql: `ALTER TABLE ${table} VALIDATE CONSTRAINT ${name}` });
    } else {
      const key = KEY.exec(structure.definition);
      if (key) {
        plan.indexes.push({
          table: structure.table,
          sql: `CREATE UNIQUE INDEX ${name} ON ${table} ${key[2] ?? ''}`,
        });
        plan.attach.push(`ALTER TABLE ${table} ADD CONSTRAINT ${name} ${key[1] ?? ''} USING INDEX ${name}`);
      } else {
        // A key with options (INCLUDE, DEFERRABLE, …) is added as it was defined.
        plan.indexes.push({
          table: structure.table,
          sql: `ALTER TABLE ${table} ADD CONSTRAINT ${name} ${structure.definition}`,
        });
      }
    }
  }
  return plan;
}

/**
 * Every schema object a migration makes, as text: tables' columns, constraints, indexes, triggers,
 * sequences and functions. Two databases with equal lists have equal schemas.
 */
export async function catalogOf(client: pg.Client): Promise<string[]> {
  const result = await client.query<{ line: string }>(
    `SELECT 'column ' || table_name || '.' || column_name || ' ' || data_type || ' ' || is_nullable || ' ' ||
            coalesce(column_default, '') || ' ' || coalesce(is_identity, '') AS line
       FROM information_schema.columns WHERE table_schema = 'public'
     UNION ALL
     SELECT 'constraint ' || conrelid::regclass::text || '.' || conname || ' ' || pg_get_constraintdef(oid) ||
            ' valid=' || convalidated::text
       FROM pg_constraint WHERE connamespace = 'public'::regnamespace
     UNION ALL
     SELECT 'index ' || indexdef FROM pg_indexes WHERE schemaname = 'public'
     UNION ALL
     SELECT 'trigger ' || tgrelid::regclass::text || '.' || tgname || ' ' || pg_get_triggerdef(oid) || ' ' || tgenabled::text
       FROM pg_trigger WHERE NOT tgisinternal
     UNION ALL
     SELECT 'function ' || proname || ' ' || md5(prosrc) FROM pg_proc WHERE pronamespace = 'public'::regnamespace
     UNION ALL
     SELECT 'sequence ' || sequencename || ' ' || data_type::text FROM pg_sequences WHERE schemaname = 'public'
     ORDER BY 1`,
  );
  return result.rows.map((row) => row.line);
}
