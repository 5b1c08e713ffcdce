import type { GraphQLFormattedError } from 'graphql';
import { GraphQLError } from 'graphql';
import type { Logger } from 'pino';
import { currentRequestId } from '../context/request-context.js';
import { DomainError, type FieldError } from '../errors/domain-error.js';
import { SERVICE_UNAVAILABLE_MESSAGE } from '../errors/service-unavailable.js';

/** Codes GraphQL itself gives to a request the client got wrong; they pass through unchanged. */
const CLIENT_ERROR_CODES = new Set([
  'GRAPHQL_PARSE_FAILED',
  'GRAPHQL_VALIDATION_FAILED',
  'BAD_USER_INPUT',
  'PERSISTED_QUERY_NOT_FOUND',
  'PERSISTED_QUERY_NOT_SUPPORTED',
  'OPERATION_RESOLUTION_FAILURE',
  'BAD_REQUEST',
]);

/** graphql-js ends a message about a name it does not know with the names it does: the schema. */
const SUGGESTION = / ?Did you mean .+\?$/;

/**
 * The one place where errors become `extensions.code`. Domain errors carry their code; errors
 * GraphQL raised about the request stay as they are (less their "Did you mean …?" where the schema
 * is hidden); an error that `isUnavailable` recognises — the database down, restarting or out of
 * reach — is SERVICE_UNAVAILABLE, which a client may retry; everything else is masked as INTERNAL.
 * Both of the last two are logged with the request id, so no stack trace or SQL ever reaches a
 * client outside development. This is their only log line: Nest's own handler, which would log
 * each again as an error, is kept out of GraphQL (ApiExceptionFilter); and an error that failed
 * several fields at once (one DataLoader batch for a whole page) is logged once, at its first path.
 *
 * SERVICE_UNAVAILABLE does not promise that nothing changed: when the connection is lost while a
 * mutation commits, its outcome is unknown to Lintas too. Repeated after it took effect, a mutation
 * that takes a `version` answers CONFLICT, and so does a registration (one worker per NIK, one
 * open placement per worker); for the others, a read tells whether it did.
 */
export function createErrorFormatter(
  logger: Logger,
  exposeInternals: boolean,
  hideSchema = false,
  isUnavailable: (error: unknown) => boolean = () => false,
) {
  const logged = new WeakSet<object>();
  const firstReport = (original: unknown): boolean => {
    if (typeof original !== 'object' || original === null) return true;
    if (logged.has(original)) return false;
    logged.add(original);
    return true;
  };
  return (formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError => {
    const original = error instanceof GraphQLError ? (error.originalError ?? error) : error;
    if (original instanceof DomainError) {
      return {
        message: original.message,
        path: formatted.path,
        locations: formatted.locations,
        extensions: { code: original.code, ...original.details },
      };
    }
    if (isUnavailable(original)) {
      const requestId = currentRequestId();
      // A warning: the client got the right answer; what needs attention is the outage, which /ready reports.
      if (firstReport(original)) {
        logger.warn(
          { err: original, requestId, path: formatted.path },
          'a GraphQL operation refused: the database is unavailable',
        );
      }
      return {
        message: SERVICE_UNAVAILABLE_MESSAGE,
        path: formatted.path,
        locations: formatted.locations,
        extensions: { code: 'SERVICE_UNAVAILABLE', requestId },
      };
    }
    const code = formatted.extensions?.code;
    if (typeof code === 'string' && CLIENT_ERROR_CODES.has(code) && original instanceof GraphQLError) {
      const message = hideSchema ? withoutSuggestions(formatted.message) : formatted.message;
      const fields = fieldsFromCoercionMessage(message);
      return {
        message,
        locations: formatted.locations,
        path: formatted.path,
        extensions: {
          code: code === 'GRAPHQL_VALIDATION_FAILED' ? code : 'BAD_USER_INPUT',
          ...(fields && { fields }),
        },
      };
    }
    const requestId = currentRequestId();
    if (firstReport(original)) {
      logger.error(
        { err: original, requestId, path: formatted.path },
        'unexpected error in a GraphQL operation',
      );
    }
    return {
      message: exposeInternals && original instanceof Error ? original.message : 'Internal error',
      path: formatted.path,
      locations: formatted.locations,
      extensions: {
        code: 'INTERNAL',
        requestId,
        ...(exposeInternals && original instanceof Error && { stacktrace: original.stack?.split('\n') }),
      },
    };
  };
}

/** A message less graphql-js's "Did you mean …?", which names fields, types and enum values. */
export function withoutSuggestions(message: string): string {
  return message.replace(SUGGESTION, '');
}

/**
 * graphql-js reports a bad variable only in prose. Integrators need the field, so the shapes it
 * uses are read back into `fields`: `Variable "$input" got invalid value … at "input.nik"; …`,
 * `Variable "$input" got invalid value …; Field "nik" of required type "String!" was not provided.`
 * and, for the variable itself, `Variable "$id" of required type "ID!" was not provided.`
 */
export function fieldsFromCoercionMessage(message: string): FieldError[] | undefined {
  const whole =
    /^Variable "\$(\w+)" of (?:required|non-null) type "([^"]+)" (was not provided|must not be null)\.$/.exec(
      message,
    );
  if (whole?.[1]) {
    return [
      {
        path: whole[1],
        message: `${whole[3] === 'must not be null' ? 'must not be null' : 'is required'} (${whole[2]})`,
      },
    ];
  }
  const variable = /^Variable "\$([\w]+)" got invalid value/.exec(message)?.[1];
  if (!variable) return undefined;
  const at = / at "([\w.[\]]+)"; (.*)$/.exec(message);
  // graphql-js writes list positions as [0]; the rest of Lintas writes paths with dots throughout.
  if (at?.[1] && at[2]) return [{ path: at[1].replace(/\[(\d+)\]/g, '.$1'), message: at[2] }];
  const missing = /; Field "(\w+)" of required type "([^"]+)" was not provided\.$/.exec(message);
  if (missing?.[1]) {
    return [{ path: `${variable}.${missing[1]}`, message: `is required (${missing[2]})` }];
  }
  const reason = /; (.*)$/.exec(message)?.[1] ?? 'is invalid';
  return [{ path: variable, message: reason }];
}
