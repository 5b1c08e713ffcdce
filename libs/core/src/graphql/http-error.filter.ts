import {
  Catch,
  HttpException,
  type ArgumentsHost,
  type ExceptionFilter,
  type HttpServer,
} from '@nestjs/common';
import { BaseExceptionFilter } from '@nestjs/core';
import type { FastifyReply } from 'fastify';
import type { Logger } from 'pino';
import { currentRequestId } from '../context/request-context.js';
import { DomainError, RateLimitedError, type ErrorCode } from '../errors/domain-error.js';
import {
  SERVICE_UNAVAILABLE_MESSAGE,
  SERVICE_UNAVAILABLE_RETRY_AFTER_SECONDS,
} from '../errors/service-unavailable.js';

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
 * Anything else is left to the API's ApiExceptionFilter.
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

/**
 * The API's last word on every exception Nest catches (APP_FILTER), so that each failure is
 * answered clearly and logged once, at the level it deserves, with the request id.
 *
 * In a GraphQL operation the exception is thrown on as it is: the error formatter answers and logs
 * it. Left to Nest, its handler for GraphQL would log every one again, as an error without the
 * error's fields — the database being down as well as a genuine fault.
 *
 * On a plain HTTP route: a domain error is answered as HttpDomainErrorFilter answers it; the
 * database down or out of reach (`isUnavailable`) as 503 SERVICE_UNAVAILABLE with Retry-After,
 * logged as a warning, since the outage is what needs attention and /ready reports it; Nest's own
 * HTTP exceptions (/ready's 503) as Nest answers them; anything else as 500 INTERNAL with the
 * request id to quote, logged as an error.
 */
@Catch()
export class ApiExceptionFilter implements ExceptionFilter {
  private readonly domainErrors = new HttpDomainErrorFilter();
  private readonly nest: BaseExceptionFilter;

  constructor(
    private readonly logger: Logger,
    private readonly isUnavailable: (error: unknown) => boolean,
    httpAdapter: HttpServer,
  ) {
    this.nest = new BaseExceptionFilter(httpAdapter);
  }

  catch(exception: unknown, host: ArgumentsHost): void {
    if (host.getType() !== 'http') throw exception;
    if (exception instanceof DomainError) return this.domainErrors.catch(exception, host);
    if (exception instanceof HttpException) return this.nest.catch(exception, host);
    const reply = host.switchToHttp().getResponse<FastifyReply>();
    const requestId = currentRequestId();
    if (this.isUnavailable(exception)) {
      this.logger.warn({ err: exception, requestId }, 'an HTTP request refused: the database is unavailable');
      // A report already streaming has its status sent: the client sees the body cut short.
      if (reply.sent) return;
      void reply
        .code(503)
        .header('retry-after', String(SERVICE_UNAVAILABLE_RETRY_AFTER_SECONDS))
        .send({ code: 'SERVICE_UNAVAILABLE', message: SERVICE_UNAVAILABLE_MESSAGE, requestId });
      return;
    }
    this.logger.error({ err: exception, requestId }, 'unexpected error in an HTTP request');
    if (reply.sent) return;
    void reply.code(500).send({ code: 'INTERNAL', message: 'Internal error', requestId });
  }
}
