import 'reflect-metadata';
import type { Server } from 'node:http';
import { NestFactory } from '@nestjs/core';
import type { INestApplicationContext } from '@nestjs/common';
import { getDataSourceToken } from '@nestjs/typeorm';
import { AlertSweepScheduler } from '#lintas/alerts';
import { APP_LOGGER, LintasConfig, NestPinoLogger } from '#lintas/core';
import { JobWorkers, OutboxRelay, QueueProducer } from '#lintas/queue';
import type { Logger } from 'pino';
import type { DataSource } from 'typeorm';
import { startHealthServer } from './health-server.js';
import { WorkerModule } from './worker.module.js';

export interface RunningWorker {
  context: INestApplicationContext;
  health: Server;
  close(): Promise<void>;
}

/** Boots the worker: checks every queue has one handler, starts processors, relay, sweep schedulers and health. */
export async function startWorker(): Promise<RunningWorker> {
  const context = await NestFactory.createApplicationContext(WorkerModule, { bufferLogs: true });
  const logger = context.get<Logger>(APP_LOGGER);
  context.useLogger(new NestPinoLogger(logger));
  const config = context.get(LintasConfig);
  const dataSource = context.get<DataSource>(getDataSourceToken());
  const producer = context.get(QueueProducer);
  context.get(JobWorkers).start();
  context.get(OutboxRelay).start();
  await context.get(AlertSweepScheduler).start();
  const health = await startHealthServer(config.WORKER_HEALTH_PORT, config.API_HOST, async () => ({
    postgres: await dataSource.query('SELECT 1').then(
      () => true,
      () => false,
    ),
    redis: await producer.ping(),
  }));
  logger.info({ healthPort: config.WORKER_HEALTH_PORT }, 'worker started');
  return {
    context,
    health,
    close: async () => {
      health.close();
      await context.close();
    },
  };
}
