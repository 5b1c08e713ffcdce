import { GraphQLError } from 'graphql';
import type { Logger } from 'pino';
import { runWithRequestId } from '../context/request-context.js';
import { InvalidInputError } from '../errors/domain-error.js';
import { createErrorFormatter, fieldsFromCoercionMessage } from './error-formatter.js';

describe('fieldsFromCoercionMessage', () => {
  it('names a missing required field of an input object', () => {
    expect(
      fieldsFromCoercionMessage(
        'Variable "$input" got invalid value { fullName: "Siti" }; Field "nik" of required type "String!" was not provided.',
      ),
    ).toEqual([{ path: 'input.nik', message: 'is required (String!)' }]);
  });

  it('names a field of the wrong type', () => {
    expect(
      fieldsFromCoercionMessage(
        'Variable "$input" got invalid value 5 at "input.nik"; String cannot represent a non string value: 5',
      ),
    ).toEqual([{ path: 'input.nik', message: 'String cannot represent a non string value: 5' }]);
  });

  it('writes list positions with dots, as every other path', () => {
    expect(
      fieldsFromCoercionMessage(
        'Variable "$input" got invalid value "x" at "input.recruitmentPermits[0].validFrom"; Expected type "Date".',
      ),
    ).toEqual([{ path: 'input.recruitmentPermits.0.validFrom', message: 'Expected type "Date".' }]);
  });

  it('names a required variable left out or sent as null', () => {
    expect(fieldsFromCoercionMessage('Variable "$id" of required type "ID!" was not provided.')).toEqual([
      { path: 'id', message: 'is required (ID!)' },
    ]);
    expect(
      fieldsFromCoercionMessage(
        'Variable "$input" of non-null type "RegisterWorkerInput!" must not be null.',
      ),
    ).toEqual([{ path: 'input', message: 'must not be null (RegisterWorkerInput!)' }]);
  });

  it('leaves other messages alone', () => {
    expect(fieldsFromCoercionMessage('Cannot query field "nope" on type "Query".')).toBeUndefined();
  });
});

describe('createErrorFormatter', () => {
  const captured: { level: 'error' | 'warn'; object: Record<string, unknown>; message: string }[] = [];
  const logger = {
    error: (object: Record<string, unknown>, message: string) =>
      captured.push({ level: 'error', object, message }),
    warn: (object: Record<string, unknown>, message: string) =>
      captured.push({ level: 'warn', object, message }),
  } as unknown as Logger;
  const formatted = { message: 'relation "x" does not exist', path: ['registerWorker'] };

  beforeEach(() => captured.splice(0));

  it('masks an unexpected error as INTERNAL, and logs it with the request id', () => {
    const format = createErrorFormatter(logger, false);
    const error = new GraphQLError('relation "x" does not exist', {
      originalError: new Error('relation "x" does not exist'),
    });
    const result = runWithRequestId('req-format-01', () => format(formatted, error));
    expect(result).toEqual({
      message: 'Internal error',
      path: ['registerWorker'],
      locations: undefined,
      extensions: { code: 'INTERNAL', requestId: 'req-format-01' },
    });
    expect(captured).toHaveLength(1);
    expect(captured[0]?.object.requestId).toBe('req-format-01');
  });

  it('gives a domain error its own code and details, and logs nothing', () => {
    const format = createErrorFormatter(logger, false);
    const error = new GraphQLError('bad', {
      originalError: InvalidInputError.of('input.nik', 'must be 16 digits'),
    });
    expect(format(formatted, error).extensions).toEqual({
      code: 'BAD_USER_INPUT',
      fields: [{ path: 'input.nik', message: 'must be 16 digits' }],
    });
    expect(captured).toHaveLength(0);
  });

  it('answers SERVICE_UNAVAILABLE, not INTERNAL, when the database cannot be reached', () => {
    const lost = new Error('connect ECONNREFUSED 127.0.0.1:5432');
    const unavailable = (error: unknown): boolean => error === lost;
    const format = createErrorFormatter(logger, false, false, unavailable);
    const error = new GraphQLError(lost.message, { originalError: lost });
    const result = runWithRequestId('req-format-02', () => format(formatted, error));
    expect(result).toEqual({
      message: 'Service temporarily unavailable; try again shortly',
      path: ['registerWorker'],
      locations: undefined,
      extensions: { code: 'SERVICE_UNAVAILABLE', requestId: 'req-format-02' },
    });
    expect(captured).toEqual([
      {
        level: 'warn',
        object: { err: lost, requestId: 'req-format-02', path: ['registerWorker'] },
        message: 'a GraphQL operation refused: the database is unavailable',
      },
    ]);
    const other = new GraphQLError('boom', { originalError: new Error('boom') });
    expect(format(formatted, other).extensions?.code).toBe('INTERNAL');
  });

  it('logs an error that failed several fields once, at its first path', () => {
    const lost = new Error('Connection terminated unexpectedly');
    const fault = new Error('relation "x" does not exist');
    const format = createErrorFormatter(logger, false, false, (error) => error === lost);
    const codes = runWithRequestId('req-format-03', () =>
      [lost, fault].flatMap((original) =>
        [0, 1, 2].map(
          (index) =>
            format(
              { message: original.message, path: ['placements', 'edges', index, 'node', 'worker'] },
              new GraphQLError(original.message, { originalError: original }),
            ).extensions?.code,
        ),
      ),
    );
    expect(codes).toEqual([
      'SERVICE_UNAVAILABLE',
      'SERVICE_UNAVAILABLE',
      'SERVICE_UNAVAILABLE',
      'INTERNAL',
      'INTERNAL',
      'INTERNAL',
    ]);
    expect(captured.map(({ level, object }) => ({ level, err: object.err, path: object.path }))).toEqual([
      { level: 'warn', err: lost, path: ['placements', 'edges', 0, 'node', 'worker'] },
      { level: 'error', err: fault, path: ['placements', 'edges', 0, 'node', 'worker'] },
    ]);
  });

  it('shows the stack of an unexpected error in development only', () => {
    const error = new GraphQLError('boom', { originalError: new Error('boom') });
    expect(createErrorFormatter(logger, true)(formatted, error).extensions).toHaveProperty('stacktrace');
    expect(createErrorFormatter(logger, false)(formatted, error).extensions).not.toHaveProperty('stacktrace');
  });
});
