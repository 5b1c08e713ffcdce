/**
 * Seeds a national-scale Lintas database: drop and create, migrate (as `lintas migrate` does),
 * agencies, users and the partner key through AccessAdministration, recruiters, then every
 * placement with its worker, checklist, timeline, contacts and alerts through COPY, with the keys
 * and indexes built after the rows (as pg_restore does), and VACUUM ANALYZE.
 *
 * The audit trail: the seeded history has no audit rows (nobody made those changes through
 * Lintas). The agencies, users and key are created through the service, which records their audit
 * events, and one `bench.seeded` event says what the seed loaded; the chain stays valid, so
 * `lintas audit:verify` passes on the seeded database.
 */
import { availableParallelism } from 'node:os';
import { performance } from 'node:perf_hooks';
import { Worker } from 'node:worker_threads';
import { NestFactory } from '@nestjs/core';
import { getDataSourceToken } from '@nestjs/typeorm';
import { AuditTrail } from '#lintas/audit';
import { loadConfig, PiiCipher } from '#lintas/core';
import pg from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import { DataSource } from 'typeorm';
import { lintasDataSourceOptions } from '../../migrations/data-source.js';
import { benchDatabaseUrl, benchEnvironment } from '../lib/bench-env.js';
import { generateChunk, MAX_WORKERS, workersPerChunk, type SeedReference } from './national-data.js';
import { buildReference, createAccess, readRegions, SEED_ACTOR, type Access } from './reference.js';
import {
  dropStructures,
  rebuildPlan,
  structuresOfSeededTables,
  type RebuildStep,
  type Structure,
} from './schema-structures.js';
import { BINARY_HEADER, BINARY_TRAILER } from './copy-text.js';
import { isBinary, SEED_TABLE_NAMES, SEED_TABLES, type SeedChunk, type SeedTable } from './seed-tables.js';

export interface SeedOptions {
  database: string;
  placements: number;
  seed: number;
  /** The instant the data set is told up to. */
  asOf: Date;
  /** Threads telling chunks; 0 tells them in this thread (the test, which runs TypeScript). */
  threads: number;
  say?: (line: string) => void;
}

export interface SeedSummary {
  rows: Record<string, number>;
  phases: { phase: string; seconds: number }[];
  totalSeconds: number;
  access: Access;
}

const CHUNK_PLACEMENTS = 5000;

async function timed<T>(
  phases: SeedSummary['phases'],
  phase: string,
  say: (line: string) => void,
  work: () => Promise<T>,
): Promise<T> {
  const started = performance.now();
  const result = await work();
  const seconds = (performance.now() - started) / 1000;
  phases.push({ phase, seconds });
  say(`- ${phase}: ${seconds.toFixed(1)} s`);
  return result;
}

