/**
 * The api and the worker as the drills run them: the built apps (`dist/`, made by
 * `npm run test:faults`) in processes of their own, so a drill can send them SIGKILL or SIGTERM
 * and start them again. Each writes its JSON log to a file of the drill's directory.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { openSync } from 'node:fs';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { freePort } from '../../../bench/delivery/processes.js';

export type LintasApp = 'api' | 'worker';

export class LintasProcess {
  private process?: ChildProcess;
  private exited?: Promise<void>;
  private starts = 0;

  private constructor(
    readonly app: LintasApp,
    /** The api's HTTP port, or the worker's health port. */
    readonly port: number,
    private readonly env: Record<string, string>,
    private readonly directory: string,
  ) {}

  /** The app with `env` (its DATABASE_URL, REDIS_URL, …), on a free port, not started yet. */
  static async prepare(
    app: LintasApp,
    env: Record<string, string>,
    directory: string,
  ): Promise<LintasProcess> {
    return new LintasProcess(app, await freePort(), env, directory);
  }

  /** Prepares the app and starts it. */
  static async start(app: LintasApp, env: Record<string, string>, directory: string): Promise<LintasProcess> {
    const lintas = await LintasProcess.prepare(app, env, directory);
    await lintas.start();
    return lintas;
  }

  get url(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  get running(): boolean {
    return this.process !== undefined && this.process.exitCode === null && this.process.signalCode === null;
  }

  /** Where this start's log goes: each start writes a file of its own. */
  get logFile(): string {
    return join(this.directory, `${this.app}-${this.starts}.log`);
  }

  /** Starts the process (again, after a kill) and waits until /ready answers 200. */
  async start(): Promise<void> {
    this.starts += 1;
    const log = openSync(this.logFile, 'w');
    const portVariable = this.app === 'api' ? 'API_PORT' : 'WORKER_HEALTH_PORT';
    const child = spawn(process.execPath, [join('dist', 'apps', this.app, 'src', 'main.js')], {
      env: {
        PATH: process.env.PATH ?? '',
        ...this.env,
        API_HOST: '127.0.0.1',
        [portVariable]: String(this.port),
      },
      stdio: ['ignore', log, log],
    });
    this.process = child;
    this.exited = new Promise((resolve) => child.once('exit', () => resolve()));
    const deadline = Date.now() + 60_000;
    while (!(await this.ready())) {
      if (!this.running) throw new Error(`the ${this.app} exited at start: see ${this.logFile}`);
      if (Date.now() > deadline)
        throw new Error(`the ${this.app} was not ready within 60 s: see ${this.logFile}`);
      await sleep(200);
    }
  }

  /** True when /ready answers 200: the app's PostgreSQL and Redis both answer. */
  ready(): Promise<boolean> {
    return fetch(`${this.url}/ready`, { signal: AbortSignal.timeout(5000) }).then(
      (response) => response.ok,
      () => false,
    );
  }

  /** Sends `signal` and answers once the process has exited. */
  async kill(signal: NodeJS.Signals): Promise<void> {
    if (!this.running) return;
    this.process?.kill(signal);
    await this.exited;
  }

  /** SIGTERM, then SIGKILL if it has not exited within `graceMs`; answers whether it exited by itself. */
  async stop(graceMs = 30_000): Promise<boolean> {
    if (!this.running) return true;
    this.process?.kill('SIGTERM');
    const exited = await Promise.race([this.exited?.then(() => true), sleep(graceMs, false, { ref: false })]);
    if (!exited) await this.kill('SIGKILL');
    return exited === true;
  }

  /** The exit code, or null while it runs or when a signal ended it. */
  get exitCode(): number | null {
    return this.process?.exitCode ?? null;
  }
}
