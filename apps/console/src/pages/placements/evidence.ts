import type { RequirementKind, RequirementStatus } from '../../gql/graphql';

/** Decided by Lintas from data (age, NIK, recruiter, permit, destination): an officer does not record them. */
const EVALUATED_BY_LINTAS = new Set<string>([
  'AGE_MINIMUM',
  'NIK_CONSISTENT',
  'LICENSED_RECRUITER',
  'RECRUITMENT_PERMIT',
  'DESTINATION_OPEN',
]);

/** A NIK naming another regency (the worker moved) is the one Lintas check an ADMIN may waive. */
const WAIVABLE_BY_ADMIN = new Set<string>(['NIK_CONSISTENT']);

/** Only the document and its dates are read: a passport is never waived. */
const UNWAIVABLE = new Set<string>(['PASSPORT_VALID']);

/** The requirements of a checklist an officer may record evidence for; an ADMIN may also waive the NIK check. */
export function recordableKinds(kinds: readonly RequirementKind[], admin: boolean): RequirementKind[] {
  return kinds.filter((kind) => !EVALUATED_BY_LINTAS.has(kind) || (admin && WAIVABLE_BY_ADMIN.has(kind)));
}

/** The findings an officer may record for a requirement: WAIVED by an ADMIN only, never for a passport; a Lintas check only waived. */
export function recordableStatuses(kind: RequirementKind | '', admin: boolean): RequirementStatus[] {
  if (kind !== '' && EVALUATED_BY_LINTAS.has(kind)) return admin ? ['WAIVED'] : [];
  const statuses: RequirementStatus[] = ['SATISFIED', 'FAILED', 'PENDING'];
  return admin && !UNWAIVABLE.has(kind) ? [...statuses, 'WAIVED'] : statuses;
}

/** What the evidence form holds: empty text is "not given". */
export interface EvidenceDraft {
  kind: RequirementKind | '';
  status: RequirementStatus | '';
  documentNumber: string;
  issuer: string;
  issuedOn: string;
  expiresOn: string;
  note: string;
}

export type EvidenceProblem = 'required' | 'expiresBeforeIssue';

/**
 * The checks the API makes, made before asking it (the officer on a slow link learns at once): a
 * requirement met names its document, a waiver its reason, a document does not expire before it
 * was issued. The API checks again; its refusals are shown on the same fields.
 */
export function evidenceProblems(
  draft: EvidenceDraft,
): Partial<Record<keyof EvidenceDraft, EvidenceProblem>> {
  const problems: Partial<Record<keyof EvidenceDraft, EvidenceProblem>> = {};
  if (!draft.kind) problems.kind = 'required';
  if (!draft.status) problems.status = 'required';
  if (draft.status === 'SATISFIED' && !draft.documentNumber.trim()) problems.documentNumber = 'required';
  if (draft.status === 'WAIVED' && !draft.note.trim()) problems.note = 'required';
  if (draft.issuedOn && draft.expiresOn && draft.expiresOn < draft.issuedOn)
    problems.expiresOn = 'expiresBeforeIssue';
  return problems;
}
