import { HttpException, HttpStatus, type ArgumentsHost, type HttpServer } from '@nestjs/common';
import type { Logger } from 'pino';
import { runWithRequestId } from '../context/request-context.js';
import { InvalidInputError, UnauthenticatedError, type DomainError } from '../errors/domain-error.js';
import { ApiExceptionFilter, HttpDomainErrorFilter } from './http-error.filter.js';

interface Answer {
  status?: number;
  headers: Record<string, string>;
  body?: unknown;
}

function replyTo(sent: Answer) {
  const reply = {
    header(name: string, value: string) {
      sent.headers[name] = value;
      return reply;
    },
    code(status: number) {
      sent.status = status;
      return reply;
    },
    send(body: unknown) {
      sent.body = body;
      return reply;
    },
  };
  return reply;
}

function httpHost(sent: Answer, type = 'http'): ArgumentsHost {
  const reply = replyTo(sent);
  return {
    getType: () => type,
    getArgByIndex: (index: number) => (index === 1 ? reply : undefined),
    switchToHttp: () => ({ getResponse: () => reply }),
  } as unknown as ArgumentsHost;
}

function answer(error: DomainError): Answer {
  const sent: Answer = { headers: {} };
  new HttpDomainErrorFilter().catch(error, httpHost(sent));
  return sent;
}

describe('HttpDomainErrorFilter', () => {
  it('answers bad input as 400 with the fields GraphQL would name', () => {
    expect(answer(InvalidInputError.of('to', 'is before from (2024-07-01)'))).toEqual({
      status: 400,
      headers: {},
      body: {
        code: 'BAD_USER_INPUT',
        message: 'to: is before from (2024-07-01)',
        fields: [{ path: 'to', message: 'is before from (2024-07-01)' }],
      },
    });
  });

  it('asks for a bearer token when the caller is not authenticated', () => {
    expect(answer(new UnauthenticatedError())).toEqual({
      status: 401,
      headers: { 'www-authenticate': 'Bearer' },
      body: { code: 'UNAUTHENTICATED', message: 'Authentication required' },
    });
  });
});

describe('ApiExceptionFilter', () => {
  const logged: { level: string; object: Record<string, unknown>; message: string }[] = [];
  const logger = {
    error: (object: Record<string, unknown>, message: string) =>
      logged.push({ level: 'error', object, message }),
    warn: (object: Record<string, unknown>, message: string) =>
      logged.push({ level: 'warn', object, message }),
  } as unknown as Logger;
  const lost = Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:5432'), { code: 'ECONNREFUSED' });
  // What Nest's own handling of an HttpException asks of the adapter.
  const adapter = {
    isHeadersSent: () => false,
    reply: (reply: ReturnType<typeof replyTo>, body: unknown, status: number) =>
      reply.code(status).send(body),
  } as unknown as HttpServer;
  const filter = new ApiExceptionFilter(logger, (error) => error === lost, adapter);

  const caught = (error: unknown): { sent: Answer; logged: typeof logged } => {
    logged.splice(0);
    const sent: Answer = { headers: {} };
    runWithRequestId('req-http-0001', () => filter.catch(error, httpHost(sent)));
    return { sent, logged: [...logged] };
  };

  it('throws a GraphQL operation’s error on as it is, and logs nothing: the error formatter answers it', () => {
    logged.splice(0);
    const sent: Answer = { headers: {} };
    for (const error of [lost, new Error('relation "x" does not exist')]) {
      expect(() => filter.catch(error, httpHost(sent, 'graphql'))).toThrow(error);
    }
    expect({ sent, logged }).toEqual({ sent: { headers: {} }, logged: [] });
  });

  it('answers a route 503 SERVICE_UNAVAILABLE with Retry-After while the database is away, as a warning', () => {
    expect(caught(lost)).toEqual({
      sent: {
        status: 503,
        headers: { 'retry-after': '5' },
        body: {
          code: 'SERVICE_UNAVAILABLE',
          message: 'Service temporarily unavailable; try again shortly',
          requestId: 'req-http-0001',
        },
      },
      logged: [
        {
          level: 'warn',
          object: { err: lost, requestId: 'req-http-0001' },
          message: 'an HTTP request refused: the database is unavailable',
        },
      ],
    });
  });

  it('answers anything unexpected 500 INTERNAL with the request id, logged once as an error', () => {
    const fault = new Error('relation "x" does not exist');
    expect(caught(fault)).toEqual({
      sent: {
        status: 500,
        headers: {},
        body: { code: 'INTERNAL', message: 'Internal error', requestId: 'req-http-0001' },
      },
      logged: [
        {
          level: 'error',
          object: { err: fault, requestId: 'req-http-0001' },
          message: 'unexpected error in an HTTP request',
        },
      ],
    });
  });

  it('answers a domain error under its status, and an HttpException as Nest does, logging neither', () => {
    expect(caught(new UnauthenticatedError())).toEqual({
      sent: {
        status: 401,
        headers: { 'www-authenticate': 'Bearer' },
        body: { code: 'UNAUTHENTICATED', message: 'Authentication required' },
      },
      logged: [],
    });
    const readiness = { status: 'unavailable', postgres: false, redis: true };
    expect(caught(new HttpException(readiness, HttpStatus.SERVICE_UNAVAILABLE))).toEqual({
      sent: { status: 503, headers: {}, body: readiness },
      logged: [],
    });
  });
});
