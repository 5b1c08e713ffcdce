import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AccessModule } from '#lintas/access';
import { AuditModule } from '#lintas/audit';
import { ConfigModule, LintasConfig, LoggingModule } from '#lintas/core';
import { DatabaseModule } from '#lintas/database';
import { PlacementAbroadModule } from '#lintas/placement';
import { PlacementModule, RecruiterModule } from '#lintas/pre-placement';
import { QueueModule, QueueWorkerModule } from '#lintas/queue';
import { RegistryModule } from '#lintas/registry';
import { lintasDataSourceOptions } from '../../../migrations/data-source.js';

/** The worker process: the outbox relay, queue processors and (soon) sweeps. No GraphQL, no HTTP API. */
@Module({
  imports: [
    ConfigModule,
    LoggingModule.forRoot('worker'),
    TypeOrmModule.forRootAsync({ inject: [LintasConfig], useFactory: lintasDataSourceOptions }),
    DatabaseModule,
    AuditModule,
    QueueModule,
    AccessModule,
    RegistryModule,
    RecruiterModule,
    PlacementModule,
    PlacementAbroadModule,
    QueueWorkerModule,
  ],
})
export class WorkerModule {}
