import { canHandleAlerts, noteProblem } from './handling';

describe('canHandleAlerts', () => {
  it('lets officers, labour officers, case handlers and admins handle alerts, not auditors or partners', () => {
    expect(canHandleAlerts({ roles: ['CASE_HANDLER'] })).toBe(true);
    expect(canHandleAlerts({ roles: ['AUDITOR', 'LABOUR_OFFICER'] })).toBe(true);
    expect(canHandleAlerts({ roles: ['AUDITOR'] })).toBe(false);
    expect(canHandleAlerts({ roles: ['PARTNER'] })).toBe(false);
    expect(canHandleAlerts(undefined)).toBe(false);
  });
});

describe('noteProblem', () => {
  it('requires a note, at most 2000 characters once trimmed', () => {
    expect(noteProblem('')).toBe('noteRequired');
    expect(noteProblem('   \n')).toBe('noteRequired');
    expect(noteProblem('Pekerja sudah dihubungi KBRI Riyadh.')).toBeUndefined();
    expect(noteProblem(` ${'a'.repeat(2000)} `)).toBeUndefined();
    expect(noteProblem('a'.repeat(2001))).toBe('noteTooLong');
  });
});
