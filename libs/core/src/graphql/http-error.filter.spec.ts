import type { ArgumentsHost } from '@nestjs/common';
import { InvalidInputError, UnauthenticatedError, type DomainError } from '../errors/domain-error.js';
import { HttpDomainErrorFilter } from './http-error.filter.js';

interface Answer {
  status?: number;
  headers: Record<string, string>;
  body?: unknown;
}

function answer(error: DomainError): Answer {
  const sent: Answer = { headers: {} };
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
  const host = { switchToHttp: () => ({ getResponse: () => reply }) } as unknown as ArgumentsHost;
  new HttpDomainErrorFilter().catch(error, host);
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
