import { readFile } from 'node:fs/promises';
import { GraphQLSchemaHost } from '@nestjs/graphql';
import { lexicographicSortSchema, printSchema } from 'graphql';
import { startTestApi, useTestEnvironment, type TestApi, type TestEnvironment } from './support/test-api.js';

describe('schema.graphql, the published contract', () => {
  let environment: TestEnvironment;
  let api: TestApi;

  beforeAll(async () => {
    environment = await useTestEnvironment();
    api = await startTestApi();
  });

  afterAll(async () => {
    await api?.close();
    await environment?.release();
  });

  it('is what the API serves (regenerate: npm run --silent lintas -- schema)', async () => {
    const served = printSchema(lexicographicSortSchema(api.app.get(GraphQLSchemaHost).schema));
    const committed = await readFile(new URL('../schema.graphql', import.meta.url), 'utf8');
    expect(committed).toBe(served);
  });

  it('keeps the operation names clients are written against', async () => {
    const schema = api.app.get(GraphQLSchemaHost).schema;
    expect(Object.keys(schema.getQueryType()?.getFields() ?? {})).toEqual(
      expect.arrayContaining(['me', 'worker', 'workerByNik', 'workers', 'agencies']),
    );
    expect(Object.keys(schema.getMutationType()?.getFields() ?? {})).toEqual(
      expect.arrayContaining(['login', 'registerWorker', 'updateWorker']),
    );
  });
});
