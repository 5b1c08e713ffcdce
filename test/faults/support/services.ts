/**
 * The fault drills' own PostgreSQL and Redis, on free ports and in a directory of their own, so a
 * drill may kill and restart them without touching the machine's shared services. Both are started
 * from the binaries installed on the machine, with the settings docker-compose.yml gives them.
 */
import { execFile, execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { chownSync, mkdirSync, openSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { Redis } from 'ioredis';
import pg from 'pg';
import { freePort } from '../../../bench/delivery/processes.js';
import { until } from './until.js';

const execFileAsync = promisify(execFile);

/** The newest PostgreSQL installed (Debian keeps each major version under /usr/lib/postgresql). */
function postgresBin(program: string): string {
  const versions = execFileSync('ls', ['/usr/lib/postgresql'], { encoding: 'utf8' })
    .split('\n')
    .filter((version) => /^\d+$/.test(version))
    .sort((a, b) => Number(a) - Number(b));
  const newest = versions.at(-1);
  if (!newest) throw new Error('no PostgreSQL under /usr/lib/postgresql: install postgresql');
  return join('/usr/lib/postgresql', newest, 'bin', program);
}

/** PostgreSQL refuses to run as root: as root, its programs run as the `postgres` user. */
function postgresUser(): { uid: number; gid: number } | undefined {
  if (process.getuid?.() !== 0) return undefined;
  const id = (flag: string): number => Number(execFileSync('id', [flag, 'postgres'], { encoding: 'utf8' }));
  return { uid: id('-u'), gid: id('-g') };
}

/** A PostgreSQL cluster of the drill's own, made with initdb, started and stopped with pg_ctl. */
export class PostgresInstance {
  private constructor(
    readonly port: number,
    private readonly dataDirectory: string,
    private readonly logFile: string,
  ) {}

  /** Makes the cluster in `directory`/postgres (trust authentication, like the machine's) and starts it. */
  static async create(directory: string): Promise<PostgresInstance> {
    const dataDirectory = join(directory, 'postgres');
    mkdirSync(dataDirectory, { recursive: true });
    const owner = postgresUser();
    if (owner) {
      chownSync(directory, owner.uid, owner.gid);
      chownSync(dataDirectory, owner.uid, owner.gid);
    }
    execFileSync(
      postgresBin('initdb'),
      ['-D', dataDirectory, '-U', 'postgres', '--auth=trust', '--encoding=UTF8', '--locale=C', '--no-sync'],
      { stdio: 'ignore', ...owner },
    );
    const instance = new PostgresInstance(await freePort(), dataDirectory, join(directory, 'postgres.log'));
    await instance.start();
    return instance;
  }

  /** The URL of a database of this cluster. */
  url(database = 'postgres'): string {
    return `postgres://postgres@127.0.0.1:${this.port}/${database}`;
  }

  async start(): Promise<void> {
    // The socket directory is the data directory: nothing of the machine's cluster is shared.
    const options = `-p ${this.port} -c listen_addresses=127.0.0.1 -k ${this.dataDirectory} -c max_connections=200`;
    await this.pgCtl('start', '-w', '-t', '60', '-l', this.logFile, '-o', options);
    await until('PostgreSQL', 30_000, () => this.answers());
  }

  /**
   * Stops the cluster. `immediate` is a crash as far as clients can tell: every connection is cut
   * at once and the next start recovers from the write-ahead log.
   */
  stop(mode: 'fast' | 'immediate' = 'fast'): Promise<void> {
    return this.pgCtl('stop', '-w', '-t', '60', '-m', mode);
  }

  async answers(): Promise<boolean> {
    const client = new pg.Client({ connectionString: this.url(), connectionTimeoutMillis: 1000 });
    try {
      await client.connect();
      await client.query('SELECT 1');
      return true;
    } catch {
      return false;
    } finally {
      await client.end().catch(() => undefined);
    }
  }

  /**
   * Runs pg_ctl without blocking: the drill's clients, probes and webhook receiver live in this
   * process and must go on while PostgreSQL starts or recovers.
   */
  private async pgCtl(...args: string[]): Promise<void> {
    await execFileAsync(postgresBin('pg_ctl'), ['-D', this.dataDirectory, ...args], postgresUser() ?? {});
  }
}

/**
 * A redis-server of the drill's own, with docker-compose.yml's persistence: an append-only file
 * (fsync every second) and no eviction. Redis hands each write to the file before it answers (but
 * for a disk whose last fsync still runs), so SIGKILL loses nothing it acknowledged, and a restart
 * in the same directory reloads every queue.
 */
export class RedisInstance {
  private process?: ChildProcess;

  private constructor(
    readonly port: number,
    private readonly directory: string,
  ) {}

  static async create(directory: string): Promise<RedisInstance> {
    const redisDirectory = join(directory, 'redis');
    mkdirSync(redisDirectory, { recursive: true });
    const instance = new RedisInstance(await freePort(), redisDirectory);
    await instance.start();
    return instance;
  }

  get url(): string {
    return `redis://127.0.0.1:${this.port}`;
  }

  async start(): Promise<void> {
    const log = openSync(join(this.directory, 'redis.log'), 'a');
    this.process = spawn(
      'redis-server',
      [
        '--port',
        String(this.port),
        '--bind',
        '127.0.0.1',
        '--dir',
        this.directory,
        '--save',
        '',
        '--appendonly',
        'yes',
        '--appendfsync',
        'everysec',
        '--maxmemory-policy',
        'noeviction',
      ],
      { stdio: ['ignore', log, log] },
    );
    await until('Redis', 30_000, () => this.answers());
  }

  /** Kills the server (SIGKILL unless told otherwise) and waits until the process is gone. */
  async kill(signal: NodeJS.Signals = 'SIGKILL'): Promise<void> {
    const running = this.process;
    if (!running || running.exitCode !== null || running.signalCode !== null) return;
    const exited = new Promise<void>((resolve) => running.once('exit', () => resolve()));
    running.kill(signal);
    await exited;
  }

  async answers(): Promise<boolean> {
    const client = new Redis(this.url, {
      lazyConnect: true,
      maxRetriesPerRequest: 0,
      retryStrategy: () => null,
      connectTimeout: 1000,
    });
    client.on('error', () => undefined);
    try {
      await client.connect();
      return (await client.ping()) === 'PONG';
    } catch {
      return false;
    } finally {
      client.disconnect();
    }
  }
}
