import { randomUUID } from 'node:crypto';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import request from 'supertest';
import type { GraphqlResponse } from '../test-api.js';
import type { RecordedStatement, StatementRecorder } from './statement-recorder.js';

/** What one request answered, and every statement the API sent for it. */
export interface CountedRequest<T> {
  response: GraphqlResponse<T>;
  statements: RecordedStatement[];
}

/**
 * Sends an operation with its own X-Request-Id, which the API keeps in the async context of
 * everything it does for the request: the recorder's statements with that id are exactly its own.
 */
export async function countStatements<T = Record<string, unknown>>(
  app: NestFastifyApplication,
  recorder: StatementRecorder,
  headers: Record<string, string>,
  query: string,
  variables: Record<string, unknown>,
): Promise<CountedRequest<T>> {
  const requestId = `qd-${randomUUID()}`;
  const response = await request(app.getHttpServer())
    .post('/graphql')
    .set({ 'content-type': 'application/json', 'x-request-id': requestId, ...headers })
    .send({ query, variables });
  return { response: response.body as GraphqlResponse<T>, statements: recorder.of(requestId) };
}
