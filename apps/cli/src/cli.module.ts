import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AccessModule } from '#lintas/access';
import { AuditModule } from '#lintas/audit';
import { ConfigModule, LintasConfig, LoggingModule } from '#lintas/core';
import { DatabaseModule } from '#lintas/database';
import { lintasDataSourceOptions } from '../../../migrations/data-source.js';

@Module({
  imports: [
    ConfigModule,
    LoggingModule.forRoot('cli'),
    TypeOrmModule.forRootAsync({ inject: [LintasConfig], useFactory: lintasDataSourceOptions }),
    DatabaseModule,
    AuditModule,
    AccessModule,
  ],
})
export class CliModule {}
