import { Catch, type ArgumentsHost, type ExceptionFilter } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import { DomainError, RateLimitedError, type ErrorCode } from '../errors/domain-error.js';

/**
 * The HTTP status that says what each domain error code says: for plain HTTP routes, and for the
 * few GraphQL refusals that must also set the status of the response (the operation limits).
 */
export const HTTP_STATUS: Readonly<Record<ErrorCode, number>> = {
  BAD_USER_INPUT: 400,
  UNAUTHENTICATED: 401,
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  CONFLICT: 409,
  PRECONDITION_FAILED: 412,
  RATE_LIMITED: 429,
};

/**
 * Domain errors of a plain HTTP route (not GraphQL: see error-formatter.ts), answered as GraphQL
 * answers them — the same code, message and `fields` — under the HTTP status that says the same.
 * Anything else is left to Nest: masked as a 500.
 */
@Catch(DomainError)
export class HttpDomainErrorFilter implements ExceptionFilter<DomainError> {
  catch(error: DomainError, host: ArgumentsHost): void {
    const reply = host.switchToHttp().getResponse<FastifyReply>();
    if (error.code === 'UNAUTHENTICATED') void reply.header('www-authenticate', 'Bearer');
    if (error instanceof RateLimitedError) void reply.header('retry-after', String(error.retryAfterSeconds));
    void reply
      .code(HTTP_STATUS[error.code])
      .send({ code: error.code, message: error.message, ...error.details });
  }
}
