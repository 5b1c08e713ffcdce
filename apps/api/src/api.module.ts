import { ApolloDriver, type ApolloDriverConfig } from '@nestjs/apollo';
import { Module } from '@nestjs/common';
import { APP_GUARD, APP_PIPE } from '@nestjs/core';
import { GraphQLModule, GraphQLSchemaHost } from '@nestjs/graphql';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AccessGraphqlModule, AccessGuard, AccessModule, type AccessContext } from '#lintas/access';
import { AlertGraphqlModule } from '#lintas/alerts';
import { AuditModule } from '#lintas/audit';
import {
  APP_LOGGER,
  complexityLimitPlugin,
  ConfigModule,
  createErrorFormatter,
  GraphqlValidationPipe,
  LintasConfig,
  LoggingModule,
  StrictDateTime,
  type LoaderContext,
} from '#lintas/core';
import { DatabaseModule } from '#lintas/database';
import { PlacementAbroadGraphqlModule } from '#lintas/placement';
import { PlacementGraphqlModule, RecruiterGraphqlModule } from '#lintas/pre-placement';
import { QueueModule } from '#lintas/queue';
import { RegistryGraphqlModule } from '#lintas/registry';
import type { FastifyRequest } from 'fastify';
import type { Logger } from 'pino';
import { lintasDataSourceOptions } from '../../../migrations/data-source.js';
import { HealthController } from './health.controller.js';

function header(request: FastifyRequest, name: string): string | undefined {
  const value = request.headers[name];
  return Array.isArray(value) ? value[0] : value;
}

@Module({
  imports: [
    ConfigModule,
    LoggingModule.forRoot('api'),
    TypeOrmModule.forRootAsync({ inject: [LintasConfig], useFactory: lintasDataSourceOptions }),
    DatabaseModule,
    AuditModule,
    QueueModule,
    AccessModule,
    GraphQLModule.forRootAsync<ApolloDriverConfig>({
      driver: ApolloDriver,
      inject: [LintasConfig, APP_LOGGER, GraphQLSchemaHost],
      useFactory: (config: LintasConfig, logger: Logger, schemaHost: GraphQLSchemaHost) => ({
        autoSchemaFile: true,
        sortSchema: true,
        // Every Date field and argument is the strict DateTime: an offset is required, never guessed.
        buildSchemaOptions: { scalarsMap: [{ type: Date, scalar: StrictDateTime }] },
        path: '/graphql',
        playground: false,
        introspection: true,
        csrfPrevention: true,
        allowBatchedHttpRequests: false,
        includeStacktraceInErrorResponses: false,
        formatError: createErrorFormatter(logger, config.EXPOSE_ERROR_DETAILS),
        plugins: [complexityLimitPlugin(() => schemaHost.schema)],
        context: (request: FastifyRequest): AccessContext & LoaderContext => ({
          loaders: new Map(),
          credentials: {
            authorization: header(request, 'authorization'),
            apiKey: header(request, 'x-api-key'),
          },
        }),
      }),
    }),
    AccessGraphqlModule,
    RegistryGraphqlModule,
    RecruiterGraphqlModule,
    PlacementGraphqlModule,
    PlacementAbroadGraphqlModule,
    AlertGraphqlModule,
  ],
  controllers: [HealthController],
  providers: [
    { provide: APP_PIPE, useClass: GraphqlValidationPipe },
    { provide: APP_GUARD, useExisting: AccessGuard },
  ],
})
export class ApiModule {}
