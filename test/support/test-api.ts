import { randomBytes } from 'node:crypto';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { getDataSourceToken } from '@nestjs/typeorm';
import { Redis } from 'ioredis';
import request from 'supertest';
import type { DataSource } from 'typeorm';
import { createApi } from '../../apps/api/src/create-api.js';
import { createTestDatabase, type TestDatabase } from './test-database.js';

export interface TestEnvironment {
  database: TestDatabase;
  redisKeyPrefix: string;
  /** Drops the database and deletes every Redis key under the prefix; call it once the apps are closed. */
  release(): Promise<void>;
}

const REDIS_URL = 'redis://127.0.0.1:6379';

/** Deletes every key a test file's queues left under its prefix, a SCAN page at a time. */
async function deleteRedisKeys(prefix: string): Promise<void> {
  const redis = new Redis(REDIS_URL, { lazyConnect: true, maxRetriesPerRequest: 1 });
  await redis.connect();
  try {
    let cursor = '0';
    do {
      const [next, keys] = await redis.scan(cursor, 'MATCH', `${prefix}:*`, 'COUNT', 1000);
      if (keys.length > 0) await redis.unlink(...keys);
      cursor = next;
    } while (cursor !== '0');
  } finally {
    redis.disconnect();
  }
}

/**
 * Points the process's configuration at this test file's own database and Redis key prefix.
 * Nest reads the environment when a module boots, so this runs before any app is created.
 */
export async function useTestEnvironment(overrides: Record<string, string> = {}): Promise<TestEnvironment> {
  const database = await createTestDatabase();
  const redisKeyPrefix = `lintas-test-${randomBytes(4).toString('hex')}`;
  Object.assign(process.env, {
    NODE_ENV: 'test',
    LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? 'silent',
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
    release: async () => {
      await database.drop();
      await deleteRedisKeys(redisKeyPrefix);
    },
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
  const response = await request(app.getHttpServer())
    .post('/graphql')
    .set({ 'content-type': 'application/json', ...headers })
    .send({ query, variables });
  return response.body as GraphqlResponse<T>;
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
