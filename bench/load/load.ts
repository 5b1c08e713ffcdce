/**
 * The load scenarios (issue 8, item 2): each Lintas scenario and its baselines run alternately —
 * Lintas first on even runs, last on odd ones, so a drift of the machine falls on both — after a
 * warm-up of each server, and the medians of the runs are reported with the ratio to the baseline.
 */
import { loadavg } from 'node:os';
import { setTimeout as sleep } from 'node:timers/promises';
import { type Figure, median } from '../lib/report.js';
import { drive, type Measurement, type RequestSource } from './drive.js';
import { type Fixtures, releaseRegistrationPool } from './fixtures.js';
import { POSTGRAPHILE_PAGE } from './lineup.js';
import type { LoadOptions } from './options.js';
import {
  lintasSources,
  logIn,
  postgraphileSource,
  rawSources,
  type RegistrationPool,
  type LintasSources,
} from './scenarios.js';
import type { ServerProcess } from './servers.js';

export interface Targets {
  api: ServerProcess;
  raw?: ServerProcess;
  postgraphile?: ServerProcess;
}

interface Contender {
  name: string;
  url: string;
  source: (officer: Record<string, string>) => RequestSource;
}

interface Scenario {
  name: string;
  contenders: Contender[];
  registers: boolean;
  overallRate?: number;
  /** Throughput target against the contender at this index (Lintas ≥ factor × that baseline). */
  throughputTargets: { against: number; factor: number }[];
  p99TargetMs?: number;
}

export interface RunContext {
  options: LoadOptions;
  fixtures: Fixtures;
  pool: RegistrationPool;
  /** Load averages seen at the start of each measured run. */
  loads: number[];
}

/** How long a run's last requests may take to finish after it stops. */
const STRAGGLERS_MS = 2000;
/** A fixed-rate latency counts only when the server kept up with the rate asked (to 2 %). */
const RATE_KEPT = 0.98;

const fixed = (value: number, digits = 1): number => Number(value.toFixed(digits));

async function measureOnce(
  context: RunContext,
  scenario: Scenario,
  contender: Contender,
  durationSeconds: number,
): Promise<Measurement> {
  const officer = await logIn(scenario.contenders[0].url, context.fixtures);
  const measurement = await drive(contender.url, contender.source(officer), {
    durationSeconds,
    connections: context.options.connections,
    overallRate: scenario.overallRate,
  });
  if (scenario.registers) {
    if (context.pool.reused > 0) measurement.errorKinds['registration pool exhausted'] = context.pool.reused;
    // Requests still in flight when the run stopped commit now; the next run's cursor is past them.
    await sleep(STRAGGLERS_MS);
    await releaseRegistrationPool(context.options.database, context.fixtures.registrationPool);
    context.pool.release();
  }
  return measurement;
}

async function runScenario(context: RunContext, scenario: Scenario): Promise<Measurement[][]> {
  const { options } = context;
  for (const contender of scenario.contenders) {
    await measureOnce(context, scenario, contender, options.warmupSeconds);
  }
  const runs: Measurement[][] = scenario.contenders.map(() => []);
  for (let run = 0; run < options.runs; run += 1) {
    const order = scenario.contenders.map((_, index) => index);
    if (run % 2 === 1) order.reverse();
    for (const index of order) {
      context.loads.push(loadavg()[0]);
      const measurement = await measureOnce(
        context,
        scenario,
        scenario.contenders[index],
        options.durationSeconds,
      );
      runs[index].push(measurement);
      process.stderr.write(
        `${scenario.name} · ${scenario.contenders[index].name} · run ${run + 1}: ${measurement.requestsPerSecond.toFixed(0)} req/s, ` +
          `p99 ${measurement.p99.toFixed(1)} ms, ${measurement.errors} errors, harness CPU ${measurement.harnessCpuPercent.toFixed(0)} %\n`,
      );
    }
  }
  return runs;
}

