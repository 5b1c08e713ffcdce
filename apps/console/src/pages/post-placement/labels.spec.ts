import { badgeClass, codesOf, label } from '../../labels/names';
import { referralTone, repatriationTone, REFERRAL_STATUSES, REPATRIATION_REASONS, SERVICES } from './labels';

describe('post-placement labels', () => {
  it('names a code in the officer language, and an unknown code as it is', () => {
    expect(label(SERVICES, 'PSYCHOSOCIAL', 'id')).toBe('Dukungan psikososial');
    expect(label(SERVICES, 'PSYCHOSOCIAL', 'en')).toBe('Psychosocial support');
    expect(label(REPATRIATION_REASONS, 'TRAFFICKING', 'id')).toBe('Tindak pidana perdagangan orang (TPPO)');
    expect(label(REFERRAL_STATUSES, 'SPACE_TRAVEL', 'id')).toBe('SPACE_TRAVEL');
    expect(label(REFERRAL_STATUSES, 'constructor', 'en')).toBe('constructor');
  });

  it('offers the codes in the order written', () => {
    expect(codesOf(REFERRAL_STATUSES)).toEqual([
      'REFERRED',
      'ACCEPTED',
      'IN_PROGRESS',
      'COMPLETED',
      'DECLINED',
    ]);
    expect(codesOf(SERVICES)).toHaveLength(7);
  });

  it('colours statuses by what they mean', () => {
    expect(badgeClass(repatriationTone('IN_TRANSIT'))).toBe('badge badge-warning');
    expect(badgeClass(repatriationTone('COMPLETED'))).toBe('badge badge-ok');
    expect(badgeClass(repatriationTone('CANCELLED'))).toBe('badge');
    expect(badgeClass(referralTone('DECLINED'))).toBe('badge badge-danger');
    expect(badgeClass(referralTone('ACCEPTED'))).toBe('badge badge-warning');
  });
});
