import { randomUUID } from 'node:crypto';
import { ApolloDriver, type ApolloDriverConfig } from '@nestjs/apollo';
import { Module } from '@nestjs/common';
import { APP_FILTER, APP_GUARD, APP_PIPE, HttpAdapterHost } from '@nestjs/core';
import { GraphQLModule, GraphQLSchemaHost } from '@nestjs/graphql';
import { TypeOrmModule } from '@nestjs/typeorm';
import {
  AccessGraphqlModule,
  AccessGuard,
  AccessModule,
  Authenticator,
  credentialsOf,
  type AccessContext,
  type Credentials,
  type Principal,
} from '#lintas/access';
import { AlertGraphqlModule } from '#lintas/alerts';
import { AuditModule } from '#lintas/audit';
import {
  acceptedRequestId,
  ApiExceptionFilter,
  APP_LOGGER,
  complexityLimitPlugin,
  ConfigModule,
  createErrorFormatter,
  DomainError,
  GraphqlValidationPipe,
  LintasConfig,
  LoggingModule,
  noStorePlugins,
  operationLimitError,
  runWithRequestId,
  StrictDateTime,
  UnauthenticatedError,
  withoutSuggestions,
  type LoaderContext,
} from '#lintas/core';
import { DatabaseModule, isDatabaseUnavailable } from '#lintas/database';
import { PlacementAbroadGraphqlModule } from '#lintas/placement';
import { PostPlacementGraphqlModule } from '#lintas/post-placement';
import { PlacementGraphqlModule, RecruiterGraphqlModule } from '#lintas/pre-placement';
import { QueueModule } from '#lintas/queue';
import { RegistryGraphqlModule } from '#lintas/registry';
import { ReportsApiModule } from '#lintas/reports';
import type { FastifyRequest } from 'fastify';
import {
  getOperationAST,
  GraphQLError,
  NoSchemaIntrospectionCustomRule,
  OperationTypeNode,
  parse,
  specifiedRules,
  validate,
  type DocumentNode,
  type GraphQLSchema,
  type ValidationRule,
} from 'graphql';
import type { Context as LiveConnection } from 'graphql-ws';
import type { Extra } from 'graphql-ws/use/ws';
import type { Logger } from 'pino';
import { lintasDataSourceOptions } from '../../../migrations/data-source.js';
import { HealthController } from './health.controller.js';

/** A graphql-ws connection carries its credentials in connection_init, as an HTTP request in headers. */
function liveCredentials(params: Record<string, unknown> | undefined): Credentials {
  const text = (value: unknown): string | undefined => (typeof value === 'string' ? value : undefined);
  return { authorization: text(params?.authorization), apiKey: text(params?.['x-api-key']) };
}

/**
 * How a live connection is closed when its credentials cannot be checked because the database is
 * down or out of reach: graphql-ws's codes mirror HTTP statuses (4403 Forbidden), so 4503, Service
 * Unavailable — a client can tell an outage, worth waiting out, from a refusal of its credentials.
 */
const LIVE_CONNECTION_UNAVAILABLE = 4503;

