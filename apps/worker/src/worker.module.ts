import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AccessModule } from '#lintas/access';
import { AlertDeliveryModule, AlertDetectionModule, AlertSweepModule } from '#lintas/alerts';
import { AuditModule } from '#lintas/audit';
import { ConfigModule, LintasConfig, LoggingModule } from '#lintas/core';
import { DatabaseModule } from '#lintas/database';
import { PlacementAbroadModule } from '#lintas/placement';
import { PlacementModule, RecruiterModule } from '#lintas/pre-placement';
import { QueueModule, QueueWorkerModule } from '#lintas/queue';
import { RegistryModule } from '#lintas/registry';
import { lintasDataSourceOptions } from '../../../migrations/data-source.js';

/** The worker process: the outbox relay, event rules, alert sweeps and deliveries. No GraphQL, no HTTP API. */
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
    AlertDetectionModule,
    AlertDeliveryModule,
    AlertSweepModule,
    QueueWorkerModule,
  ],
})
export class WorkerModule {}