function errorNote(runs: readonly Measurement[]): string | undefined {
  const kinds: Record<string, number> = {};
  for (const run of runs) {
    for (const [kind, times] of Object.entries(run.errorKinds)) kinds[kind] = (kinds[kind] ?? 0) + times;
  }
  const total = runs.reduce((sum, run) => sum + run.errors, 0);
  if (total === 0 && Object.keys(kinds).length === 0) return undefined;
  return `FAILED: ${total} errors (${Object.entries(kinds)
    .map(([kind, times]) => `${kind}: ${times}`)
    .join(', ')})`;
}

const harnessNote = (runs: readonly Measurement[]): string =>
  `harness CPU up to ${Math.max(...runs.map((run) => run.harnessCpuPercent)).toFixed(0)} % of a core`;

/**
 * The p99 target holds only without errors and, at a fixed rate, only when the server answered
 * at least 98 % of the rate asked: a server that falls behind serves fewer requests, not faster ones.
 */
function p99Verdict(
  targetMs: number,
  p99: number,
  errorFree: boolean,
  rate: number | undefined,
  achieved: number,
): Pick<Figure, 'target' | 'met' | 'note'> {
  if (rate === undefined) return { target: `< ${targetMs} ms`, met: p99 < targetMs && errorFree };
  const kept = achieved >= RATE_KEPT * rate;
  return {
    target: `< ${targetMs} ms at ≥ ${RATE_KEPT * 100} % of ${rate} req/s`,
    met: p99 < targetMs && errorFree && kept,
    note: `achieved ${fixed(achieved)} successful req/s of ${rate} asked (median)${kept ? '' : ': the rate was not kept'}`,
  };
}

/** Figures of one scenario: Lintas's throughput (with each ratio) and latencies, the baselines' own. */
function figures(scenario: Scenario, runs: Measurement[][], connections: number): Figure[] {
  const setting = scenario.overallRate ? `at ${scenario.overallRate} req/s` : `c=${connections}`;
  const throughput = (index: number): number[] => runs[index].map((run) => fixed(run.requestsPerSecond));
  const [lintas, ...baselines] = scenario.contenders;
  const lintasRuns = runs[0];
  const lintasFailed = errorNote(lintasRuns);
  const result: Figure[] = [];
  const ratioFigure = (against: number | undefined, factor: number | undefined): Figure => {
    const value = median(throughput(0));
    const figure: Figure = {
      measure: `${scenario.name}, ${setting}: ${lintas.name} throughput`,
      value: fixed(value),
      unit: 'req/s',
      runs: throughput(0),
      note: [lintasFailed, harnessNote(lintasRuns)].filter(Boolean).join('; '),
    };
    if (against === undefined) return figure;
    const { name } = scenario.contenders[against];
    const baseline = median(throughput(against));
    const ratio = value / baseline;
    // A ratio over a run with errors compares a different amount of work: no verdict on it.
    const failing = [lintasFailed && lintas.name, errorNote(runs[against]) && name].filter(Boolean);
    const invalid = failing.length > 0 ? `ratio invalid: errors in ${failing.join(' and ')}` : undefined;
    return {
      ...figure,
      measure: `${figure.measure} vs ${name}`,
      baseline: { name, value: fixed(baseline) },
      ratio,
      ratioMeaning: 'throughput',
      note: [invalid, figure.note].filter(Boolean).join('; '),
      ...(factor === undefined
        ? {}
        : { target: `≥ ${factor}× ${name}`, met: ratio >= factor && invalid === undefined }),
    };
  };
  if (baselines.length === 0) result.push(ratioFigure(undefined, undefined));
  for (let index = 1; index < scenario.contenders.length; index += 1) {
    const target = scenario.throughputTargets.find((candidate) => candidate.against === index);
    result.push(ratioFigure(index, target?.factor));
  }
  for (const [label, of] of [
    ['p50', (run: Measurement) => run.p50],
    ['p95', (run: Measurement) => run.p95],
    ['p99', (run: Measurement) => run.p99],
  ] as const) {
    const values = lintasRuns.map((run) => fixed(of(run), 2));
    const firstBaseline = runs[1];
    const figure: Figure = {
      measure: `${scenario.name}, ${setting}: ${lintas.name} ${label} latency`,
      value: fixed(median(values), 2),
      unit: 'ms',
      runs: values,
      ...(firstBaseline
        ? { baseline: { name: scenario.contenders[1].name, value: fixed(median(firstBaseline.map(of)), 2) } }
        : {}),
    };
    if (label === 'p99' && scenario.p99TargetMs !== undefined) {
      Object.assign(
        figure,
        p99Verdict(
          scenario.p99TargetMs,
          figure.value,
          !lintasFailed,
          scenario.overallRate,
          median(throughput(0)),
        ),
      );
    }
    result.push(figure);
  }
  scenario.contenders.forEach((contender, index) => {
    const total = runs[index].reduce((sum, run) => sum + run.errors, 0);
    const failed = errorNote(runs[index]);
    if (!failed) return;
    // A scenario with errors fails in the table, where a note alone would go unseen.
    result.push({
      measure: `${scenario.name}, ${setting}: ${contender.name} errors over ${runs[index].length} runs`,
      value: total,
      unit: 'errors',
      target: 'none',
      met: false,
      note: failed,
    });
  });
  baselines.forEach((baseline, offset) => {
    const index = offset + 1;
    result.push({
      measure: `${scenario.name}, ${setting}: ${baseline.name} throughput (baseline)`,
      value: fixed(median(throughput(index))),
      unit: 'req/s',
      runs: throughput(index),
      note: [errorNote(runs[index]), harnessNote(runs[index])].filter(Boolean).join('; '),
    });
  });
  return result;
}

