/**
 * Everything one console suite file runs on: a database of its own on the machine's PostgreSQL
 * (migrated by the CLI), a Redis key prefix of its own, and the built api (serving the built
 * console, same origin) and worker as processes. Agencies and users are made with the CLI, as an
 * installation makes them; `close()` stops the apps, drops the database and deletes the keys,
 * whatever happened before it.
 */
import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { LintasProcess } from '../../faults/support/lintas-process.js';
import { POSTGRES_URL, withAdminClient } from '../../support/test-database.js';
import { deleteRedisKeys, REDIS_URL } from '../../support/test-redis.js';

const execFileAsync = promisify(execFile);

/** Wrong passwords that lock a username: few, so the login test stays short. */
export const LOGIN_MAX_FAILURES = 3;

/**
 * How long a file's stage may take to start (or stop): about 30 s on an idle CI machine, far
 * longer on a busy one; the tests' own steps have the config's testTimeout.
 */
export const STAGE_START_TIMEOUT = 300_000;

/** Kalimantan Selatan, the province of the suite's BP3MI office, and Kota Banjarbaru in it. */
export const PROVINCE = '63';
export const REGENCY = '6372';

export interface User {
  username: string;
  password: string;
}

export interface StageUsers {
  /** An OFFICER of BP3MI Kalimantan Selatan. */
  officer: User;
  /** A CASE_HANDLER of the same office: it receives the province's NON_PROCEDURAL_DEPARTURE alerts. */
  caseHandler: User;
  /** Another officer of the office, for the login test's wrong passwords and lockout. */
  lockable: User;
}

export interface GraphqlAnswer<T> {
  data?: T | null;
  errors?: { message: string; extensions?: Record<string, unknown> }[];
}

const say = (line: string): void => {
  process.stdout.write(`${line}\n`);
};

export class ConsoleStage {
  readonly directory: string;
  readonly database: string;
  readonly redisKeyPrefix: string;
  private readonly env: Record<string, string>;
  /** What undoes each step taken so far, the last step's first. */
  private readonly stops: (() => Promise<void>)[] = [];
  private closed = false;
  private running?: { api: LintasProcess; users: StageUsers; url: string };

  /**
   * A stage for one test file: nothing is made until `start()`. `worker`: whether the worker runs
   * too (it raises the alerts); a file that needs no alert leaves the machine's cores to the others.
   */
  constructor(
    readonly name: string,
    private readonly options: { worker: boolean } = { worker: true },
  ) {
    const run = randomBytes(5).toString('hex');
    this.database = `lintas_console_${run}`;
    this.redisKeyPrefix = `lintas-console-${run}`;
    this.directory = mkdtempSync(join(tmpdir(), `lintas-console-${name}-`));
    this.env = {
      NODE_ENV: 'test',
      LOG_LEVEL: 'info',
      DATABASE_URL: `${POSTGRES_URL}/${this.database}`,
      DATABASE_POOL_SIZE: '5',
      REDIS_URL,
      REDIS_KEY_PREFIX: this.redisKeyPrefix,
      JWT_SECRET: `console-suite-secret-${run}-long-enough-for-hs256`,
      OUTBOX_RELAY_INTERVAL_MS: '200',
      LOGIN_MAX_FAILURES: String(LOGIN_MAX_FAILURES),
      CONSOLE_DIR: join(process.cwd(), 'dist', 'console'),
      PUBLIC_URL: 'https://lintas.example.org',
    };
  }

  /**
   * Creates the database, migrates it, makes the agencies and users, and starts the apps. Each
   * step registers its undoing first, so `close()` — even one that comes while this still runs,
   * as when a hook times out — undoes whatever was made.
   */
  async start(): Promise<void> {
    const { env, database, redisKeyPrefix } = this;
    this.stops.push(() => deleteRedisKeys(redisKeyPrefix));
    this.stops.push(() =>
      withAdminClient((client) => client.query(`DROP DATABASE IF EXISTS ${database} WITH (FORCE)`)).then(
        () => undefined,
      ),
    );
    try {
      await withAdminClient((client) => client.query(`CREATE DATABASE ${database}`));
      await this.unlessClosed();
      await lintasCli(env, ['migrate']);
      await this.unlessClosed();
      const users = await createUsers(env);
      await this.unlessClosed();
      const api = await LintasProcess.prepare('api', env, this.directory);
      const worker = this.options.worker
        ? await LintasProcess.prepare('worker', env, this.directory)
        : undefined;
      this.stops.push(() => api.stop(10_000).then(() => undefined));
      if (worker) this.stops.push(() => worker.stop(10_000).then(() => undefined));
      await Promise.all([api.start(), worker?.start()]);
      await this.unlessClosed();
      if (!(await servesConsole(api.url)))
        throw new Error(
          `the api does not serve the console at / (CONSOLE_DIR=${env.CONSOLE_DIR}): run \`npm run build\` first; see ${this.directory}`,
        );
      this.running = { api, users, url: api.url };
    } catch (error) {
      await this.close(true).catch(() => undefined);
      throw error;
    }
  }

  /** The console's address: the api's own, which serves it with /graphql beside it. */
  get url(): string {
    return this.started().url;
  }

