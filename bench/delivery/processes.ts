/** The processes of the delivery benchmark: the Lintas CLI and worker on Node 22, and the receiver. */
import { execFileSync, fork, spawn, type ChildProcess } from 'node:child_process';
import { openSync, readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import type { ReceiverMessage, ReceiverTally } from './webhook-receiver.js';

/** Node 22, which Lintas ships on: BENCH_NODE, or the binary `.ci/node22` fetches and caches. */
export function node22(): string {
  if (process.env.BENCH_NODE) return process.env.BENCH_NODE;
  const home = execFileSync('bash', [join(process.cwd(), '.ci', 'node22')], {
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'ignore'],
  }).trim();
  return join(home, 'bin', 'node');
}

/** Runs a command of the real CLI (`dist/apps/cli/src/main.js`) and answers what it printed. */
export function lintasCli(env: Record<string, string>, ...args: string[]): string {
  return execFileSync(node22(), [join('dist', 'apps', 'cli', 'src', 'main.js'), ...args], {
    encoding: 'utf8',
    env: { PATH: process.env.PATH ?? '', ...env },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
}

/** A TCP port nobody listens on now, for the worker's health server. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => resolve(typeof address === 'object' && address ? address.port : 0));
    });
  });
}

export interface RunningWorker {
  process: ChildProcess;
  /** CPU time (user + system) the worker has used so far, in ms; null where /proc is not there. */
  cpuMs(): number | null;
  stop(): Promise<void>;
}

/** Clock ticks per second of /proc's times: 100 on every Linux the benchmark runs on. */
const CLOCK_TICKS = 100;

/**
 * CPU time is what the worker costs per delivery whatever else the machine runs; wall time is not
 * (the benchmark shares 2 cores with PostgreSQL, Redis and the receiver).
 */
function cpuMsOf(pid: number | undefined): number | null {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // The command name in parentheses may hold spaces: the fields are counted after it.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return ((Number(fields[11]) + Number(fields[12])) * 1000) / CLOCK_TICKS;
  } catch {
    return null;
  }
}

/**
 * Starts `dist/apps/worker/src/main.js` on Node 22 and waits until its /ready answers 200 (its
 * PostgreSQL and Redis answer). Its log goes to `logFile`.
 */
export async function startWorker(env: Record<string, string>, logFile: string): Promise<RunningWorker> {
  const port = await freePort();
  const log = openSync(logFile, 'w');
  const child = spawn(node22(), [join('dist', 'apps', 'worker', 'src', 'main.js')], {
    env: { PATH: process.env.PATH ?? '', ...env, API_HOST: '127.0.0.1', WORKER_HEALTH_PORT: String(port) },
    stdio: ['ignore', log, log],
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const stop = async (): Promise<void> => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    child.kill('SIGTERM');
    const killed = await Promise.race([exited.then(() => true), sleep(10_000).then(() => false)]);
    if (!killed) child.kill('SIGKILL');
    await exited;
  };
  const deadline = Date.now() + 30_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`the worker exited with ${child.exitCode}: see ${logFile}`);
    const ready = await fetch(`http://127.0.0.1:${port}/ready`).then(
      (response) => response.ok,
      () => false,
    );
    if (ready) return { process: child, cpuMs: () => cpuMsOf(child.pid), stop };
    await sleep(200);
  }
  await stop();
  throw new Error(`the worker was not ready within 30 s: see ${logFile}`);
}

export interface RunningReceiver {
  port: number;
  /** The tally since the last reset; `reset` starts a new one. */
  tally(reset?: boolean): Promise<ReceiverTally>;
  stop(): void;
}

/** Forks the webhook receiver (`webhook-receiver.js`, beside this file) and waits until it listens. */
export async function startReceiver(): Promise<RunningReceiver> {
  const child = fork(new URL('./webhook-receiver.js', import.meta.url), { stdio: 'inherit' });
  // The receiver answers one request at a time, in order: one waiting caller at most.
  let waiting: { resolve: (message: ReceiverMessage) => void; reject: (error: Error) => void } | undefined;
  child.on('message', (message: ReceiverMessage) => waiting?.resolve(message));
  child.on('exit', (code) => waiting?.reject(new Error(`the webhook receiver exited with ${code}`)));
  const next = (): Promise<ReceiverMessage> =>
    new Promise((resolve, reject) => {
      waiting = { resolve, reject };
    });
  const listening = await next();
  if (listening.type !== 'listening') throw new Error('the webhook receiver did not start');
  return {
    port: listening.port,
    async tally(reset = false) {
      const answer = next();
      child.send({ type: 'tally', reset });
      const reply = await answer;
      if (reply.type !== 'tally') throw new Error('the webhook receiver answered out of turn');
      return reply.tally;
    },
    stop() {
      child.disconnect();
    },
  };
}