function scenarios(context: RunContext, targets: Targets): Scenario[] {
  const { fixtures, pool, options } = context;
  const lintas = (pick: keyof LintasSources): Contender => ({
    name: 'Lintas',
    url: targets.api.url,
    source: (officer) => lintasSources(fixtures, officer, pool)[pick],
  });
  const raw = (pick: 'registerPlacement' | 'placementsPage'): Contender[] =>
    targets.raw
      ? [
          {
            name: 'raw Fastify + pg',
            url: targets.raw.url,
            source: (officer) => rawSources(fixtures, officer, pool)[pick],
          },
        ]
      : [];
  const postgraphile: Contender[] = targets.postgraphile
    ? [
        {
          name: 'PostGraphile',
          url: targets.postgraphile.url,
          source: () => postgraphileSource(POSTGRAPHILE_PAGE, fixtures),
        },
      ]
    : [];
  const page = [lintas('placementsPage'), ...raw('placementsPage'), ...postgraphile];
  return [
    {
      name: 'registerPlacement',
      contenders: [lintas('registerPlacement'), ...raw('registerPlacement')],
      registers: true,
      throughputTargets: targets.raw ? [{ against: 1, factor: 0.5 }] : [],
    },
    {
      name: 'registerPlacement (fixed rate)',
      contenders: [lintas('registerPlacement')],
      registers: true,
      overallRate: options.fixedRate,
      throughputTargets: [],
      p99TargetMs: 50,
    },
    {
      name: 'placements(first: 50) page',
      contenders: page,
      registers: false,
      throughputTargets: targets.postgraphile ? [{ against: page.length - 1, factor: 1 }] : [],
    },
    {
      name: 'worker(id) with timeline',
      contenders: [lintas('workerTimeline')],
      registers: false,
      throughputTargets: [],
    },
    {
      name: 'recordWelfareContact',
      contenders: [lintas('recordWelfareContact')],
      registers: false,
      throughputTargets: [],
    },
    { name: 'mixed officer/partner', contenders: [lintas('mixed')], registers: true, throughputTargets: [] },
  ];
}

export async function runLoad(context: RunContext, targets: Targets): Promise<Figure[]> {
  const chosen = scenarios(context, targets).filter(
    (scenario) =>
      context.options.scenarios.length === 0 ||
      context.options.scenarios.some((name) => scenario.name.startsWith(name)),
  );
  const result: Figure[] = [];
  await releaseRegistrationPool(context.options.database, context.fixtures.registrationPool);
  for (const scenario of chosen) {
    result.push(...figures(scenario, await runScenario(context, scenario), context.options.connections));
  }
  return result;
}
