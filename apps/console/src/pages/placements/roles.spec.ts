import { isOfficer } from './roles';

describe('who changes a placement as its officer', () => {
  it('is an officer or an administrator', () => {
    expect(isOfficer(['OFFICER'])).toBe(true);
    expect(isOfficer(['AUDITOR', 'ADMIN'])).toBe(true);
  });

  it('is not a partner, a case handler nor an auditor', () => {
    expect(isOfficer(['PARTNER', 'CASE_HANDLER', 'AUDITOR'])).toBe(false);
    expect(isOfficer([])).toBe(false);
  });
});