function isLiveConnection(source: FastifyRequest | LiveConnection): source is LiveConnection {
  return 'connectionInitReceived' in source;
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
      inject: [LintasConfig, APP_LOGGER, GraphQLSchemaHost, Authenticator],
      useFactory: (
        config: LintasConfig,
        logger: Logger,
        schemaHost: GraphQLSchemaHost,
        authenticator: Authenticator,
      ) => {
        const formatError = createErrorFormatter(
          logger,
          config.EXPOSE_ERROR_DETAILS,
          config.isProduction,
          isDatabaseUnavailable,
        );
        // Who each live connection is, authenticated once at connection_init.
        const connected = new WeakMap<LiveConnection, Principal>();
        return {
          autoSchemaFile: true,
          sortSchema: true,
          // Every Date field and argument is the strict DateTime: an offset is required, never guessed.
          buildSchemaOptions: { scalarsMap: [{ type: Date, scalar: StrictDateTime }] },
          path: '/graphql',
          // A development machine explores the schema (GraphiQL at GET /graphql); production hides it:
          // no landing page, no introspection, and (formatError) no "Did you mean …?" naming its names.
          graphiql: !config.isProduction,
          introspection: !config.isProduction,
          csrfPrevention: true,
          allowBatchedHttpRequests: false,
          includeStacktraceInErrorResponses: false,
          formatError,
          plugins: [complexityLimitPlugin(() => schemaHost.schema), ...noStorePlugins()],
          subscriptions: {
            'graphql-ws': {
              path: '/graphql',
              // graphql-ws validates live operations itself, without the rules Apollo adds and without
              // formatError: production hides the schema here too, and names nothing the client did not write.
              validate: (
                schema: GraphQLSchema,
                document: DocumentNode,
                rules?: readonly ValidationRule[],
              ) => {
                const errors = validate(schema, document, [
                  ...(rules ?? specifiedRules),
                  ...(config.isProduction ? [NoSchemaIntrospectionCustomRule] : []),
                ]);
                if (config.isProduction) {
                  for (const error of errors) error.message = withoutSuggestions(error.message);
                }
                return errors;
              },
              // No credentials, or wrong ones: the connection is closed (4403) before any subscription;
              // credentials that cannot be checked for the database being away close it with 4503.
              onConnect: async (connection) => {
                const { socket, request } = connection.extra as Extra;
                let principal: Principal | undefined;
                try {
                  principal = await authenticator.authenticate(liveCredentials(connection.connectionParams));
                } catch (error) {
                  if (isDatabaseUnavailable(error)) {
                    // The upgrade request's X-Request-Id, when it sent one, so the client can quote it.
                    const requestId = acceptedRequestId(request.headers['x-request-id']) ?? randomUUID();
                    logger.warn(
                      { err: error, requestId },
                      'live connection refused: the database is unavailable',
                    );
                    // Closed here, with the reason; graphql-ws's own close (4403) after `false` is then a no-op.
                    socket.close(
                      LIVE_CONNECTION_UNAVAILABLE,
                      `SERVICE_UNAVAILABLE: try again shortly (requestId ${requestId})`,
                    );
                    return false;
                  }
                  // A refusal (a wrong token, an API key over its rate) is the client's; anything else is ours.
                  if (!(error instanceof DomainError)) {
                    logger.error({ err: error }, 'live connection: authentication failed');
                  }
                }
                if (!principal) {
                  logger.info('live connection refused: no valid credentials');
                  return false;
                }
                connected.set(connection, principal);
                // Checked again while the stream lasts: an expired token, a deactivated user or a
                // revoked key closes it, as it would refuse an HTTP request.
                const end = (): void => {
                  clearInterval(recheck);
                  socket.close(4403, 'Forbidden');
                };
                const recheck = setInterval(() => {
                  authenticator.authenticate(liveCredentials(connection.connectionParams), 'recheck').then(
                    (fresh) => (fresh ? connected.set(connection, fresh) : end()),
                    (error: unknown) => {
                      if (error instanceof UnauthenticatedError) return end();
                      // The stream goes on meanwhile; the next check tries again.
                      if (isDatabaseUnavailable(error)) {
                        logger.warn(
                          { err: error },
                          'live connection: credentials could not be checked again, the database is unavailable',
                        );
                        return;
                      }
                      logger.error({ err: error }, 'live connection: credentials could not be checked again');
                    },
                  );
                }, config.SUBSCRIPTION_RECHECK_SECONDS * 1000);
                socket.once('close', () => clearInterval(recheck));
                return true;
              },
              // Subscriptions only, held to the same operation limits as over HTTP (depth, cost, aliases,
              // page size), once each.
              onSubscribe: (connection, _id, payload) => {
                let document: DocumentNode;
                try {
                  document = parse(payload.query);
                } catch {
                  // Not GraphQL at all: graphql-ws answers with the syntax error itself.
                  return undefined;
                }
                // graphql-ws would run a query or a mutation too, as the principal fixed at connection_init:
                // no API key rate limit spent, no failed login counted against an address. Those go over HTTP.
                // No single operation to run (several and no operationName): graphql-ws refuses it next.
                const operation = getOperationAST(document, payload.operationName);
                if (operation && operation.operation !== OperationTypeNode.SUBSCRIPTION) {
                  return [
                    new GraphQLError(
                      `Only subscriptions run over a live connection; send the ${operation.operation} over HTTP`,
                      { extensions: { code: 'BAD_USER_INPUT' } },
                    ),
                  ];
                }
                const refused = operationLimitError(
                  schemaHost.schema,
                  document,
                  payload.operationName,
                  payload.variables,
                );
                if (refused) return [refused];
                // Each subscription an API key starts is one of its requests: a stolen key cannot open
                // streams without limit on one socket. (A user's session was checked at connection_init.)
                const credentials = liveCredentials(connection.connectionParams);
                if (!credentials.apiKey) return undefined;
                // A refusal is answered as over HTTP, by formatError: a domain error's code, SERVICE_UNAVAILABLE
                // while the database is away, INTERNAL otherwise, the last two logged with a request id of
                // their own. (Thrown on, graphql-ws would write the error with console.error, past the log's
                // redaction.)
                return authenticator.authenticate(credentials).then(
                  () => undefined,
                  (error: unknown) =>
                    runWithRequestId(undefined, () => {
                      const { message, extensions } = formatError(
                        { message: 'The API key could not be checked' },
                        error,
                      );
                      return [new GraphQLError(message, { extensions })];
                    }),
                );
              },
              // Errors of live operations get the same codes, and the same masking, as over HTTP.
              onNext: (_connection, _id, _payload, _args, result) =>
                result.errors
                  ? { ...result, errors: result.errors.map((error) => formatError(error.toJSON(), error)) }
                  : undefined,
            },
          },
          context: (source: FastifyRequest | LiveConnection): AccessContext & LoaderContext =>
            isLiveConnection(source)
              ? {
                  loaders: new Map(),
                  credentials: liveCredentials(source.connectionParams),
                  authentication: Promise.resolve(connected.get(source)),
                }
              : {
                  loaders: new Map(),
                  // The peer, or the client a trusted proxy names (TRUST_PROXY): failed logins count per address.
                  credentials: { ...credentialsOf(source.headers), address: source.ip },
                },
        };
      },
    }),
    AccessGraphqlModule,
    RegistryGraphqlModule,
    RecruiterGraphqlModule,
    PlacementGraphqlModule,
    PlacementAbroadGraphqlModule,
    PostPlacementGraphqlModule,
    AlertGraphqlModule,
    ReportsApiModule,
  ],
  controllers: [HealthController],
  providers: [
    {
      provide: APP_FILTER,
      inject: [APP_LOGGER, HttpAdapterHost],
      useFactory: (logger: Logger, adapterHost: HttpAdapterHost) =>
        new ApiExceptionFilter(logger, isDatabaseUnavailable, adapterHost.httpAdapter),
    },
    { provide: APP_PIPE, useClass: GraphqlValidationPipe },
    { provide: APP_GUARD, useExisting: AccessGuard },
  ],
})
export class ApiModule {}