  get users(): StageUsers {
    return this.started().users;
  }

  get apiUrl(): string {
    return this.started().api.url;
  }

  /** Logs `user` in over GraphQL and answers a client that sends its token. */
  async client(user: User): Promise<StageClient> {
    const client = new StageClient(this.apiUrl);
    const { login } = await client.expect<{ login: { accessToken: string } }>(
      'mutation ConsoleSuiteLogin($u: String!, $p: String!) { login(username: $u, password: $p) { accessToken } }',
      { u: user.username, p: user.password },
    );
    client.token = login.accessToken;
    return client;
  }

  /**
   * Stops the apps, drops the database and deletes the Redis keys; the api and worker logs are
   * kept when `failed`. Every step runs even when one fails.
   */
  async close(failed = false): Promise<void> {
    const first = !this.closed;
    this.closed = true;
    await undo(this.stops.splice(0).reverse());
    if (!first) return;
    if (failed) say(`[console] ${this.name}: api and worker logs kept in ${this.directory}`);
    else rmSync(this.directory, { recursive: true, force: true });
  }

  private started(): NonNullable<ConsoleStage['running']> {
    if (!this.running) throw new Error(`the ${this.name} stage has not started`);
    return this.running;
  }

  /** After a step: when the stage was closed meanwhile, undoes that step too and stops starting. */
  private async unlessClosed(): Promise<void> {
    if (!this.closed) return;
    await undo(this.stops.splice(0).reverse());
    throw new Error(`the ${this.name} stage was closed while it started`);
  }
}

/** True when the api answers `/` with the built console's page. */
async function servesConsole(url: string): Promise<boolean> {
  const response = await fetch(url, { signal: AbortSignal.timeout(5000) }).catch(() => undefined);
  return response?.ok === true && (await response.text()).includes('<div id="root"');
}

/** Runs every step even when one fails, then throws the first failure. */
async function undo(stops: (() => Promise<void>)[]): Promise<void> {
  const failures: unknown[] = [];
  for (const stop of stops) await stop().catch((error: unknown) => failures.push(error));
  if (failures.length > 0) throw failures[0];
}

/** The built CLI, as an administrator runs it; answers its JSON output. */
async function lintasCli(
  env: Record<string, string>,
  args: string[],
  password?: string,
): Promise<Record<string, unknown>> {
  const { stdout } = await execFileAsync(
    process.execPath,
    [join('dist', 'apps', 'cli', 'src', 'main.js'), ...args],
    {
      env: { PATH: process.env.PATH ?? '', ...env, ...(password ? { LINTAS_PASSWORD: password } : {}) },
    },
  );
  const text = stdout.trim();
  return text.startsWith('{') ? (JSON.parse(text) as Record<string, unknown>) : {};
}

/** BP3MI Kalimantan Selatan with its officer, its case handler and an officer to lock out. */
async function createUsers(env: Record<string, string>): Promise<StageUsers> {
  await lintasCli(env, [
    'create-agency',
    '--code',
    'bp3mi-kalsel',
    '--name',
    'BP3MI Kalimantan Selatan',
    '--kind',
    'BP3MI',
    '--provinces',
    PROVINCE,
  ]);
  const user = async (username: string, name: string, roles: string): Promise<User> => {
    const password = `pw-${randomBytes(9).toString('base64url')}`;
    await lintasCli(
      env,
      ['create-user', '--username', username, '--name', name, '--agency', 'bp3mi-kalsel', '--roles', roles],
      password,
    );
    return { username, password };
  };
  const [officer, caseHandler, lockable] = await Promise.all([
    user('siti', 'Siti Rahmawati', 'OFFICER'),
    user('rahmat', 'Rahmat Hidayat', 'CASE_HANDLER'),
    user('dewi', 'Dewi Lestari', 'OFFICER'),
  ]);
  return { officer, caseHandler, lockable };
}

/** GraphQL over HTTP with a user's token: how the suite sets up what a test does not do in the browser. */
export class StageClient {
  token = '';

  constructor(private readonly url: string) {}

  async send<T>(query: string, variables: Record<string, unknown>): Promise<GraphqlAnswer<T>> {
    const response = await fetch(`${this.url}/graphql`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        ...(this.token ? { authorization: `Bearer ${this.token}` } : {}),
      },
      body: JSON.stringify({ query, variables }),
      signal: AbortSignal.timeout(30_000),
    });
    return (await response.json()) as GraphqlAnswer<T>;
  }

  async expect<T>(query: string, variables: Record<string, unknown>): Promise<T> {
    const answer = await this.send<T>(query, variables);
    if (answer.errors?.length || !answer.data) throw new Error(JSON.stringify(answer.errors));
    return answer.data;
  }
}

/**
 * `it`, remembering whether a test failed, so that `stage.close(suite.failed)` keeps the api and
 * worker logs of a failed run.
 */
export function failureTracker(): {
  it: (name: string, body: () => Promise<void>) => void;
  failed: () => boolean;
} {
  let failed = false;
  return {
    it: (name, body) =>
      it(name, async () => {
        try {
          await body();
        } catch (error) {
          failed = true;
          throw error;
        }
      }),
    failed: () => failed,
  };
}
