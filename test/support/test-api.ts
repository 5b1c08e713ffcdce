import { randomBytes } from 'node:crypto';
import { rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { getDataSourceToken } from '@nestjs/typeorm';
import request from 'supertest';
import type { DataSource } from 'typeorm';
import { createApi } from '../../apps/api/src/create-api.js';
import { describeFindings, PiiLedger, scanLogFile } from './log-scan.js';
import { createTestDatabase, type TestDatabase } from './test-database.js';
import { deleteRedisKeys, REDIS_URL } from './test-redis.js';

export interface TestEnvironment {
  database: TestDatabase;
  redisKeyPrefix: string;
  /** Where this environment's apps (API, worker, CLI) write their JSON log lines, at level debug. */
  logFile: string;
  /**
   * Drops the database and deletes every Redis key under the prefix; call it once the apps are
   * closed. Fails when the log file holds a NIK, passport or phone number the test file used.
   */
  release(): Promise<void>;
}

/**
 * Every NIK, passport and phone number this test file has sent to the API or read from it, as
 * `graphql()` records them: one ledger per file, since jest loads this module afresh for each.
 */
const pii = new PiiLedger();

/**
 * Points the process's configuration at this test file's own database and Redis key prefix.
 * Nest reads the environment when a module boots, so this runs before any app is created.
 */
export async function useTestEnvironment(overrides: Record<string, string> = {}): Promise<TestEnvironment> {
  const database = await createTestDatabase();
  const redisKeyPrefix = `lintas-test-${randomBytes(4).toString('hex')}`;
  const logFile = join(tmpdir(), 'lintas-test-logs', `${database.name}.log`);
  Object.assign(process.env, {
    NODE_ENV: 'test',
    LOG_LEVEL: 'debug',
    LOG_FILE: logFile,
    DATABASE_URL: database.url,
    DATABASE_POOL_SIZE: '4',
    REDIS_URL,
    REDIS_KEY_PREFIX: redisKeyPrefix,
    JWT_SECRET: 'test-secret-that-is-long-enough-for-hs256-tokens',
    WORKER_HEALTH_PORT: '0',
    ...overrides,
  });
  return {
    database,
    redisKeyPrefix,
    logFile,
    release: async () => {
      const findings = await scanLogFile(logFile, pii).finally(async () => {
        await database.drop();
        await deleteRedisKeys(redisKeyPrefix);
      });
      // A clean log is deleted; one holding PII is kept for the developer to see where it came from.
      if (findings.length > 0) throw new Error(describeFindings(findings, logFile));
      await rm(logFile, { force: true });
    },
  };
}

/** What a production API needs of its own (production refuses the published development secrets). */
export function productionSettings(): Record<string, string> {
  return {
    NODE_ENV: 'production',
    JWT_SECRET: randomBytes(32).toString('base64'),
    PII_KEYS: `production-1:${randomBytes(32).toString('base64')}`,
    PII_INDEX_KEY: randomBytes(32).toString('base64'),
    CORS_ORIGINS: '',
    TRUST_PROXY: 'false',
  };
}

export interface TestApi {
  app: NestFastifyApplication;
  dataSource: DataSource;
  close(): Promise<void>;
}

export async function startTestApi(): Promise<TestApi> {
  const app = await createApi();
  await app.init();
  await app.getHttpAdapter().getInstance().ready();
  return { app, dataSource: app.get<DataSource>(getDataSourceToken()), close: () => app.close() };
}

export interface GraphqlResponse<T> {
  data?: T | null;
  errors?: {
    message: string;
    path?: string[];
    extensions: { code: string; fields?: { path: string; message: string }[]; [key: string]: unknown };
  }[];
}

/** Sends an operation the way clients must: a fixed query text with variables. */
export async function graphql<T = Record<string, unknown>>(
  app: NestFastifyApplication,
  query: string,
  variables: Record<string, unknown> = {},
  headers: Record<string, string> = {},
): Promise<GraphqlResponse<T>> {
  pii.record(variables);
  const response = await request(app.getHttpServer())
    .post('/graphql')
    .set({ 'content-type': 'application/json', ...headers })
    .send({ query, variables });
  const body = response.body as GraphqlResponse<T>;
  pii.record(body.data);
  return body;
}

export const bearer = (token: string): Record<string, string> => ({ authorization: `Bearer ${token}` });

export const LOGIN = `mutation Login($username: String!, $password: String!) {
  login(username: $username, password: $password) { accessToken }
}`;

/** Logs a user in over GraphQL and returns the access token. */
export async function loginAs(
  app: NestFastifyApplication,
  user: { username: string; password: string },
): Promise<string> {
  const response = await graphql<{ login: { accessToken: string } }>(app, LOGIN, {
    username: user.username,
    password: user.password,
  });
  const token = response.data?.login.accessToken;
  if (!token) throw new Error(`login failed: ${JSON.stringify(response.errors)}`);
  return token;
}

const REGISTER_WORKER = `mutation Register($input: RegisterWorkerInput!) { registerWorker(input: $input) { id } }`;

/** Registers a worker and returns its id; fails the test if the API refuses. */
export async function registerWorker(
  app: NestFastifyApplication,
  headers: Record<string, string>,
  input: Record<string, unknown>,
): Promise<string> {
  const response = await graphql<{ registerWorker: { id: string } }>(
    app,
    REGISTER_WORKER,
    { input },
    headers,
  );
  const id = response.data?.registerWorker.id;
  if (!id) throw new Error(`registerWorker failed: ${JSON.stringify(response.errors)}`);
  return id;
}
