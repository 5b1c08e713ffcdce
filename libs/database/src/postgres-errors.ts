import { QueryFailedError } from 'typeorm';

/** True when `error` is PostgreSQL's unique violation on the named constraint. */
export function isUniqueViolation(error: unknown, constraint: string): boolean {
  if (!(error instanceof QueryFailedError)) return false;
  const driverError = error.driverError as { code?: string; constraint?: string };
  return driverError.code === '23505' && driverError.constraint === constraint;
}

/**
 * SQLSTATEs that say PostgreSQL cannot serve just now, whatever was asked: the connection failed
 * (class 08, less 08P01: a protocol violation is a fault, not an outage), the server is shutting
 * down, crashed or is still starting (57P01, 57P02, 57P03), or it has no connection slot left
 * (53300).
 */
const UNAVAILABLE_STATE = /^(0800[0-7]|57P0[123]|53300)$/;

/** Node's codes for a socket that could not reach its peer, or lost it. */
const UNREACHABLE = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ECONNABORTED',
  'EPIPE',
  'ETIMEDOUT',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'ENOTFOUND',
  'EAI_AGAIN',
]);

/**
 * node-postgres says a connection was lost, or none could be had in time, only in words: the
 * server went away mid-statement, a connection attempt or the wait for a pooled connection ran
 * out (see CONNECT_TIMEOUT_MS), or a connection that failed before was used again.
 */
const LOST_CONNECTION =
  /^(Connection terminated|timeout exceeded when trying to connect|Client has encountered a connection error and is not queryable|Client was closed and is not queryable)/;

/**
 * True when `error` says the database could not be reached or was lost — down, restarting, out
 * of connections, or beyond a broken network — rather than that the statement was wrong: asked
 * again a little later, the same operation may well succeed. Looks through TypeORM's
 * QueryFailedError (`driverError`), `cause` and Node's AggregateError (one error per address).
 */
export function isDatabaseUnavailable(error: unknown): boolean {
  const seen = new Set<unknown>();
  const pending = [error];
  while (pending.length > 0) {
    const next = pending.pop();
    if (typeof next !== 'object' || next === null || seen.has(next)) continue;
    seen.add(next);
    const { code, message, driverError, cause, errors } = next as {
      code?: unknown;
      message?: unknown;
      driverError?: unknown;
      cause?: unknown;
      errors?: unknown;
    };
    if (typeof code === 'string' && (UNAVAILABLE_STATE.test(code) || UNREACHABLE.has(code))) return true;
    if (typeof message === 'string' && LOST_CONNECTION.test(message)) return true;
    pending.push(driverError, cause, ...(Array.isArray(errors) ? (errors as unknown[]) : []));
  }
  return false;
}
