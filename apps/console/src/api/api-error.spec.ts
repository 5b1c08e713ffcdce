import { toApiError } from './api-error';

describe('toApiError', () => {
  it('keeps the code, each refused field, and finds a field by its last part', () => {
    const error = toApiError([
      {
        message: 'Invalid input',
        extensions: {
          code: 'BAD_USER_INPUT',
          fields: [{ path: 'input.nik', message: 'must be 16 digits' }, { path: 42 }],
        },
      },
    ]);
    expect(error.code).toBe('BAD_USER_INPUT');
    expect(error.fields).toEqual([{ path: 'input.nik', message: 'must be 16 digits' }]);
    expect(error.fieldMessage('nik')).toBe('must be 16 digits');
    expect(error.fieldMessage('input.nik')).toBe('must be 16 digits');
    expect(error.fieldMessage('sex')).toBeUndefined();
  });

  it('lists the unmet conditions of a refused clearance', () => {
    const error = toApiError([
      {
        message: 'Requirements unmet',
        extensions: {
          code: 'PRECONDITION_FAILED',
          unmet: [
            { kind: 'MEDICAL_FIT', reason: 'not yet verified' },
            { kind: 'WORK_VISA', reason: null },
            'junk',
          ],
        },
      },
    ]);
    expect(error.unmet).toEqual([
      { kind: 'MEDICAL_FIT', reason: 'not yet verified' },
      { kind: 'WORK_VISA', reason: null },
    ]);
  });

  it('says how long a lockout lasts, and calls an error without a code INTERNAL', () => {
    expect(
      toApiError([{ message: 'Locked', extensions: { code: 'RATE_LIMITED', retryAfterSeconds: 840 } }])
        .retryAfterSeconds,
    ).toBe(840);
    const unknown = toApiError([{ message: 'boom' }]);
    expect(unknown.code).toBe('INTERNAL');
    expect(unknown.retryAfterSeconds).toBeUndefined();
  });
});
