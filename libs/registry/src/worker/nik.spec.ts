import { nikDisagreements, parseNik } from './nik.js';

const paths = { nik: 'nik', dateOfBirth: 'dateOfBirth', sex: 'sex' };

describe('parseNik', () => {
  it('reads a woman born on 1 August 1995 in Kota Banjarbaru', () => {
    expect(parseNik('6372024108950001')).toEqual({
      provinceCode: '63',
      regencyCode: '6372',
      districtCode: '02',
      birthDay: 1,
      birthMonth: 8,
      birthYearOfCentury: 95,
      sex: 'FEMALE',
      serial: '0001',
    });
  });

  it('accepts 29 February, since the century may make it a leap year', () => {
    expect(parseNik('6372016902000001')).toMatchObject({ birthDay: 29, birthMonth: 2, sex: 'FEMALE' });
  });

  it('reads a man, whose day is not shifted', () => {
    expect(parseNik('6371011503880012')).toMatchObject({ birthDay: 15, birthMonth: 3, sex: 'MALE' });
  });

  it.each([
    ['15 digits', '637202410895001'],
    ['letters', '63720241089500A1'],
    ['day 00', '6372020008950001'],
    ['day 32 (neither a man nor a woman)', '6372023208950001'],
    ['day 72', '6372027208950001'],
    ['month 13', '6372024113950001'],
    ['serial 0000', '6372024108950000'],
    ['30 February', '6372027002950001'],
    ['31 April', '6372023104950001'],
    ['district 00', '6372004108950001'],
  ])('refuses %s', (_label, nik) => {
    expect(parseNik(nik)).toBeUndefined();
  });
});

describe('nikDisagreements', () => {
  const nik = parseNik('6372024108950001')!;

  it('finds none when date of birth and sex agree', () => {
    expect(nikDisagreements(nik, { dateOfBirth: '1995-08-01', sex: 'FEMALE' }, paths)).toEqual([]);
  });

  it('names the date of birth when the day, month or year disagrees', () => {
    for (const dateOfBirth of ['1995-08-02', '1995-09-01', '1996-08-01']) {
      expect(nikDisagreements(nik, { dateOfBirth, sex: 'FEMALE' }, paths)).toEqual([
        { path: 'dateOfBirth', message: 'does not match the date of birth encoded in the NIK' },
      ]);
    }
  });

  it('accepts any century, which the NIK does not encode', () => {
    expect(nikDisagreements(nik, { dateOfBirth: '1895-08-01', sex: 'FEMALE' }, paths)).toEqual([]);
  });

  it('names the sex when it disagrees with the day', () => {
    expect(nikDisagreements(nik, { dateOfBirth: '1995-08-01', sex: 'MALE' }, paths)).toEqual([
      expect.objectContaining({ path: 'sex' }),
    ]);
  });
});
