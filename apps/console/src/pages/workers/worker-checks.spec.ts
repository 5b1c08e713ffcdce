import { workers } from './messages';
import {
  checkNik,
  describeProblem,
  encodedBirthDate,
  indexRegions,
  serverProblem,
  type RegionData,
} from './worker-checks';

const DATA: RegionData = {
  provinces: [
    { code: '63', name: 'Kalimantan Selatan' },
    { code: '93', name: 'Papua Selatan' },
    { code: '35', name: 'Jawa Timur' },
  ],
  regencies: [
    { code: '6372', name: 'Kota Banjarbaru', provinceCode: '63' },
    { code: '6303', name: 'Kabupaten Banjar', provinceCode: '63' },
    { code: '9301', name: 'Kabupaten Merauke', provinceCode: '93' },
    { code: '3578', name: 'Kota Surabaya', provinceCode: '35' },
  ],
  legacyRegencyCodes: [{ legacyCode: '9101', regencyCode: '9301', name: 'Kabupaten Merauke' }],
};
const regions = indexRegions(DATA);

/** Siti, of Banjarbaru, born 1 August 1995: 40 is added to a woman's day of birth. */
const SITI = '6372024108950001';

describe('the regions a NIK is checked against', () => {
  it('finds a current regency, and a legacy Papua code as the regency it names today', () => {
    expect(regions.regionOfNik('6372')).toEqual({
      regency: DATA.regencies[0],
      province: DATA.provinces[0],
    });
    expect(regions.regionOfNik('9101')).toEqual({
      regency: DATA.regencies[2],
      province: DATA.provinces[1],
      legacyCode: '9101',
    });
    expect(regions.regionOfNik('9999')).toBeUndefined();
    expect(regions.regionOfNik('63')).toBeUndefined();
  });

  it('groups regencies by province, by code, each by name, leaving out empty groups', () => {
    expect(
      regions.byProvince().map((group) => [group.province.code, group.regencies.map((r) => r.code)]),
    ).toEqual([
      ['35', ['3578']],
      ['63', ['6303', '6372']],
      ['93', ['9301']],
    ]);
    expect(
      regions.byProvince((regency) => regency.provinceCode === '63').map((g) => g.province.code),
    ).toEqual(['63']);
  });
});

describe('checkNik, as the NIK is typed', () => {
  const agreeing = { dateOfBirth: '1995-08-01', sex: 'FEMALE' as const };

  it('accepts a NIK that agrees with the region, the date of birth and the sex', () => {
    expect(checkNik(SITI, agreeing, regions, true)).toEqual({});
    expect(checkNik('9101011501900001', { dateOfBirth: '1990-01-15', sex: 'MALE' }, regions, true)).toEqual(
      {},
    );
  });

  it('waits for a NIK still being typed, until the field is left', () => {
    expect(checkNik('63720241', agreeing, regions, false)).toEqual({});
    expect(checkNik('63720241', agreeing, regions, true)).toEqual({ nik: { key: 'nikLength', count: 8 } });
    expect(checkNik('', agreeing, regions, false)).toEqual({});
    expect(checkNik('', agreeing, regions, true)).toEqual({ nik: { key: 'required' } });
  });

  it('says at once when the NIK has something else than digits, or too many', () => {
    expect(checkNik('6372a2', agreeing, regions, false)).toEqual({ nik: { key: 'nikDigitsOnly' } });
    expect(checkNik(`${SITI}9`, agreeing, regions, false)).toEqual({ nik: { key: 'nikLength', count: 17 } });
  });

  it('names the part of the structure that is wrong', () => {
    expect(checkNik('6372023109950001', agreeing, regions, true).nik).toEqual({ key: 'nikBirthDate' });
    expect(checkNik('6372027113950001', agreeing, regions, true).nik).toEqual({ key: 'nikBirthDate' });
    expect(checkNik('6372004108950001', agreeing, regions, true).nik).toEqual({ key: 'nikDistrict' });
    expect(checkNik('6372024108950000', agreeing, regions, true).nik).toEqual({ key: 'nikSerial' });
  });

  it('refuses a region that is no regency, and leaves the region to the server while the regions load', () => {
    expect(checkNik('9999024108950001', agreeing, regions, true)).toEqual({
      nik: { key: 'nikRegion', code: '9999' },
    });
    expect(checkNik('9999024108950001', agreeing, undefined, true)).toEqual({});
  });

  it('puts a disagreement on the field at fault: the date of birth, or the sex', () => {
    expect(checkNik(SITI, { dateOfBirth: '1995-08-02', sex: 'FEMALE' }, regions, true)).toEqual({
      dateOfBirth: { key: 'birthDateMismatch', encoded: '01-08-95' },
    });
    expect(checkNik(SITI, { dateOfBirth: '1995-08-01', sex: 'MALE' }, regions, true)).toEqual({
      sex: { key: 'sexMismatch', sex: 'FEMALE' },
    });
  });

  it('checks only what was entered: no date, no sex, nothing to disagree with', () => {
    expect(checkNik(SITI, { dateOfBirth: '', sex: '' }, regions, true)).toEqual({});
    expect(checkNik(SITI, { dateOfBirth: '', sex: 'MALE' }, regions, true)).toEqual({
      sex: { key: 'sexMismatch', sex: 'FEMALE' },
    });
  });

  it('reads the encoded birth date as dd-mm-yy', () => {
    expect(encodedBirthDate(SITI)).toBe('01-08-95');
    expect(encodedBirthDate('9101011501900001')).toBe('15-01-90');
  });
});

