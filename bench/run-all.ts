/**
 * Runs every part of the benchmark that is built — the load harness (resources, load, soak), the
 * sweeps, the alert delivery — each as its own process, then prints ONE Markdown table of every
 * figure in the results directory. A part that fails does not stop the others; the exit code says so.
 * Each part's reports are deleted before it runs: a part that fails or is skipped is missing from
 * the table, never shown with an older run's figures.
 * `bench/run` (npm run bench) builds and seeds first, then runs this, with BENCH_RESULTS_DIR set to
 * `bench/results/<database>/`: the figures of one database never mix with another's.
 *
 *   node dist/bench/run-all.js [--quick] [flags of dist/bench/load/main.js]
 *   BENCH_SKIP=sweeps,delivery   skips those parts (load, sweeps, delivery)
 */
import { spawn } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { type BenchReport, type Figure, markdownTable, resultsDirectory } from './lib/report.js';

/** Each part and the reports (`<report>.json`) it writes. */
const PARTS = [
  {
    key: 'load',
    name: 'load harness (resources, load, soak)',
    script: 'dist/bench/load/main.js',
    takesFlags: true,
    reports: ['resources', 'load', 'soak'],
  },
  {
    key: 'sweeps',
    name: 'sweeps',
    script: 'dist/bench/sweeps/main.js',
    takesFlags: false,
    reports: ['sweeps'],
  },
  {
    key: 'delivery',
    name: 'delivery',
    script: 'dist/bench/delivery/main.js',
    takesFlags: false,
    reports: ['delivery'],
  },
];

/** The order of the table: the data first, then the parts in the order they run. */
const PART_ORDER = ['seed', 'resources', 'load', 'soak', 'sweeps', 'delivery'];

const say = (line = ''): void => {
  process.stdout.write(`${line}\n`);
};

function run(script: string, args: readonly string[]): Promise<number> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [script, ...args], { stdio: 'inherit' });
    child.once('error', reject);
    child.once('exit', (code, signal) => resolve(code ?? (signal ? 1 : 0)));
  });
}

function isReport(value: unknown): value is BenchReport {
  return (
    typeof value === 'object' &&
    value !== null &&
    typeof (value as BenchReport).part === 'string' &&
    Array.isArray((value as BenchReport).figures)
  );
}

function readReports(directory: string): BenchReport[] {
  if (!existsSync(directory)) return [];
  const reports = readdirSync(directory)
    .filter((file) => file.endsWith('.json'))
    .map((file) => JSON.parse(readFileSync(join(directory, file), 'utf8')) as unknown)
    .filter(isReport);
  const rank = (part: string): number => {
    const index = PART_ORDER.indexOf(part);
    return index === -1 ? PART_ORDER.length : index;
  };
  return reports.sort((a, b) => rank(a.part) - rank(b.part) || a.part.localeCompare(b.part));
}

/** JSON has no NaN: a value a part could not measure comes back as null, and is shown as NaN. */
const measured = (value: number | null): number => value ?? Number.NaN;

function printTable(reports: readonly BenchReport[]): void {
  say('\n## Every figure\n');
  const figures = reports.flatMap((report) =>
    report.figures.map((figure): Figure => ({
      ...figure,
      measure: `${report.part}: ${figure.measure}`,
      value: measured(figure.value),
      runs: figure.runs?.map(measured),
      baseline: figure.baseline && { ...figure.baseline, value: measured(figure.baseline.value) },
    })),
  );
  say(markdownTable(figures));
  say('\n## When and where\n');
  for (const { part, startedAt, machine } of reports) {
    say(
      `- ${part}: ${startedAt}, ${machine.cpus} × ${machine.cpuModel}, ${machine.memoryGiB} GiB, Node ${machine.node}, ` +
        `load ${machine.loadBefore.toFixed(2)} → ${machine.loadAfter.toFixed(2)}`,
    );
  }
}

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const quick = args.includes('--quick');
  const failed: string[] = [];
  const skipped = (process.env.BENCH_SKIP ?? '').split(',').filter(Boolean);
  const directory = resultsDirectory();
  for (const part of PARTS) {
    for (const report of part.reports) rmSync(join(directory, `${report}.json`), { force: true });
    if (skipped.includes(part.key)) {
      say(`${part.name}: skipped (BENCH_SKIP)`);
      continue;
    }
    if (!existsSync(part.script)) {
      say(`${part.name}: ${part.script} is not built, skipped`);
      continue;
    }
    say(`\n# ${part.name}\n`);
    // The sweeps and the delivery take only --quick of the harness's flags.
    const code = await run(part.script, part.takesFlags ? args : quick ? ['--quick'] : []);
    if (code !== 0) failed.push(`${part.name} (exit ${code})`);
  }
  const reports = readReports(directory);
  printTable(reports);
  const missing = PARTS.flatMap((part) => part.reports).filter(
    (part) => !reports.some((report) => report.part === part),
  );
  if (missing.length > 0) say(`\nNo figures from: ${missing.join(', ')}`);
  if (failed.length > 0) {
    say(`\nFailed: ${failed.join(', ')}`);
    process.exitCode = 1;
  }
}

await main();
