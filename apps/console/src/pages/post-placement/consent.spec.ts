import { checkReferral, mayOverrideConsent, type ReferralDraft } from './consent';

const draft: ReferralDraft = {
  service: 'PSYCHOSOCIAL',
  agencyId: '',
  consent: 'given',
  overrideReason: '',
  note: '',
};

describe('a referral and the worker consent', () => {
  it('is sent with the consent recorded', () => {
    expect(checkReferral(draft, ['OFFICER'])).toEqual({
      input: { service: 'PSYCHOSOCIAL', consentGiven: true },
    });
  });

  it('is never sent before the consent is asked', () => {
    expect(checkReferral({ ...draft, consent: '' }, ['CASE_HANDLER'])).toEqual({
      problems: { consent: 'consentRequired' },
    });
  });

  it('is not made without consent by an officer who may not override it', () => {
    expect(
      checkReferral({ ...draft, consent: 'refused', overrideReason: 'in danger' }, ['OFFICER', 'ADMIN']),
    ).toEqual({ problems: { consent: 'consentMissing' } });
  });

  it('goes ahead without consent only on a case handler reason', () => {
    expect(checkReferral({ ...draft, consent: 'refused', overrideReason: '  ' }, ['CASE_HANDLER'])).toEqual({
      problems: { consentOverrideReason: 'overrideReasonRequired' },
    });
    expect(
      checkReferral({ ...draft, consent: 'refused', overrideReason: ' Korban TPPO, perlu perlindungan ' }, [
        'CASE_HANDLER',
      ]),
    ).toEqual({
      input: {
        service: 'PSYCHOSOCIAL',
        consentGiven: false,
        consentOverrideReason: 'Korban TPPO, perlu perlindungan',
      },
    });
  });

  it('sends no override reason with consent, and the agency and note when given', () => {
    expect(
      checkReferral({ ...draft, overrideReason: 'left over', agencyId: 'a-1', note: ' call first ' }, [
        'CASE_HANDLER',
      ]),
    ).toEqual({
      input: { service: 'PSYCHOSOCIAL', consentGiven: true, agencyId: 'a-1', note: 'call first' },
    });
  });

  it('needs a service', () => {
    expect(checkReferral({ ...draft, service: '' }, ['OFFICER'])).toEqual({
      problems: { service: 'serviceRequired' },
    });
  });

  it('lets only a case handler override', () => {
    expect(mayOverrideConsent(['CASE_HANDLER'])).toBe(true);
    expect(mayOverrideConsent(['ADMIN', 'OFFICER'])).toBe(false);
  });
});
