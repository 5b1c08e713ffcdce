/**
 * The national-scale data set for the benchmark (issue 8, item 1):
 *
 *   npm run bench:seed -- --placements 1000000 [--database lintas_bench] [--seed 20261126]
 *                         [--as-of 2026-11-26] [--threads 2]
 *
 * Drops and re-creates the database, seeds it (see seed-national.ts), writes the bench users'
 * passwords and the partner's API key to bench-credentials.json in BENCH_RESULTS_DIR (default
 * bench/results; npm run bench gives each database its own, bench/results/<database>/), and
 * reports the rows per table and the time of each phase as part `seed`.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { BENCH_DATABASE } from '../lib/bench-env.js';
import { startReport, type Figure } from '../lib/report.js';
import { BENCH_PARTNER_AGENCY, BENCH_USERS } from './reference.js';
import { seedNational } from './seed-national.js';

/** Three minutes for 1,000,000 placements (issue 8), scaled to the size asked. */
const TARGET_SECONDS_PER_MILLION = 180;
const WIB_OFFSET_MS = 7 * 3_600_000;

/** The start of today's WIB day: one seed on one day gives the same rows. */
function startOfWibDay(day?: string): Date {
  const wibDay = day ?? new Date(Date.now() + WIB_OFFSET_MS).toISOString().slice(0, 10);
  return new Date(new Date(`${wibDay}T00:00:00Z`).getTime() - WIB_OFFSET_MS);
}

const say = (line = ''): void => {
  process.stdout.write(`${line}\n`);
};

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      placements: { type: 'string', default: '1000000' },
      database: { type: 'string', default: BENCH_DATABASE },
      seed: { type: 'string', default: '20261126' },
      'as-of': { type: 'string' },
      threads: { type: 'string', default: '2' },
    },
  });
  const placements = Number(values.placements);
  const seed = Number(values.seed);
  if (!Number.isInteger(placements) || placements < 1)
    throw new Error('--placements must be a positive whole number');
  if (!/^[a-z_][a-z0-9_]*$/.test(values.database))
    throw new Error('--database must be a plain lower-case name');
  const report = startReport('seed');
  const asOf = startOfWibDay(values['as-of']);
  say(
    `# National seed: ${placements.toLocaleString('en')} placements, seed ${seed}, as of ${asOf.toISOString()}`,
  );
  say(
    `- load average at the start: ${loadavg()
      .map((load) => load.toFixed(2))
      .join(', ')}`,
  );
  const summary = await seedNational({
    database: values.database,
    placements,
    seed,
    asOf,
    threads: Number(values.threads),
    say,
  });
  writeCredentials(values.database, summary.access.partnerKey.key);
  say(
    `- load average at the end: ${loadavg()
      .map((load) => load.toFixed(2))
      .join(', ')}`,
  );
  say();
  const target = (TARGET_SECONDS_PER_MILLION * placements) / 1_000_000;
  const figures: Figure[] = [
    {
      measure: `seed ${placements.toLocaleString('en')} placements, total`,
      value: Number(summary.totalSeconds.toFixed(1)),
      unit: 's',
      target: `< ${target.toFixed(0)} s`,
      met: summary.totalSeconds < target,
    },
    ...summary.phases.map((phase): Figure => ({
      measure: `seed phase: ${phase.phase}`,
      value: Number(phase.seconds.toFixed(1)),
      unit: 's',
    })),
    ...Object.entries(summary.rows).map(([table, rows]): Figure => ({
      measure: `rows: ${table}`,
      value: rows,
      unit: 'rows',
    })),
  ];
  report.finish(figures);
}

/** Bench-only secrets for the load scenarios; the file sits in bench/results (not committed). */
function writeCredentials(database: string, partnerKey: string): void {
  const directory = process.env.BENCH_RESULTS_DIR ?? join(process.cwd(), 'bench', 'results');
  mkdirSync(directory, { recursive: true });
  const credentials = {
    database,
    admin: {
      username: BENCH_USERS.admin.username,
      password: BENCH_USERS.admin.password,
      agency: BENCH_USERS.admin.agency,
    },
    officer: {
      username: BENCH_USERS.officer.username,
      password: BENCH_USERS.officer.password,
      agency: BENCH_USERS.officer.agency,
      jurisdiction: 'province 35 (Jawa Timur)',
    },
    partner: { agency: BENCH_PARTNER_AGENCY, countries: ['MY'], apiKey: partnerKey, header: 'X-Api-Key' },
  };
  writeFileSync(join(directory, 'bench-credentials.json'), `${JSON.stringify(credentials, null, 2)}\n`, {
    mode: 0o600,
  });
}

await main();
