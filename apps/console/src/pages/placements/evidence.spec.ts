import { evidenceProblems, recordableKinds, recordableStatuses, type EvidenceDraft } from './evidence';

const draft = (change: Partial<EvidenceDraft>): EvidenceDraft => ({
  kind: 'MEDICAL_FIT',
  status: 'SATISFIED',
  documentNumber: '445/KES/2026/0001',
  issuer: '',
  issuedOn: '',
  expiresOn: '',
  note: '',
  ...change,
});

describe('requirement evidence', () => {
  it('offers the requirements an officer verifies, not those Lintas decides', () => {
    const kinds = [
      'AGE_MINIMUM',
      'NIK_CONSISTENT',
      'PASSPORT_VALID',
      'MEDICAL_FIT',
      'DESTINATION_OPEN',
    ] as const;
    expect(recordableKinds(kinds, false)).toEqual(['PASSPORT_VALID', 'MEDICAL_FIT']);
    expect(recordableKinds(kinds, true)).toEqual(['NIK_CONSISTENT', 'PASSPORT_VALID', 'MEDICAL_FIT']);
  });

  it('lets only an ADMIN waive, never a passport', () => {
    expect(recordableStatuses('MEDICAL_FIT', false)).not.toContain('WAIVED');
    expect(recordableStatuses('MEDICAL_FIT', true)).toContain('WAIVED');
    expect(recordableStatuses('PASSPORT_VALID', true)).not.toContain('WAIVED');
    expect(recordableStatuses('NIK_CONSISTENT', true)).toEqual(['WAIVED']);
    expect(recordableStatuses('NIK_CONSISTENT', false)).toEqual([]);
  });

  it('accepts a complete finding', () => {
    expect(evidenceProblems(draft({}))).toEqual({});
    expect(evidenceProblems(draft({ status: 'FAILED', documentNumber: '' }))).toEqual({});
  });

  it('asks for the document of a requirement met and the reason of a waiver', () => {
    expect(evidenceProblems(draft({ documentNumber: '  ' }))).toEqual({ documentNumber: 'required' });
    expect(evidenceProblems(draft({ status: 'WAIVED', note: '' }))).toEqual({ note: 'required' });
    expect(evidenceProblems(draft({ kind: '', status: '' }))).toEqual({
      kind: 'required',
      status: 'required',
    });
  });

  it('refuses a document that expires before it was issued', () => {
    expect(evidenceProblems(draft({ issuedOn: '2026-05-01', expiresOn: '2026-04-30' }))).toEqual({
      expiresOn: 'expiresBeforeIssue',
    });
    expect(evidenceProblems(draft({ issuedOn: '2026-05-01', expiresOn: '2026-05-01' }))).toEqual({});
  });
});
