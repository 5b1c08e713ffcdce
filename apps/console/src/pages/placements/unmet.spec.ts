import { unmetLines } from './unmet';

describe('the unmet conditions of a refused clearance', () => {
  it('names each requirement in the officer language, with its reason', () => {
    const unmet = [
      { kind: 'MEDICAL_FIT', reason: 'not recorded' },
      { kind: 'PASSPORT_VALID', reason: null },
    ];
    expect(unmetLines(unmet, 'id')).toEqual([
      { kind: 'MEDICAL_FIT', label: 'Sertifikat kesehatan', reason: 'not recorded' },
      { kind: 'PASSPORT_VALID', label: 'Paspor berlaku', reason: null },
    ]);
    expect(unmetLines(unmet, 'en').map((line) => line.label)).toEqual([
      'Medical certificate',
      'Valid passport',
    ]);
  });

  it('names a ban, and shows a kind it does not know as it is', () => {
    const lines = unmetLines(
      [
        { kind: 'HARD_STOP', reason: 'moratorium: Kepmenaker 260/2015' },
        { kind: 'SOMETHING_NEW', reason: '  ' },
      ],
      'id',
    );
    expect(lines).toEqual([
      { kind: 'HARD_STOP', label: 'Larangan penempatan', reason: 'moratorium: Kepmenaker 260/2015' },
      { kind: 'SOMETHING_NEW', label: 'SOMETHING_NEW', reason: null },
    ]);
  });

  it('lists a repeated condition once', () => {
    const unmet = [
      { kind: 'WORK_VISA', reason: 'pending' },
      { kind: 'WORK_VISA', reason: 'pending' },
    ];
    expect(unmetLines(unmet, 'id')).toHaveLength(1);
  });
});