describe('the API’s field errors, in the console’s words', () => {
  it('maps each NIK rule of the API to its own problem', () => {
    expect(serverProblem('is not a valid NIK (16 digits: region, date of birth, serial)')).toEqual({
      key: 'nikInvalid',
    });
    expect(serverProblem('encodes region 9999, which is not a Kemendagri regency')).toEqual({
      key: 'nikRegion',
      code: '9999',
    });
    expect(serverProblem('does not match the date of birth encoded in the NIK')).toEqual({
      key: 'birthDateDisagrees',
    });
    expect(
      serverProblem('does not match the NIK, which encodes MALE (40 is added to the day of birth for women)'),
    ).toEqual({ key: 'sexMismatch', sex: 'MALE' });
    expect(serverProblem('A worker with this NIK is already registered')).toEqual({ key: 'nikTaken' });
    expect(serverProblem('is outside your jurisdiction')).toEqual({ key: 'outsideJurisdiction' });
    expect(serverProblem('must be 6 to 9 capital letters or digits')).toEqual({ key: 'passportFormat' });
  });

  it('keeps a message it does not know', () => {
    expect(serverProblem('is something new')).toEqual({ key: 'other', message: 'is something new' });
  });

  it('never shows the API’s English in Indonesian, for every NIK rule', () => {
    const english = [
      'is not a valid NIK (16 digits: region, date of birth, serial)',
      'encodes region 9999, which is not a Kemendagri regency',
      'does not match the date of birth encoded in the NIK',
      'does not match the NIK, which encodes FEMALE (40 is added to the day of birth for women)',
      'A worker with this NIK is already registered',
      'is in the future',
      'is not a Kemendagri regency code',
    ];
    for (const message of english) {
      const said = describeProblem(serverProblem(message), workers.id);
      expect({ message, said, english: /\b(the|is|does|not|which)\b/.test(said) }).toEqual({
        message,
        said,
        english: false,
      });
    }
  });

  it('says each problem in both languages, filled in', () => {
    expect(describeProblem({ key: 'sexMismatch', sex: 'FEMALE' }, workers.id)).toBe(
      'Tidak sesuai dengan NIK, yang menandakan perempuan (hari lahir perempuan ditambah 40).',
    );
    expect(describeProblem({ key: 'sexMismatch', sex: 'MALE' }, workers.en)).toBe(
      'Does not match the NIK, which encodes male (40 is added to a woman’s day of birth).',
    );
    expect(describeProblem({ key: 'birthDateMismatch', encoded: '01-08-95' }, workers.id)).toBe(
      'Tidak sesuai dengan tanggal lahir dalam NIK: 01-08-95 (hh-bb-tt).',
    );
    expect(describeProblem({ key: 'nikLength', count: 15 }, workers.id)).toBe(
      'NIK harus 16 digit (sekarang 15).',
    );
    expect(describeProblem({ key: 'nikRegion', code: '9999' }, workers.en)).toBe(
      'Region code 9999 in the NIK is not a Kemendagri regency.',
    );
  });
});