async function withClient<T>(url: string, work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

export async function seedNational(options: SeedOptions): Promise<SeedSummary> {
  const say = options.say ?? ((): void => undefined);
  const workers = Math.ceil(options.placements / CHUNK_PLACEMENTS) * workersPerChunk(CHUNK_PLACEMENTS);
  if (workers > MAX_WORKERS + workersPerChunk(CHUNK_PLACEMENTS)) {
    throw new Error(`at most about ${MAX_WORKERS} workers (${options.placements} placements asked)`);
  }
  const environment = benchEnvironment(options.database);
  // The CLI module and the cipher read their configuration from the environment.
  Object.assign(process.env, environment);
  const config = loadConfig(environment);
  const url = benchDatabaseUrl(options.database);
  const phases: SeedSummary['phases'] = [];
  const started = performance.now();

  await timed(phases, 'create database', say, () =>
    withClient(benchDatabaseUrl('postgres'), async (admin) => {
      await admin.query(`DROP DATABASE IF EXISTS "${options.database}" WITH (FORCE)`);
      await admin.query(`CREATE DATABASE "${options.database}"`);
    }),
  );
  await timed(phases, 'migrate', say, async () => {
    const dataSource = await new DataSource(lintasDataSourceOptions(config)).initialize();
    try {
      await dataSource.runMigrations({ transaction: 'each' });
    } finally {
      await dataSource.destroy();
    }
  });

  return withClient(url, async (client) => {
    const { regencies, provinces } = await readRegions(client);
    const access = await timed(phases, 'agencies, users, API key', say, async () => {
      const made = await createAccess(provinces);
      await recordSeeded(options);
      return made;
    });
    const reference = await timed(phases, 'recruiters and rulings', say, () =>
      buildReference(
        client,
        { seed: options.seed, asOf: options.asOf.getTime(), chunkPlacements: CHUNK_PLACEMENTS, config },
        regencies,
        access,
      ),
    );
    const structures = await structuresOfSeededTables(client);
    await timed(phases, 'drop keys and indexes', say, () => dropStructures(client, structures));
    await timed(phases, `COPY ${options.placements.toLocaleString('en')} placements`, say, () =>
      load(url, reference, options),
    );
    await timed(phases, `rebuild ${structures.length} keys and indexes`, say, () => rebuild(url, structures));
    await timed(phases, 'VACUUM ANALYZE', say, () => client.query('VACUUM ANALYZE'));
    const rows = await countRows(client);
    const totalSeconds = (performance.now() - started) / 1000;
    return { rows, phases, totalSeconds, access };
  });
}

/** One audit event for the whole data set, through the AuditTrail (the chain's hashes stay right). */
async function recordSeeded(options: SeedOptions): Promise<void> {
  const { CliModule } = await import('../../apps/cli/src/cli.module.js');
  const context = await NestFactory.createApplicationContext(CliModule, { logger: ['error'] });
  try {
    const dataSource = context.get<DataSource>(getDataSourceToken());
    const audit = context.get(AuditTrail);
    await dataSource.transaction((manager) =>
      audit.record(manager, {
        actor: SEED_ACTOR,
        action: 'bench.seeded',
        entityType: 'bench_data',
        entityId: '00000000-0000-4000-8000-000000000000',
        before: null,
        after: { seed: options.seed, placements: options.placements, asOf: options.asOf.toISOString() },
      }),
    );
  } finally {
    await context.close();
  }
}

/** One COPY per table, each on its own connection, in a transaction that truncated it (so FREEZE). */
interface CopyTarget {
  client: pg.Client;
  stream: NodeJS.WritableStream;
  done: Promise<void>;
}

async function openCopy(url: string, table: SeedTable): Promise<CopyTarget> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  await client.query('BEGIN');
  await client.query('SET LOCAL synchronous_commit = off');
  await client.query(`TRUNCATE ${table}`);
  const stream = client.query(
    copyFrom(
      `COPY ${table} (${SEED_TABLES[table].join(', ')}) FROM STDIN WITH (FREEZE${isBinary(table) ? ', FORMAT binary' : ''})`,
    ),
  );
  if (isBinary(table)) stream.write(BINARY_HEADER);
  const done = new Promise<void>((resolve, reject) => {
    stream.on('finish', resolve);
    stream.on('error', reject);
  });
  return { client, stream, done };
}

function write(target: CopyTarget, bytes: Uint8Array): Promise<void> {
  if (bytes.length === 0 || target.stream.write(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.length)))
    return Promise.resolve();
  return new Promise((resolve) => target.stream.once('drain', resolve));
}

async function load(url: string, reference: SeedReference, options: SeedOptions): Promise<void> {
  const targets = new Map<SeedTable, CopyTarget>();
  for (const table of SEED_TABLE_NAMES) targets.set(table, await openCopy(url, table));
  const chunks = Math.ceil(options.placements / CHUNK_PLACEMENTS);
  const countOf = (chunk: number): number =>
    Math.min(CHUNK_PLACEMENTS, options.placements - chunk * CHUNK_PLACEMENTS);
  const teller =
    options.threads > 0
      ? threadTeller(reference, options, chunks, countOf)
      : inlineTeller(reference, options.database, countOf);
  try {
    // Chunks are written in order: the timeline's identity numbers follow, the same every run.
    for (let chunk = 0; chunk < chunks; chunk += 1) {
      const rows = await teller.chunk(chunk);
      for (const table of SEED_TABLE_NAMES) {
        const target = targets.get(table);
        if (target) await write(target, rows[table]);
      }
    }
  } finally {
    await teller.close();
  }
  await Promise.all(
    [...targets].map(async ([table, target]) => {
      if (isBinary(table)) target.stream.write(BINARY_TRAILER);
      target.stream.end();
      await target.done;
      await target.client.query('COMMIT');
      await target.client.end();
    }),
  );
}

interface Teller {
  /** The chunk's rows; asked in order, so the threads can work ahead. */
  chunk(chunk: number): Promise<SeedChunk>;
  close(): Promise<void>;
}

function inlineTeller(
  reference: SeedReference,
  database: string,
  countOf: (chunk: number) => number,
): Teller {
  const cipher = PiiCipher.fromConfig(loadConfig(benchEnvironment(database)));
  return {
    chunk: (chunk) => Promise.resolve(generateChunk(reference, chunk, countOf(chunk), cipher)),
    close: () => Promise.resolve(),
  };
}

interface Waiting {
  resolve: (rows: SeedChunk) => void;
  reject: (error: unknown) => void;
}

