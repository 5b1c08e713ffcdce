import {
  badgeClass,
  codesOf,
  countryName,
  label,
  referralTone,
  repatriationTone,
  REFERRAL_STATUSES,
  REPATRIATION_REASONS,
  SERVICES,
} from './labels';

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

  it('names a destination country, and keeps a code it cannot name', () => {
    expect(countryName('SA', 'en')).toBe('Saudi Arabia');
    expect(countryName('MY', 'id')).toBe('Malaysia');
    expect(countryName('not a code', 'id')).toBe('not a code');
  });
});
