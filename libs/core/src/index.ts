export { Clock } from './clock.js';
export { ConfigModule } from './config/config.module.js';
export { ConfigError, LintasConfig, loadConfig } from './config/lintas-config.js';
export { PiiCipher, PiiCipherError, type BlindIndexKind } from './pii/pii-cipher.js';
export { blindIndexCheck, sealedEnvelopeCheck } from './pii/sealed-checks.js';
export {
  acceptedRequestId,
  currentRequestId,
  enterRequestContext,
  runWithRequestId,
} from './context/request-context.js';
export {
  ConflictError,
  DomainError,
  ForbiddenError,
  InvalidInputError,
  NotFoundError,
  PreconditionFailedError,
  RateLimitedError,
  UnauthenticatedError,
  type ErrorCode,
  type FieldError,
} from './errors/domain-error.js';
export {
  SERVICE_UNAVAILABLE_MESSAGE,
  SERVICE_UNAVAILABLE_RETRY_AFTER_SECONDS,
} from './errors/service-unavailable.js';
export { complexityLimitPlugin, operationLimitError } from './graphql/complexity.plugin.js';
export { noStorePlugins } from './graphql/no-store.plugin.js';
export { createErrorFormatter, withoutSuggestions } from './graphql/error-formatter.js';
export { ApiExceptionFilter, HttpDomainErrorFilter } from './graphql/http-error.filter.js';
export { CountryCode, LocalDate, StrictDateTime, isCalendarDate } from './graphql/scalars.js';
export { requestListLoader, requestLoader, type LoaderContext } from './graphql/request-loaders.js';
export { selectedFields, selectsField } from './graphql/selection.js';
export { IdArgs, IsLintasId, VersionedIdArgs } from './graphql/id.args.js';
export { GraphqlValidationPipe, validInput } from './graphql/validation.pipe.js';
export { createLogger, NestPinoLogger, type LogLevelName } from './logging/logger.js';
export { APP_LOGGER } from './logging/logger.token.js';
export { LoggingModule } from './logging/logging.module.js';
export { redactPii } from './logging/redact.js';
export {
  Connection,
  cursorCodec,
  decodeCursor,
  MAX_PAGE_SIZE,
  PageArgs,
  PageInfo,
  toConnection,
  type ConnectionShape,
  type CursorCodec,
  type KeysetCursor,
} from './pagination/connection.js';