/** Worker threads tell chunks ahead of the writer, two each at most, so memory stays bounded. */
function threadTeller(
  reference: SeedReference,
  options: SeedOptions,
  chunks: number,
  countOf: (chunk: number) => number,
): Teller {
  const size = Math.max(1, Math.min(options.threads, availableParallelism()));
  const waiting = new Map<number, Waiting>();
  const pool = Array.from({ length: size }, () => {
    const thread = new Worker(new URL('./chunk-thread.js', import.meta.url), {
      workerData: { reference, database: options.database },
    });
    thread.on('message', (message: { chunk: number; rows: SeedChunk }) => {
      waiting.get(message.chunk)?.resolve(message.rows);
      waiting.delete(message.chunk);
    });
    thread.on('error', (error) => {
      for (const entry of waiting.values()) entry.reject(error);
      waiting.clear();
    });
    return thread;
  });
  const pending = new Map<number, Promise<SeedChunk>>();
  const ask = (chunk: number): Promise<SeedChunk> =>
    new Promise<SeedChunk>((resolve, reject) => {
      waiting.set(chunk, { resolve, reject });
      pool[chunk % size]?.postMessage({ chunk, count: countOf(chunk) });
    });
  return {
    chunk: (chunk) => {
      for (let next = chunk; next < Math.min(chunks, chunk + 2 * size); next += 1) {
        if (!pending.has(next)) pending.set(next, ask(next));
      }
      const rows = pending.get(chunk);
      pending.delete(chunk);
      if (!rows) throw new Error(`chunk ${chunk} was not asked for`);
      return rows;
    },
    close: async () => {
      await Promise.all(pool.map((thread) => thread.terminate()));
    },
  };
}

/**
 * Two sessions, one a core, build the keys and indexes side by side, the largest tables first, then
 * check the foreign keys side by side. Without parallel workers: on two cores those only took the
 * other session's core. With 2 GB to sort in, each of the requirement table's keys (18 million
 * rows at 1,000,000 placements, 1.6–1.7 GB of sort) is sorted in memory: 11.6 s instead of 15.4 s
 * spilled to disk with 1 GB.
 */
async function rebuild(url: string, structures: readonly Structure[]): Promise<void> {
  const plan = rebuildPlan(structures);
  const first = new pg.Client({ connectionString: url });
  const sessions = [first, new pg.Client({ connectionString: url })];
  try {
    for (const session of sessions) {
      await session.connect();
      await session.query(`SET maintenance_work_mem = '2GB'`);
      await session.query('SET max_parallel_maintenance_workers = 0');
    }
    const bytes = await tableBytes(first, structures);
    const largestFirst = (steps: RebuildStep[]): RebuildStep[] =>
      [...steps].sort((a, b) => (bytes.get(b.table) ?? 0) - (bytes.get(a.table) ?? 0));
    await sideBySide(sessions, largestFirst(plan.indexes), false);
    for (const statement of [...plan.attach, ...plan.foreignKeys]) await first.query(statement);
    // Two validations of one table would wait for each other (SHARE UPDATE EXCLUSIVE).
    await sideBySide(sessions, largestFirst(plan.validate), true);
  } finally {
    await Promise.all(sessions.map((session) => session.end()));
  }
}

async function tableBytes(client: pg.Client, structures: readonly Structure[]): Promise<Map<string, number>> {
  const tables = [...new Set(structures.map((structure) => structure.table))];
  const result = await client.query<{ table: string; bytes: string }>(
    'SELECT t AS table, pg_table_size(t::regclass) AS bytes FROM unnest($1::text[]) AS t',
    [tables],
  );
  return new Map(result.rows.map((row) => [row.table, Number(row.bytes)]));
}

/** Each session takes the next step in turn; with `apart`, one whose table the other is not working on. */
async function sideBySide(sessions: pg.Client[], steps: RebuildStep[], apart: boolean): Promise<void> {
  const pending = [...steps];
  const working = new Map<string, number>();
  await Promise.all(
    sessions.map(async (session) => {
      for (;;) {
        const free = apart ? pending.findIndex((step) => !working.get(step.table)) : 0;
        const [step] = pending.splice(Math.max(free, 0), 1);
        if (!step) return;
        working.set(step.table, (working.get(step.table) ?? 0) + 1);
        try {
          await session.query(step.sql);
        } finally {
          working.set(step.table, (working.get(step.table) ?? 1) - 1);
        }
      }
    }),
  );
}

async function countRows(client: pg.Client): Promise<Record<string, number>> {
  const rows: Record<string, number> = {};
  for (const table of [
    ...SEED_TABLE_NAMES,
    'recruiter',
    'recruitment_permit',
    'agency',
    'user_account',
    'api_key',
    'audit_event',
  ]) {
    const result = await client.query<{ count: string }>(`SELECT count(*) FROM ${table}`);
    rows[table] = Number(result.rows[0]?.count ?? 0);
  }
  return rows;
}
