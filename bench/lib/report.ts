/**
 * What every part of the benchmark reports, so `npm run bench` can put them in one table:
 * each part writes `<BENCH_RESULTS_DIR>/<part>.json` and prints the same figures as Markdown.
 * `bench/run` sets BENCH_RESULTS_DIR to `bench/results/<database>/`; a part run alone writes to
 * `bench/results/`.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, totalmem } from 'node:os';
import { join } from 'node:path';

export interface Figure {
  /** What was measured, in words a reader of RESULTS.md understands: "registerPlacement, c=50". */
  measure: string;
  /** The median of `runs` when there are runs. */
  value: number;
  unit: string;
  /** Every run's value, in order, when the figure is a median. */
  runs?: number[];
  /** The issue's target in words ("≥ 0.5× raw", "< 1 s"), and whether `value` meets it. */
  target?: string;
  met?: boolean;
  /** The same measure on a baseline, and value / baseline. */
  baseline?: { name: string; value: number };
  ratio?: number;
  /** Which way the ratio is better: up for a throughput, down for a time. */
  ratioMeaning?: 'throughput' | 'time';
  note?: string;
}

export interface BenchReport {
  part: string;
  startedAt: string;
  finishedAt: string;
  machine: {
    cpus: number;
    cpuModel: string;
    memoryGiB: number;
    node: string;
    loadBefore: number;
    loadAfter: number;
  };
  figures: Figure[];
}

export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  if (sorted.length === 0) return Number.NaN;
  return sorted.length % 2 === 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}

/** Where the reports and the seed's credentials go. */
export function resultsDirectory(): string {
  return process.env.BENCH_RESULTS_DIR ?? join(process.cwd(), 'bench', 'results');
}

/** Starts a report: call `finish` with the figures when the part is done. */
export function startReport(part: string): { finish: (figures: Figure[]) => BenchReport } {
  const startedAt = new Date().toISOString();
  const loadBefore = loadavg()[0];
  return {
    finish(figures) {
      const report: BenchReport = {
        part,
        startedAt,
        finishedAt: new Date().toISOString(),
        machine: {
          cpus: cpus().length,
          cpuModel: cpus()[0]?.model ?? 'unknown',
          memoryGiB: Math.round(totalmem() / 1024 ** 3),
          node: process.version,
          loadBefore,
          loadAfter: loadavg()[0],
        },
        figures,
      };
      const directory = resultsDirectory();
      mkdirSync(directory, { recursive: true });
      writeFileSync(join(directory, `${part}.json`), `${JSON.stringify(report, null, 2)}\n`);
      process.stdout.write(`${markdownTable(report.figures)}\n`);
      return report;
    },
  };
}

const formatted = (value: number): string =>
  Number.isInteger(value)
    ? value.toLocaleString('en-US')
    : value.toLocaleString('en-US', { maximumFractionDigits: 2 });

const RATIO_DIRECTION = { throughput: 'higher is better', time: 'lower is better' } as const;

function ratioCell({ ratio, ratioMeaning }: Figure): string {
  if (ratio === undefined) return '';
  return `${ratio.toFixed(2)}×${ratioMeaning ? ` (${ratioMeaning}: ${RATIO_DIRECTION[ratioMeaning]})` : ''}`;
}

/** A target whose verdict is left undefined (too short a run to judge) says so, rather than "not met". */
function verdict({ met }: Figure): string {
  if (met === undefined) return 'not judged';
  return met ? 'met' : '**not met**';
}

export function markdownTable(figures: readonly Figure[]): string {
  const rows = figures.map((figure) => [
    figure.measure,
    `${formatted(figure.value)} ${figure.unit}`,
    figure.runs ? figure.runs.map(formatted).join(', ') : '',
    figure.baseline ? `${figure.baseline.name}: ${formatted(figure.baseline.value)} ${figure.unit}` : '',
    ratioCell(figure),
    figure.target ? `${figure.target}: ${verdict(figure)}` : '',
  ]);
  const header = ['measure', 'median', 'runs', 'baseline', 'ratio', 'target'];
  return [header, header.map(() => '---'), ...rows].map((cells) => `| ${cells.join(' | ')} |`).join('\n');
}
