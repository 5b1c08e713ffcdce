import type { ReferralInput, Role, ServiceKind } from '../../gql/graphql';

/** The worker's answer, as the officer records it: nothing is assumed until one is chosen. */
export type ConsentAnswer = '' | 'given' | 'refused';

export interface ReferralDraft {
  service: ServiceKind | '';
  /** Empty: the officer's own agency. */
  agencyId: string;
  consent: ConsentAnswer;
  overrideReason: string;
  note: string;
}

export type ReferralProblem =
  | 'serviceRequired'
  | 'consentRequired'
  /** Without consent, and not a case handler: no referral is made. */
  | 'consentMissing'
  | 'overrideReasonRequired';

export type ReferralCheck =
  | { input: ReferralInput; problems?: undefined }
  | {
      input?: undefined;
      problems: Partial<Record<'service' | 'consent' | 'consentOverrideReason', ReferralProblem>>;
    };

/** Only a case handler may let a referral go ahead without the worker's consent, with the reason. */
export function mayOverrideConsent(roles: readonly Role[]): boolean {
  return roles.includes('CASE_HANDLER');
}

/**
 * The referral to send, or why none is made: the worker's consent is asked explicitly (never
 * assumed), and without it only a case handler's override with a reason lets it go ahead. With
 * consent no override reason is sent (the API refuses one).
 */
export function checkReferral(draft: ReferralDraft, roles: readonly Role[]): ReferralCheck {
  const problems: Partial<Record<'service' | 'consent' | 'consentOverrideReason', ReferralProblem>> = {};
  if (!draft.service) problems.service = 'serviceRequired';
  const reason = draft.overrideReason.trim();
  if (draft.consent === '') problems.consent = 'consentRequired';
  else if (draft.consent === 'refused') {
    if (!mayOverrideConsent(roles)) problems.consent = 'consentMissing';
    else if (!reason) problems.consentOverrideReason = 'overrideReasonRequired';
  }
  if (Object.keys(problems).length > 0 || !draft.service) return { problems };
  const input: ReferralInput = { service: draft.service, consentGiven: draft.consent === 'given' };
  if (draft.agencyId) input.agencyId = draft.agencyId;
  if (draft.consent === 'refused') input.consentOverrideReason = reason;
  if (draft.note.trim()) input.note = draft.note.trim();
  return { input };
}
