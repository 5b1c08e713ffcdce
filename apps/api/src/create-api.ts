import 'reflect-metadata';
import { randomUUID } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import { Authenticator } from '#lintas/access';
import { acceptedRequestId, APP_LOGGER, enterRequestContext, NestPinoLogger } from '#lintas/core';
import { QueueProducer } from '#lintas/queue';
import type { Logger } from 'pino';
import { ApiModule } from './api.module.js';
import { mountQueueDashboard } from './queue-dashboard.js';

/**
 * Builds the API (not yet listening), the same way for `main.ts` and the end-to-end tests.
 * Every request gets an id — the caller's X-Request-Id when it is a plain token — that is echoed
 * back, written to each log line and to each audit event.
 */
export async function createApi(): Promise<NestFastifyApplication> {
  const adapter = new FastifyAdapter({
    logger: false,
    genReqId: (request: IncomingMessage) =>
      acceptedRequestId(request.headers['x-request-id']) ?? randomUUID(),
    bodyLimit: 1024 * 1024,
  });
  const app = await NestFactory.create<NestFastifyApplication>(ApiModule, adapter, { bufferLogs: true });
  const logger = app.get<Logger>(APP_LOGGER);
  app.useLogger(new NestPinoLogger(logger));
  const fastify = app.getHttpAdapter().getInstance();
  fastify.addHook('onRequest', async (request, reply) => {
    enterRequestContext(request.id);
    void reply.header('x-request-id', request.id);
  });
  fastify.addHook('onResponse', async (request, reply) => {
    logger.info(
      {
        method: request.method,
        path: request.routeOptions.url,
        status: reply.statusCode,
        ms: Math.round(reply.elapsedTime),
      },
      'request completed',
    );
  });
  await mountQueueDashboard(fastify, app.get(QueueProducer), app.get(Authenticator), logger);
  app.enableShutdownHooks();
  return app;
}
