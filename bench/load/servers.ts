/**
 * The servers under load, as child processes of the harness: Lintas's api and worker, the raw
 * Fastify + pg baseline and PostGraphile, all on Node 22 (what Lintas ships on). Every child is
 * killed when the harness exits, whatever the reason, so no server is left holding a port.
 */
import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { setTimeout as sleep } from 'node:timers/promises';

export interface ServerSpec {
  name: string;
  /** The script Node 22 runs, relative to the repository root. */
  script: string;
  env: Record<string, string>;
  port: number;
  /** Ready when this path answers 200; without it, when the server prints `{"listening":PORT}`. */
  readyPath?: string;
}

const running = new Set<ChildProcess>();
let exitHooked = false;

/** Node 22's binary: BENCH_NODE22 (set by bench/run), or what .ci/node22 fetches and caches. */
export function node22Binary(): string {
  const home = process.env.BENCH_NODE22 ?? execFileSync('bash', ['.ci/node22'], { encoding: 'utf8' }).trim();
  const binary = `${home}/bin/node`;
  if (!existsSync(binary)) throw new Error(`no Node 22 at ${binary}`);
  return binary;
}

function killAll(): void {
  for (const child of running) child.kill('SIGKILL');
  running.clear();
}

/** Kills the children on any exit of the harness: normal end, uncaught error, Ctrl-C or SIGTERM. */
function hookExit(): void {
  if (exitHooked) return;
  exitHooked = true;
  process.once('exit', killAll);
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.once(signal, () => {
      killAll();
      process.exit(130);
    });
  }
}

async function portAnswers(port: number): Promise<boolean> {
  try {
    await fetch(`http://127.0.0.1:${port}/`, { signal: AbortSignal.timeout(500) });
    return true;
  } catch {
    return false;
  }
}

export class ServerProcess {
  readonly spawnedAt = performance.now();
  private output = '';
  private exited: string | undefined;

  private constructor(
    readonly spec: ServerSpec,
    private readonly child: ChildProcess,
  ) {
    const keep = (chunk: Buffer): void => {
      // The last few kilobytes, to say why a server did not come up.
      this.output = (this.output + chunk.toString()).slice(-4000);
    };
    child.stdout?.on('data', keep);
    child.stderr?.on('data', keep);
    child.once('exit', (code, signal) => {
      running.delete(child);
      this.exited = `exited (${signal ?? code})`;
    });
  }

  /** Spawns the server; refuses when something already answers on its port (it would be measured instead). */
  static async start(spec: ServerSpec, node = node22Binary()): Promise<ServerProcess> {
    if (await portAnswers(spec.port)) throw new Error(`${spec.name}: port ${spec.port} is already in use`);
    hookExit();
    const child = spawn(node, [spec.script], {
      env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', ...spec.env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    running.add(child);
    return new ServerProcess(spec, child);
  }

  get pid(): number {
    if (this.child.pid === undefined) throw new Error(`${this.spec.name} has no pid`);
    return this.child.pid;
  }

  get url(): string {
    return `http://127.0.0.1:${this.spec.port}`;
  }

  /** Milliseconds from spawn until the server is ready. */
  async ready(timeoutMs = 60_000): Promise<number> {
    const deadline = this.spawnedAt + timeoutMs;
    while (performance.now() < deadline) {
      if (this.exited)
        throw new Error(`${this.spec.name} ${this.exited} before it was ready:\n${this.output}`);
      if (await this.answersReady()) return performance.now() - this.spawnedAt;
      await sleep(10);
    }
    throw new Error(`${this.spec.name} not ready after ${timeoutMs} ms:\n${this.output}`);
  }

  private async answersReady(): Promise<boolean> {
    if (!this.spec.readyPath) return this.output.includes(`{"listening":${this.spec.port}}`);
    try {
      const response = await fetch(`${this.url}${this.spec.readyPath}`, {
        signal: AbortSignal.timeout(1000),
      });
      await response.arrayBuffer();
      return response.ok;
    } catch {
      return false;
    }
  }

  /** Resident set size now, from /proc/<pid>/status (VmRSS), in MiB. */
  rssMiB(): number {
    const status = readFileSync(`/proc/${this.pid}/status`, 'utf8');
    const kilobytes = /^VmRSS:\s+(\d+) kB$/m.exec(status)?.[1];
    if (kilobytes === undefined) throw new Error(`${this.spec.name}: no VmRSS in /proc/${this.pid}/status`);
    return Number(kilobytes) / 1024;
  }

  /** SIGTERM, then SIGKILL if it has not exited within 5 s. */
  async stop(): Promise<void> {
    if (this.exited) return;
    const exited = new Promise<void>((resolve) => this.child.once('exit', () => resolve()));
    this.child.kill('SIGTERM');
    const killed = await Promise.race([exited.then(() => true), sleep(5000).then(() => false)]);
    if (!killed) {
      this.child.kill('SIGKILL');
      await exited;
    }
  }
}

export async function stopAll(servers: readonly ServerProcess[]): Promise<void> {
  await Promise.all(servers.map((server) => server.stop()));
}
