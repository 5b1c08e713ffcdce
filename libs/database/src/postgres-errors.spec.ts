import { QueryFailedError } from 'typeorm';
import { isDatabaseUnavailable, isUniqueViolation } from './postgres-errors.js';

/** An error as node-postgres gives it for a statement the server refused: a SQLSTATE in `code`. */
function postgresError(code: string, message = 'refused'): Error {
  return Object.assign(new Error(message), { code });
}

/** As Node gives it for a socket: a system error code. */
function socketError(code: string): Error {
  return Object.assign(new Error(`connect ${code} 127.0.0.1:5432`), { code, syscall: 'connect' });
}

function failedQuery(driverError: Error): QueryFailedError {
  return new QueryFailedError('INSERT INTO placement …', [], driverError);
}

describe('isDatabaseUnavailable', () => {
  it('recognises a database that refuses connections, is gone, or cannot be reached', () => {
    expect(isDatabaseUnavailable(socketError('ECONNREFUSED'))).toBe(true);
    expect(isDatabaseUnavailable(socketError('ETIMEDOUT'))).toBe(true);
    expect(isDatabaseUnavailable(failedQuery(socketError('ECONNRESET')))).toBe(true);
  });

  it('recognises node-postgres saying in words that a connection was lost or could not be had', () => {
    expect(isDatabaseUnavailable(failedQuery(new Error('Connection terminated unexpectedly')))).toBe(true);
    expect(isDatabaseUnavailable(new Error('Connection terminated due to connection timeout'))).toBe(true);
    expect(isDatabaseUnavailable(new Error('timeout exceeded when trying to connect'))).toBe(true);
    expect(
      isDatabaseUnavailable(new Error('Client has encountered a connection error and is not queryable')),
    ).toBe(true);
  });

  it('recognises PostgreSQL shutting down, crashed, starting, or out of connection slots', () => {
    for (const code of ['57P01', '57P02', '57P03', '53300', '08006', '08001']) {
      expect(isDatabaseUnavailable(failedQuery(postgresError(code)))).toBe(true);
    }
  });

  it('looks into causes and into the errors of every address tried', () => {
    const everyAddress = new AggregateError([socketError('ECONNREFUSED'), socketError('ECONNREFUSED')]);
    expect(isDatabaseUnavailable(everyAddress)).toBe(true);
    // The refusal is not the last error, nor the first link: the search goes on past an error
    // with no cause of its own.
    expect(isDatabaseUnavailable(new AggregateError([socketError('ECONNREFUSED'), new Error('x')]))).toBe(
      true,
    );
    expect(
      isDatabaseUnavailable(Object.assign(new Error('failed'), { driverError: socketError('ECONNRESET') })),
    ).toBe(true);
    expect(isDatabaseUnavailable(new Error('could not begin', { cause: socketError('EPIPE') }))).toBe(true);
  });

  it('leaves the statement’s own faults and everything else alone', () => {
    expect(isDatabaseUnavailable(failedQuery(postgresError('23505', 'duplicate key')))).toBe(false);
    expect(isDatabaseUnavailable(failedQuery(postgresError('42601', 'syntax error')))).toBe(false);
    expect(isDatabaseUnavailable(failedQuery(postgresError('08P01', 'protocol violation')))).toBe(false);
    expect(isDatabaseUnavailable(new Error('relation "x" does not exist'))).toBe(false);
    expect(isDatabaseUnavailable('Connection terminated unexpectedly')).toBe(false);
    expect(isDatabaseUnavailable(undefined)).toBe(false);
  });

  it('ends on an error that is its own cause', () => {
    const looped = new Error('looped');
    Object.assign(looped, { cause: looped });
    expect(isDatabaseUnavailable(looped)).toBe(false);
  });
});

describe('isUniqueViolation', () => {
  it('names the constraint a duplicate hit', () => {
    const duplicate = failedQuery(
      Object.assign(postgresError('23505'), { constraint: 'worker_nik_index_key' }),
    );
    expect(isUniqueViolation(duplicate, 'worker_nik_index_key')).toBe(true);
    expect(isUniqueViolation(duplicate, 'placement_one_open_per_worker_key')).toBe(false);
  });
});
